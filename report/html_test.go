package report

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func renderHTML(t *testing.T, r *Result, opts ...HTMLOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, r, opts...); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func parseHTML(t *testing.T, b []byte) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestHTMLGolden pins the scorecard of the fixed demo result. Run with
// -update after an intended change, and read the diff.
func TestHTMLGolden(t *testing.T) {
	r := demoResult()
	got := renderHTML(t, r, HTMLOptions{Trend: demoTrend(r)})
	path := filepath.Join("testdata", "html-scorecard.golden.html")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run TestHTMLGolden -update)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("the scorecard differs from %s at line %d:\n got: %.300s\nwant: %.300s\n(run with -update if intended)", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("the scorecard differs from %s: %d lines, want %d (run with -update if intended)", path, len(gl), len(wl))
	}
	if again := renderHTML(t, demoResult(), HTMLOptions{Trend: demoTrend(r)}); !bytes.Equal(got, again) {
		t.Fatal("two renders of the same result differ")
	}
}

// TestHTMLStructure asserts the scorecard's parts with goquery.
func TestHTMLStructure(t *testing.T) {
	r := demoResult()
	doc := parseHTML(t, renderHTML(t, r))

	if n := doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1, want 1", n)
	}
	if got := doc.Find("h1").Text(); got != "UX audit of demo.test" {
		t.Errorf("h1 = %q", got)
	}
	if n, want := doc.Find("li.gauge-cat svg.gauge").Length(), len(r.Categories); n != want {
		t.Errorf("%d category gauges, want %d (one per category)", n, want)
	}
	if got := doc.Find(".overall svg.gauge text").Text(); got != "81" {
		t.Errorf("overall gauge shows %q, want 81", got)
	}
	bands := map[string]string{"links": "average", "speed": "good", "stability": "poor", "site": "na"}
	doc.Find("li.gauge-cat").Each(func(_ int, s *goquery.Selection) {
		href, _ := s.Find("a").Attr("href")
		id := strings.TrimPrefix(href, "#cat-")
		if doc.Find("section#cat-"+id).Length() != 1 {
			t.Errorf("gauge %s links to no section", href)
		}
		if want, ok := bands[id]; ok && !s.Find("svg").HasClass("gauge-"+want) {
			t.Errorf("gauge %s is not %s", id, want)
		}
	})
	facts := doc.Find("dl.facts").Text()
	for _, want := range []string{"14 March 2026, 09:26 UTC", "Pages audited6", "12.4 s", "Devicemobile", "Throttlingnone", "Page cap10000 pages"} {
		if !strings.Contains(facts, want) {
			t.Errorf("the header lacks %q: %q", want, facts)
		}
	}

	fix := doc.Find("#fix-first ol.fix-list > li.fix")
	if fix.Length() == 0 {
		t.Fatal("no fix-first items")
	}
	first := fix.First()
	if got := first.Find("h3").Text(); !strings.Contains(got, "Content jumps while the page loads") {
		t.Errorf("first fix = %q, want the cookie banner's layout shift (3 pages × high)", got)
	}
	second := fix.Eq(1)
	if got := second.Find(".reach").Text(); !strings.Contains(got, "Broken on 2 pages: fix it once") {
		t.Errorf("second fix says %q, want the footer link broken on 2 pages", got)
	}
	if !strings.Contains(second.Find(".why").Text(), "Broken links strand people") {
		t.Error("a fix lacks its check's description")
	}

	for _, id := range []string{"broken-table", "pages-table", "findings-table"} {
		tb := doc.Find("table#" + id)
		if tb.Length() != 1 {
			t.Errorf("no table #%s", id)
			continue
		}
		if tb.Find("thead th[data-key] > button").Length() < 3 {
			t.Errorf("table #%s: its column headers are not sort buttons", id)
		}
		name, _ := tb.Attr("data-table")
		if in := doc.Find(`input[data-filter="` + name + `"]`); in.Length() == 1 {
			inputID, _ := in.Attr("id")
			if doc.Find(`label[for="`+inputID+`"]`).Length() != 1 {
				t.Errorf("filter of %s has no label", id)
			}
		} else {
			t.Errorf("table #%s has no filter input", id)
		}
	}
	doc.Find("select").Each(func(_ int, s *goquery.Selection) {
		id, _ := s.Attr("id")
		if doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("select #%s has no label", id)
		}
	})
	if n := doc.Find("#cat-redirects ol.chain > li").Length(); n != 3 {
		t.Errorf("the redirect chain has %d steps, want 2 hops and the final URL", n)
	}
	if got := doc.Find("#cat-stability table.culprits tbody tr").First().Find("code").Text(); got != "div#cookie-banner" {
		t.Errorf("first culprit = %q", got)
	}
	if got := doc.Find("#cat-stability table.culprits tbody tr").First().Find("td").Eq(1).Text(); got != "3 of 4" {
		t.Errorf("cookie banner shifts %q pages, want 3 of 4", got)
	}
	if n := doc.Find("#cat-content figure.hist svg rect").Length(); n != 13 {
		t.Errorf("histogram has %d bars, want 13", n)
	}
	if got, _ := doc.Find("#cat-speed table.slowest tbody tr").First().Find("a").Attr("href"); got != "http://demo.test/blog/" {
		t.Errorf("slowest page = %q", got)
	}
	if got := doc.Find("#cat-links table.worst tbody tr").Length(); got == 0 {
		t.Error("no worst pages for links")
	}

	// The embedded data is valid JSON with every page and finding.
	var data reportData
	if err := json.Unmarshal([]byte(doc.Find("script#uxaudit-data").Text()), &data); err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	if len(data.Pages) != len(r.Pages) || len(data.Findings) != len(r.Findings) {
		t.Errorf("data has %d pages and %d findings, want %d and %d", len(data.Pages), len(data.Findings), len(r.Pages), len(r.Findings))
	}
	var shots map[int]string
	if err := json.Unmarshal([]byte(doc.Find("script#uxaudit-shots").Text()), &shots); err != nil {
		t.Fatalf("embedded screenshots: %v", err)
	}
	if len(shots) != 1 || !strings.HasPrefix(shots[0], "data:image/jpeg;base64,") {
		t.Errorf("want the home page's screenshot embedded, got %d screenshots", len(shots))
	}
	if doc.Find(`link[rel=stylesheet], script[src], img[src^="http"]`).Length() != 0 {
		t.Error("the report loads something from the network")
	}
}

