package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

// layoutSite serves pages built to pass or fail each layout measurement.
func layoutSite(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	page := func(path, style, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title>
<style>body{margin:0;padding:0 16px;font:16px/1.5 sans-serif;color:#222;background:#fff} %s</style></head><body>%s</body></html>`, path, style, body)
		})
	}
	text := strings.Repeat(para, 3)
	// What a clean mobile page has: a logo link and a nav of roomy links,
	// links inside sentences, 48 px form controls, dark text on white.
	page("/clean", `nav a{display:inline-block;padding:12px 8px;min-width:48px;min-height:48px;box-sizing:border-box}
.logo img{display:block} input,button{height:48px;font-size:16px;margin:4px 0}`,
		`<header><a class="logo" href="/"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="120" height="40" alt="Shop"></a>
<nav><a href="/a">Home</a> <a href="/b">Shop</a> <a href="/c">Blog</a></nav></header>
<main><h1>Clean</h1>`+text+`<p>Read the <a href="/x">guide</a> and the <a href="/y">care notes</a> before you start.</p>
<form><label for="q">Search</label><br><input id="q" type="search"><br><button>Go</button></form></main>`)
	page("/wide", ``, `<h1>Prices</h1>`+para+`<div><table id="prices" style="width:600px"><tr><td>Trowel</td><td>12</td></tr></table></div>`)
	// 380 px fits the 412 px device (with 16 px margins) but not 360 px.
	page("/fits-412", ``, `<h1>Banner</h1><div id="banner" style="width:380px;height:50px;background:#eee"></div>`+para)
	// An element that reaches past the edge inside a box that clips it
	// does not widen the page.
	page("/clipped", `.scroller{overflow-x:auto}`, `<h1>Clipped</h1><div class="scroller"><table style="width:900px"><tr><td>wide</td></tr></table></div>`+para)
	page("/tiny-buttons", `.tools button{width:20px;height:20px;padding:0;margin:0 2px;font-size:12px}`,
		`<h1>Tiny</h1>`+para+`<div class="tools"><button id="b1">+</button><button id="b2" aria-label="Less">-</button><button id="b3">x</button></div>`)
	// The same short links, on lines 24 px apart: inside a sentence they
	// are exempt; stacked on their own they are crowded.
	links := `<a href="/1">one</a> then <a href="/2">two</a> then <a href="/3">three</a> then <a href="/4">four</a> then <a href="/5">five</a>`
	page("/inline", `p{width:150px}`, `<h1>Inline</h1><p>Read `+links+` in that order.</p>`+para)
	page("/stacked", ``, `<h1>Stacked</h1><div id="list"><a href="/1">one</a><br><a href="/2">two</a><br><a href="/3">three</a></div>`+para)
	// Text for screen readers only is not visible text.
	page("/sr-only", `.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);font-size:8px;color:#eee}
.away{position:absolute;left:-9999px;font-size:8px}`, `<h1>Hidden</h1><span class="sr">Skip to the main content of this page</span>
<p class="away">Text placed off the page for screen readers</p><p hidden>Hidden text</p>`+para)
	page("/small-text", `main{font-size:10px}`, `<h1>Small</h1><main>`+text+`</main>`)
	page("/low-contrast", `.note{color:#999}`, `<h1>Contrast</h1>`+para+`<p class="note" id="note">`+strings.Repeat("Prices include tax. ", 5)+`</p>`)
	// Large text needs 3:1 only; #767676 is the lightest grey at 4.5:1.
	page("/contrast-edges", `.big{color:#888;font-size:24px}.grey{color:#767676}.semi{color:rgba(0,0,0,.3)}
.card{background:#333;color:#eee;padding:8px}.frame{background:rgba(0,0,0,.5)}.frame p{color:#fff}`,
		`<h1>Edges</h1><p class="big" id="big">Large grey heading text</p><p class="grey" id="grey">Just enough contrast here</p>
<div class="card"><p id="card">Light text on a dark card</p></div><p class="semi" id="semi">Faint see-through text</p>
<div class="frame"><p id="frame">White text on a half-black veil</p></div>`+para)
	page("/hero", `.hero{position:relative;height:200px;background:url(/nothing.png) #fff}.hero p{color:#fff;margin:0}
.over{position:relative;height:100px}.over p{position:absolute;top:0;color:#fff;margin:0}`,
		`<h1>Hero</h1><div class="hero"><p id="over-image">White text on a photo</p></div>
<div class="over"><img src="/nothing.png" width="300" height="100" alt=""><p id="positioned">White text placed over a picture</p></div>`+para)
	// A page that asks for a dark canvas only: the browser picks its colour.
	page("/dark", `:root{color-scheme:dark} body{background:transparent;color:#eee}`, `<h1>Dark</h1>`+para)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func layoutOf(t *testing.T, b *Browser, url string) *crawler.Layout {
	t.Helper()
	v := render(t, b, url)
	if v.Error != "" || v.Layout == nil {
		t.Fatalf("%s: error %q, layout %v", url, v.Error, v.Layout)
	}
	return v.Layout
}

