package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

func TestCSVGolden(t *testing.T) {
	r := formatSample()
	var b bytes.Buffer
	if err := WriteFindingsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	formatGolden(t, "csv-findings.csv", b.Bytes())
	b.Reset()
	if err := WritePagesCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	formatGolden(t, "csv-pages.csv", b.Bytes())
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		"=1+2":             "'=1+2",
		"+cmd":             "'+cmd",
		"-2":               "'-2",
		"@SUM(A1)":         "'@SUM(A1)",
		"\tx":              "'\tx",
		"\rx":              "'\rx",
		"https://a/=b":     "https://a/=b",
		"plain text":       "plain text",
		"'already quoted":  "'already quoted",
		" =leading space":  " =leading space",
		"é=accented first": "é=accented first",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSVFormulaInjection writes findings and pages whose crawled text
// starts with formula characters, reads the files back with encoding/csv,
// and checks that no cell can start a formula while the numbers stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	r := formatSample()
	for _, prefix := range []string{"=", "+", "-", "@", "\t", "\r"} {
		text := prefix + "HYPERLINK(\"http://evil.example\")"
		r.Findings = append(r.Findings, checks.Finding{
			ID: prefix + "id", Check: "broken-links", URL: text, Target: text, Severity: checks.Low, Message: text,
			Evidence: checks.Evidence{Selector: text, LinkText: text, Section: text, Kind: text, Verdict: text, Unit: text, Value: -3},
		})
		r.Pages = append(r.Pages, PageResult{URL: text, FinalURL: text, Title: text, ContentType: text, ErrorKind: text, Depth: 2})
	}
	var fb, pb bytes.Buffer
	if err := WriteFindingsCSV(&fb, r); err != nil {
		t.Fatal(err)
	}
	if err := WritePagesCSV(&pb, r); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"findings.csv": fb.Bytes(), "pages.csv": pb.Bytes()} {
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s does not parse: %v", name, err)
		}
		header := rows[0]
		for _, row := range rows[1:] {
			if len(row) != len(header) {
				t.Fatalf("%s: row of %d cells under a header of %d", name, len(row), len(header))
			}
			for i, cell := range row {
				if cell == "" || header[i] == "value" {
					continue
				}
				if strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: column %s starts a formula: %q", name, header[i], cell)
				}
			}
		}
	}
	// Numbers the tool computed stay numbers, even negative ones.
	rows, _ := csv.NewReader(bytes.NewReader(fb.Bytes())).ReadAll()
	if last := rows[len(rows)-1]; last[7] != "-3" {
		t.Errorf("value column = %q, want -3", last[7])
	}
}

func TestPagesCSVColumns(t *testing.T) {
	var b bytes.Buffer
	if err := WritePagesCSV(&b, formatSample()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	home, redirected := rows[1], rows[3]
	for name, want := range map[string]string{"lcp_ms": "2300", "cls": "0.012", "reading_grade": "11.2", "findings": "2", "ttfb_ms": "120.5"} {
		if got := home[col[name]]; got != want {
			t.Errorf("home page %s = %q, want %q", name, got, want)
		}
	}
	for name, want := range map[string]string{"lcp_ms": "", "reading_grade": "", "status": "301", "final_status": "404", "final_url": "https://shop.example/gone"} {
		if got := redirected[col[name]]; got != want {
			t.Errorf("redirected page %s = %q, want %q", name, got, want)
		}
	}
}

// TestPagesCSVMetrics: the metric columns of pages.csv come from the
// page's metrics (every page the readability check graded has its grade,
// not only those above the target), and from the vitals and readability
// findings of a result written before pages kept their metrics.
func TestPagesCSVMetrics(t *testing.T) {
	const u = "https://shop.example/p"
	vitals := &crawler.Vitals{FCP: 1000, LCP: 2000, CLS: 0.05, TBT: 30}
	all := map[string]float64{"first-contentful-paint": 900, "largest-contentful-paint": 2300, "layout-shift": 0.012,
		"total-blocking-time": 40, "readability": 7.25, "server-response-time": 120}
	gradeFinding := checks.Finding{ID: "g", Check: "readability", URL: u, Severity: checks.Medium, Evidence: checks.Evidence{Kind: "poor", Value: 12.5, Unit: "grade"}}
	for _, tc := range []struct {
		name     string
		page     PageResult
		findings []checks.Finding
		want     map[string]string // fcp_ms, lcp_ms, cls, tbt_ms, reading_grade
	}{
		{"every metric from the page's metrics", PageResult{URL: u, HTML: true, Vitals: vitals, Metrics: all}, []checks.Finding{gradeFinding},
			map[string]string{"fcp_ms": "900", "lcp_ms": "2300", "cls": "0.012", "tbt_ms": "40", "reading_grade": "7.25"}},
		{"a grade below the target, no browser", PageResult{URL: u, HTML: true, Metrics: map[string]float64{"readability": 6}}, nil,
			map[string]string{"fcp_ms": "", "lcp_ms": "", "cls": "", "tbt_ms": "", "reading_grade": "6"}},
		{"a metric the check did not measure stays empty", PageResult{URL: u, HTML: true, Vitals: vitals,
			Metrics: map[string]float64{"first-contentful-paint": 900, "readability": 8}}, nil,
			map[string]string{"fcp_ms": "900", "lcp_ms": "", "cls": "", "tbt_ms": "", "reading_grade": "8"}},
		{"an older result: vitals and the readability finding", PageResult{URL: u, HTML: true, Vitals: vitals}, []checks.Finding{gradeFinding},
			map[string]string{"fcp_ms": "1000", "lcp_ms": "2000", "cls": "0.05", "tbt_ms": "30", "reading_grade": "12.5"}},
		{"an older result: a crashed render has no metrics", PageResult{URL: u, HTML: true, Vitals: &crawler.Vitals{LCP: 5, ErrorKind: "crash"}}, nil,
			map[string]string{"fcp_ms": "", "lcp_ms": "", "cls": "", "tbt_ms": "", "reading_grade": ""}},
		{"not a page of HTML", PageResult{URL: u, Status: 404}, []checks.Finding{gradeFinding},
			map[string]string{"fcp_ms": "", "lcp_ms": "", "cls": "", "tbt_ms": "", "reading_grade": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Result{Pages: []PageResult{tc.page}, Findings: tc.findings}
			var b bytes.Buffer
			if err := WritePagesCSV(&b, r); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil || len(rows) != 2 {
				t.Fatalf("rows %q, %v", rows, err)
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			for name, want := range tc.want {
				i, ok := col[name]
				if !ok {
					t.Fatalf("no column %s in %q", name, rows[0])
				}
				if got := rows[1][i]; got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
	// The header names the metric columns in the order they are filled.
	for i, m := range pagesCSVMetrics {
		if got := pagesHeader[len(pagesHeader)-1-len(pagesCSVMetrics)+i]; got != m.column {
			t.Errorf("column %d is %q, want %q", i, got, m.column)
		}
	}
}
