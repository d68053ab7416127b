package checks

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"sync"

	"github.com/uxaudit/uxaudit/crawler"
)

// Outcome is one check's result over a whole audit.
type Outcome struct {
	Meta Meta
	// Checked counts the pages (or units) judged; Failed those with a
	// finding more severe than Info.
	Checked int
	Failed  int
	// Values holds a numeric check's per-page values.
	Values []PageValue
	// SiteValue is a site-level numeric value, when the check gives one.
	SiteValue *float64
	Findings  []Finding
	// NotApplicable is set when the check could not run at all (for
	// example it needs the browser pass and there was none).
	NotApplicable bool
	Reason        string
	Errors        []string
}

// PageValue is a numeric check's value on one page.
type PageValue struct {
	URL   string  `json:"url"`
	Value float64 `json:"value"`
}

// Runner applies checks to pages as they are crawled and to the site at the
// end. RunPage is safe for concurrent use. A check that fails or panics
// becomes an error on its outcome; the audit goes on.
type Runner struct {
	checks    []Check
	available map[Artifact]bool
	mu        sync.Mutex
	outcomes  map[string]*Outcome
	failed    map[string]map[string]bool // check → pages with findings
	// found holds each check's findings as recorded, one slice a page,
	// joined into its Outcome by Outcomes: a check's findings are not
	// copied again each time their slice grows.
	found map[string][][]Finding
}

// NewRunner prepares the given checks; available lists the artifacts the
// gathering step will provide (ArtifactHTML is implied).
func NewRunner(checks []Check, available ...Artifact) *Runner {
	r := &Runner{
		checks:    checks,
		available: map[Artifact]bool{ArtifactHTML: true},
		outcomes:  make(map[string]*Outcome, len(checks)),
		failed:    make(map[string]map[string]bool, len(checks)),
		found:     make(map[string][][]Finding, len(checks)),
	}
	for _, a := range available {
		r.available[a] = true
	}
	for _, c := range checks {
		m := c.Meta()
		o := &Outcome{Meta: m}
		for _, a := range m.Requires {
			if !r.available[a] {
				o.NotApplicable = true
				o.Reason = fmt.Sprintf("needs the %s artifacts, which this audit did not gather", a)
				if a == ArtifactVitals {
					o.Reason = "needs the browser pass, which this audit did not run (no Chromium, or --no-browser)"
				}
			}
		}
		r.outcomes[m.ID] = o
		r.failed[m.ID] = map[string]bool{}
	}
	return r
}

// RunPage runs the page checks that need only the HTML artifacts on p, as
// the crawl parses it.
func (r *Runner) RunPage(ctx context.Context, p *crawler.Page) {
	r.runPage(ctx, p, false)
}

// RunRendered runs the page checks that need the rendered pass on p, once
// p.Vitals is set.
func (r *Runner) RunRendered(ctx context.Context, p *crawler.Page) {
	if p.Vitals != nil {
		r.runPage(ctx, p, true)
	}
}

func (r *Runner) runPage(ctx context.Context, p *crawler.Page, rendered bool) {
	for _, c := range r.checks {
		pc, ok := c.(PageCheck)
		if !ok || r.outcomes[c.Meta().ID].NotApplicable || needsVitals(c.Meta()) != rendered {
			continue
		}
		res, err := safely(func() (Result, error) { return pc.CheckPage(ctx, p) })
		r.record(pc.Meta(), p.URL, res, err, 1)
	}
}

func needsVitals(m Meta) bool {
	for _, a := range m.Requires {
		if a == ArtifactVitals {
			return true
		}
	}
	return false
}

// RunSite runs every applicable site check on s. Site checks only read the
// site, so they run in parallel.
func (r *Runner) RunSite(ctx context.Context, s *crawler.Site) {
	ctx = context.WithValue(ctx, siteMemoKey{}, new(siteMemo))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, c := range r.checks {
		sc, ok := c.(SiteCheck)
		if !ok || r.outcomes[c.Meta().ID].NotApplicable {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res, err := safely(func() (Result, error) { return sc.CheckSite(ctx, s) })
			r.record(sc.Meta(), "", res, err, res.Checked)
		}()
	}
	wg.Wait()
}

// siteMemo holds what several site checks of one RunSite derive from the
// same site, derived once: it travels in their context.
type siteMemo struct {
	depthsOnce sync.Once
	depths     map[string]int
}

type siteMemoKey struct{}

// clickDepths returns ClickDepths(s), computed once per RunSite (the
// click-depth and orphan-pages checks both read it); callers must not
// change the map.
func clickDepths(ctx context.Context, s *crawler.Site) map[string]int {
	m, ok := ctx.Value(siteMemoKey{}).(*siteMemo)
	if !ok {
		return ClickDepths(s)
	}
	m.depthsOnce.Do(func() { m.depths = ClickDepths(s) })
	return m.depths
}

func safely(f func() (Result, error)) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return f()
}

func (r *Runner) record(m Meta, page string, res Result, err error, checked int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	o := r.outcomes[m.ID]
	if err != nil {
		where := ""
		if page != "" {
			where = " on " + page
		}
		o.Errors = append(o.Errors, fmt.Sprintf("%s%s: %v", m.ID, where, err))
		return
	}
	if res.NotApplicable {
		if page == "" {
			o.NotApplicable, o.Reason = true, res.Reason
		}
		return
	}
	o.Checked += checked
	o.Values = append(o.Values, res.Values...)
	if res.Value != nil {
		if page != "" {
			o.Values = append(o.Values, PageValue{URL: page, Value: *res.Value})
		} else {
			v := *res.Value
			o.SiteValue = &v
		}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Check = m.ID
		if f.ID == "" {
			f.ID = findingID(m.ID, f.URL, f.Target, f.Message)
		}
		if f.Severity.Rank() > 0 && f.URL != "" && !r.failed[m.ID][f.URL] {
			r.failed[m.ID][f.URL] = true
			o.Failed++
		} else if f.Severity.Rank() > 0 && f.URL == "" && o.Failed == 0 {
			o.Failed++
		}
	}
	if fs := dedupe(res.Findings); len(fs) > 0 {
		r.found[m.ID] = append(r.found[m.ID], fs)
	}
}

// Outcomes returns every check's outcome in registry order, with findings
// sorted by page, then severity, then ID.
func (r *Runner) Outcomes() []*Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Outcome, 0, len(r.checks))
	for _, c := range r.checks {
		o := r.outcomes[c.Meta().ID]
		if found := r.found[c.Meta().ID]; len(found) > 0 {
			n := len(o.Findings)
			for _, fs := range found {
				n += len(fs)
			}
			o.Findings = slices.Grow(o.Findings, n-len(o.Findings))
			for _, fs := range found {
				o.Findings = append(o.Findings, fs...)
			}
			delete(r.found, c.Meta().ID)
		}
		sort.Slice(o.Findings, func(i, j int) bool {
			a, b := o.Findings[i], o.Findings[j]
			if a.URL != b.URL {
				return a.URL < b.URL
			}
			if a.Severity.Rank() != b.Severity.Rank() {
				return a.Severity.Rank() > b.Severity.Rank()
			}
			return a.ID < b.ID
		})
		sort.Slice(o.Values, func(i, j int) bool { return o.Values[i].URL < o.Values[j].URL })
		o.Errors = slices.Clip(o.Errors)
		out = append(out, o)
	}
	return out
}
