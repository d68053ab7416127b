package report

import (
	"fmt"
	"math"
	"net/url"
	"strings"

	"github.com/uxaudit/uxaudit/checks"
)

// Budget is one set of limits a release gate holds the audit to: for the
// whole site when Path is empty, else for the audited pages whose URL path
// matches Path (see MatchPath).
type Budget struct {
	Path string `json:"path,omitempty"`
	// Score is the minimum overall UX score, 0–100; nil sets none.
	Score *float64 `json:"score,omitempty"`
	// Categories are minimum category scores, 0–100, by category ID.
	Categories []Limit `json:"categories,omitempty"`
	// Metrics are maximum values of numeric checks at the 75th
	// percentile of the pages, by check ID, in the check's unit.
	Metrics []Limit `json:"metrics,omitempty"`
	// Findings are maximum numbers of findings, by check ID (findings
	// above info) or by severity (findings of exactly that severity).
	Findings []Limit `json:"findings,omitempty"`
}

// Limit is one keyed limit of a budget.
type Limit struct {
	Key   string  `json:"key"`
	Value float64 `json:"value"`
}

// Budget kinds.
const (
	BudgetScore    = "score"
	BudgetCategory = "category"
	BudgetMetric   = "metric"
	BudgetFindings = "findings"
)

// BudgetResult is the outcome of one limit of a budget.
type BudgetResult struct {
	// Name says what was measured, e.g. "UX score",
	// "/checkout/*: largest-contentful-paint p75" or "high findings".
	Name string `json:"name"`
	Kind string `json:"kind"`          // score, category, metric or findings
	Key  string `json:"key,omitempty"` // the category, check or severity
	Path string `json:"path,omitempty"`
	// Pages is the number of audited pages matching Path.
	Pages int     `json:"pages,omitempty"`
	Limit float64 `json:"limit"`
	// Actual is the measured value; nil when nothing could be measured
	// (the check did not run, no page matched), which fails the budget.
	Actual *float64 `json:"actual"`
	Unit   string   `json:"unit,omitempty"`
	Passed bool     `json:"passed"`
	// Over is how far past the limit the actual value is, in Unit:
	// positive when the budget failed, 0 when it held or was not measured.
	Over    float64 `json:"over,omitempty"`
	Message string  `json:"message"`
}

// BudgetsHold reports whether every budget outcome passed.
func BudgetsHold(rs []BudgetResult) bool {
	for _, r := range rs {
		if !r.Passed {
			return false
		}
	}
	return true
}

// FailedBudgets returns the outcomes that did not pass, in order.
func FailedBudgets(rs []BudgetResult) []BudgetResult {
	var out []BudgetResult
	for _, r := range rs {
		if !r.Passed {
			out = append(out, r)
		}
	}
	return out
}

// MatchPath reports whether a URL path matches a budget's path pattern.
// A "*" matches any run of characters, slashes included, so "/checkout/*"
// matches "/checkout/", "/checkout/pay" and "/checkout/pay/done"; the rest
// must match exactly. The query string is not part of the path.
func MatchPath(pattern, path string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == path
	}
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return len(rest) >= len(last) && strings.HasSuffix(rest, last)
}

// pageMetric reads one numeric check's value of a page from what
// result.json keeps of it; ok is false when the page has none.
type pageMetric struct {
	unit  string
	value func(p *PageResult) (v float64, ok bool)
}

// pageMetrics are the numeric checks whose per-page values the result
// keeps, so a path's budget can take their 75th percentile. They read the
// values the checks themselves read.
var pageMetrics = map[string]pageMetric{
	"server-response-time": {"ms", func(p *PageResult) (float64, bool) { return p.Timing.TTFB, p.Timing.TTFB > 0 }},
	"first-contentful-paint": {"ms", func(p *PageResult) (float64, bool) {
		return vital(p, func() float64 { return p.Vitals.FCP }, true)
	}},
	"largest-contentful-paint": {"ms", func(p *PageResult) (float64, bool) {
		return vital(p, func() float64 { return p.Vitals.LCP }, true)
	}},
	"total-blocking-time": {"ms", func(p *PageResult) (float64, bool) {
		return vital(p, func() float64 { return p.Vitals.TBT }, false)
	}},
	"layout-shift": {"", func(p *PageResult) (float64, bool) {
		return vital(p, func() float64 { return p.Vitals.CLS }, false)
	}},
	"page-weight": {"bytes", func(p *PageResult) (float64, bool) {
		return vital(p, func() float64 { return float64(p.Vitals.TransferBytes) }, false)
	}},
}

