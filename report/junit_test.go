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
