package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestCrawl(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	pages := map[string]string{
		"/":         `<a href="/a.html#x">a</a> <a href="b/">b</a> <img src="/i.png"> <a href="#top">top</a> <a href="mailto:x@example.invalid">m</a> <a href="http://other.invalid/">ext</a>`,
		"/a.html":   `<link rel="stylesheet" href="s.css"><a href="/">home</a><a href="/a.html">self</a><a href=" /old ">old</a>`,
		"/b/":       `<a href="../a.html#y">a</a><a href="c.html">c</a><a href="/missing">m</a>`,
		"/b/c.html": `<p>no links</p>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch {
		case r.URL.Path == "/old":
			http.Redirect(w, r, "/b/c.html", http.StatusMovedPermanently)
		case pages[r.URL.Path] != "":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!doctype html><html><body>" + pages[r.URL.Path] + "</body></html>"))
		case r.URL.Path == "/i.png" || r.URL.Path == "/s.css":
			w.Write([]byte("x"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	start, _ := url.Parse(srv.URL + "/")
	c := newCrawler(start, 3, 5*time.Second)
	c.run(3)

	var got []string
	for p, n := range hits {
		if n != 1 {
			t.Errorf("%s fetched %d times", p, n)
		}
		got = append(got, p)
	}
	sort.Strings(got)
	want := "/ /a.html /b/ /b/c.html /i.png /missing /old /s.css"
	if strings.Join(got, " ") != want {
		t.Errorf("fetched %v, want %s", got, want)
	}
	if c.fetched != 8 || c.htmlPages != 4 || c.byClass[3] != 1 || c.byClass[4] != 1 || c.transportErrs != 0 {
		t.Errorf("counters: fetched %d html %d classes %v errs %d", c.fetched, c.htmlPages, c.byClass, c.transportErrs)
	}
}
