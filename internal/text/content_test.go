package text

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func parse(t *testing.T, src string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func blockTexts(c Content) []string {
	var out []string
	for _, b := range c.Blocks {
		out = append(out, b.Tag+": "+b.Text)
	}
	return out
}

func TestMainContent(t *testing.T) {
	long := strings.Repeat("word ", 80)
	tests := []struct {
		name, src, want string // want: the tag and id of the element chosen
	}{
		{"main", `<body><nav>n</nav><main id="m"><p>x</p></main></body>`, "main#m"},
		{"role=main", `<body><div role="main" id="r"><p>x</p></div></body>`, "div#r"},
		{"first main that is not hidden", `<body><main hidden id="a">x</main><main id="b">y</main></body>`, "main#b"},
		{"main before article", `<body><article id="a">x</article><main id="m">y</main></body>`, "main#m"},
		{"one article", `<body><header>h</header><article id="a"><p>x</p><article id="c">comment</article></article></body>`, "article#a"},
		{"largest article holding most text", `<body><article id="a">short</article><article id="b">` + long + `</article></body>`, "article#b"},
		{"teasers: body", `<body><article id="a">one teaser here</article><article id="b">another teaser</article><p>` + long + `</p></body>`, "body#"},
		{"no landmark: body", `<body id=""><div>text</div></body>`, "body#"},
		{"main in a template is not one", `<body><template><main id="t">x</main></template><p>y</p></body>`, "body#"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel := MainContent(parse(t, tt.src))
			if sel.Length() != 1 {
				t.Fatalf("%d nodes", sel.Length())
			}
			id, _ := sel.Attr("id")
			if got := goquery.NodeName(sel) + "#" + id; got != tt.want {
				t.Errorf("main content %s, want %s", got, tt.want)
			}
		})
	}
	if MainContent(nil).Length() != 0 {
		t.Error("nil document")
	}
}

func TestText(t *testing.T) {
	src := `<html><head><title>T</title><style>p{}</style></head><body>
<header><h1>Site name</h1><nav><a href="/">Home</a></nav></header>
<main>
<h1>Growing tomatoes</h1>
<p>Tomatoes need <b>sun</b> and <a href="/water">water</a>.<br>Lots of it.</p>
<ul><li>Stake them</li><li>Pinch <em>side shoots</em></li></ul>
<div>Intro text <p>A paragraph.</p> more text</div>
<table><tr><th>Month</th><td>May</td></tr></table>
<blockquote>Grow what you eat.</blockquote>
<dl><dt>Blight</dt><dd>A fungus.</dd></dl>
<figure><img src="a.png" alt="Vines"><figcaption>Vines in June</figcaption></figure>
<aside>Related posts</aside>
<div hidden>Hidden</div><p aria-hidden="true">Aria hidden</p>
<p style="display: none">Display none</p><p style="color:red; visibility : hidden !important">Invisible</p>
<p style="display:block">Shown</p>
<script>var x = "script";</script><noscript>Enable JS</noscript><template><p>Template</p></template>
<svg><text>SVG text</text></svg>
<form><label>Name <input name="n"></label><button>Send</button><select><option>One</option></select><textarea>Draft</textarea></form>
<div role="navigation">Role nav</div>
</main>
<footer>Footer text</footer>
</body></html>`
	doc := parse(t, src)
	got := blockTexts(Text(MainContent(doc)))
	want := []string{
		"h1: Growing tomatoes",
		"p: Tomatoes need sun and water. Lots of it.",
		"li: Stake them", "li: Pinch side shoots",
		"div: Intro text", "p: A paragraph.", "div: more text",
		"th: Month", "td: May",
		"blockquote: Grow what you eat.",
		"dt: Blight", "dd: A fungus.",
		"figcaption: Vines in June",
		"p: Shown",
		"form: Name",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Text(main)\n got %q\nwant %q", got, want)
	}

	all := blockTexts(AllText(doc.Selection))
	for _, s := range []string{"h1: Site name", "nav: Home", "aside: Related posts", "button: Send", "footer: Footer text", "div: Role nav"} {
		if !slices.Contains(all, s) {
			t.Errorf("AllText misses %q: %q", s, all)
		}
	}
	for _, s := range all {
		for _, bad := range []string{"Hidden", "Display none", "Invisible", "script", "Template", "SVG text", "Enable JS", "One", "Draft", "Aria hidden", "T"} {
			if strings.HasSuffix(s, ": "+bad) || strings.Contains(s, bad+" ") {
				t.Errorf("AllText keeps %q: %q", bad, s)
			}
		}
	}
}

