package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

// The rule that tells a metric's change from noise. A metric is worse (or
// better) only when it moved by more than a threshold:
//
//   - with --runs on both audits: the larger of the two audits' run-to-run
//     spreads (the median across pages of each page's max − min over its
//     loads) and RelativeFloorRuns of the baseline value;
//   - otherwise: RelativeFloorSingle of the baseline value;
//
// and never less than AbsoluteFloorShare of the check's "good" control
// point (the curve's p10), so a metric near zero (a CLS of 0.001) does not
// flip on a rounding error.
const (
	RelativeFloorRuns   = 0.10
	RelativeFloorSingle = 0.20
	AbsoluteFloorShare  = 0.05
)

// Match methods of a BaselineDiff.
const (
	MatchByID       = "id"           // both audits ran on the same origin: stable IDs, then the strict portable key
	MatchByPortable = "portable-key" // different origins: IDs, then the strict and the loose portable keys
)

// Metric verdicts of a MetricDelta.
const (
	MetricWorse  = "worse"
	MetricBetter = "better"
	MetricSame   = "same"    // within the noise threshold
	MetricNew    = "new"     // measured now, not in the baseline
	MetricGone   = "missing" // in the baseline, not measured now
)

// BaselineDiff compares an audit with an earlier one, its baseline: which
// findings are new, fixed or persisting, and how scores and metrics moved.
type BaselineDiff struct {
	Path      string    `json:"path"` // the baseline's result.json, as given
	Site      string    `json:"site"` // the baseline's site
	StartedAt time.Time `json:"started_at"`
	// MatchedBy says how findings were paired: "id" when both audits ran on
	// the same origin; "portable-key" when they did not (a server on a
	// random port, staging against production), since IDs hash absolute
	// URLs.
	MatchedBy  string              `json:"matched_by"`
	Counts     DiffCounts          `json:"counts"`
	New        []DiffFinding       `json:"new"`        // in this audit, not in the baseline
	Fixed      []checks.Finding    `json:"fixed"`      // in the baseline, gone now (the baseline's URLs)
	Persisting []PersistingFinding `json:"persisting"` // in both
	Score      ScoreDelta          `json:"score"`      // the overall UX score
	Categories []CategoryDelta     `json:"categories"`
	Metrics    []MetricDelta       `json:"metrics"` // the numeric checks' site values
}

// DiffCounts are the headline numbers of a BaselineDiff.
type DiffCounts struct {
	New        int `json:"new"`
	Fixed      int `json:"fixed"`
	Persisting int `json:"persisting"`
	// Regressions are the new findings above info that are not metric
	// noise: what --fail-on new counts.
	Regressions   int `json:"regressions"`
	MetricsWorse  int `json:"metrics_worse"`
	MetricsBetter int `json:"metrics_better"`
}

// DiffFinding is a new finding, and whether it counts as a regression.
type DiffFinding struct {
	checks.Finding
	// Regression is false for info findings, and for a metric finding
	// (a numeric check's page over its threshold) whose page value did not
	// move by more than the noise threshold.
	Regression bool `json:"regression"`
	// Note explains a finding that is not a regression.
	Note string `json:"note,omitempty"`
}

// PersistingFinding is a finding found by both audits.
type PersistingFinding struct {
	ID               string          `json:"id"`
	BaselineID       string          `json:"baseline_id"`
	Check            string          `json:"check"`
	URL              string          `json:"url,omitempty"`
	Severity         checks.Severity `json:"severity"`
	BaselineSeverity checks.Severity `json:"baseline_severity"`
}

// ScoreDelta is a score in both audits; Delta is set when both are.
type ScoreDelta struct {
	Baseline *float64 `json:"baseline"`
	Current  *float64 `json:"current"`
	Delta    *float64 `json:"delta"`
}

// CategoryDelta is one category's score in both audits.
type CategoryDelta struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	ScoreDelta
}

// MetricDelta is a numeric check's site value (the 75th percentile across
// pages) in both audits, and whether it changed by more than the noise.
type MetricDelta struct {
	Check    string   `json:"check"`
	Title    string   `json:"title"`
	Unit     string   `json:"unit,omitempty"`
	Baseline *float64 `json:"baseline"`
	Current  *float64 `json:"current"`
	Delta    *float64 `json:"delta"`
	// Threshold is how much the value had to move to count, and Rule how
	// it was set: "runs" (run-to-run spread) or "fixed" (a share of the
	// baseline value).
	Threshold float64 `json:"threshold"`
	Rule      string  `json:"rule"`
	// BaselineSpread and CurrentSpread are the run-to-run spreads, when the
	// audits loaded pages more than once.
	BaselineSpread *float64 `json:"baseline_spread,omitempty"`
	CurrentSpread  *float64 `json:"current_spread,omitempty"`
	Verdict        string   `json:"verdict"` // worse, better, same, new, missing
}