// TestHTMLHostileContent renders a result whose page-supplied text and URLs
// carry markup, script-closing tags and script URLs: they must come out as
// inert text and dead links.
func TestHTMLHostileContent(t *testing.T) {
	r := hostileResult()
	b := renderHTML(t, r, HTMLOptions{Trend: hostileTrend()})
	doc := parseHTML(t, b)

	if n := doc.Find("script").Length(); n != 3 {
		t.Errorf("%d script elements, want the scorecard's 3 (data, screenshots, code)", n)
	}
	if n := doc.Find("img").Length(); n != 0 {
		t.Errorf("%d injected img elements", n)
	}
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has an event handler attribute %s=%q", goquery.NodeName(s), a.Key, a.Val)
			}
		}
	})
	doc.Find("[href], [src], [action], [formaction]").Each(func(_ int, s *goquery.Selection) {
		for _, name := range []string{"href", "src", "action", "formaction"} {
			v, ok := s.Attr(name)
			if ok && strings.Contains(strings.ToLower(strings.Join(strings.Fields(v), "")), "javascript:") {
				t.Errorf("live script URL %s=%q", name, v)
			}
		}
	})
	var data reportData
	if err := json.Unmarshal([]byte(doc.Find("script#uxaudit-data").Text()), &data); err != nil {
		t.Fatalf("the embedded data broke: %v", err)
	}
	if !strings.Contains(strings.Join(data.Strings, "\n"), "</script><script>alert(3)</script>") {
		t.Error("the hostile text should be kept, as data")
	}
	raw := string(b)
	if i := strings.Index(raw, `id="uxaudit-data">`); i < 0 || strings.Contains(strings.ToLower(raw[i:strings.Index(raw[i:], "</script>")+i]), "<") {
		t.Error("the data block holds a raw '<'")
	}
	if !strings.Contains(doc.Find("#fix-first").Text(), `"><img src=x onerror=alert(1)><script>alert(2)</script>`) {
		t.Error("hostile text should be shown as text")
	}
	if !strings.Contains(doc.Find("dl.facts").Text(), `Device"><img`) {
		t.Error("a config value that is markup should be shown as text")
	}
	for sel, want := range map[string]string{
		"table.budgets tbody":   `"><img src=x onerror=alert(1)><script>alert(2)</script> UX score`,
		"table.diff-new tbody":  "</script><script>alert(3)</script><!--",
		"ul.diff-fixed":         `"><img src=x onerror=alert(1)>`,
		"table.diff-metrics":    `"><img src=x onerror=alert(1)>`,
		"#baseline > p":         "</script><script>alert(3)</script><!--",
		"ul.trends":             `"><svg onload=alert(9)></svg></title></svg><script>alert(10)</script>`,
		"svg.spark title":       "<script>alert(10)</script>",
		"#trend .sr-only table": "alert(9)",
	} {
		if got := doc.Find(sel).Text(); !strings.Contains(got, want) {
			t.Errorf("%s should show the hostile text %q as text, has %.200q", sel, want, got)
		}
	}
	if n := doc.Find("svg svg").Length(); n != 0 {
		t.Errorf("%d injected svg elements", n)
	}
}