func TestTextInputButtons(t *testing.T) {
	doc := parse(t, `<body><form><input type="submit" value="Log in"><input type="text" value="typed"></form></body>`)
	got := AllText(doc.Selection).String()
	if got != "Log in" {
		t.Errorf("AllText = %q", got)
	}
	if s := Text(doc.Selection).String(); s != "" {
		t.Errorf("Text = %q", s)
	}
}

func TestContentSentencesKeepBlocksApart(t *testing.T) {
	doc := parse(t, `<main><h2>Opening hours</h2><ul><li>Monday to Friday</li><li>Weekends by appointment</li></ul><p>We are closed on holidays. Call first.</p></main>`)
	c := Text(MainContent(doc))
	var got []string
	for _, s := range c.Sentences() {
		got = append(got, s.Text)
	}
	want := []string{"Opening hours", "Monday to Friday", "Weekends by appointment", "We are closed on holidays.", "Call first."}
	if !slices.Equal(got, want) {
		t.Errorf("sentences %q, want %q", got, want)
	}
	st := c.Stats()
	// "Opening hours" and "Call first." are under MinSentenceWords.
	if st.Sentences != 3 || st.Words != 3+3+5 {
		t.Errorf("stats %+v", st)
	}
	if c.WordCount() != 15 {
		t.Errorf("WordCount = %d", c.WordCount())
	}
}

func TestTextDeepDocument(t *testing.T) {
	src := strings.Repeat("<div>", 400) + "deep text" + strings.Repeat("</div>", 400)
	if got := Text(parse(t, src).Selection).String(); got != "deep text" {
		t.Errorf("Text = %q", got)
	}
}

func TestSnippet(t *testing.T) {
	s := "We utilize the finest compost from local farms in order to feed the soil."
	i := strings.Index(s, "in order to")
	got := Snippet(s, i, i+len("in order to"), 40)
	if got != "…local farms in order to feed the…" {
		t.Errorf("Snippet = %q", got)
	}
	if got := Snippet("short", 0, 5, 40); got != "short" {
		t.Errorf("Snippet = %q", got)
	}
	if got := Snippet("x", 3, 1, 10); got != "" {
		t.Errorf("bad range: %q", got)
	}
}

func TestTextBufferCollapses(t *testing.T) {
	// Each write goes through the fast path (already collapsed) or the
	// byte loop; the result must be strings.Fields joined either way.
	writes := [][]string{
		{"one two", "three"},
		{"one two ", " three"},
		{"  one", "two  ", "", " ", "three\tfour\n"},
		{"déjà vu", "  café  au lait"},
		{"a", "b", "c d"},
		{"\u00a0x\u2003y ", "z"},
		{"x", "  ", "y"},
		{"See ", "the link", " for more. ", " "},
		{" lead", " and ", "trail "},
		{" ", "x"},
	}
	for _, ws := range writes {
		var b textBuffer
		for _, w := range ws {
			b.write(w)
		}
		want := strings.Join(strings.Fields(strings.Join(ws, "")), " ")
		if got := b.String(); got != want {
			t.Errorf("writes %q = %q, want %q", ws, got, want)
		}
	}
	for s, want := range map[string]bool{"a b": true, "ab": true, "": false, " a": false, "a ": false, "a  b": false, "a\tb": false, "é": false} {
		if got := collapsed(s); got != want {
			t.Errorf("collapsed(%q) = %v", s, got)
		}
	}
}

// FuzzCollapsed checks the eight-bytes-at-a-time collapsed against the
// byte loop.
func FuzzCollapsed(f *testing.F) {
	for _, s := range []string{"a b", "abcdefgh ijklmnop", "abcdefg  hijk", "abcdefg\x01hij", "abcdefgh\thij",
		"abcdefghijklmno é", "abcdefg", "abcdefgh ", " abcdefgh", "abcdefg h", "abcdefgh  ijklmnop"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapsed(s), collapsedBytes(s); got != want {
			t.Fatalf("collapsed(%q) = %v, the byte loop says %v", s, got, want)
		}
	})
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a  b ", "a\tb\n", "déjà  vu", "\u00a0x\u2003y", "one two three four five six seven", "abcdefgh  ijk"} {
		want := strings.Join(strings.Fields(s), " ")
		if got := CollapseSpace(s); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