// ReadResult reads a result.json written by this or an earlier version.
func ReadResult(path string) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read result: %w", err)
	}
	defer f.Close()
	r, err := DecodeResult(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return r, nil
}

// DecodeResult decodes a result.json, refusing newer schema versions.
func DecodeResult(rd io.Reader) (*Result, error) {
	var r Result
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, fmt.Errorf("not a uxaudit result.json: %w", err)
	}
	switch {
	case r.SchemaVersion == 0:
		return nil, errors.New("not a uxaudit result.json: no schema_version")
	case r.SchemaVersion > SchemaVersion:
		return nil, fmt.Errorf("result.json has schema version %d; this uxaudit reads up to %d", r.SchemaVersion, SchemaVersion)
	}
	return &r, nil
}

// Diff compares the current audit with its baseline. It is a pure function
// of its inputs; path is recorded as given.
func Diff(baseline, current *Result, path string) *BaselineDiff {
	d := &BaselineDiff{
		Path: path, Site: baseline.Site, StartedAt: baseline.StartedAt,
		New: []DiffFinding{}, Fixed: []checks.Finding{}, Persisting: []PersistingFinding{},
	}
	d.diffFindings(baseline, current)
	d.Score = scoreDelta(baseline.Score, current.Score)
	d.diffCategories(baseline, current)
	d.diffMetrics(baseline, current)
	return d
}

// Regressed reports whether the diff holds a new finding that counts
// (above info, not metric noise).
func (d *BaselineDiff) Regressed() bool { return d != nil && d.Counts.Regressions > 0 }

// MetricsWorse reports whether a metric got worse by more than the noise.
func (d *BaselineDiff) MetricsWorse() bool { return d != nil && d.Counts.MetricsWorse > 0 }

func (d *BaselineDiff) diffFindings(baseline, current *Result) {
	oldSite, curSite := parseSite(baseline.Site), parseSite(current.Site)
	numeric := numericChecks(baseline, current)
	isMetric := func(f checks.Finding) bool {
		return numeric[f.Check] && (f.Evidence.Kind == "needs-improvement" || f.Evidence.Kind == "poor")
	}
	keyOf := func(site *url.URL, strict bool) func(checks.Finding) string {
		return func(f checks.Finding) string { return portableKey(f, site, strict) }
	}
	type pass struct{ old, cur func(checks.Finding) string }
	// IDs first; then the strict portable key, which also pairs findings
	// whose IDs differ only by a number or an external server's port; and
	// across origins, the portable key without the message.
	passes := []pass{{findingID, findingID}, {keyOf(oldSite, true), keyOf(curSite, true)}}
	d.MatchedBy = MatchByID
	if origin(oldSite) != origin(curSite) {
		d.MatchedBy = MatchByPortable
		passes = append(passes, pass{keyOf(oldSite, false), keyOf(curSite, false)})
	}
	// A page whose metric moved between bands (needs-improvement → poor)
	// keeps its finding: same check, same page.
	metricKey := func(site *url.URL) func(checks.Finding) string {
		return func(f checks.Finding) string {
			if !isMetric(f) {
				return ""
			}
			return f.Check + "\x00" + portableURL(f.URL, site)
		}
	}
	passes = append(passes, pass{metricKey(oldSite), metricKey(curSite)})

	oldF, curF := baseline.Findings, current.Findings
	oldMatched := make([]bool, len(oldF))
	curMatched := make([]bool, len(curF))
	for _, p := range passes {
		waiting := map[string][]int{}
		for i, f := range oldF {
			if k := p.old(f); !oldMatched[i] && k != "" {
				waiting[k] = append(waiting[k], i)
			}
		}
		for j, f := range curF {
			if curMatched[j] {
				continue
			}
			k := p.cur(f)
			q := waiting[k]
			if k == "" || len(q) == 0 {
				continue
			}
			i := q[0]
			waiting[k] = q[1:]
			oldMatched[i], curMatched[j] = true, true
			d.Persisting = append(d.Persisting, PersistingFinding{
				ID: f.ID, BaselineID: oldF[i].ID, Check: f.Check, URL: f.URL,
				Severity: f.Severity, BaselineSeverity: oldF[i].Severity,
			})
		}
	}
	oldPages := pagesByKey(baseline.Pages, oldSite)
	curPages := pagesByKey(current.Pages, curSite)
	for j, f := range curF {
		if curMatched[j] {
			continue
		}
		nf := DiffFinding{Finding: f, Regression: f.Severity.Rank() > checks.Info.Rank()}
		if !nf.Regression {
			nf.Note = "info: not counted"
		} else if isMetric(f) {
			k := portableURL(f.URL, curSite)
			if note, noise := pageMetricNoise(f, oldPages[k], curPages[k], curveOf(current, f.Check)); noise {
				nf.Regression, nf.Note = false, note
			}
		}
		if nf.Regression {
			d.Counts.Regressions++
		}
		d.New = append(d.New, nf)
	}
	for i, f := range oldF {
		if !oldMatched[i] {
			d.Fixed = append(d.Fixed, f)
		}
	}
	d.Counts.New, d.Counts.Fixed, d.Counts.Persisting = len(d.New), len(d.Fixed), len(d.Persisting)
}

