package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func get(t testing.TB, s *site, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1234"+path, nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func hrefs(t testing.TB, base string, body []byte) []string {
	t.Helper()
	b, _ := url.Parse(base)
	var out []string
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Fatalf("tokenize %s: %v", base, z.Err())
			}
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		for {
			k, v, more := z.TagAttr()
			if string(k) == "href" || string(k) == "src" {
				u, err := b.Parse(string(v))
				if err != nil {
					t.Fatalf("bad link %q on %s", v, base)
				}
				if u.Host == b.Host {
					u.Fragment = ""
					out = append(out, u.String())
				}
			}
			if !more {
				break
			}
		}
	}
}

func TestDeterministicAndSized(t *testing.T) {
	a := newSite(3000, 40, 7, 100, 50, 0)
	b := newSite(3000, 40, 7, 100, 50, 0)
	c := newSite(3000, 40, 8, 100, 50, 0)
	for _, p := range []string{"/", "/section-0/page-0.html", "/section-3/page-1712.html", "/section-5/page-2999.html"} {
		ra, rb, rc := get(t, a, p), get(t, b, p), get(t, c, p)
		if ra.Code != 200 {
			t.Fatalf("%s: status %d", p, ra.Code)
		}
		if !bytes.Equal(ra.Body.Bytes(), rb.Body.Bytes()) {
			t.Errorf("%s: same seed, different bodies", p)
		}
		if bytes.Equal(ra.Body.Bytes(), rc.Body.Bytes()) {
			t.Errorf("%s: different seeds, same body", p)
		}
		if n := ra.Body.Len(); n < 6000 || n > 10500 {
			t.Errorf("%s: body %d bytes, want ~6-10 KB", p, n)
		}
	}
}

func TestLinkCount(t *testing.T) {
	s := newSite(2000, 40, 1, 100, 50, 0)
	body := get(t, s, "/section-1/page-777.html").Body.String()
	// nav + main + footer internal <a> links, plus the header logo.
	if n := strings.Count(body, "<a ") - strings.Count(body, `<a href="mailto:`); n != 40+1 {
		t.Errorf("internal <a> links = %d, want 41", n)
	}
	if n := strings.Count(body, "<img src="); n != 2 {
		t.Errorf("images = %d, want 2", n)
	}
}

// TestCrawlReachesEverything walks the link graph in-process from / and
// checks every page, the broken targets and the redirects are reached.
func TestCrawlReachesEverything(t *testing.T) {
	const pages, broken, redirects = 2000, 60, 40
	s := newSite(pages, 40, 3, broken, redirects, 0)
	seen := map[string]bool{"http://127.0.0.1:1234/": true}
	queue := []string{"http://127.0.0.1:1234/"}
	codes := map[int]int{}
	htmlPages, legacy := 0, 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		pu, _ := url.Parse(u)
		rec := get(t, s, pu.RequestURI())
		codes[rec.Code]++
		var next []string
		switch {
		case rec.Code == 301:
			loc, _ := pu.Parse(rec.Header().Get("Location"))
			next = []string{loc.String()}
			if strings.HasPrefix(pu.Path, "/legacy/") {
				legacy++
			}
		case rec.Code == 200 && strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html"):
			htmlPages++
			next = hrefs(t, u, rec.Body.Bytes())
		}
		for _, n := range next {
			if !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	if htmlPages != pages+1 {
		t.Errorf("reached %d HTML pages, want %d", htmlPages, pages+1)
	}
	// 404s: broken pages + broken images.
	if codes[404] != broken+brokenImages {
		t.Errorf("404s = %d, want %d", codes[404], broken+brokenImages)
	}
	if codes[301] != redirects+redirects/4 || legacy != redirects/4 {
		t.Errorf("301s = %d (legacy %d), want %d (%d)", codes[301], legacy, redirects+redirects/4, redirects/4)
	}
	if st := s.statsJSON(); !strings.Contains(st, `"distinct_pages":2001`) {
		t.Errorf("stats: %s", st)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for _, a := range []string{"127.0.0.1:0", "127.1.2.3:80", "[::1]:0", "localhost:0"} {
		if err := checkLoopback(a); err != nil {
			t.Errorf("%s refused: %v", a, err)
		}
	}
	for _, a := range []string{":0", "0.0.0.0:0", "[::]:0", "10.0.0.1:80", "192.168.1.1:0", "example.com:80", "127.0.0.1"} {
		if err := checkLoopback(a); err == nil {
			t.Errorf("%s accepted", a)
		}
	}
}

func BenchmarkPage(b *testing.B) {
	s := newSite(10000, 40, 1, 300, 200, 0)
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:1234/section-3/page-1712.html", nil)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
	}
}

func TestLatency(t *testing.T) {
	s := newSite(10, 40, 1, 3, 2, 0)
	s.latency = 30 * time.Millisecond
	start := time.Now()
	if rec := get(t, s, "/section-0/page-1.html"); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if d := time.Since(start); d < s.latency {
		t.Errorf("answered in %s, before the latency of %s", d, s.latency)
	}
	// The control endpoints answer at once.
	s.latency = 10 * time.Second
	start = time.Now()
	get(t, s, "/__stats")
	if d := time.Since(start); d >= s.latency/2 {
		t.Errorf("stats took %s", d)
	}
}

// visibleText returns the text of body outside script, style and hidden
// elements, its white space collapsed.
func visibleText(t testing.TB, body []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "head":
				return
			}
			for _, a := range n.Attr {
				if a.Key == "hidden" {
					return
				}
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestMarkup checks that -markup changes the weight of pages, not what a
// crawl finds in them: the same links and the same visible text, in bytes
// about four times the plain page's.
func TestMarkup(t *testing.T) {
	plain := newSite(2000, 40, 5, 50, 20, 0)
	heavy := newSite(2000, 40, 5, 50, 20, 0)
	heavy.markup = true
	for _, path := range []string{"/", "/section-0/page-0.html", "/section-1/page-777.html", "/section-3/page-1999.html"} {
		p, h := get(t, plain, path), get(t, heavy, path)
		if p.Code != http.StatusOK || h.Code != http.StatusOK {
			t.Fatalf("%s: status %d and %d", path, p.Code, h.Code)
		}
		pb, hb := p.Body.Bytes(), h.Body.Bytes()
		base := "http://127.0.0.1:1234" + path
		if a, b := hrefs(t, base, pb), hrefs(t, base, hb); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s: links differ with -markup:\n%v\n%v", path, a, b)
		}
		if a, b := visibleText(t, pb), visibleText(t, hb); a != b {
			t.Errorf("%s: visible text differs with -markup:\n%.300s\n%.300s", path, a, b)
		}
		if len(hb) < 3*len(pb) {
			t.Errorf("%s: %d bytes with -markup, %d without: not the weight of a framework page", path, len(hb), len(pb))
		}
	}
}