func TestLayoutMeasurements(t *testing.T) {
	b := browser(t)
	srv := layoutSite(t)

	t.Run("clean", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/clean")
		if !l.Mobile || l.NarrowWidth != NarrowWidth || l.ScrollWidth > NarrowWidth || len(l.Overflowing) != 0 {
			t.Errorf("overflow: %+v", l)
		}
		if l.TapTargets != 8 || l.CrowdedCount != 0 {
			t.Errorf("tap targets: %d measured, crowded %+v", l.TapTargets, l.Crowded)
		}
		if l.TextChars < 500 || l.SmallTextChars != 0 {
			t.Errorf("text: %d chars, %d small", l.TextChars, l.SmallTextChars)
		}
		if l.ContrastChecked < 5 || l.ContrastUnknown != 0 || l.LowContrastCount != 0 {
			t.Errorf("contrast: %d checked, %d unknown, low %+v", l.ContrastChecked, l.ContrastUnknown, l.LowContrast)
		}
	})
	t.Run("wide table", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/wide")
		if l.ScrollWidth < 600 || l.OverflowingCount != 1 || l.Overflowing[0].Selector != "table#prices" || l.Overflowing[0].Width != 600 {
			t.Errorf("overflow: %+v", l)
		}
	})
	t.Run("measured at 360 px", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/fits-412")
		if l.ScrollWidth <= NarrowWidth || len(l.Overflowing) != 1 || l.Overflowing[0].Selector != "div#banner" {
			t.Errorf("a 380 px banner must overflow at 360 px: %+v", l)
		}
	})
	t.Run("clipped overflow", func(t *testing.T) {
		if l := layoutOf(t, b, srv.URL+"/clipped"); l.ScrollWidth > NarrowWidth || len(l.Overflowing) != 0 {
			t.Errorf("a scrolling box does not widen the page: %+v", l)
		}
	})
	t.Run("tiny buttons", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/tiny-buttons")
		if l.TapTargets != 3 || l.CrowdedCount != 3 {
			t.Fatalf("crowded %d of %d: %+v", l.CrowdedCount, l.TapTargets, l.Crowded)
		}
		c := l.Crowded[0]
		if !strings.HasPrefix(c.Selector, "button#b") || c.Width != 20 || c.Height != 20 || !strings.HasPrefix(c.Near, "button#b") || c.Near == c.Selector {
			t.Errorf("first crowded target: %+v", c)
		}
		for _, c := range l.Crowded {
			if c.Selector == "button#b2" && c.Text != "Less" {
				t.Errorf("b2 is named by its aria-label: %+v", c)
			}
		}
	})
	t.Run("links in a sentence", func(t *testing.T) {
		if l := layoutOf(t, b, srv.URL+"/inline"); l.TapTargets != 5 || l.CrowdedCount != 0 {
			t.Errorf("inline links are exempt: %d targets, crowded %+v", l.TapTargets, l.Crowded)
		}
		l := layoutOf(t, b, srv.URL+"/stacked")
		if l.CrowdedCount != 3 || !strings.HasPrefix(l.Crowded[0].Selector, "div#list > a") {
			t.Errorf("stacked links: crowded %+v", l.Crowded)
		}
	})
	t.Run("small text", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/small-text")
		if share := float64(l.SmallTextChars) / float64(l.TextChars); share < 0.9 {
			t.Errorf("%d of %d chars small", l.SmallTextChars, l.TextChars)
		}
		if len(l.SmallText) != 3 || l.SmallText[0].Size != 10 || !strings.Contains(l.SmallText[0].Selector, "main > p") {
			t.Errorf("small text: %+v", l.SmallText)
		}
	})
	t.Run("text for screen readers", func(t *testing.T) {
		if l := layoutOf(t, b, srv.URL+"/sr-only"); l.SmallTextChars != 0 || l.LowContrastCount != 0 || l.ContrastChecked != 2 {
			t.Errorf("hidden text is not measured: %d small chars, %d checked, low %+v", l.SmallTextChars, l.ContrastChecked, l.LowContrast)
		}
	})
	t.Run("low contrast", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/low-contrast")
		if l.LowContrastCount != 1 {
			t.Fatalf("low contrast: %+v", l.LowContrast)
		}
		c := l.LowContrast[0]
		if c.Selector != "p#note" || c.Ratio < 2.8 || c.Ratio > 2.9 || c.Required != 4.5 || c.Color != "#999999" || c.Background != "#ffffff" || !strings.HasPrefix(c.Text, "Prices include tax.") {
			t.Errorf("low contrast: %+v", c)
		}
	})
	t.Run("contrast edges", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/contrast-edges")
		got := map[string]crawler.ContrastIssue{}
		for _, c := range l.LowContrast {
			got[c.Selector] = c
		}
		// #888 is 3.54:1: enough for 24 px text. #767676 is 4.54:1. The
		// card is dark. 30% black over white is too faint; the veil
		// composites to #808080, too light behind white text.
		if _, ok := got["p#big"]; ok {
			t.Errorf("large text at 3.5:1 passes: %+v", got["p#big"])
		}
		if _, ok := got["p#grey"]; ok {
			t.Errorf("#767676 on white passes: %+v", got["p#grey"])
		}
		if _, ok := got["p#card"]; ok {
			t.Errorf("light text on a dark card passes: %+v", got["p#card"])
		}
		if c, ok := got["p#semi"]; !ok || c.Color != "#b3b3b3" {
			t.Errorf("semi-transparent text: %+v", c)
		}
		if c, ok := got["p#frame"]; !ok || c.Background != "#808080" || c.Color != "#ffffff" {
			t.Errorf("text on a half-black veil: %+v", c)
		}
		if len(got) != 2 {
			t.Errorf("low contrast: %+v", l.LowContrast)
		}
	})
	t.Run("dark canvas", func(t *testing.T) {
		if l := layoutOf(t, b, srv.URL+"/dark"); l.LowContrastCount != 0 || l.ContrastChecked != 0 || l.ContrastUnknown != 2 {
			t.Errorf("light text on the browser's dark canvas: %d checked, %d unknown, low %+v", l.ContrastChecked, l.ContrastUnknown, l.LowContrast)
		}
	})
	t.Run("text over images", func(t *testing.T) {
		l := layoutOf(t, b, srv.URL+"/hero")
		if l.ContrastUnknown != 2 || l.LowContrastCount != 0 {
			t.Errorf("text over an image cannot be judged: %d unknown, low %+v", l.ContrastUnknown, l.LowContrast)
		}
	})
}