func findingID(f checks.Finding) string { return f.ID }

// numericChecks returns the IDs of the numeric checks of either audit.
func numericChecks(rs ...*Result) map[string]bool {
	out := map[string]bool{}
	for _, r := range rs {
		for _, c := range r.Checks {
			if c.Mode == checks.Numeric {
				out[c.ID] = true
			}
		}
	}
	return out
}

func curveOf(r *Result, check string) *checks.Curve {
	for _, c := range r.Checks {
		if c.ID == check {
			return c.Curve
		}
	}
	return nil
}

// parseSite parses a result's site URL; nil when it has none.
func parseSite(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return nil
	}
	return u
}

// origin is scheme://host:port of a site, or "" without one.
func origin(u *url.URL) string {
	if u == nil {
		return ""
	}
	return strings.ToLower(u.Scheme + "://" + u.Host)
}

// portableURL rewrites a URL so that it does not depend on where the site
// was served: on the site's origin it becomes its path, query and fragment
// ("/blog/?page=2"); on another host it becomes "//host/path…" without the
// port, since test and demo servers listen on random ports. Other strings
// are returned as they are.
func portableURL(s string, site *url.URL) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	rest := u.EscapedPath()
	if rest == "" {
		rest = "/"
	}
	if u.RawQuery != "" {
		rest += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		rest += "#" + u.EscapedFragment()
	}
	if site != nil && strings.EqualFold(u.Scheme+"://"+u.Host, site.Scheme+"://"+site.Host) {
		return rest
	}
	return "//" + strings.ToLower(u.Hostname()) + rest
}

var (
	urlInText = regexp.MustCompile(`https?://[^\s"'<>()]+`)
	number    = regexp.MustCompile(`[0-9]+(?:[.,][0-9]+)*`)
)

// portableKey identifies a finding independently of the site's origin: the
// check, the page and the target as portable URLs, the evidence's kind,
// selector and fragment, and (when strict) the message with its URLs made
// portable and its numbers masked, so measured values do not count.
func portableKey(f checks.Finding, site *url.URL, strict bool) string {
	parts := []string{
		f.Check, portableURL(f.URL, site), portableTarget(f.Target, site),
		f.Evidence.Kind, f.Evidence.Selector, f.Evidence.Fragment,
	}
	if strict {
		msg := urlInText.ReplaceAllStringFunc(f.Message, func(u string) string { return portableURL(u, site) })
		parts = append(parts, number.ReplaceAllString(msg, "#"))
	}
	return strings.Join(parts, "\x00")
}

// portableTarget is portableURL for a finding's target, except that the
// error-page probe's random URL becomes "": results written before the
// probed URL moved to the finding's evidence have it as the target, and no
// later audit probes the same path.
func portableTarget(target string, site *url.URL) string {
	if u, err := url.Parse(target); err == nil && strings.HasPrefix(u.Path, crawler.ErrorProbePrefix) {
		return ""
	}
	return portableURL(target, site)
}

// pagesByKey indexes pages by their portable URL.
func pagesByKey(pages []PageResult, site *url.URL) map[string]*PageResult {
	out := make(map[string]*PageResult, len(pages))
	for i := range pages {
		out[portableURL(pages[i].URL, site)] = &pages[i]
	}
	return out
}

