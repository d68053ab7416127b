// Package report turns an audit's artifacts and check outcomes into the
// versioned result model, scores it, and writes it as JSON and HTML.
package report

import (
	"math"
	"sort"
	"time"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

// SchemaVersion is the version of the result.json format. It changes when a
// field is removed or changes meaning; new fields do not change it.
const SchemaVersion = 1

// Result is the whole outcome of an audit: what result.json holds.
type Result struct {
	SchemaVersion int       `json:"schema_version"`
	Tool          Tool      `json:"tool"`
	Site          string    `json:"site"`
	StartedAt     time.Time `json:"started_at"`
	FinishedAt    time.Time `json:"finished_at"`
	DurationMS    int64     `json:"duration_ms"`
	Partial       bool      `json:"partial"`
	PartialReason string    `json:"partial_reason,omitempty"`
	// Config is the effective configuration, credentials redacted.
	Config     any              `json:"config"`
	Summary    Summary          `json:"summary"`
	Score      *float64         `json:"score"`
	Categories []CategoryResult `json:"categories"`
	Checks     []CheckResult    `json:"checks"`
	Pages      []PageResult     `json:"pages"`
	Targets    []TargetResult   `json:"targets"`
	Findings   []checks.Finding `json:"findings"`
	Warnings   []string         `json:"warnings,omitempty"`
	Budgets    []BudgetResult   `json:"budgets,omitempty"` // outcomes of the configured budgets, in order
	Baseline   *BaselineDiff    `json:"baseline,omitempty"`
}

// Tool names the program that wrote the result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary holds the headline counts.
type Summary struct {
	Pages           int            `json:"pages"`             // HTML pages audited
	URLs            int            `json:"urls"`              // URLs fetched or checked
	BrokenLinks     int            `json:"broken_links"`      // broken-links findings that count: broken and server-error
	LinksNotCounted int            `json:"links_not_counted"` // failed links triaged rate-limited, blocked, timeout or flaky: listed, not counted
	PagesWithError  int            `json:"pages_with_error"`  // pages answering 4xx/5xx or failing
	RedirectChains  int            `json:"redirect_chains"`   // redirects findings for chains, loops and overlong chains
	Findings        int            `json:"findings"`
	BySeverity      map[string]int `json:"by_severity"`
	CapHits         int            `json:"urls_over_page_cap,omitempty"`
}

// CategoryResult is one category's score.
type CategoryResult struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Weight float64  `json:"weight"`
	Score  *float64 `json:"score"` // null when no check in it was scored
	Checks []string `json:"checks"`
}

// CheckResult is one check's outcome.
type CheckResult struct {
	ID            string        `json:"id"`
	Title         string        `json:"title"`
	FailureTitle  string        `json:"failure_title"`
	Description   string        `json:"description"`
	Category      string        `json:"category"`
	Mode          checks.Mode   `json:"mode"`
	Scope         checks.Scope  `json:"scope"`
	Score         *float64      `json:"score"` // null when not scored
	Value         *float64      `json:"value,omitempty"`
	Unit          string        `json:"unit,omitempty"`
	Checked       int           `json:"checked"`
	Failed        int           `json:"failed"`
	Findings      int           `json:"findings"`
	NotApplicable bool          `json:"not_applicable,omitempty"`
	Reason        string        `json:"reason,omitempty"`
	Errors        []string      `json:"errors,omitempty"`
	Curve         *checks.Curve `json:"curve,omitempty"`
}