// TestHTMLBudgets asserts the budgets' verdict near the top and their
// table: every outcome, the failed ones first, values in their units,
// passed and failed said in words, not colour alone.
func TestHTMLBudgets(t *testing.T) {
	r := demoResult()
	doc := parseHTML(t, renderHTML(t, r))

	v := doc.Find("main > p#budget-verdict")
	if got := strings.Join(strings.Fields(v.Text()), " "); !strings.Contains(got, "4 of 6 budgets failed") {
		t.Errorf("budget verdict = %q, want 4 of 6 failed", got)
	}
	if !v.HasClass("verdict-fail") || v.Find(".icon").Text() != "✗" {
		t.Error("the failed verdict lacks its class or icon")
	}
	if v.NextAllFiltered("section#scores").Length() != 1 {
		t.Error("the budget verdict is not above the scores")
	}
	if doc.Find(`nav.toc a[href="#budgets"]`).Length() != 1 {
		t.Error("no table-of-contents entry for the budgets")
	}
	rows := doc.Find("#budgets table.budgets tbody tr")
	if rows.Length() != len(r.Budgets) {
		t.Fatalf("%d budget rows, want %d", rows.Length(), len(r.Budgets))
	}
	type row struct{ name, limit, actual, over, result string }
	want := []row{
		{"stability score", "minimum 60/100", "42/100", "18 points", "failed"},
		{"high findings", "maximum 3 findings", "5 findings", "2 findings", "failed"},
		{"/blog/*: largest-contentful-paint p75", "maximum 2.0 s", "4.3 s", "2.3 s", "failed"},
		{"/checkout/*: largest-contentful-paint p75", "maximum 2.0 s", "not measured", "–", "failed: not measured"},
		{"UX score", "minimum 75/100", "81/100", "–", "passed"},
		{"largest-contentful-paint p75", "maximum 2.5 s", "1.9 s", "–", "passed"},
	}
	rows.Each(func(i int, s *goquery.Selection) {
		td := s.Find("td")
		got := row{td.Eq(0).Contents().First().Text(), td.Eq(1).Text(), td.Eq(2).Text(), td.Eq(3).Text(),
			strings.TrimSpace(strings.Trim(td.Eq(4).Text(), "✓✗? "))}
		if got != want[i] {
			t.Errorf("budget row %d = %+v, want %+v", i, got, want[i])
		}
		if got.result != "passed" && !s.HasClass("fail") {
			t.Errorf("budget row %d failed but is not marked", i)
		}
	})
	if got := rows.Eq(2).Find(".sub").Text(); got != "1 matching page" {
		t.Errorf("the path budget says %q, want its matching pages", got)
	}
	if got := rows.Eq(3).Find(".sub").Last().Text(); !strings.Contains(got, "no audited page matches /checkout/*") {
		t.Errorf("the unmeasured budget does not say why: %q", got)
	}

	r.Budgets = []BudgetResult{r.Budgets[0], r.Budgets[2]}
	doc = parseHTML(t, renderHTML(t, r))
	v = doc.Find("#budget-verdict")
	if got := strings.Join(strings.Fields(v.Text()), " "); !strings.Contains(got, "All 2 budgets hold") || !v.HasClass("verdict-pass") || v.Find(".icon").Text() != "✓" {
		t.Errorf("budget verdict = %q (%s), want all 2 hold", got, v.AttrOr("class", ""))
	}
	r.Budgets = nil
	if doc := parseHTML(t, renderHTML(t, r)); doc.Find("#budgets, #budget-verdict").Length() != 0 {
		t.Error("budgets shown without budgets")
	}
}

