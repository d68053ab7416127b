package report

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/uxaudit/uxaudit/crawler/browser"
)

// startChromium starts a headless Chromium for a test, or skips the test
// when there is none and CI is not set.
func startChromium(t *testing.T) context.Context {
	t.Helper()
	path, err := browser.FindChrome("")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("no Chromium: %v", err)
		}
		t.Fatalf("CI is set and there is no Chromium: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no deadline
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// consoleLog gathers a tab's console errors and uncaught exceptions.
type consoleLog struct {
	mu   sync.Mutex
	msgs []string
	done chan struct{}
}

func watchConsole(ctx context.Context) *consoleLog {
	l := &consoleLog{done: make(chan struct{})}
	msgs := chromedp.Console(ctx)
	go func() {
		defer close(l.done)
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				l.mu.Lock()
				l.msgs = append(l.msgs, m.String())
				l.mu.Unlock()
			}
		}
	}()
	return l
}

func (l *consoleLog) errors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.msgs...)
}

// openReport writes r's scorecard into dir and loads it in a new tab, until
// its script has rendered the tables.
func openReport(t *testing.T, bctx context.Context, r *Result, dir string, opts ...HTMLOptions) (context.Context, *consoleLog) {
	t.Helper()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, renderHTML(t, r, opts...), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(tab, 30*time.Second) // a few seconds on an idle machine; CI runners are busy
	t.Cleanup(cancelT)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatal(err)
	}
	log := watchConsole(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path)); err != nil {
		t.Fatalf("open the report: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[string]("document.documentElement.dataset.ready",
		chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("the report's script did not finish: %v; console: %v", err, log.errors())
	}
	return ctx, log
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// TestHTMLInChromium loads the demo scorecard in a real Chromium: no
// console error or exception, the gauges, the fix-first list and the tables
// rendered, sorting, filtering and the page drill-down working. A
// screenshot is written for the record.
func TestHTMLInChromium(t *testing.T) {
	bctx := startChromium(t)
	dir := t.TempDir()
	r := demoResult()
	ctx, log := openReport(t, bctx, r, dir, HTMLOptions{Trend: demoTrend(r)})

	if n := eval[int](t, ctx, `document.querySelectorAll('li.gauge-cat svg.gauge').length`); n != len(r.Categories) {
		t.Errorf("%d gauges, want %d", n, len(r.Categories))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#fix-first li.fix').length`); n == 0 {
		t.Error("no fix-first item")
	}
	// The release gates: the verdicts, the budgets, the diff, the trend.
	if got := eval[string](t, ctx, `document.getElementById('budget-verdict').innerText`); !strings.Contains(got, "4 of 6 budgets failed") {
		t.Errorf("budget verdict = %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('table.budgets tbody tr.fail').length`); n != 4 {
		t.Errorf("%d failed budget rows, want 4", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#trend svg.spark').length`); n != 1+len(r.Categories) {
		t.Errorf("%d sparklines, want %d", n, 1+len(r.Categories))
	}
	if w := eval[float64](t, ctx, `document.querySelector('#trend svg.spark').getBoundingClientRect().width`); w < 100 {
		t.Errorf("the overall sparkline is %.0f px wide", w)
	}
	// "Show the new findings" filters the table of all findings to them.
	n := eval[int](t, ctx, `(() => {
		document.querySelector('[data-show-new]').click();
		return document.querySelectorAll('#findings-table tbody tr').length })()`)
	if n != 1 || !strings.Contains(eval[string](t, ctx, `document.querySelector('#findings-table tbody tr').textContent`), "new") {
		t.Errorf("showing the new findings left %d rows, want the 1 regression, marked new", n)
	}
	if v := eval[string](t, ctx, `document.getElementById('findings-new').value`); v != "1" {
		t.Errorf("the since-baseline select shows %q, want 1", v)
	}
	eval[bool](t, ctx, `(() => { const s = document.getElementById('findings-new'); s.value = ''; s.dispatchEvent(new Event('change')); return true })()`)
	if n := eval[int](t, ctx, `document.querySelectorAll('#pages-table tbody tr').length`); n != len(r.Pages) {
		t.Errorf("the pages table shows %d rows, want %d", n, len(r.Pages))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#findings-table tbody tr').length`); n != len(r.Findings) {
		t.Errorf("the findings table shows %d rows, want %d", n, len(r.Findings))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#broken-table tbody tr').length`); n != 3 {
		t.Errorf("the broken links table shows %d rows, want 3", n)
	}
	// Sort the pages by URL with the keyboard-usable header button.
	first := eval[string](t, ctx, `(() => {
		document.querySelector('#pages-table th[data-key=url] button').click();
		return document.querySelector('#pages-table tbody tr a').textContent })()`)
	if first != "http://demo.test/" {
		t.Errorf("after sorting by URL the first page is %q", first)
	}
	if s := eval[string](t, ctx, `document.querySelector('#pages-table th[data-key=url]').getAttribute('aria-sort')`); s != "ascending" {
		t.Errorf("aria-sort = %q after sorting", s)
	}
	// Filter the findings.
	n = eval[int](t, ctx, `(() => {
		const s = document.getElementById('findings-sev'); s.value = '3'; s.dispatchEvent(new Event('change'));
		return document.querySelectorAll('#findings-table tbody tr').length })()`)
	if n != 5 {
		t.Errorf("%d high findings shown, want 5", n)
	}
	// Open a page's details: its findings and screenshot.
	detail := eval[string](t, ctx, `(() => {
		document.querySelector('#pages-table tbody tr button').click();
		return document.getElementById('detail').textContent })()`)
	if detail == "" || eval[int](t, ctx, `document.querySelectorAll('#detail ul.findings li').length`) == 0 {
		t.Errorf("the page details show no finding: %q", detail)
	}
	if eval[int](t, ctx, `document.querySelectorAll('#detail img.shot').length`) != 1 {
		t.Error("the home page's details show no screenshot")
	}

	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(70))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.jpg"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("UXAUDIT_REPORT_SHOT"); out != "" {
		if err := os.WriteFile(out, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshot: %s (%d bytes)", filepath.Join(dir, "report.jpg"), len(shot))
	if errs := log.errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestHTMLHostileInChromium loads the hostile result's scorecard: the
// script-rendered rows and drill-down must hold no injected element, no
// event handler and no javascript: link, and nothing may run.
func TestHTMLHostileInChromium(t *testing.T) {
	bctx := startChromium(t)
	ctx, log := openReport(t, bctx, hostileResult(), t.TempDir(), HTMLOptions{Trend: hostileTrend()})
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		window.alert = () => { document.documentElement.dataset.alerted = '1' };
		for (const b of document.querySelectorAll('#pages-table tbody button')) b.click();
		document.getElementById('pages-size').value = '100';
	})()`)); err != nil {
		t.Fatal(err)
	}
	report := eval[map[string]int](t, ctx, `(() => {
		const all = [...document.querySelectorAll('*')];
		return {
			scripts: document.scripts.length,
			imgs: document.querySelectorAll('img:not(.shot)').length,
			handlers: all.filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length,
			jsLinks: all.filter(e => /javascript:/i.test((e.getAttribute('href') || '') + (e.getAttribute('src') || ''))).length,
			rows: document.querySelectorAll('#findings-table tbody tr').length,
			alerted: document.documentElement.dataset.alerted ? 1 : 0,
		} })()`)
	want := map[string]int{"scripts": 3, "imgs": 0, "handlers": 0, "jsLinks": 0, "alerted": 0}
	for k, v := range want {
		if report[k] != v {
			t.Errorf("%s = %d, want %d", k, report[k], v)
		}
	}
	if report["rows"] == 0 {
		t.Error("no finding rendered")
	}
	if errs := log.errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestHTMLCompressedInChromium loads the scorecard of a 10,000-page result,
// whose data is embedded gzipped in parts compressed at once
// (gzipParallel): Chromium's DecompressionStream reads it as one member and
// the tables list every page and finding.
func TestHTMLCompressedInChromium(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // parts whatever the machine's cores
	r := syntheticResult(10000)
	raw, err := json.Marshal(buildScorecard(r, HTMLOptions{}).Data)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) <= compressDataAbove || len(raw) < 2*gzipPieceMin {
		t.Fatalf("the data is %d bytes: too small to be compressed in parts", len(raw))
	}
	ctx, log := openReport(t, startChromium(t), r, t.TempDir())
	if enc := eval[string](t, ctx, `document.getElementById('uxaudit-data').dataset.encoding`); enc != "gzip+base64" {
		t.Fatalf("data encoding %q, want gzip+base64", enc)
	}
	for table, want := range map[string]int{"pages": len(r.Pages), "findings": len(r.Findings)} {
		status := eval[string](t, ctx, `document.querySelector('[data-status=`+table+`]').textContent`)
		if !strings.Contains(status, fmt.Sprintf(" of %d", want)) {
			t.Errorf("the %s table says %q, want %d rows in all", table, status, want)
		}
	}
	if errs := log.errors(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