// PageResult is one in-scope page URL that was fetched.
type PageResult struct {
	URL         string        `json:"url"`
	FinalURL    string        `json:"final_url"`
	Status      int           `json:"status"`
	FinalStatus int           `json:"final_status"`
	Hops        []crawler.Hop `json:"hops,omitempty"`
	ErrorKind   string        `json:"error_kind,omitempty"`
	Error       string        `json:"error,omitempty"`
	Depth       int           `json:"depth"`
	ContentType string        `json:"content_type,omitempty"`
	Bytes       int64         `json:"bytes"`
	Truncated   bool          `json:"truncated,omitempty"`
	Timing      TimingMS      `json:"timing_ms"`
	HTML        bool          `json:"html"`
	Title       string        `json:"title,omitempty"`
	Links       int           `json:"links,omitempty"`
	Findings    []string      `json:"findings,omitempty"` // finding IDs on this page
	// Vitals are the browser's measurements, when the page was rendered:
	// ttfb_ms, fcp_ms, lcp_ms, tbt_ms, cls, transfer_bytes, requests, …
	Vitals *crawler.Vitals `json:"vitals,omitempty"`
	// Metrics are the page's values of the numeric checks, by check ID
	// (readability grade, server response time, LCP, …), where measured.
	Metrics map[string]float64 `json:"metrics,omitempty"`
}

// TargetResult is a URL checked but not crawled: an in-scope resource or an
// external link.
type TargetResult struct {
	URL       string `json:"url"`
	Kind      string `json:"kind"` // resource or external
	Method    string `json:"method"`
	Status    int    `json:"status"`
	Location  string `json:"location,omitempty"`
	ErrorKind string `json:"error_kind,omitempty"`
	Error     string `json:"error,omitempty"`
	Attempts  int    `json:"attempts,omitempty"`
}

// TimingMS is a fetch's phases in milliseconds.
type TimingMS struct {
	DNS      float64 `json:"dns"`
	Connect  float64 `json:"connect"`
	TLS      float64 `json:"tls"`
	TTFB     float64 `json:"ttfb"`
	Download float64 `json:"download"`
	Total    float64 `json:"total"`
}

func msOf(t crawler.Timing) TimingMS {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return TimingMS{ms(t.DNS), ms(t.Connect), ms(t.TLS), ms(t.TTFB), ms(t.Download), ms(t.Total)}
}

// Input is what Build needs.
type Input struct {
	Tool       Tool
	Config     any
	Site       *crawler.Site
	Outcomes   []*checks.Outcome
	Categories []Category // nil: DefaultCategories
	Warnings   []string
}

// Build assembles and scores the result. Its output is deterministic for a
// given input: pages, targets and findings are sorted.
func Build(in Input) *Result {
	s := in.Site
	r := &Result{
		SchemaVersion: SchemaVersion,
		Tool:          in.Tool,
		StartedAt:     s.Started.UTC(),
		FinishedAt:    s.Finished.UTC(),
		DurationMS:    s.Finished.Sub(s.Started).Milliseconds(),
		Partial:       s.Partial,
		PartialReason: s.Reason,
		Config:        in.Config,
		Warnings:      in.Warnings,
	}
	if len(s.Seeds) > 0 {
		r.Site = s.Seeds[0]
	}
	r.Summary.BySeverity = map[string]int{}

	pageFindings := map[string][]string{}
	n := 0
	for _, o := range in.Outcomes {
		n += len(o.Findings)
	}
	r.Findings = make([]checks.Finding, 0, n) // large structs: no regrowing
	for _, o := range in.Outcomes {
		cr := CheckResult{
			ID: o.Meta.ID, Title: o.Meta.Title, FailureTitle: o.Meta.FailureTitle, Description: o.Meta.Description,
			Category: o.Meta.Category, Mode: o.Meta.Mode, Scope: o.Meta.Scope, Unit: o.Meta.Unit, Curve: o.Meta.Curve,
			Checked: o.Checked, Failed: o.Failed, Findings: len(o.Findings),
			NotApplicable: o.NotApplicable, Reason: o.Reason, Errors: o.Errors,
		}
		if score, value, ok := checkScore(o); ok {
			cr.Score, cr.Value = &score, value
		}
		r.Checks = append(r.Checks, cr)
		for _, f := range o.Findings {
			r.Findings = append(r.Findings, f)
			r.Summary.BySeverity[string(f.Severity)]++
			if f.URL != "" {
				pageFindings[f.URL] = append(pageFindings[f.URL], f.ID)
			}
			switch {
			case f.Check == "broken-links" && f.Severity != checks.Info:
				r.Summary.BrokenLinks++
			case f.Check == "broken-links":
				r.Summary.LinksNotCounted++
			case f.Check == "http-status" && f.Evidence.Kind != "body-truncated":
				r.Summary.PagesWithError++
			case f.Check == "redirects" && (f.Evidence.Kind == "redirect-chain" || f.Evidence.Kind == "redirect-loop" || f.Evidence.Kind == "too-many-redirects"):
				r.Summary.RedirectChains++
			}
		}
	}
	r.Summary.Findings = len(r.Findings)
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.Check != b.Check {
			return a.Check < b.Check
		}
		if a.URL != b.URL {
			return a.URL < b.URL
		}
		return a.ID < b.ID
	})

	r.scoreCategories(in.Categories)
	r.collectURLs(s, pageFindings)
	r.attachMetrics(in.Outcomes)
	r.Summary.Pages = len(s.Pages)
	r.Summary.URLs = len(s.Fetches)
	r.Summary.CapHits = s.CapHits
	return r
}