// TestHTMLBaselineDiff asserts the comparison with the baseline: the
// headline counts, the deltas beside the gauges, the new findings (the
// counted ones first), the fixed ones and the metrics that moved.
func TestHTMLBaselineDiff(t *testing.T) {
	r := demoResult()
	doc := parseHTML(t, renderHTML(t, r))

	got := strings.Join(strings.Fields(doc.Find("main > p#baseline-verdict").Text()), " ")
	if want := "Since baseline (7 March 2026, 09:26 UTC): 1 new (2 more not counted: info or metric noise), 2 fixed, 11 persisting."; !strings.Contains(got, want) {
		t.Errorf("baseline verdict = %q, want %q", got, want)
	}
	if got := doc.Find(".overall .delta").Text(); got != "▼ 3down 3 points since the baseline" {
		t.Errorf("overall delta = %q", got)
	}
	deltas := map[string]string{}
	doc.Find("li.gauge-cat").Each(func(_ int, s *goquery.Selection) {
		deltas[strings.TrimPrefix(s.Find("a").AttrOr("href", ""), "#cat-")] = s.Find(".delta span[aria-hidden]").Text()
	})
	for id, want := range map[string]string{"links": "±0", "speed": "▲ 5", "stability": "▼ 8", "accessibility": "▼ 17", "site": ""} {
		if deltas[id] != want {
			t.Errorf("delta of %s = %q, want %q", id, deltas[id], want)
		}
	}
	if s := doc.Find(`li.gauge-cat a[href="#cat-speed"] .delta`); !s.HasClass("delta-up") || !strings.Contains(s.Find(".sr-only").Text(), "up 5 points") {
		t.Error("the speed delta lacks its direction in words")
	}

	rows := doc.Find("#baseline table.diff-new tbody tr")
	if rows.Length() != 3 {
		t.Fatalf("%d new rows, want 3", rows.Length())
	}
	if !rows.First().HasClass("regression") || !strings.Contains(rows.First().Text(), "Image /img/blog.jpg") {
		t.Errorf("the first new row is not the regression: %q", rows.First().Text())
	}
	for i, note := range []string{"metric noise: 4100 → 4300", "info"} {
		s := rows.Eq(i + 1)
		if !s.HasClass("not-counted") || !strings.Contains(s.Find(".sub").Text(), "Not counted: "+note) {
			t.Errorf("new row %d = %q, want not counted with %q", i+1, s.Text(), note)
		}
	}
	fixed := doc.Find("#baseline ul.diff-fixed li")
	if fixed.Length() != 2 || !strings.Contains(fixed.First().Text(), `Link "Contact"`) {
		t.Errorf("fixed list = %q, want 2, the high one first", fixed.Text())
	}
	metrics := doc.Find("#baseline table.diff-metrics tbody tr")
	if metrics.Length() != 2 {
		t.Fatalf("%d metric rows, want the worse and the better one", metrics.Length())
	}
	cells := func(s *goquery.Selection) []string {
		var out []string
		s.Find("td").Each(func(_ int, c *goquery.Selection) { out = append(out, strings.Join(strings.Fields(c.Text()), " ")) })
		return out
	}
	if got, want := strings.Join(cells(metrics.Eq(0)), " | "), "The main content appears quickly largest-contentful-paint | 1.5 s | 1.9 s | +400 ms | 300 ms (fixed) | ▲ worse"; got != want {
		t.Errorf("worse metric = %q, want %q", got, want)
	}
	if got, want := strings.Join(cells(metrics.Eq(1)), " | "), "Content stays where it is layout-shift | 0.35 | 0.28 | −0.07 | 0.05 (fixed) | ▼ better"; got != want {
		t.Errorf("better metric = %q, want %q", got, want)
	}
	if doc.Find(`select#findings-new`).Length() != 1 || doc.Find(`button[data-show-new]`).Length() != 1 {
		t.Error("the findings table cannot show the new findings")
	}
	var data reportData
	if err := json.Unmarshal([]byte(doc.Find("script#uxaudit-data").Text()), &data); err != nil {
		t.Fatal(err)
	}
	marked := map[int]int{}
	for _, f := range data.Findings {
		marked[f.New]++
	}
	if marked[1] != 1 || marked[2] != 2 {
		t.Errorf("findings marked new: %v, want 1 counted and 2 not", marked)
	}

	// A night with nothing new.
	r.Baseline.New, r.Baseline.Counts.New, r.Baseline.Counts.Regressions = nil, 0, 0
	doc = parseHTML(t, renderHTML(t, r))
	if got := doc.Find("#baseline-verdict").Text(); !strings.Contains(got, "no new findings, 2 fixed, 11 persisting") {
		t.Errorf("baseline verdict = %q, want no new findings", got)
	}
	if doc.Find("#baseline table.diff-new").Length() != 0 || !strings.Contains(doc.Find("#baseline").Text(), "No new findings.") {
		t.Error("a diff with nothing new shows a table of new findings")
	}
	r.Baseline = nil
	if doc := parseHTML(t, renderHTML(t, r)); doc.Find("#baseline, #baseline-verdict, .delta, #findings-new").Length() != 0 {
		t.Error("baseline parts shown without a baseline")
	}
}

