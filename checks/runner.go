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
	checks    []checkEntry // in registry order
	available map[Artifact]bool
	mu        sync.Mutex // guards the checks' states
	indexes   sync.Pool  // of *elementIndex, one a page while its checks run
}

// checkEntry is a check with what the runner needs of it on every page,
// worked out once.
type checkEntry struct {
	meta   Meta
	page   PageCheck // nil for a site check
	site   SiteCheck // nil for a page check
	vitals bool      // needs the browser pass
	state  *checkState
}

// checkState is what the runner gathers for one check ID.
type checkState struct {
	outcome *Outcome
	failed  map[string]bool // pages with a finding more severe than Info
	// found holds the findings as recorded, one slice a page, joined into
	// the outcome by Outcomes: a check's findings are not copied again
	// each time their slice grows.
	found [][]Finding
}

// NewRunner prepares the given checks; available lists the artifacts the
// gathering step will provide (ArtifactHTML is implied).
func NewRunner(checks []Check, available ...Artifact) *Runner {
	r := &Runner{
		checks:    make([]checkEntry, 0, len(checks)),
		available: map[Artifact]bool{ArtifactHTML: true},
	}
	for _, a := range available {
		r.available[a] = true
	}
	states := make(map[string]*checkState, len(checks))
	for _, c := range checks {
		m := c.Meta()
		e := checkEntry{meta: m, vitals: needsVitals(m), state: states[m.ID]}
		e.page, _ = c.(PageCheck)
		e.site, _ = c.(SiteCheck)
		if e.state == nil {
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
			e.state = &checkState{outcome: o, failed: map[string]bool{}}
			states[m.ID] = e.state
		}
		r.checks = append(r.checks, e)
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
	// The page's elements are indexed once, by the first check that asks.
	ix, _ := r.indexes.Get().(*elementIndex)
	if ix == nil {
		ix = new(elementIndex)
	}
	defer func() { ix.release(); r.indexes.Put(ix) }()
	ctx = withPageElements(ctx, ix, p)
	for i := range r.checks {
		e := &r.checks[i]
		if e.page == nil || e.state.outcome.NotApplicable || e.vitals != rendered {
			continue
		}
		res, err := safely(func() (Result, error) { return e.page.CheckPage(ctx, p) })
		r.record(e, p.URL, res, err, 1)
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
	for i := range r.checks {
		e := &r.checks[i]
		if e.site == nil || e.state.outcome.NotApplicable {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res, err := safely(func() (Result, error) { return e.site.CheckSite(ctx, s) })
			r.record(e, "", res, err, res.Checked)
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

func (r *Runner) record(e *checkEntry, page string, res Result, err error, checked int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m, st := &e.meta, e.state
	o := st.outcome
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
		if f.Severity.Rank() > 0 && f.URL != "" && !st.failed[f.URL] {
			st.failed[f.URL] = true
			o.Failed++
		} else if f.Severity.Rank() > 0 && f.URL == "" && o.Failed == 0 {
			o.Failed++
		}
	}
	if fs := dedupe(res.Findings); len(fs) > 0 {
		st.found = append(st.found, fs)
	}
}

// Outcomes returns every check's outcome in registry order, with findings
// sorted by page, then severity, then ID.
func (r *Runner) Outcomes() []*Outcome {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*Outcome, 0, len(r.checks))
	for i := range r.checks {
		st := r.checks[i].state
		o := st.outcome
		if len(st.found) > 0 {
			n := len(o.Findings)
			for _, fs := range st.found {
				n += len(fs)
			}
			o.Findings = slices.Grow(o.Findings, n-len(o.Findings))
			for _, fs := range st.found {
				o.Findings = append(o.Findings, fs...)
			}
			st.found = nil
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