func (r *Result) scoreCategories(cats []Category) {
	if cats == nil {
		cats = DefaultCategories()
	}
	var total, weights float64
	for _, c := range cats {
		cr := CategoryResult{ID: c.ID, Title: c.Title, Weight: c.Weight, Checks: []string{}}
		var sum float64
		n := 0
		for _, ch := range r.Checks {
			if ch.Category != c.ID {
				continue
			}
			cr.Checks = append(cr.Checks, ch.ID)
			if ch.Score != nil {
				sum += *ch.Score
				n++
			}
		}
		if n > 0 {
			s := round2(sum / float64(n))
			cr.Score = &s
			total += s * c.Weight
			weights += c.Weight
		}
		r.Categories = append(r.Categories, cr)
	}
	if weights > 0 {
		s := round2(total / weights)
		r.Score = &s
	}
}

func (r *Result) collectURLs(s *crawler.Site, pageFindings map[string][]string) {
	urls := make([]string, 0, len(s.Fetches))
	for u := range s.Fetches {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	r.Pages = make([]PageResult, 0, len(s.Pages)+len(s.Fetches)/8)
	for _, u := range urls {
		f := s.Fetches[u]
		if f.Kind != crawler.KindPage {
			r.Targets = append(r.Targets, TargetResult{
				URL: u, Kind: f.Kind.String(), Method: f.Method, Status: f.Status, Location: f.Location,
				ErrorKind: string(f.ErrKind), Error: f.Err, Attempts: f.Attempts,
			})
			continue
		}
		ch := s.Chain(u, s.MaxHops)
		pr := PageResult{
			URL: u, FinalURL: u, Status: f.Status, FinalStatus: f.Status, Hops: ch.Hops,
			ErrorKind: string(f.ErrKind), Error: f.Err, Depth: f.Depth, ContentType: f.ContentType,
			Bytes: f.Bytes, Truncated: f.Truncated, Timing: msOf(f.Timing), Findings: pageFindings[u],
		}
		if ch.Final != nil {
			pr.FinalURL, pr.FinalStatus = ch.Final.URL, ch.Final.Status
		}
		if p := s.Page(u); p != nil {
			pr.HTML, pr.Title, pr.Links, pr.Vitals = true, p.Title, len(p.Links), p.Vitals
		}
		r.Pages = append(r.Pages, pr)
	}
}

// attachMetrics copies the numeric checks' per-page values onto the pages.
// Values that JSON cannot hold (NaN, infinities) are left out.
func (r *Result) attachMetrics(outcomes []*checks.Outcome) {
	idx := make(map[string]int, len(r.Pages))
	for i, p := range r.Pages {
		idx[p.URL] = i
	}
	for _, o := range outcomes {
		for _, v := range o.Values {
			i, ok := idx[v.URL]
			if !ok || math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
				continue
			}
			if r.Pages[i].Metrics == nil {
				r.Pages[i].Metrics = map[string]float64{}
			}
			r.Pages[i].Metrics[o.Meta.ID] = v.Value
		}
	}
}
