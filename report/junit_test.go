package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/checks"
)

func TestJUnitGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, formatSample()); err != nil {
		t.Fatal(err)
	}
	formatGolden(t, "junit.xml", b.Bytes())
}

// TestJUnitGatesGolden: junit.xml of an audit with budgets and a baseline.
func TestJUnitGatesGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, formatSampleGates()); err != nil {
		t.Fatal(err)
	}
	formatGolden(t, "junit-gates.xml", b.Bytes())
}

// parsedJUnit is junit.xml as a CI system reads it.
type parsedJUnit struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Skipped    int    `xml:"skipped,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitParsesBack(t *testing.T) {
	r := formatSample()
	// Many pages for one check: the list is capped. Invalid XML characters
	// from a page come out replaced, not as a broken file.
	for i := range 60 {
		r.Findings = append(r.Findings, checks.Finding{
			ID: fmt.Sprint("h", i), Check: "headings", URL: fmt.Sprintf("https://shop.example/p%02d", i),
			Severity: checks.Low, Message: "skips a level \x00\x1b]]><!--",
		})
	}
	r.Checks[1].Errors = []string{"bad\x01byte \xff"}
	r.Checks = append(r.Checks, CheckResult{ID: "odd", Title: "Odd\x02", NotApplicable: true, Reason: "nul\x00 ]]> here"})
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var got parsedJUnit
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("junit.xml does not parse: %v\n%s", err, b.String())
	}
	if len(got.Suites) != 1 {
		t.Fatalf("%d test suites, want 1", len(got.Suites))
	}
	s := got.Suites[0]
	if got.Tests != len(r.Checks) || s.Tests != len(r.Checks) || len(s.Cases) != len(r.Checks) {
		t.Errorf("tests = %d/%d/%d, want one per check (%d)", got.Tests, s.Tests, len(s.Cases), len(r.Checks))
	}
	// broken-links, http-status, readability, document-title and headings
	// have findings above info; layout-shift does not apply; plain-language
	// has only an info finding.
	if got.Failures != 5 || s.Failures != 5 || got.Skipped != 2 || got.Errors != 0 {
		t.Errorf("failures %d, skipped %d, errors %d; want 5, 2, 0", got.Failures, got.Skipped, got.Errors)
	}
	cases := map[string]int{}
	for i, c := range s.Cases {
		cases[strings.SplitN(c.Name, ":", 2)[0]] = i
	}
	broken := s.Cases[cases["broken-links"]]
	if broken.Failure == nil || broken.Failure.Type != "high" ||
		broken.Failure.Message != "Links are broken: 3 findings on 2 pages (high 2, medium 1)" ||
		!strings.Contains(broken.Failure.Text, "https://shop.example/missing answers 404") {
		t.Errorf("broken-links failure = %+v", broken.Failure)
	}
	if broken.Classname != "uxaudit.links" {
		t.Errorf("classname = %q", broken.Classname)
	}
	headings := s.Cases[cases["headings"]].Failure
	if headings == nil {
		t.Fatal("headings should fail")
	}
	lines := strings.Split(strings.TrimSpace(headings.Text), "\n")
	if len(lines) != junitMaxPages+2 || !strings.HasPrefix(lines[junitMaxPages], "… and 10 more pages") {
		t.Errorf("headings lists %d lines, want %d pages, the rest counted, and the check's error:\n%s", len(lines), junitMaxPages, headings.Text)
	}
	if !strings.Contains(headings.Text, "error: panic: index out of range") || strings.ContainsRune(headings.Text, 0) {
		t.Errorf("headings text = %q", headings.Text)
	}
	if sk := s.Cases[cases["layout-shift"]].Skipped; sk == nil || sk.Message != "no page was rendered <in time>" {
		t.Errorf("layout-shift skipped = %+v", sk)
	}
	if c := s.Cases[cases["plain-language"]]; c.Failure != nil || c.Skipped != nil || c.Error != nil {
		t.Error("a check with only info findings passes")
	}
	if c := s.Cases[cases["largest-contentful-paint"]]; c.Failure != nil || c.Skipped != nil {
		t.Error("a check without findings passes")
	}
}

func TestJUnitErroredCheck(t *testing.T) {
	r := formatSample()
	r.Checks = r.Checks[7:] // headings: errored, no findings of its own
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var got parsedJUnit
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	c := got.Suites[0].Cases[0]
	if got.Errors != 1 || c.Error == nil || !strings.Contains(c.Error.Text, "panic: index out of range") {
		t.Errorf("errors %d, case %+v", got.Errors, c)
	}
}

// junitOf writes r as JUnit XML and parses it back.
func junitOf(t *testing.T, r *Result) parsedJUnit {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	var got parsedJUnit
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("junit.xml does not parse: %v\n%s", err, b.String())
	}
	return got
}

func TestJUnitBudgets(t *testing.T) {
	ms := func(v float64) *float64 { return &v }
	held := BudgetResult{Name: "UX score", Kind: BudgetScore, Limit: 70, Actual: ms(71), Passed: true, Message: "UX score 71, at or above the minimum of 70"}
	over := BudgetResult{Name: "largest-contentful-paint p75", Kind: BudgetMetric, Unit: "ms", Limit: 2500, Actual: ms(2900), Over: 400,
		Message: "largest-contentful-paint p75 2.9 s, over the budget of 2.5 s by 400 ms"}
	unmeasured := BudgetResult{Name: "/checkout/*: UX score", Kind: BudgetScore, Path: "/checkout/*", Limit: 90,
		Message: "/checkout/*: UX score not measured (no audited page matches /checkout/*); the budget of 90 fails \x00]]>"}
	for _, tc := range []struct {
		name         string
		budgets      []BudgetResult
		wantSuites   int
		wantFailures []string // messages of the failed cases, in order
		wantSummary  string
	}{
		{"no budgets, no suite", nil, 1, nil, ""},
		{"all hold", []BudgetResult{held, held}, 2, nil, "all 2 budgets hold"},
		{"over and unmeasured fail with their messages", []BudgetResult{held, over, unmeasured}, 2,
			[]string{over.Message, "/checkout/*: UX score not measured (no audited page matches /checkout/*); the budget of 90 fails \uFFFD]]>"},
			"2 of 3 budgets failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := formatSample()
			r.Budgets = tc.budgets
			got := junitOf(t, r)
			if len(got.Suites) != tc.wantSuites {
				t.Fatalf("%d suites, want %d", len(got.Suites), tc.wantSuites)
			}
			audit := got.Suites[0]
			if got.Tests != audit.Tests+len(tc.budgets) || got.Failures != audit.Failures+len(tc.wantFailures) {
				t.Errorf("totals: tests %d, failures %d; want the audit's plus the budgets'", got.Tests, got.Failures)
			}
			if tc.wantSuites == 1 {
				return
			}
			s := got.Suites[1]
			if s.Name != "budgets" || s.Tests != len(tc.budgets) || len(s.Cases) != len(tc.budgets) || s.Failures != len(tc.wantFailures) {
				t.Errorf("suite %q: tests %d, cases %d, failures %d", s.Name, s.Tests, len(s.Cases), s.Failures)
			}
			if len(s.Properties) != 1 || s.Properties[0].Value != tc.wantSummary {
				t.Errorf("properties %+v, want summary %q", s.Properties, tc.wantSummary)
			}
			var failures []string
			for i, c := range s.Cases {
				if c.Name != tc.budgets[i].Name {
					t.Errorf("case %d is %q, want %q", i, c.Name, tc.budgets[i].Name)
				}
				if c.Failure != nil {
					if c.Failure.Message != c.Failure.Text {
						t.Errorf("failure message %q and text %q differ", c.Failure.Message, c.Failure.Text)
					}
					failures = append(failures, c.Failure.Text)
				}
			}
			if fmt.Sprint(failures) != fmt.Sprint(tc.wantFailures) {
				t.Errorf("failures %q, want %q", failures, tc.wantFailures)
			}
		})
	}
}

func TestJUnitBaseline(t *testing.T) {
	ms := func(v float64) *float64 { return &v }
	f := func(id, check, page string, sev checks.Severity) checks.Finding {
		return checks.Finding{ID: id, Check: check, URL: page, Severity: sev, Message: check + " on " + page}
	}
	lcp := func(verdict string, base, cur *float64) MetricDelta {
		m := MetricDelta{Check: "largest-contentful-paint", Unit: "ms", Baseline: base, Current: cur, Threshold: 400, Rule: "fixed", Verdict: verdict}
		if base != nil && cur != nil {
			m.Delta = ms(*cur - *base)
		}
		return m
	}
	for _, tc := range []struct {
		name                          string
		diff                          *BaselineDiff
		wantFailNew                   string // the new-findings case's failure message, "" when it passes
		wantLines                     []string
		wantMetric                    string // "fail", "skip" or "pass"
		wantTests, wantFail, wantSkip int
	}{
		{"nothing new, metric the same", &BaselineDiff{Counts: DiffCounts{Persisting: 3}, Metrics: []MetricDelta{lcp(MetricSame, ms(2000), ms(2100))}},
			"", nil, "pass", 2, 0, 0},
		{"only findings that do not count", &BaselineDiff{Counts: DiffCounts{New: 1},
			New: []DiffFinding{{Finding: f("a", "passive-voice", "https://x/", checks.Info), Note: "info: not counted"}}},
			"", nil, "", 1, 0, 0},
		{"regressions listed, then those not counted", &BaselineDiff{Counts: DiffCounts{New: 2, Regressions: 1, Fixed: 3},
			New: []DiffFinding{
				{Finding: f("a", "server-response-time", "https://x/", checks.Low), Note: "metric noise"},
				{Finding: f("b", "duplicate-ids", "https://x/contact", checks.Medium), Regression: true},
			},
			Metrics: []MetricDelta{lcp(MetricWorse, ms(2000), ms(2600))}},
			"1 new finding since the baseline (3 fixed)",
			[]string{"medium duplicate-ids https://x/contact: duplicate-ids on https://x/contact",
				"not counted: low server-response-time https://x/: server-response-time on https://x/ (metric noise)"},
			"fail", 2, 2, 0},
		{"a metric measured in one audit only is skipped", &BaselineDiff{Metrics: []MetricDelta{lcp(MetricNew, nil, ms(2000))}},
			"", nil, "skip", 2, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := formatSample()
			r.Baseline = tc.diff
			got := junitOf(t, r)
			if len(got.Suites) != 2 || got.Suites[1].Name != "baseline" {
				t.Fatalf("suites %d, want the audit's and baseline", len(got.Suites))
			}
			s := got.Suites[1]
			if s.Tests != tc.wantTests || s.Failures != tc.wantFail || len(s.Cases) != tc.wantTests {
				t.Errorf("tests %d, failures %d; want %d, %d", s.Tests, s.Failures, tc.wantTests, tc.wantFail)
			}
			if got.Skipped != got.Suites[0].Skipped+tc.wantSkip {
				t.Errorf("skipped %d, want the audit's plus %d", got.Skipped, tc.wantSkip)
			}
			news := s.Cases[0]
			switch {
			case tc.wantFailNew == "" && news.Failure != nil:
				t.Errorf("new findings fail: %+v", news.Failure)
			case tc.wantFailNew != "" && (news.Failure == nil || news.Failure.Message != tc.wantFailNew):
				t.Errorf("new findings failure %+v, want %q", news.Failure, tc.wantFailNew)
			case tc.wantFailNew != "":
				if lines := strings.Split(strings.TrimSpace(news.Failure.Text), "\n"); fmt.Sprint(lines) != fmt.Sprint(tc.wantLines) {
					t.Errorf("lines %q, want %q", lines, tc.wantLines)
				}
			}
			if tc.wantMetric == "" {
				return
			}
			m := s.Cases[1]
			state := "pass"
			switch {
			case m.Failure != nil && m.Skipped == nil:
				state = "fail"
			case m.Skipped != nil && m.Failure == nil:
				state = "skip"
			case m.Failure != nil:
				state = "fail and skip"
			}
			if state != tc.wantMetric {
				t.Errorf("metric case %+v: %s, want %s", m, state, tc.wantMetric)
			}
			if tc.wantMetric == "fail" && !strings.Contains(m.Failure.Message, "2.0 s → 2.6 s, worse by 600 ms (noise threshold 400 ms, fixed)") {
				t.Errorf("metric failure %q", m.Failure.Message)
			}
		})
	}
}
