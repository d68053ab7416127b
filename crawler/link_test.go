package crawler

import (
	"encoding/json"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/net/html"
)

func TestParseSrcset(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a.png", []string{"a.png"}},
		{"a.png 1x, b.png 2x", []string{"a.png", "b.png"}},
		{"  a.png 100w,b.png 200w ,c.png", []string{"a.png", "b.png", "c.png"}},
		{"a.png, b.png", []string{"a.png", "b.png"}},
		{"img(1).png 1x, x.png (max-width: 2px) 2x", []string{"img(1).png", "x.png"}},
		{"data:image/png;base64,AAA= 1x, b.png 2x", []string{"data:image/png;base64,AAA=", "b.png"}},
		{"", nil},
		{" , ,", nil},
	}
	for _, tt := range tests {
		if got := parseSrcset(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseSrcset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtract(t *testing.T) {
	const doc = `<!doctype html><html lang="en-GB"><head><title> The  Title </title>
<base href="/base/"><link rel="stylesheet" href="s.css"><link rel="preconnect" href="https://cdn.example">
<link rel="canonical" href="http://ex.com/canon"></head><body>
<header><a href="/">Home</a></header>
<nav><ul><li><a href="about.html">About <b>us</b></a></li></ul></nav>
<main><p id="intro">Hi <a href="#intro">self</a> <a href="mailto:a@b.c">mail</a>
<a href="x.html"><img src="i.png" alt="Logo"></a>
<img srcset="s1.png 1x, s2.png 2x" src="s0.png" alt="">
<a name="anchor"></a><script src="app.js"></script><a href="http://%zz">bad</a></p></main>
<div role="contentinfo"><a href="https://other.example/x" rel="nofollow">Other</a></div>
</body></html>`
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := url.Parse("http://ex.com/dir/page.html")
	ex := extract(root, page, newInterner(), nil)
	if ex.Title != "The Title" || ex.Lang != "en-GB" {
		t.Errorf("title %q lang %q", ex.Title, ex.Lang)
	}
	type row struct{ url, frag, text, tag, attr, sec, scheme string }
	var got []row
	for _, l := range ex.Links {
		got = append(got, row{l.URL, l.Fragment(), l.Text, l.Tag, l.Attr.String(), l.Section.String(), l.Scheme()})
	}
	want := []row{
		{"http://ex.com/base/s.css", "", "", "link", "href", "head", ""},
		{"http://ex.com/canon", "", "", "link", "href", "head", ""},
		{"http://ex.com/", "", "Home", "a", "href", "header", ""},
		{"http://ex.com/base/about.html", "", "About us", "a", "href", "nav", ""},
		{"http://ex.com/base/", "intro", "self", "a", "href", "main", ""},
		{"mailto:a@b.c", "", "mail", "a", "href", "main", "mailto"},
		{"http://ex.com/base/x.html", "", "Logo", "a", "href", "main", ""},
		{"http://ex.com/base/i.png", "", "Logo", "img", "src", "main", ""},
		{"http://ex.com/base/s0.png", "", "", "img", "src", "main", ""},
		{"http://ex.com/base/s1.png", "", "", "img", "srcset", "main", ""},
		{"http://ex.com/base/s2.png", "", "", "img", "srcset", "main", ""},
		{"", "", "", "a", "href", "main", ""}, // a[name] without href: skipped below
		{"http://ex.com/base/app.js", "", "", "script", "src", "main", ""},
		{"http://%zz", "", "bad", "a", "href", "main", "invalid"},
		{"https://other.example/x", "", "Other", "a", "href", "footer", ""},
	}
	// <a name> has no href: not a link.
	want = append(want[:11], want[12:]...)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links:\n got %v\nwant %v", got, want)
	}
	if !reflect.DeepEqual(sortedCopy(ex.IDs), []string{"anchor", "intro"}) {
		t.Errorf("ids = %v", ex.IDs)
	}
}

func sortedCopy(s []string) []string {
	return slices.Sorted(slices.Values(s))
}

func FuzzParseSrcset(f *testing.F) {
	for _, s := range []string{"a.png 1x, b.png 2x", "x(1,2).png 1x", ",,,", "data:a,b 1x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, u := range parseSrcset(s) {
			if u == "" || strings.ContainsAny(u, " \t\n\r\f") {
				t.Fatalf("parseSrcset(%q) gave candidate %q", s, u)
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	f.Add(`<a href="x">y</a><img srcset="a 1x,b 2x"><base href="/z/">`)
	f.Add(`<nav><footer><a href="//h/p#f">t</a></footer></nav>`)
	page, _ := url.Parse("http://ex.com/p")
	f.Fuzz(func(t *testing.T, doc string) {
		root, err := html.Parse(strings.NewReader(doc))
		if err != nil {
			return
		}
		ex := extract(root, page, newInterner(), nil)
		for _, l := range ex.Links {
			if l.Fetchable() {
				if again, _, err := Normalize(nil, l.URL); err != nil || again != l.URL {
					t.Fatalf("link URL %q is not canonical (%q, %v)", l.URL, again, err)
				}
			}
		}
	})
}

func TestTextAndCollapse(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"<a> Read\n\t more <b>about</b><i>us</i> </a>", "Read more aboutus"},
		{"<a><script>x()</script>Go<style>.a{}</style> on</a>", "Go on"},
		{"<a>  </a>", ""},
		{"<a><p>One</p><p>Two</p>three<br>four</a>", "One Two three four"},
		{"<a>caf\u00e9\u00a0cr\u00e8me</a>", "caf\u00e9 cr\u00e8me"},
	} {
		root, _ := html.Parse(strings.NewReader(tt.in))
		var a *html.Node
		walk(root, func(n *html.Node, _ Section) bool {
			if n.Type == html.ElementNode && n.Data == "a" && a == nil {
				a = n
			}
			return true
		})
		if got := collapse(textOf(a), 0); got != tt.want {
			t.Errorf("text of %q = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"plain text", "plain text"}, {" lead", "lead"}, {"trail ", "trail"}, {"a  b", "a b"}, {"a\nb", "a b"}, {"", ""},
		{"naïve", "naïve"}, {"x\u00a0y", "x y"},
	} {
		if got := collapse(tt.in, 0); got != tt.want {
			t.Errorf("collapse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("<meta charset=windows-1252><title>Caf\xe9</title>"), "text/html")
	f.Add([]byte("\xef\xbb\xbfhello"), "text/html; charset=shift_jis")
	f.Add([]byte("plain \xff\xfe"), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, name := decode(body, contentType)
		if len(body) > 0 && len(out) == 0 && name == "utf-8" {
			t.Fatalf("decode lost a UTF-8 body of %d bytes", len(body))
		}
		if name == "" {
			t.Fatalf("decode named no charset for %q", contentType)
		}
	})
}

func TestExtractReusesScratch(t *testing.T) {
	page, _ := url.Parse("http://ex.com/a/")
	parse := func(src string) *html.Node {
		root, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		return root
	}
	var scratch extractScratch
	in := newInterner()
	first := extract(parse(`<p id=z><a href=one id=b>One</a><a name=a href=two>Two</a><i id=z></i><i id=b></i>`), page, in, &scratch)
	second := extract(parse(`<a href=/three id=c>Three</a>`), page, in, &scratch)
	if got := first.IDs; !slices.Equal(got, []string{"a", "b", "z"}) {
		t.Errorf("first page ids %q, want sorted and once each", got)
	}
	if len(first.Links) != 2 || first.Links[0].URL != "http://ex.com/a/one" || first.Links[1].URL != "http://ex.com/a/two" {
		t.Errorf("first page links %+v, changed by the second page", first.Links)
	}
	if len(second.Links) != 1 || second.Links[0].URL != "http://ex.com/three" || !slices.Equal(second.IDs, []string{"c"}) {
		t.Errorf("second page: links %+v ids %q", second.Links, second.IDs)
	}
	if cap(first.Links) != len(first.Links) {
		t.Errorf("a page keeps spare link capacity: %d of %d", len(first.Links), cap(first.Links))
	}
}

func TestLinkRareFields(t *testing.T) {
	l := Link{URL: "http://ex.com/a", Tag: "a"}
	if l.Fragment() != "" || l.Rel() != "" || l.Scheme() != "" || !l.Fetchable() {
		t.Errorf("a plain link: %q %q %q fetchable=%v", l.Fragment(), l.Rel(), l.Scheme(), l.Fetchable())
	}
	m := l.WithFragment("top").WithRel("nofollow")
	if m.Fragment() != "top" || m.Rel() != "nofollow" || !m.Fetchable() {
		t.Errorf("with fragment and rel: %q %q", m.Fragment(), m.Rel())
	}
	if l.Fragment() != "" {
		t.Error("WithFragment changed the link it was called on")
	}
	if n := m.WithScheme("mailto"); n.Fetchable() || n.Scheme() != "mailto" || n.Fragment() != "top" {
		t.Errorf("with scheme: %+v", n)
	}
	if m.WithFragment("").WithRel("").more != nil {
		t.Error("a link whose rare fields are all empty keeps its pointer")
	}
	b, err := json.Marshal(m)
	if err != nil || string(b) != `{"url":"http://ex.com/a","fragment":"top","tag":"a","rel":"nofollow","attr":"href","section":"main"}` {
		t.Errorf("JSON %s %v", b, err)
	}
	// A crawl keeps every link of every page: a link is four words and
	// three bytes, not six strings.
	if size := unsafe.Sizeof(Link{}); size > 64 {
		t.Errorf("a Link takes %d bytes", size)
	}
}

func TestExtractSharesRareFields(t *testing.T) {
	page, _ := url.Parse("http://ex.com/")
	in := newInterner()
	var scratch extractScratch
	doc := func() *html.Node {
		root, _ := html.Parse(strings.NewReader(`<link rel=stylesheet href=/s.css><a href="/a#top">A</a><a href=mailto:x@y>M</a><a href=/b>B</a>`))
		return root
	}
	a := extract(doc(), page, in, &scratch).Links
	b := extract(doc(), page, in, &scratch).Links
	if len(a) != 4 || len(b) != 4 {
		t.Fatalf("%d and %d links", len(a), len(b))
	}
	for i := range a {
		if a[i].more != b[i].more {
			t.Errorf("link %d (%s): two pages' identical links do not share their rare fields", i, a[i].URL)
		}
	}
	if a[0].Rel() != "stylesheet" || a[1].Fragment() != "top" || a[2].Scheme() != "mailto" || a[3].more != nil {
		t.Errorf("rare fields: %q %q %q %v", a[0].Rel(), a[1].Fragment(), a[2].Scheme(), a[3].more)
	}
}
