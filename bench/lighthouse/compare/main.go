// Command compare prints, page by page, the browser metrics of a uxaudit
// result.json next to Lighthouse's for the same pages, and whether they
// agree within the targets: FCP and LCP within ±15%, CLS within ±0.02. TBT
// and TTFB are shown for information.
//
//	compare -ux OUT/uxaudit/result.json -lh OUT/lighthouse
//
// -lh is a folder of Lighthouse JSON reports (any number of runs per page,
// matched to uxaudit's pages by URL path); for each metric the median of the
// runs is compared. With one uxaudit result, uxaudit's figures are those of
// the run it kept (with --runs, the one with the median LCP); -ux may name
// several results, comma-separated, and then their median is compared.
//
//	compare -rows FILE...
//
// prints the metrics of each page of uxaudit results and Lighthouse reports,
// one tab-separated line each (tool, path, FCP, LCP, CLS, TBT, TTFB, and
// for Lighthouse its benchmarkIndex).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Targets of agreement.
const (
	timeTolerance = 0.15 // FCP and LCP: relative
	clsTolerance  = 0.02 // CLS: absolute
)

type uxResult struct {
	Pages []struct {
		URL    string    `json:"url"`
		Vitals *uxVitals `json:"vitals"`
	} `json:"pages"`
}

type uxVitals struct {
	TTFB       float64 `json:"ttfb_ms"`
	FCP        float64 `json:"fcp_ms"`
	LCP        float64 `json:"lcp_ms"`
	LCPElement string  `json:"lcp_element"`
	TBT        float64 `json:"tbt_ms"`
	CLS        float64 `json:"cls"`
	Runs       int     `json:"runs"`
	Settled    bool    `json:"settled"`
	Error      string  `json:"error"`
}

type lhAudit struct {
	NumericValue *float64        `json:"numericValue"`
	Details      json.RawMessage `json:"details"`
}

