package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

// The -update flag rewrites golden files. Another test file of the package
// may define it too, so it is defined here only when it is not yet.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/")
	}
}

// formatUpdate reports whether the test run asked for -update.
func formatUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// formatGolden compares got with testdata/name, or rewrites it under -update.
func formatGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if formatUpdate() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./report -update\n--- got:\n%s", path, got)
	}
}

func fmtPtr(f float64) *float64 { return &f }

// formatSample is a small, fixed result with every shape the writers meet:
// scored, numeric, not-applicable, errored and informative checks; rendered
// and unrendered pages; a site-wide finding; and text from hostile pages.
func formatSample() *Result {
	start := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	return &Result{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "uxaudit", Version: "v1.2.3"},
		Site:          "https://shop.example/",
		StartedAt:     start,
		FinishedAt:    start.Add(41300 * time.Millisecond),
		DurationMS:    41300,
		Summary: Summary{
			Pages: 3, URLs: 9, BrokenLinks: 2, PagesWithError: 1, RedirectChains: 1, Findings: 8,
			BySeverity: map[string]int{"high": 3, "medium": 2, "low": 2, "info": 1},
		},
		Score: fmtPtr(0.71),
		Categories: []CategoryResult{
			{ID: "links", Title: "Links & navigation", Weight: 3, Score: fmtPtr(0.5), Checks: []string{"broken-links", "http-status"}},
			{ID: "speed", Title: "Speed", Weight: 3, Score: fmtPtr(0.93), Checks: []string{"largest-contentful-paint"}},
			{ID: "stability", Title: "Layout stability", Weight: 2, Score: nil, Checks: []string{"layout-shift"}},
			{ID: "content", Title: "Content & readability", Weight: 2, Score: fmtPtr(0.67), Checks: []string{"readability", "plain-language"}},
			{ID: "structure", Title: "Page structure & mobile", Weight: 2, Score: fmtPtr(0.33), Checks: []string{"document-title", "headings"}},
		},
		Checks: []CheckResult{
			{ID: "broken-links", Title: "Links work", FailureTitle: "Links are broken", Category: "links", Mode: checks.Binary, Scope: checks.SiteScope, Score: fmtPtr(0.33), Checked: 3, Failed: 2, Findings: 3},
			{ID: "http-status", Title: "Pages load", FailureTitle: "Pages fail to load", Category: "links", Mode: checks.Binary, Scope: checks.PageScope, Score: fmtPtr(0.67), Checked: 3, Failed: 1, Findings: 1},
			{ID: "largest-contentful-paint", Title: "The main content paints quickly", FailureTitle: "The main content paints slowly", Category: "speed", Mode: checks.Numeric, Scope: checks.PageScope, Score: fmtPtr(0.93), Value: fmtPtr(2300), Unit: "ms", Checked: 2},
			{ID: "layout-shift", Title: "The layout is stable", FailureTitle: "The layout shifts", Category: "stability", Mode: checks.Numeric, Scope: checks.PageScope, Checked: 0, NotApplicable: true, Reason: "no page was rendered <in time>"},
			{ID: "readability", Title: "Text is easy to read", FailureTitle: "Text is hard to read", Category: "content", Mode: checks.Numeric, Scope: checks.PageScope, Score: fmtPtr(0.67), Value: fmtPtr(11.2), Unit: "grade", Checked: 2, Failed: 1, Findings: 1},
			{ID: "plain-language", Title: "Words are plain", FailureTitle: "Words are not plain", Category: "content", Mode: checks.Informative, Scope: checks.PageScope, Checked: 2, Findings: 1},
			{ID: "document-title", Title: "Pages have a title", FailureTitle: "Pages lack a good title", Category: "structure", Mode: checks.Binary, Scope: checks.PageScope, Score: fmtPtr(0.67), Checked: 3, Failed: 1, Findings: 1},
			{ID: "headings", Title: "Headings are in order", FailureTitle: "Headings skip levels", Category: "structure", Mode: checks.Binary, Scope: checks.PageScope, Checked: 0, Errors: []string{"panic: index out of range"}},
		},
		Pages: []PageResult{
			{
				URL: "https://shop.example/", FinalURL: "https://shop.example/", Status: 200, FinalStatus: 200, Depth: 0,
				ContentType: "text/html; charset=utf-8", Bytes: 5120, Timing: TimingMS{TTFB: 120.5, Total: 180.25}, HTML: true,
				Title: "Shop | Home", Links: 12, Findings: []string{"f1", "f2"},
				Vitals: &crawler.Vitals{TTFB: 130, FCP: 900, LCP: 2300, TBT: 40, CLS: 0.012, Settled: true, Runs: 1},
				Metrics: map[string]float64{"first-contentful-paint": 900, "largest-contentful-paint": 2300, "total-blocking-time": 40,
					"layout-shift": 0.012, "readability": 11.2, "server-response-time": 120.5},
			},
			{
				URL: "https://shop.example/=cmd|' /C calc'!A0", FinalURL: "https://shop.example/=cmd|' /C calc'!A0", Status: 200, FinalStatus: 200, Depth: 1,
				ContentType: "text/html", Bytes: 2048, Timing: TimingMS{TTFB: 80, Total: 95}, HTML: true,
				Title: "=HYPERLINK(\"http://evil.example\",\"click\")", Links: 3, Findings: []string{"f3", "f4", "f5"},
				Vitals: &crawler.Vitals{TTFB: 90, FCP: 700, LCP: 1800.5, TBT: 0, CLS: 0, Settled: true, Runs: 1},
				Metrics: map[string]float64{"first-contentful-paint": 700, "largest-contentful-paint": 1800.5, "total-blocking-time": 0,
					"layout-shift": 0, "readability": 7.4, "server-response-time": 80},
			},
			{
				URL: "https://shop.example/old", FinalURL: "https://shop.example/gone", Status: 301, FinalStatus: 404, Depth: 1,
				Hops:  []crawler.Hop{{URL: "https://shop.example/old", Status: 301, Location: "/gone"}, {URL: "https://shop.example/gone", Status: 404}},
				Bytes: 0, Timing: TimingMS{TTFB: 20, Total: 22}, Findings: []string{"f6"},
			},
		},
		Findings: []checks.Finding{
			{ID: "f1", Check: "broken-links", URL: "https://shop.example/", Target: "https://shop.example/missing", Severity: checks.High,
				Message:  "Link to https://shop.example/missing answers 404 Not Found",
				Evidence: checks.Evidence{Kind: "status", Verdict: "broken", LinkText: "@SUM(1+1)*cmd|' /C calc'!A0", Tag: "a", Section: "footer", Selector: "footer > a:nth-child(2)", Status: 404}},
			{ID: "f3", Check: "broken-links", URL: "https://shop.example/=cmd|' /C calc'!A0", Target: "https://cdn.example/a.png", Severity: checks.High,
				Message: "Image https://cdn.example/a.png fails: connection refused", Count: 2,
				Evidence: checks.Evidence{Kind: "error", Verdict: "broken", Tag: "img", Attr: "src", Section: "main", Error: "connection refused"}},
			{ID: "f6", Check: "http-status", URL: "https://shop.example/old", Severity: checks.High,
				Message: "The page answers 404 Not Found", Evidence: checks.Evidence{Kind: "status", Status: 404}},
			{ID: "f4", Check: "broken-links", URL: "https://shop.example/=cmd|' /C calc'!A0", Target: "https://other.example/x", Severity: checks.Medium,
				Message: "-1 external link `x` | <script>alert(1)</script> answers 500", Evidence: checks.Evidence{Kind: "status", Verdict: "server-error", LinkText: "\tTab start", Status: 500}},
			{ID: "f2", Check: "readability", URL: "https://shop.example/", Severity: checks.Medium,
				Message:  "The main content reads at US school grade 11.2 (Flesch–Kincaid), above the target of 9",
				Evidence: checks.Evidence{Kind: "poor", Value: 11.2, Unit: "grade"}},
			{ID: "f7", Check: "document-title", Severity: checks.Low, Message: "Two pages share a title: *bold* [link](http://evil.example) ![img](x) #1 @team :smile: $x$ ~~s~~"},
			{ID: "f5", Check: "document-title", URL: "https://shop.example/=cmd|' /C calc'!A0", Severity: checks.Low,
				Message: "The title is 72 characters long\r\n=1+2", Evidence: checks.Evidence{Kind: "too-long", Selector: "head > title"}},
			{ID: "f8", Check: "plain-language", URL: "https://shop.example/", Severity: checks.Info,
				Message: "\"utilize\" could be \"use\"", Evidence: checks.Evidence{Kind: "word"}},
		},
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in   []string
		want []Format
		bad  string
	}{
		{nil, []Format{FormatHTML, FormatJSON}, ""},
		{[]string{""}, []Format{FormatHTML, FormatJSON}, ""},
		{[]string{"md"}, []Format{FormatMarkdown}, ""},
		{[]string{"junit,csv", "md", " HTML "}, []Format{FormatHTML, FormatCSV, FormatMarkdown, FormatJUnit}, ""},
		{[]string{"json,json", "json"}, []Format{FormatJSON}, ""},
		{[]string{"html,pdf"}, nil, `"pdf"`},
		{[]string{"xml"}, nil, `"xml"`},
	}
	for _, tt := range tests {
		got, err := ParseFormats(tt.in)
		if tt.bad != "" {
			if err == nil || !strings.Contains(err.Error(), tt.bad) {
				t.Errorf("ParseFormats(%q) error = %v, want one naming %s", tt.in, err, tt.bad)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFormats(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestWriteFilesWritesTheChosenFormats(t *testing.T) {
	r := formatSample()
	dir := t.TempDir()
	paths, err := WriteFiles(dir, r, WriteOptions{Formats: []Format{FormatCSV, FormatMarkdown, FormatJUnit}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"findings.csv", "pages.csv", "summary.md", "junit.xml"}
	for i := range want {
		want[i] = filepath.Join(dir, want[i])
	}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("paths = %q, want %q", paths, want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "findings.csv junit.xml pages.csv summary.md" {
		t.Errorf("folder holds %s: want exactly the four files, no temporary ones", got)
	}

	// No formats: the defaults, report.html first.
	dir = t.TempDir()
	paths, err = WriteFiles(dir, r, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 || filepath.Base(paths[0]) != "report.html" || filepath.Base(paths[1]) != "result.json" {
		t.Errorf("default paths = %q", paths)
	}
	f, err := os.Open(paths[1])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	back, err := ReadJSON(f)
	if err != nil || back.Site != r.Site || len(back.Findings) != len(r.Findings) {
		t.Errorf("result.json does not read back: %v", err)
	}
}

func TestWriteFilesReportsFailures(t *testing.T) {
	dir := t.TempDir()
	// A folder where a file should go: that file cannot be renamed into place.
	if err := os.Mkdir(filepath.Join(dir, "summary.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := WriteFiles(dir, formatSample(), WriteOptions{Formats: []Format{FormatMarkdown, FormatJUnit}})
	if err == nil || !strings.Contains(err.Error(), "summary.md") {
		t.Errorf("err = %v, want one naming summary.md", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "junit.xml")); err != nil {
		t.Errorf("the other format should still be written: %v", err)
	}
}

// formatSampleGates is formatSample with budgets (failed, held and not
// measured) and a comparison with an earlier audit: one finding fixed, one
// new that counts, one new info finding that does not, the score and two
// categories changed, and LCP worse beyond its noise.
func formatSampleGates() *Result {
	r := formatSample()
	r.Budgets = EvaluateBudgets(r, []Budget{
		{Score: fmtPtr(80), Categories: []Limit{{Key: "speed", Value: 90}},
			Metrics:  []Limit{{Key: "largest-contentful-paint", Value: 2000}},
			Findings: []Limit{{Key: "high", Value: 5}}},
		{Path: "/checkout/*", Metrics: []Limit{{Key: "largest-contentful-paint", Value: 2500}}},
	})
	old := formatSample()
	old.StartedAt = r.StartedAt.Add(-24 * time.Hour)
	old.Score = fmtPtr(0.74)
	old.Categories[0].Score = fmtPtr(0.6)
	old.Categories[1].Score = fmtPtr(0.98)
	old.Checks[2].Value = fmtPtr(1800)
	var kept []checks.Finding
	for _, f := range old.Findings {
		if f.ID != "f4" && f.ID != "f8" { // the external link broke since; the info finding is new
			kept = append(kept, f)
		}
	}
	old.Findings = append(kept, checks.Finding{ID: "f0", Check: "http-status", URL: "https://shop.example/sale", Severity: checks.High,
		Message: "The page answers 500 Internal Server Error", Evidence: checks.Evidence{Kind: "status", Status: 500}})
	r.Baseline = Diff(old, r, "nightly/last/result.json")
	return r
}