// runMetric reads one numeric check's value from a page's vitals, or from
// one of its loads.
type runMetric func(crawler.RunMetrics) float64

// runMetrics are the numeric checks measured on every browser load.
var runMetrics = map[string]runMetric{
	"first-contentful-paint":   func(m crawler.RunMetrics) float64 { return m.FCP },
	"largest-contentful-paint": func(m crawler.RunMetrics) float64 { return m.LCP },
	"total-blocking-time":      func(m crawler.RunMetrics) float64 { return m.TBT },
	"layout-shift":             func(m crawler.RunMetrics) float64 { return m.CLS },
	"page-weight":              func(m crawler.RunMetrics) float64 { return float64(m.TransferBytes) },
}

// pageValue returns a page's value of a numeric check, when the result
// holds it.
func pageValue(p *PageResult, check string) (float64, bool) {
	if p == nil {
		return 0, false
	}
	if check == "server-response-time" {
		return p.Timing.TTFB, p.Timing.TTFB > 0
	}
	get, ok := runMetrics[check]
	if !ok || p.Vitals == nil || p.Vitals.ErrorKind != "" && p.Vitals.ErrorKind != "timeout" {
		return 0, false
	}
	v := p.Vitals
	return get(crawler.RunMetrics{FCP: v.FCP, LCP: v.LCP, TBT: v.TBT, CLS: v.CLS, TransferBytes: v.TransferBytes}), true
}