// TestHTMLTrend asserts the sparklines: one for the overall score and one
// per category, each with its values as accessible text, and a table of
// the values for screen readers.
func TestHTMLTrend(t *testing.T) {
	r := demoResult()
	tr := demoTrend(r)
	doc := parseHTML(t, renderHTML(t, r, HTMLOptions{Trend: tr}))

	sparks := doc.Find("#trend ul.trends svg.spark")
	if sparks.Length() != 1+len(r.Categories) {
		t.Fatalf("%d sparklines, want %d (overall and one per category)", sparks.Length(), 1+len(r.Categories))
	}
	overall := sparks.First()
	if got := overall.Find("title").Text(); got != "UX score over the last 4 audits" {
		t.Errorf("overall sparkline title = %q", got)
	}
	if got := overall.Find("desc").Text(); got != "Scores of the last 4 audits, oldest first: 79, 84, 84, 81 (this audit)." {
		t.Errorf("overall sparkline desc = %q", got)
	}
	if overall.AttrOr("role", "") != "img" || overall.AttrOr("aria-labelledby", "") != "spark-overall-t spark-overall-d" {
		t.Error("the sparkline is not an image labelled by its title and description")
	}
	if n := overall.Find("circle").Length(); n != 4 || overall.AttrOr("data-points", "") != "4" {
		t.Errorf("overall sparkline has %d points, want 4", n)
	}
	if got := overall.Parent().Find(".delta").Text(); !strings.Contains(got, "▲ 2") {
		t.Errorf("overall trend change = %q, want ▲ 2 (79 → 81)", got)
	}
	speed := doc.Find("#trend li").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".trend-title").Text() == "Speed" })
	if got := speed.Find("desc").Text(); !strings.Contains(got, "85, –, 90, 95 (this audit)") {
		t.Errorf("speed desc = %q, want the gap as –", got)
	}
	if d := speed.Find("path").AttrOr("d", ""); strings.Count(d, "M") != 2 {
		t.Errorf("speed line %q should break at the unscored run", d)
	}
	site := doc.Find("#trend li").FilterFunction(func(_ int, s *goquery.Selection) bool { return s.Find(".trend-title").Text() == "Site structure" })
	if site.Find("circle").Length() != 0 || !strings.Contains(site.Find("desc").Text(), "Not scored") {
		t.Error("a never-scored category should draw nothing and say so")
	}
	table := doc.Find("#trend .sr-only table")
	if n := table.Find("thead th").Length(); n != 1+len(tr.Runs) {
		t.Errorf("the values table has %d header cells, want %d", n, 1+len(tr.Runs))
	}
	if got := strings.Join(table.Find("tbody tr").First().Children().Map(func(_ int, c *goquery.Selection) string { return c.Text() }), " "); got != "UX score 79 84 84 81" {
		t.Errorf("values table first row = %q", got)
	}
	if doc.Find(`nav.toc a[href="#trend"]`).Length() != 1 {
		t.Error("no table-of-contents entry for the trend")
	}

	first := &Trend{Runs: tr.Runs[3:], Categories: []TrendSeries{{ID: "links", Title: "Links", Scores: []*float64{r.Categories[0].Score}}}}
	doc = parseHTML(t, renderHTML(t, r, HTMLOptions{Trend: first}))
	if doc.Find("#trend svg").Length() != 0 || !strings.Contains(doc.Find("#trend").Text(), "first audit of this site") {
		t.Error("one run should say the trend starts with the next one")
	}
	if doc := parseHTML(t, renderHTML(t, r)); doc.Find("#trend").Length() != 0 {
		t.Error("a trend section without a trend")
	}
}

// TestHTMLCompressedData checks the data block of a large site's scorecard:
// gzipped and base64-encoded, it holds the same data as the plain block.
func TestHTMLCompressedData(t *testing.T) {
	block := func(limit int) (string, string) {
		var b bytes.Buffer
		if err := writeHTML(&b, demoResult(), HTMLOptions{}, limit); err != nil {
			t.Fatal(err)
		}
		s := parseHTML(t, b.Bytes()).Find("#uxaudit-data")
		enc, _ := s.Attr("data-encoding")
		return enc, s.Text()
	}
	plainEnc, plain := block(1 << 30)
	zipEnc, zipped := block(0)
	if plainEnc != "" || zipEnc != "gzip+base64" {
		t.Fatalf("encodings %q and %q, want none and gzip+base64", plainEnc, zipEnc)
	}
	var b64 string
	if err := json.Unmarshal([]byte(zipped), &b64); err != nil {
		t.Fatalf("the compressed block is not a JSON string: %v", err)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal([]byte(plain), &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(unzipped, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the compressed data block differs from the plain one")
	}
}
