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

// junitSuite is the audit of one site: a test case per check.
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
// not apply is skipped. Everything else passes.
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
	byCheck := map[string][]checks.Finding{}
	for _, f := range r.Findings {
		if f.Severity.Rank() > checks.Info.Rank() {
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
	doc := junitSuites{
		Name: "uxaudit", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Skipped: suite.Skipped,
		Time: suite.Time, Suites: []junitSuite{suite},
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

// junitFailure lists a failed check's pages: one line per page with its
// worst severity, its number of findings and its first finding's message.
func junitFailure(c CheckResult, fs []checks.Finding) *junitMessage {
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
