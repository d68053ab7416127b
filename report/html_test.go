package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func renderHTML(t *testing.T, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
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
	got := renderHTML(t, demoResult())
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
	if again := renderHTML(t, demoResult()); !bytes.Equal(got, again) {
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
	b := renderHTML(t, r)
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
}