// vital reads a browser value of a page that was rendered and loaded (a
// page that timed out keeps its values as of then, as the checks do).
func vital(p *PageResult, get func() float64, positive bool) (float64, bool) {
	v := p.Vitals
	if v == nil || (v.ErrorKind != "" && v.ErrorKind != "timeout") {
		return 0, false
	}
	x := get()
	return x, !positive || x > 0
}

// PathMetric reports whether a metric budget on a path can be measured for
// the check: its per-page values must be kept in the result.
func PathMetric(checkID string) bool {
	_, ok := pageMetrics[checkID]
	return ok
}

// EvaluateBudgets measures the result against each budget, in order: the
// score, then the categories, metrics and findings as listed. The result's
// categories must be scored already (see Reweight).
func EvaluateBudgets(r *Result, budgets []Budget) []BudgetResult {
	var out []BudgetResult
	for _, b := range budgets {
		var sc scope
		if b.Path == "" {
			sc = siteScope(r)
		} else {
			sc = pathScope(r, b.Path)
		}
		if b.Score != nil {
			out = append(out, sc.judge(BudgetScore, "", *b.Score, sc.score))
		}
		for _, l := range b.Categories {
			out = append(out, sc.judge(BudgetCategory, l.Key, l.Value, sc.categories[l.Key]))
		}
		for _, l := range b.Metrics {
			out = append(out, sc.judge(BudgetMetric, l.Key, l.Value, sc.metric(l.Key)))
		}
		for _, l := range b.Findings {
			out = append(out, sc.judge(BudgetFindings, l.Key, l.Value, sc.findings(l.Key)))
		}
	}
	return out
}

// scope is what budgets are measured on: the whole site, or the pages of
// a path.
type scope struct {
	path       string
	pages      int
	score      *float64            // 0–100
	categories map[string]*float64 // 0–100
	metric     func(id string) *float64
	findings   func(key string) *float64
	units      map[string]string // check ID → unit
	why        string            // why nothing was measured, when no page matched
	r          *Result
}

func siteScope(r *Result) scope {
	sc := scope{pages: r.Summary.Pages, score: points(r.Score), categories: map[string]*float64{}, units: units(r), r: r}
	for _, c := range r.Categories {
		sc.categories[c.ID] = points(c.Score)
	}
	sc.metric = func(id string) *float64 {
		for _, c := range r.Checks {
			if c.ID == id {
				return c.Value
			}
		}
		return nil
	}
	sc.findings = func(key string) *float64 {
		n := 0
		for _, f := range r.Findings {
			if countsFor(f, key) {
				n++
			}
		}
		return budgetNum(float64(n))
	}
	return sc
}

