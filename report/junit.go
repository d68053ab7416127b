package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/uxaudit/uxaudit/checks"
)

// junitMaxPages is the most pages a failed test case lists.
const junitMaxPages = 50

// junitSuites is the root of junit.xml: one suite for the audit.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

// junitSuite is the audit of one site (a test case per check), its
// budgets (a test case per limit) or its comparison with a baseline.
type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

// junitCase is one check. At most one of Failure, Error and Skipped is set.
type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure"`
	Error     *junitMessage `xml:"error"`
	Skipped   *junitMessage `xml:"skipped"`
}

// junitMessage is a failure, an error or a skip. Its text is written as
// CDATA, so its lines stay readable in the file; junitText keeps it valid.
type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",cdata"`
}

// WriteJUnit writes the result as JUnit XML, for CI systems that show test
// reports: one test suite for the audit and one test case per check. A check
// with findings above info fails, listing its pages (the worst first, at most
// junitMaxPages); a check that could not run is an error; a check that does
// not apply is skipped. Everything else passes. With budgets, a second suite,
// "budgets", has a test case per limit, failing with its message; with a
// baseline, a suite "baseline" has a test case for the new findings and one
// per metric (see junitBaseline).
func WriteJUnit(w io.Writer, r *Result) error {
	suite := junitSuite{
		Name:      "uxaudit " + r.Site,
		Time:      junitSeconds(r.DurationMS),
		Timestamp: r.StartedAt.UTC().Format("2006-01-02T15:04:05"),
		Properties: []junitProperty{
			{"site", r.Site},
			{"tool", r.Tool.Name + " " + r.Tool.Version},
			{"score", junitScore(r.Score)},
			{"pages", strconv.Itoa(r.Summary.Pages)},
			{"partial", strconv.FormatBool(r.Partial)},
		},
	}
	byCheck := map[string][]*checks.Finding{} // pointers: no copy of every finding
	for i := range r.Findings {
		if f := &r.Findings[i]; f.Severity.Rank() > checks.Info.Rank() {
			byCheck[f.Check] = append(byCheck[f.Check], f)
		}
	}
	for _, c := range r.Checks {
		tc := junitCase{Name: c.ID + ": " + c.Title, Classname: "uxaudit." + c.Category, Time: "0"}
		switch fs := byCheck[c.ID]; {
		case len(fs) > 0:
			tc.Failure = junitFailure(c, fs)
			suite.Failures++
		case len(c.Errors) > 0:
			tc.Error = &junitMessage{Message: "the check failed to run", Type: "error", Text: junitText(strings.Join(c.Errors, "\n"))}
			suite.Errors++
		case c.NotApplicable:
			tc.Skipped = &junitMessage{Message: c.Reason}
			suite.Skipped++
		}
		suite.Cases = append(suite.Cases, tc)
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "uxaudit", Time: suite.Time, Suites: []junitSuite{suite}}
	if len(r.Budgets) > 0 {
		doc.Suites = append(doc.Suites, junitBudgets(r, suite.Timestamp))
	}
	if r.Baseline != nil {
		doc.Suites = append(doc.Suites, junitBaseline(r.Baseline, suite.Timestamp))
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write JUnit XML: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JUnit XML: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write JUnit XML: %w", err)
	}
	return nil
}

// junitBudgets is the suite of the budgets: one test case per limit, in
// order, failing with its message (why it was not measured, or by how much
// it missed).
func junitBudgets(r *Result, timestamp string) junitSuite {
	s := junitSuite{
		Name: "budgets", Time: "0", Timestamp: timestamp,
		Properties: []junitProperty{{"summary", BudgetsHeadline(r.Budgets)}},
	}
	for _, b := range r.Budgets {
		tc := junitCase{Name: b.Name, Classname: "uxaudit.budgets." + b.Kind, Time: "0"}
		if !b.Passed {
			tc.Failure = &junitMessage{Message: junitText(b.Message), Type: "budget", Text: junitText(b.Message)}
			s.Failures++
		}
		s.Cases = append(s.Cases, tc)
	}
	s.Tests = len(s.Cases)
	return s
}

// junitBaseline is the suite of the comparison with the baseline: a test
// case "new findings", failing when there are new findings that count
// (listing them, then those not counted with why); and one test case per
// numeric check, failing when its site value got worse beyond its noise,
// skipped when only one audit measured it. Its properties hold the counts.
func junitBaseline(d *BaselineDiff, timestamp string) junitSuite {
	c := d.Counts
	s := junitSuite{
		Name: "baseline", Time: "0", Timestamp: timestamp,
		Properties: []junitProperty{
			{"baseline", d.Path},
			{"baseline_started_at", d.StartedAt.UTC().Format("2006-01-02T15:04:05")},
			{"matched_by", d.MatchedBy},
			{"summary", BaselineHeadline(d)},
			{"new", strconv.Itoa(c.New)},
			{"regressions", strconv.Itoa(c.Regressions)},
			{"fixed", strconv.Itoa(c.Fixed)},
			{"persisting", strconv.Itoa(c.Persisting)},
			{"metrics_worse", strconv.Itoa(c.MetricsWorse)},
			{"metrics_better", strconv.Itoa(c.MetricsBetter)},
		},
	}
	news := junitCase{Name: "new findings since the baseline", Classname: "uxaudit.baseline", Time: "0"}
	if c.Regressions > 0 {
		var b strings.Builder
		listed := 0
		for _, f := range d.New {
			if !f.Regression {
				continue
			}
			if listed == junitMaxPages {
				fmt.Fprintf(&b, "… and %d more (see the full report)\n", c.Regressions-listed)
				break
			}
			fmt.Fprintf(&b, "%-6s %s %s: %s\n", f.Severity, f.Check, oneLine(junitWhere(f.Finding)), oneLine(Truncate(f.Message, 200)))
			listed++
		}
		listed = 0
		for _, f := range d.New {
			if f.Regression {
				continue
			}
			if listed == junitMaxPages {
				fmt.Fprintf(&b, "… and %d more not counted\n", c.New-c.Regressions-listed)
				break
			}
			fmt.Fprintf(&b, "not counted: %s %s %s: %s (%s)\n", f.Severity, f.Check, oneLine(junitWhere(f.Finding)),
				oneLine(Truncate(f.Message, 200)), oneLine(f.Note))
			listed++
		}
		news.Failure = &junitMessage{
			Message: fmt.Sprintf("%s since the baseline (%d fixed)", junitPlural(c.Regressions, "new finding"), c.Fixed),
			Type:    "regression", Text: junitText(b.String()),
		}
		s.Failures++
	}
	s.Cases = append(s.Cases, news)
	for _, m := range d.Metrics {
		tc := junitCase{Name: m.Check + " p75 not worse than the baseline", Classname: "uxaudit.baseline.metrics", Time: "0"}
		switch m.Verdict {
		case MetricWorse:
			msg := fmt.Sprintf("%s p75 %s → %s, worse by %s (noise threshold %s, %s)", m.Check,
				formatAmount(*m.Baseline, m.Unit), formatAmount(*m.Current, m.Unit), formatAmount(*m.Delta, m.Unit),
				formatAmount(m.Threshold, m.Unit), m.Rule)
			tc.Failure = &junitMessage{Message: msg, Type: "metric", Text: msg}
			s.Failures++
		case MetricNew:
			tc.Skipped = &junitMessage{Message: "not measured in the baseline"}
			s.Skipped++
		case MetricGone:
			tc.Skipped = &junitMessage{Message: "not measured in this audit"}
			s.Skipped++
		case MetricSame:
			if m.Baseline == nil && m.Current == nil {
				tc.Skipped = &junitMessage{Message: "measured in neither audit"}
				s.Skipped++
			}
		}
		s.Cases = append(s.Cases, tc)
	}
	s.Tests = len(s.Cases)
	return s
}

// junitWhere names where a finding is: its page, its target, or the site.
func junitWhere(f checks.Finding) string {
	switch {
	case f.URL != "":
		return f.URL
	case f.Target != "":
		return f.Target
	}
	return "(site)"
}

// junitFailure lists a failed check's pages: one line per page with its
// worst severity, its number of findings and its first finding's message.
func junitFailure(c CheckResult, fs []*checks.Finding) *junitMessage {
	type page struct {
		url, message string
		worst        checks.Severity
		n            int
	}
	byURL := map[string]*page{}
	var pages []*page
	bySev := map[checks.Severity]int{}
	for _, f := range fs {
		bySev[f.Severity]++
		p := byURL[f.URL]
		if p == nil {
			p = &page{url: f.URL, message: f.Message, worst: f.Severity}
			byURL[f.URL] = p
			pages = append(pages, p)
		}
		p.n++
		if f.Severity.Rank() > p.worst.Rank() {
			p.worst, p.message = f.Severity, f.Message
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		if pages[i].worst.Rank() != pages[j].worst.Rank() {
			return pages[i].worst.Rank() > pages[j].worst.Rank()
		}
		return pages[i].url < pages[j].url
	})
	var sevs []string
	worst := checks.Info
	for _, s := range []checks.Severity{checks.High, checks.Medium, checks.Low} {
		if bySev[s] > 0 {
			sevs = append(sevs, fmt.Sprintf("%s %d", s, bySev[s]))
			if s.Rank() > worst.Rank() {
				worst = s
			}
		}
	}
	title := c.FailureTitle
	if title == "" {
		title = c.ID
	}
	var b strings.Builder
	for i, p := range pages {
		if i == junitMaxPages {
			fmt.Fprintf(&b, "… and %d more pages (see the full report)\n", len(pages)-junitMaxPages)
			break
		}
		where := p.url
		if where == "" {
			where = "(site)"
		}
		fmt.Fprintf(&b, "%-6s %s: %s", p.worst, oneLine(where), oneLine(Truncate(p.message, 200)))
		if p.n > 1 {
			fmt.Fprintf(&b, " (%d findings)", p.n)
		}
		b.WriteByte('\n')
	}
	for _, e := range c.Errors {
		fmt.Fprintf(&b, "error: %s\n", oneLine(e))
	}
	return &junitMessage{
		Message: fmt.Sprintf("%s: %s on %s (%s)", title, junitPlural(len(fs), "finding"), junitPlural(len(pages), "page"), strings.Join(sevs, ", ")),
		Type:    string(worst),
		Text:    junitText(b.String()),
	}
}

// junitText makes text safe for CDATA: characters that XML 1.0 does not
// allow (NUL, most control characters, unpaired surrogates, U+FFFE and
// U+FFFF) become U+FFFD. The encoder splits any "]]>" itself.
func junitText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}

// oneLine puts text on one line, for a list of one line per page.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func junitPlural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func junitSeconds(ms int64) string { return strconv.FormatFloat(float64(ms)/1000, 'f', 3, 64) }

func junitScore(s *float64) string {
	if s == nil {
		return ""
	}
	return strconv.FormatFloat(*s, 'f', 2, 64)
}