type lhReport struct {
	LighthouseVersion string `json:"lighthouseVersion"`
	RequestedURL      string `json:"requestedUrl"`
	RuntimeError      *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"runtimeError"`
	RunWarnings []string `json:"runWarnings"`
	Environment struct {
		BenchmarkIndex float64 `json:"benchmarkIndex"`
	} `json:"environment"`
	ConfigSettings struct {
		ThrottlingMethod string `json:"throttlingMethod"`
	} `json:"configSettings"`
	Audits map[string]lhAudit `json:"audits"`
}

// lhRun is one Lighthouse run's metrics.
type lhRun struct {
	fcp, lcp, cls, tbt, ttfb float64
	lcpElement               string
	benchmark                float64 // Lighthouse's benchmarkIndex: lower on a busier CPU
}

type metric struct {
	name     string
	ux       []float64 // uxaudit runs
	lh       []float64 // Lighthouse runs
	unit     string    // "ms" or ""
	relative bool      // diff in % (else absolute)
	tol      float64   // 0: no target
}

func main() {
	uxPath := flag.String("ux", "", "uxaudit result.json; several, comma-separated, for the median of several audits")
	lhDir := flag.String("lh", "", "folder of Lighthouse JSON reports")
	rows := flag.Bool("rows", false, "print one tab-separated line per page and report of the files given as arguments (uxaudit result.json or Lighthouse JSON): tool, path, FCP, LCP, CLS, TBT, TTFB")
	flag.Parse()
	if *rows {
		if err := printRows(os.Stdout, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, "compare:", err)
			os.Exit(2)
		}
		return
	}
	if *uxPath == "" || *lhDir == "" {
		fmt.Fprintln(os.Stderr, "usage: compare -ux result.json -lh DIR | compare -rows FILE...")
		os.Exit(2)
	}
	ok, err := run(os.Stdout, strings.Split(*uxPath, ","), *lhDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// printRows prints the metrics of each page of uxaudit results and
// Lighthouse reports, one tab-separated line each.
func printRows(w io.Writer, files []string) error {
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var probe struct {
			LighthouseVersion string `json:"lighthouseVersion"`
		}
		if err := json.Unmarshal(b, &probe); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if probe.LighthouseVersion != "" {
			r, _, path, err := readLighthouse(f)
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			fmt.Fprintf(w, "lighthouse\t%s\t%.1f\t%.1f\t%.4f\t%.0f\t%.1f\t%.0f\n", path, r.fcp, r.lcp, r.cls, r.tbt, r.ttfb, r.benchmark)
			continue
		}
		var ux uxResult
		if err := json.Unmarshal(b, &ux); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		for _, p := range ux.Pages {
			if v := p.Vitals; v != nil {
				fmt.Fprintf(w, "uxaudit\t%s\t%.1f\t%.1f\t%.4f\t%.0f\t%.1f\n", pathOf(p.URL), v.FCP, v.LCP, v.CLS, v.TBT, v.TTFB)
			}
		}
	}
	return nil
}

func pathOf(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Path == "" {
		return u
	}
	return p.Path
}

func run(w io.Writer, uxPaths []string, lhDir string) (bool, error) {
	// uxaudit's values per page, one per result file.
	uxRuns := map[string][]uxVitals{}
	for _, f := range uxPaths {
		var ux uxResult
		b, err := os.ReadFile(f)
		if err != nil {
			return false, err
		}
		if err := json.Unmarshal(b, &ux); err != nil {
			return false, fmt.Errorf("%s: %w", f, err)
		}
		for _, p := range ux.Pages {
			if p.Vitals != nil {
				uxRuns[pathOf(p.URL)] = append(uxRuns[pathOf(p.URL)], *p.Vitals)
			}
		}
	}
	files, err := filepath.Glob(filepath.Join(lhDir, "*.json"))
	if err != nil {
		return false, err
	}
	runs := map[string][]lhRun{}
	version := ""
	for _, f := range files {
		r, v, path, err := readLighthouse(f)
		if err != nil {
			fmt.Fprintf(w, "skipped %s: %v\n", filepath.Base(f), err)
			continue
		}
		version = v
		runs[path] = append(runs[path], r)
	}
	if len(runs) == 0 {
		return false, fmt.Errorf("no usable Lighthouse report in %s", lhDir)
	}
	var paths []string
	for p := range runs {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	fmt.Fprintf(w, "uxaudit vs Lighthouse %s --throttling-method=provided (observed metrics).\n", version)
	if len(uxPaths) == 1 {
		fmt.Fprintf(w, "Lighthouse: median of its runs per metric (min–max in brackets); uxaudit: the run it kept (with --runs, the one with the median LCP).\n")
	} else {
		fmt.Fprintf(w, "Both tools: median of their runs per metric (min–max in brackets).\n")
	}
	fmt.Fprintf(w, "Targets: FCP and LCP within ±%.0f%%, CLS within ±%.2f; TBT and TTFB for information.\n\n", timeTolerance*100, clsTolerance)

	allOK := true
	type summaryRow struct {
		path  string
		cells []string
	}
	var summary []summaryRow
	for _, path := range paths {
		vs := uxRuns[path]
		rs := runs[path]
		fmt.Fprintf(w, "### %s (uxaudit %d, Lighthouse %d runs)\n\n", path, len(vs), len(rs))
		if len(vs) == 0 {
			fmt.Fprintf(w, "uxaudit did not render this page.\n\n")
			allOK = false
			summary = append(summary, summaryRow{path, []string{"not rendered", "", "", "", "**no**"}})
			continue
		}
		for _, v := range vs {
			if v.Error != "" || !v.Settled {
				fmt.Fprintf(w, "uxaudit: settled %v, error %q\n\n", v.Settled, v.Error)
			}
		}
		lhCol := func(f func(lhRun) float64) []float64 {
			var out []float64
			for _, r := range rs {
				out = append(out, f(r))
			}
			return out
		}
		uxCol := func(f func(uxVitals) float64) []float64 {
			var out []float64
			for _, v := range vs {
				out = append(out, f(v))
			}
			return out
		}
		ms := []metric{
			{"FCP", uxCol(func(v uxVitals) float64 { return v.FCP }), lhCol(func(r lhRun) float64 { return r.fcp }), "ms", true, timeTolerance},
			{"LCP", uxCol(func(v uxVitals) float64 { return v.LCP }), lhCol(func(r lhRun) float64 { return r.lcp }), "ms", true, timeTolerance},
			{"CLS", uxCol(func(v uxVitals) float64 { return v.CLS }), lhCol(func(r lhRun) float64 { return r.cls }), "", false, clsTolerance},
			{"TBT", uxCol(func(v uxVitals) float64 { return v.TBT }), lhCol(func(r lhRun) float64 { return r.tbt }), "ms", false, 0},
			{"TTFB", uxCol(func(v uxVitals) float64 { return v.TTFB }), lhCol(func(r lhRun) float64 { return r.ttfb }), "ms", false, 0},
		}
		fmt.Fprintf(w, "| metric | uxaudit | Lighthouse | difference | target | within |\n| --- | --- | --- | --- | --- | --- |\n")
		row := summaryRow{path: path}
		pageOK := true
		for _, m := range ms {
			ux, lh := median(m.ux), median(m.lh)
			diff, within := compareOne(m, ux, lh)
			target := "—"
			withinText := "—"
			if m.tol > 0 {
				if m.relative {
					target = fmt.Sprintf("±%.0f%%", m.tol*100)
				} else {
					target = fmt.Sprintf("±%.2f", m.tol)
				}
				withinText = "yes"
				if !within {
					withinText, pageOK = "**no**", false
				}
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", m.name+unitSuffix(m.unit), spread(m.ux, m.unit), spread(m.lh, m.unit), diff, target, withinText)
			if m.name != "TTFB" {
				row.cells = append(row.cells, fmt.Sprintf("%s / %s (%s)", num(ux, m.unit), num(lh, m.unit), diff))
			}
		}
		uxEl, lhEl := "", ""
		for _, v := range vs {
			if v.LCPElement != "" {
				uxEl = v.LCPElement
			}
		}
		for _, r := range rs {
			if r.lcpElement != "" {
				lhEl = r.lcpElement
			}
		}
		fmt.Fprintf(w, "| LCP element | `%s` | `%s` | %s | | |\n", uxEl, lhEl, sameElement(uxEl, lhEl))
		fmt.Fprintf(w, "| Lighthouse benchmarkIndex (lower: busier CPU) | | %s | | | |\n\n", spread(lhCol(func(r lhRun) float64 { return r.benchmark }), "ms"))
		if pageOK {
			row.cells = append(row.cells, "yes")
		} else {
			row.cells = append(row.cells, "**no**")
			allOK = false
		}
		summary = append(summary, row)
	}

	fmt.Fprintf(w, "### Summary (uxaudit / Lighthouse (difference))\n\n")
	fmt.Fprintf(w, "| page | FCP ms | LCP ms | CLS | TBT ms | FCP, LCP, CLS within targets |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, r := range summary {
		fmt.Fprintf(w, "| %s | %s |\n", r.path, strings.Join(r.cells, " | "))
	}
	return allOK, nil
}

// spread is the median of xs, with the range when there are several.
func spread(xs []float64, unit string) string {
	if len(xs) == 1 {
		return num(xs[0], unit)
	}
	lo, hi := minMax(xs)
	return fmt.Sprintf("%s (%s–%s)", num(median(xs), unit), num(lo, unit), num(hi, unit))
}

func readLighthouse(file string) (r lhRun, version, path string, err error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return r, "", "", err
	}
	var rep lhReport
	if err := json.Unmarshal(b, &rep); err != nil {
		return r, "", "", err
	}
	if rep.RuntimeError != nil && rep.RuntimeError.Code != "" {
		return r, "", "", fmt.Errorf("Lighthouse runtime error %s: %s", rep.RuntimeError.Code, rep.RuntimeError.Message)
	}
	if rep.ConfigSettings.ThrottlingMethod != "provided" {
		return r, "", "", fmt.Errorf("throttling method %q, want provided", rep.ConfigSettings.ThrottlingMethod)
	}
	val := func(id string) (float64, error) {
		a, ok := rep.Audits[id]
		if !ok || a.NumericValue == nil {
			return 0, fmt.Errorf("no value for %s", id)
		}
		return *a.NumericValue, nil
	}
	for _, m := range []struct {
		id  string
		dst *float64
	}{
		{"first-contentful-paint", &r.fcp}, {"largest-contentful-paint", &r.lcp},
		{"cumulative-layout-shift", &r.cls}, {"total-blocking-time", &r.tbt},
	} {
		if *m.dst, err = val(m.id); err != nil {
			return r, "", "", err
		}
	}
	r.ttfb = metricItem(rep, "timeToFirstByte")
	r.lcpElement = lcpSelector(rep)
	r.benchmark = rep.Environment.BenchmarkIndex
	return r, rep.LighthouseVersion, pathOf(rep.RequestedURL), nil
}

// metricItem reads one value of the "metrics" audit's summary item.
func metricItem(rep lhReport, key string) float64 {
	var d struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(rep.Audits["metrics"].Details, &d); err != nil || len(d.Items) == 0 {
		return math.NaN()
	}
	if f, ok := d.Items[0][key].(float64); ok {
		return f
	}
	return math.NaN()
}

// lcpSelector finds the LCP element's selector in the LCP breakdown insight.
func lcpSelector(rep lhReport) string {
	var d struct {
		Items []struct {
			Type     string `json:"type"`
			Selector string `json:"selector"`
		} `json:"items"`
	}
	if err := json.Unmarshal(rep.Audits["lcp-breakdown-insight"].Details, &d); err != nil {
		return ""
	}
	for _, it := range d.Items {
		if it.Type == "node" {
			return it.Selector
		}
	}
	return ""
}

func compareOne(m metric, ux, lh float64) (string, bool) {
	d := ux - lh
	if m.relative {
		if lh == 0 {
			return "n/a", ux == 0
		}
		rel := d / lh
		return fmt.Sprintf("%+.1f%%", rel*100), math.Abs(rel) <= m.tol
	}
	if m.unit == "ms" {
		return fmt.Sprintf("%+.0f ms", d), true
	}
	return fmt.Sprintf("%+.3f", d), math.Abs(d) <= m.tol+1e-9
}

// sameElement compares uxaudit's selector (tag#id, or a path of
// tag:nth-of-type(n) steps from the nearest id) with Lighthouse's (a path
// from body without positions): "same" when the last steps are equal,
// "consistent" when they are once uxaudit's position is dropped.
func sameElement(ux, lh string) string {
	if ux == "" && lh == "" {
		return "none"
	}
	last := func(s string) string {
		parts := strings.Split(s, ">")
		return strings.TrimSpace(parts[len(parts)-1])
	}
	a, b := last(ux), last(lh)
	if a == b {
		return "same"
	}
	if i := strings.Index(a, ":nth-of-type("); i > 0 && a[:i] == b {
		return "consistent"
	}
	return "differs"
}

func unitSuffix(u string) string {
	if u == "" {
		return ""
	}
	return " " + u
}

func num(f float64, unit string) string {
	if math.IsNaN(f) {
		return "?"
	}
	if unit == "ms" {
		return fmt.Sprintf("%.0f", f)
	}
	return fmt.Sprintf("%.3f", f)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func minMax(xs []float64) (float64, float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return lo, hi
}
