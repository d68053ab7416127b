package checks

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
)

// htmlPage parses src into a page at pageURL, as the crawler hands it to the
// page checks.
func htmlPage(t *testing.T, pageURL, src string) *crawler.Page {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return &crawler.Page{URL: pageURL, Doc: doc, Body: []byte(src)}
}

// checkHTML runs c on src served at pageURL and returns its findings as
// sorted "kind selector" strings, after checking what every page finding
// must hold.
func checkHTML(t *testing.T, c PageCheck, pageURL, src string) []string {
	t.Helper()
	res, err := c.CheckPage(context.Background(), htmlPage(t, pageURL, src))
	if err != nil {
		t.Fatal(err)
	}
	if res.NotApplicable {
		t.Fatalf("not applicable: %s", res.Reason)
	}
	ids := map[string]bool{}
	var out []string
	for _, f := range res.Findings {
		if f.Check != c.Meta().ID || f.URL != pageURL || f.Message == "" || f.Evidence.Kind == "" || f.Severity.Rank() == 0 {
			t.Errorf("incomplete finding %+v", f)
		}
		if ids[f.ID] {
			t.Errorf("two findings with ID %s: %+v", f.ID, res.Findings)
		}
		ids[f.ID] = true
		out = append(out, strings.TrimSpace(f.Evidence.Kind+" "+f.Evidence.Selector))
	}
	sort.Strings(out)
	return out
}

// checkOne runs c on src and returns its only finding.
func checkOne(t *testing.T, c PageCheck, pageURL, src string) Finding {
	t.Helper()
	res, err := c.CheckPage(context.Background(), htmlPage(t, pageURL, src))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v, want one", res.Findings)
	}
	return res.Findings[0]
}

// pageCheckCase is one case of a table-driven page check test.
type pageCheckCase struct {
	name string
	src  string
	want []string // "kind selector", sorted
}

func runPageCheckCases(t *testing.T, c PageCheck, pageURL string, cases []pageCheckCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkHTML(t, c, pageURL, tc.src); !equal(got, tc.want) {
				t.Errorf("findings %q, want %q", got, tc.want)
			}
		})
	}
}

// goodPage passes every page check.
const goodPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Garden tools | Greenleaf</title>
<meta name="description" content="Hand-forged trowels and forks.">
<link rel="canonical" href="https://ex.test/tools">
<link rel="stylesheet" href="/site.css">
<meta name="robots" content="index, follow">
</head>
<body>
<header><a href="/"><img src="/logo.png" alt="Greenleaf" width="120" height="40"></a>
<nav><a href="/">Home</a> <a href="/tools"><svg aria-hidden="true" width="8" height="8"></svg>Tools</a></nav></header>
<main id="content">
<h1>Garden tools</h1>
<img src="/divider.png" alt="" width="600" height="4">
<h2>Trowels</h2>
<p>Forged from carbon steel. <a href="#top" aria-label="Back to top">↑</a></p>
<h3 id="care">Care</h3>
<p><img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="leaf"></p>
<h2>Newsletter</h2>
<form>
<label for="email">Email</label> <input type="email" id="email" name="email" placeholder="you@example.com">
<label>Name <input name="name"></label>
<input type="hidden" name="token" value="x">
<button type="submit">Subscribe</button>
</form>
</main>
<footer><script src="https://cdn.ex.test/a.js"></script></footer>
</body>
</html>`

// domCheck reports the page checks that judge the parsed document alone
// (not timings, not the rendered pass).
func domCheck(c Check) bool {
	_, page := c.(PageCheck)
	m := c.Meta()
	return page && !needsVitals(m) && m.Category != "speed"
}

func TestGoodPagePassesEveryPageCheck(t *testing.T) {
	for _, c := range All() {
		pc, ok := c.(PageCheck)
		if !ok || !domCheck(c) {
			continue
		}
		t.Run(c.Meta().ID, func(t *testing.T) {
			// The text checks need more prose (readability) or a user's list
			// (banned-terms) than the good page has.
			if res, _ := pc.CheckPage(context.Background(), htmlPage(t, "https://ex.test/tools", goodPage)); res.NotApplicable {
				t.Skipf("not applicable: %s", res.Reason)
			}
			if got := checkHTML(t, pc, "https://ex.test/tools", goodPage); len(got) != 0 {
				t.Errorf("findings on a good page: %q", got)
			}
		})
	}
}

func TestPageChecksWithoutDocument(t *testing.T) {
	for _, c := range All() {
		pc, ok := c.(PageCheck)
		if !ok {
			continue
		}
		res, err := pc.CheckPage(context.Background(), &crawler.Page{URL: host + "/"})
		if err != nil || !res.NotApplicable || len(res.Findings) != 0 {
			t.Errorf("%s on a page without a document: %+v, %v", c.Meta().ID, res, err)
		}
	}
}

func TestPageChecksMeta(t *testing.T) {
	for _, c := range All() {
		if !domCheck(c) {
			continue
		}
		m := c.Meta()
		switch {
		case m.Scope != PageScope:
			t.Errorf("%s: scope %s", m.ID, m.Scope)
		case m.Category == "structure" || m.Category == "accessibility":
			if m.Mode != Binary {
				t.Errorf("%s: mode %s", m.ID, m.Mode)
			}
		case m.Category == "content" || m.Category == "wording":
			// The text checks: readability is numeric, passive-voice
			// informative, the others binary.
		default:
			t.Errorf("%s: category %s", m.ID, m.Category)
		}
	}
}

func TestCSSSelector(t *testing.T) {
	const src = `<!doctype html><html><head><title>x</title><meta charset="utf-8"><meta name="a"></head><body>