// pathScope scores the pages whose path matches pattern. A binary check
// scores the share of those pages without a finding of it above info; a
// numeric check, its 75th percentile over them; checks whose findings are
// about the whole site rather than a page, and numeric checks whose
// per-page values the result does not keep (readability), are left out.
func pathScope(r *Result, pattern string) scope {
	sc := scope{path: pattern, categories: map[string]*float64{}, units: units(r), r: r}
	var pages []*PageResult
	inPath := map[string]bool{}
	for i := range r.Pages {
		p := &r.Pages[i]
		if p.HTML && MatchPath(pattern, urlPath(p.URL)) {
			pages = append(pages, p)
			inPath[p.URL] = true
		}
	}
	sc.pages = len(pages)
	sc.metric = func(string) *float64 { return nil }
	sc.findings = func(string) *float64 { return nil }
	if len(pages) == 0 {
		sc.why = "no audited page matches " + pattern
		return sc
	}
	sc.metric = func(id string) *float64 {
		m, ok := pageMetrics[id]
		if !ok {
			return nil
		}
		var vals []float64
		for _, p := range pages {
			if v, ok := m.value(p); ok {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			return nil
		}
		return budgetNum(Percentile(vals, 75))
	}
	sc.findings = func(key string) *float64 {
		n := 0
		for _, f := range r.Findings {
			if inPath[f.URL] && countsFor(f, key) {
				n++
			}
		}
		return budgetNum(float64(n))
	}

	failing := map[string]map[string]bool{} // check → pages of the path with a finding above info
	sitewide := map[string]bool{}           // checks with findings about no page
	for _, f := range r.Findings {
		switch {
		case f.URL == "":
			sitewide[f.Check] = true
		case inPath[f.URL] && f.Severity != checks.Info:
			if failing[f.Check] == nil {
				failing[f.Check] = map[string]bool{}
			}
			failing[f.Check][f.URL] = true
		}
	}
	checkScores := map[string]float64{}
	for _, c := range r.Checks {
		if c.Score == nil || sitewide[c.ID] {
			continue
		}
		switch c.Mode {
		case checks.Binary:
			checkScores[c.ID] = round2(clamp(1 - float64(len(failing[c.ID]))/float64(len(pages))))
		case checks.Numeric:
			if v := sc.metric(c.ID); v != nil && c.Curve != nil {
				checkScores[c.ID] = round2(LogNormalScore(*v, c.Curve.P10, c.Curve.Median))
			}
		}
	}
	var total, weights float64
	for _, cat := range r.Categories {
		var sum float64
		n := 0
		for _, id := range cat.Checks {
			if s, ok := checkScores[id]; ok {
				sum += s
				n++
			}
		}
		if n == 0 {
			sc.categories[cat.ID] = nil
			continue
		}
		s := round2(sum / float64(n))
		sc.categories[cat.ID] = points(&s)
		total += s * cat.Weight
		weights += cat.Weight
	}
	if weights > 0 {
		s := round2(total / weights)
		sc.score = points(&s)
	}
	return sc
}

// countsFor reports whether a finding counts toward a findings budget's
// key: a severity counts the findings of exactly that severity; a check ID
// counts that check's findings above info.
func countsFor(f checks.Finding, key string) bool {
	switch checks.Severity(key) {
	case checks.High, checks.Medium, checks.Low, checks.Info:
		return string(f.Severity) == key
	}
	return f.Check == key && f.Severity != checks.Info
}

// judge compares one measured value with its limit.
func (sc scope) judge(kind, key string, limit float64, actual *float64) BudgetResult {
	br := BudgetResult{Kind: kind, Key: key, Path: sc.path, Limit: limit, Actual: actual}
	if sc.path != "" {
		br.Pages = sc.pages
	}
	var what string
	minimum := false
	switch kind {
	case BudgetScore:
		what, minimum = "UX score", true
	case BudgetCategory:
		what, minimum = key+" score", true
	case BudgetMetric:
		what, br.Unit = key+" p75", sc.units[key]
		if m, ok := pageMetrics[key]; ok && br.Unit == "" {
			br.Unit = m.unit
		}
	case BudgetFindings:
		what, br.Unit = key+" findings", "findings"
	}
	br.Name = what
	if sc.path != "" {
		br.Name = sc.path + ": " + what
	}
	show := func(v float64) string { return formatAmount(v, br.Unit) }
	switch {
	case actual == nil:
		why := sc.unmeasured(kind, key)
		br.Message = fmt.Sprintf("%s not measured (%s); the budget of %s fails", br.Name, why, show(limit))
	case minimum:
		br.Passed = *actual >= limit
		if br.Passed {
			br.Message = fmt.Sprintf("%s %s, at or above the minimum of %s", br.Name, show(*actual), show(limit))
		} else {
			br.Over = limit - *actual
			br.Message = fmt.Sprintf("%s %s, under the minimum of %s by %s", br.Name, show(*actual), show(limit), show(br.Over))
		}
	default:
		br.Passed = *actual <= limit
		if br.Passed {
			br.Message = fmt.Sprintf("%s %s, within the budget of %s", br.Name, show(*actual), show(limit))
		} else {
			br.Over = *actual - limit
			br.Message = fmt.Sprintf("%s %s, over the budget of %s by %s", br.Name, show(*actual), show(limit), show(br.Over))
		}
	}
	return br
}

// unmeasured says why a budget's value could not be measured.
func (sc scope) unmeasured(kind, key string) string {
	if sc.why != "" {
		return sc.why
	}
	switch kind {
	case BudgetScore:
		return "no check was scored"
	case BudgetCategory:
		for _, c := range sc.r.Categories {
			if c.ID == key {
				return "no check of the category was scored"
			}
		}
		return "no such category"
	}
	for _, c := range sc.r.Checks {
		switch {
		case c.ID != key:
		case c.NotApplicable:
			return "not applicable: " + c.Reason
		case sc.path != "":
			return "no page of the path has a value of it"
		default:
			return "the check was not scored"
		}
	}
	return "the check did not run"
}

// formatAmount renders a budget's value in its unit.
func formatAmount(v float64, unit string) string { return checks.FormatValue(v, unit) }

func units(r *Result) map[string]string {
	u := make(map[string]string, len(r.Checks))
	for _, c := range r.Checks {
		u[c.ID] = c.Unit
	}
	return u
}

// points turns a score in [0, 1] into points out of 100.
func points(s *float64) *float64 {
	if s == nil {
		return nil
	}
	return budgetNum(math.Round(*s * 100))
}

func budgetNum(v float64) *float64 { return &v }

func urlPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if u.Path == "" {
		return "/"
	}
	return u.Path
}

// Reweight scores the result's categories and overall score again with
// the given categories (a configuration's weights), in place. nil means
// DefaultCategories.
func (r *Result) Reweight(cats []Category) {
	r.Categories, r.Score = nil, nil
	r.scoreCategories(cats)
}
