package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/uxaudit/uxaudit/crawler"
)

// findingsHeader names the columns of findings.csv.
var findingsHeader = []string{
	"id", "check", "severity", "url", "message", "target", "selector", "value", "unit",
	"kind", "verdict", "status", "link_text", "section", "count",
}

// pagesHeader names the columns of pages.csv.
var pagesHeader = []string{
	"url", "final_url", "status", "final_status", "depth", "error_kind", "content_type", "bytes",
	"ttfb_ms", "total_ms", "title", "fcp_ms", "lcp_ms", "cls", "tbt_ms", "reading_grade", "findings",
}

// WriteFindingsCSV writes findings.csv: one row per finding, in the result's
// order. Text taken from crawled pages is guarded against formula injection
// (see safeCell).
func WriteFindingsCSV(w io.Writer, r *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(findingsHeader); err != nil {
		return fmt.Errorf("write findings.csv: %w", err)
	}
	for _, f := range r.Findings {
		e := f.Evidence
		value := ""
		if e.Unit != "" || e.Value != 0 {
			value = csvNum(e.Value)
		}
		row := []string{
			safeCell(f.ID), safeCell(f.Check), safeCell(string(f.Severity)), safeCell(f.URL), safeCell(f.Message),
			safeCell(f.Target), safeCell(e.Selector), value, safeCell(e.Unit),
			safeCell(e.Kind), safeCell(e.Verdict), csvInt(e.Status), safeCell(e.LinkText), safeCell(e.Section),
			csvInt(f.Count),
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write findings.csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write findings.csv: %w", err)
	}
	return nil
}

// pagesCSVMetrics are the columns of pages.csv that hold a numeric check's
// value of the page, by check ID.
var pagesCSVMetrics = []struct {
	check  string
	column string
	vital  func(v *crawler.Vitals) float64 // for results written before pages kept their metrics
}{
	{"first-contentful-paint", "fcp_ms", func(v *crawler.Vitals) float64 { return v.FCP }},
	{"largest-contentful-paint", "lcp_ms", func(v *crawler.Vitals) float64 { return v.LCP }},
	{"layout-shift", "cls", func(v *crawler.Vitals) float64 { return v.CLS }},
	{"total-blocking-time", "tbt_ms", func(v *crawler.Vitals) float64 { return v.TBT }},
	{"readability", "reading_grade", nil},
}

// WritePagesCSV writes pages.csv: one row per page of the result, with its
// fetch, and the values of the numeric checks that measured it (the
// browser's metrics on rendered pages, the reading grade of every page the
// readability check graded), and its number of findings. A result written
// before pages kept their metrics falls back on the page's vitals and on
// the readability findings (pages above the target grade only).
func WritePagesCSV(w io.Writer, r *Result) error {
	var grades map[string]float64 // the fallback, built only when a page needs it
	cw := csv.NewWriter(w)
	if err := cw.Write(pagesHeader); err != nil {
		return fmt.Errorf("write pages.csv: %w", err)
	}
	metrics := make([]string, len(pagesCSVMetrics))
	for _, p := range r.Pages {
		usable := p.Vitals != nil && p.Vitals.ErrorKind != "crash" && p.Vitals.ErrorKind != "navigation" && p.Vitals.ErrorKind != "browser"
		for i, m := range pagesCSVMetrics {
			metrics[i] = ""
			v, ok := p.Metrics[m.check]
			switch {
			case ok:
				metrics[i] = csvNum(v)
			case p.Metrics != nil:
			case m.vital != nil && usable:
				metrics[i] = csvNum(m.vital(p.Vitals))
			case m.check == "readability" && p.HTML:
				if grades == nil {
					grades = readingGrades(r)
				}
				if g, ok := grades[p.URL]; ok {
					metrics[i] = csvNum(g)
				}
			}
		}
		row := []string{
			safeCell(p.URL), safeCell(p.FinalURL), csvInt(p.Status), csvInt(p.FinalStatus), strconv.Itoa(p.Depth),
			safeCell(p.ErrorKind), safeCell(p.ContentType), strconv.FormatInt(p.Bytes, 10),
			csvNum(p.Timing.TTFB), csvNum(p.Timing.Total), safeCell(p.Title),
		}
		row = append(row, metrics...)
		row = append(row, strconv.Itoa(len(p.Findings)))
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write pages.csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write pages.csv: %w", err)
	}
	return nil
}

// readingGrades returns the reading grade of each page that the readability
// check reported on, from its findings: results written before pages kept
// their metrics have a page's grade only when it is above the target.
func readingGrades(r *Result) map[string]float64 {
	grades := map[string]float64{}
	for _, f := range r.Findings {
		if f.Check == "readability" && f.Evidence.Unit == "grade" && f.URL != "" {
			grades[f.URL] = f.Evidence.Value
		}
	}
	return grades
}

// safeCell guards a cell against formula injection: a spreadsheet opening
// the file would run a cell that starts with =, +, -, @, a tab or a carriage
// return as a formula, so such cells get a leading apostrophe, which
// spreadsheets show as text. Every text cell goes through it, since page
// titles, URLs, link text and messages all come from crawled pages.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// csvNum formats a number for CSV: the shortest form that reads back exactly.
func csvNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// csvInt formats a count or status, leaving zero (none) empty.
func csvInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