<main><p>one</p><p>two <img src="a.png"> <span><img src="b.png"><img src="c.png"></span></p>
<div id="card"><ul><li>a</li><li><a href="#">b</a></li></ul></div>
<div id="2col"><em>x</em></div>
<section id="x y"><b>q</b></section>
<svg><g><path d="M0"></path><path d="M1"></path></g></svg>
</main><footer>text</footer></body></html>`
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	find := func(pred func(n *html.Node) bool) *html.Node {
		var found *html.Node
		walkElements(doc, func(n *html.Node) bool {
			if found == nil && pred(n) {
				found = n
			}
			return found == nil
		})
		if found == nil {
			t.Fatal("element not found")
		}
		return found
	}
	byAttr := func(key, val string) *html.Node {
		return find(func(n *html.Node) bool { v, ok := getAttr(n, key); return ok && v == val })
	}
	byTag := func(tag string) *html.Node { return find(func(n *html.Node) bool { return n.Data == tag }) }
	tests := []struct {
		n    *html.Node
		want string
	}{
		{byAttr("src", "a.png"), "main > p:nth-of-type(2) > img"},
		{byAttr("src", "b.png"), "main > p:nth-of-type(2) > span > img:nth-of-type(1)"},
		{byAttr("src", "c.png"), "main > p:nth-of-type(2) > span > img:nth-of-type(2)"},
		{byAttr("href", "#"), "div#card > ul > li:nth-of-type(2) > a"},
		{byAttr("id", "card"), "div#card"},
		{byAttr("id", "2col"), `div[id="2col"]`},
		{byTag("em"), `div[id="2col"] > em`},
		{byTag("b"), `section[id="x y"] > b`},
		{byAttr("d", "M1"), "main > svg > g > path:nth-of-type(2)"},
		{byTag("title"), "head > title"},
		{byAttr("name", "a"), "head > meta:nth-of-type(2)"},
		{byTag("main"), "body > main"},
		{byTag("footer"), "body > footer"},
		{byTag("footer").FirstChild, "body > footer"}, // a text node is named by its element
		{byTag("body"), "body"},
		{byTag("html"), "html"},
		{doc, ""},
	}
	for _, tt := range tests {
		if got := cssSelector(tt.n); got != tt.want {
			t.Errorf("cssSelector = %q, want %q", got, tt.want)
		}
	}
}

func TestIsCSSIdent(t *testing.T) {
	for s, want := range map[string]bool{
		"main": true, "nav-2": true, "_x": true, "-x": true, "--x": true, "é": true,
		"": false, "-": false, "2col": false, "-2": false, "a b": false, "a.b": false, "a:b": false, `a"b`: false,
	} {
		if got := isCSSIdent(s); got != want {
			t.Errorf("isCSSIdent(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestVisibleText(t *testing.T) {
	doc, _ := html.Parse(strings.NewReader(`<p id="p">Hello <span aria-hidden="true">★</span><script>x()</script>
<b hidden>secret</b><svg><title>Cart</title></svg>  world</p>`))
	p := htmlElements(doc, "p")[0]
	if got := visibleText(p); got != "Hello Cart world" {
		t.Errorf("visibleText = %q", got)
	}
}

func TestWalkElementsDeepDocument(t *testing.T) {
	src := strings.Repeat("<div>", 500) + `<img src="x">`
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(htmlElements(doc, "img")); n != 1 {
		t.Errorf("found %d images", n)
	}
}

func TestHiddenElement(t *testing.T) {
	for _, tc := range []struct {
		html string
		want bool
	}{
		{`<div>x</div>`, false},
		{`<div hidden>x</div>`, true},
		{`<div class="a" hidden="">x</div>`, true},
		{`<div aria-hidden="true">x</div>`, true},
		{`<div aria-hidden=" TRUE ">x</div>`, true},
		{`<div aria-hidden="false">x</div>`, false},
		{`<div aria-hidden="false" aria-hidden="true">x</div>`, false}, // the first one counts
		{`<div aria-hidden="false" hidden>x</div>`, true},
		{`<div data-hidden="true" aria-label="hidden">x</div>`, false},
	} {
		doc, err := html.Parse(strings.NewReader(tc.html))
		if err != nil {
			t.Fatal(err)
		}
		if got := hiddenElement(htmlElements(doc, "div")[0]); got != tc.want {
			t.Errorf("hiddenElement(%s) = %v, want %v", tc.html, got, tc.want)
		}
	}
	tmpl, _ := html.Parse(strings.NewReader(`<template><p>x</p></template>`))
	if n := htmlElements(tmpl, "template"); len(n) != 1 || !hiddenElement(n[0]) {
		t.Errorf("a template is hidden")
	}
}