// pageSpread is the max − min of a page's loads; ok is false with fewer
// than two loads.
func pageSpread(p *PageResult, check string) (float64, bool) {
	get, ok := runMetrics[check]
	if !ok || p == nil || p.Vitals == nil || len(p.Vitals.PerRun) < 2 {
		return 0, false
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, r := range p.Vitals.PerRun {
		v := get(r)
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return hi - lo, true
}

// siteSpread is the median across pages of each page's spread.
func siteSpread(r *Result, check string) (float64, bool) {
	var spreads []float64
	for i := range r.Pages {
		if s, ok := pageSpread(&r.Pages[i], check); ok {
			spreads = append(spreads, s)
		}
	}
	if len(spreads) == 0 {
		return 0, false
	}
	return Percentile(spreads, 50), true
}

// NoiseThreshold is how much a metric whose baseline value is old must move
// to count as a change. spreads are the run-to-run spreads of both audits,
// or nil when either loaded its pages once; curve gives the absolute floor.
func NoiseThreshold(old float64, spreads []float64, curve *checks.Curve) (threshold float64, rule string) {
	floor := 0.0
	if curve != nil {
		floor = AbsoluteFloorShare * curve.P10
	}
	if len(spreads) > 0 {
		t := math.Max(RelativeFloorRuns*math.Abs(old), floor)
		for _, s := range spreads {
			t = math.Max(t, s)
		}
		return t, "runs"
	}
	return math.Max(RelativeFloorSingle*math.Abs(old), floor), "fixed"
}

// loadSensitive are the numeric checks whose page values depend on how
// busy the auditing machine, the network and the server were during the
// load: times, and the layout shifts that depend on when resources arrive.
// A page's size is not among them.
var loadSensitive = map[string]bool{
	"server-response-time":     true,
	"first-contentful-paint":   true,
	"largest-contentful-paint": true,
	"total-blocking-time":      true,
	"layout-shift":             true,
}

// singleLoadNote explains why a new finding of a load-sensitive check,
// measured once, does not count.
const singleLoadNote = "metric noise: %s was measured once per audit (%.4g → %.4g), and one load of one page cannot tell " +
	"a slower page from a busier machine; with --runs 2 or more on both audits it counts when it rises beyond the " +
	"run-to-run spread (--fail-on metrics gates the site's 75th percentile)"

// pageMetricNoise decides whether a new metric finding is noise. It is not
// when its page was not measured in the baseline. Otherwise: with several
// loads of the page in both audits, it is noise unless the value rose by
// more than the threshold set by the run-to-run spreads; with one load, a
// load-sensitive check's finding is always noise (a busy machine can slow
// any one load by any amount, so no threshold on one load tells a slower
// page from a slower run), and another check's (page weight) is noise
// unless it rose by more than the fixed threshold.
func pageMetricNoise(f checks.Finding, oldPage, curPage *PageResult, curve *checks.Curve) (string, bool) {
	old, ok := pageValue(oldPage, f.Check)
	if !ok {
		return "", false
	}
	cur := f.Evidence.Value
	var spreads []float64
	if a, ok := pageSpread(oldPage, f.Check); ok {
		if b, ok := pageSpread(curPage, f.Check); ok {
			spreads = []float64{a, b}
		}
	}
	if spreads == nil && loadSensitive[f.Check] {
		return fmt.Sprintf(singleLoadNote, f.Check, old, cur), true
	}
	t, rule := NoiseThreshold(old, spreads, curve)
	if cur-old > t {
		return "", false
	}
	return fmt.Sprintf("metric noise: %.4g → %.4g is within the %s threshold of %.4g", old, cur, rule, t), true
}

func (d *BaselineDiff) diffMetrics(baseline, current *Result) {
	old := map[string]CheckResult{}
	for _, c := range baseline.Checks {
		if c.Mode == checks.Numeric {
			old[c.ID] = c
		}
	}
	seen := map[string]bool{}
	for _, c := range current.Checks {
		if c.Mode != checks.Numeric {
			continue
		}
		seen[c.ID] = true
		o, inOld := old[c.ID]
		m := MetricDelta{Check: c.ID, Title: c.Title, Unit: c.Unit, Current: c.Value}
		if inOld {
			m.Baseline = o.Value
		}
		d.judgeMetric(&m, baseline, current, c.Curve)
		d.Metrics = append(d.Metrics, m)
	}
	for _, c := range baseline.Checks {
		if c.Mode != checks.Numeric || seen[c.ID] {
			continue
		}
		m := MetricDelta{Check: c.ID, Title: c.Title, Unit: c.Unit, Baseline: c.Value}
		d.judgeMetric(&m, baseline, current, c.Curve)
		d.Metrics = append(d.Metrics, m)
	}
	sort.SliceStable(d.Metrics, func(i, j int) bool { return d.Metrics[i].Check < d.Metrics[j].Check })
}

// judgeMetric fills a metric's delta, threshold and verdict. Every numeric
// check is lower-is-better.
func (d *BaselineDiff) judgeMetric(m *MetricDelta, baseline, current *Result, curve *checks.Curve) {
	if s, ok := siteSpread(baseline, m.Check); ok {
		m.BaselineSpread = &s
	}
	if s, ok := siteSpread(current, m.Check); ok {
		m.CurrentSpread = &s
	}
	switch {
	case m.Baseline == nil && m.Current == nil:
		m.Verdict = MetricSame
		return
	case m.Baseline == nil:
		m.Verdict = MetricNew
		return
	case m.Current == nil:
		m.Verdict = MetricGone
		return
	}
	delta := *m.Current - *m.Baseline
	m.Delta = &delta
	var spreads []float64
	if m.BaselineSpread != nil && m.CurrentSpread != nil {
		spreads = []float64{*m.BaselineSpread, *m.CurrentSpread}
	}
	m.Threshold, m.Rule = NoiseThreshold(*m.Baseline, spreads, curve)
	switch {
	case delta > m.Threshold:
		m.Verdict = MetricWorse
		d.Counts.MetricsWorse++
	case -delta > m.Threshold:
		m.Verdict = MetricBetter
		d.Counts.MetricsBetter++
	default:
		m.Verdict = MetricSame
	}
}

func (d *BaselineDiff) diffCategories(baseline, current *Result) {
	old := map[string]CategoryResult{}
	for _, c := range baseline.Categories {
		old[c.ID] = c
	}
	seen := map[string]bool{}
	for _, c := range current.Categories {
		seen[c.ID] = true
		var base *float64
		if o, ok := old[c.ID]; ok {
			base = o.Score
		}
		d.Categories = append(d.Categories, CategoryDelta{ID: c.ID, Title: c.Title, ScoreDelta: scoreDelta(base, c.Score)})
	}
	for _, c := range baseline.Categories {
		if !seen[c.ID] {
			d.Categories = append(d.Categories, CategoryDelta{ID: c.ID, Title: c.Title, ScoreDelta: scoreDelta(c.Score, nil)})
		}
	}
}

func scoreDelta(baseline, current *float64) ScoreDelta {
	s := ScoreDelta{Baseline: baseline, Current: current}
	if baseline != nil && current != nil {
		v := round2(*current - *baseline)
		s.Delta = &v
	}
	return s
}