// TestLayoutOnDesktop checks that a desktop run still measures the overflow
// at 360 px, and says it was not a phone.
func TestLayoutOnDesktop(t *testing.T) {
	srv := layoutSite(t)
	b := startBrowser(t, Options{Device: Desktop, PageTimeout: 15 * time.Second, Quiet: 300 * time.Millisecond})
	defer b.Close()
	l := layoutOf(t, b, srv.URL+"/fits-412")
	if l.Mobile || l.NarrowWidth != NarrowWidth || len(l.Overflowing) != 1 || l.Overflowing[0].Selector != "div#banner" {
		t.Errorf("desktop layout: %+v", l)
	}
}

// TestLayoutChecksOnRenderedPages runs the four layout checks on what the
// browser measured: each page built to fail one fails that one only, and
// the clean page passes all four.
func TestLayoutChecksOnRenderedPages(t *testing.T) {
	b := browser(t)
	srv := layoutSite(t)
	layoutChecks := []checks.PageCheck{checks.ContentWidth{}, checks.TapTargets{}, checks.FontSize{}, checks.ColorContrast{}}
	for path, want := range map[string]string{
		"/clean":        "",
		"/wide":         "content-width",
		"/tiny-buttons": "tap-targets",
		"/small-text":   "font-size",
		"/low-contrast": "color-contrast",
	} {
		p := &crawler.Page{URL: srv.URL + path, Vitals: render(t, b, srv.URL+path)}
		var failed []string
		for _, c := range layoutChecks {
			res, err := c.CheckPage(context.Background(), p)
			if err != nil || res.NotApplicable {
				t.Errorf("%s on %s: %v, not applicable: %s", c.Meta().ID, path, err, res.Reason)
			}
			if len(res.Findings) > 0 {
				failed = append(failed, c.Meta().ID)
			}
		}
		if strings.Join(failed, " ") != want {
			t.Errorf("%s fails %q, want %q", path, failed, want)
		}
	}
}
