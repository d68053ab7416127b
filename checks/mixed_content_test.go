package checks

import (
	"context"
	"sort"
	"strings"
	"testing"
)

func TestMixedContent(t *testing.T) {
	tests := []struct {
		name, page, src string
		want            []string // "severity tag target"
	}{
		{"https resources", "https://ex.test/", `<head><link rel="stylesheet" href="https://ex.test/a.css"></head>` +
			`<body><img src="/a.png"><script src="//cdn.ex.test/a.js"></script><iframe src="https://v.test/"></iframe></body>`, nil},
		{"http page is never mixed", "http://ex.test/", `<img src="http://ex.test/a.png"><script src="http://ex.test/a.js"></script>`, nil},
		{"links are not resources", "https://ex.test/", `<a href="http://other.test/">x</a><link rel="alternate" href="http://ex.test/feed">` +
			`<link rel="canonical" href="http://ex.test/">`, nil},
		{"data and blob URIs", "https://ex.test/", `<img src="data:image/png;base64,AAAA"><img srcset="data:image/png;base64,AA,AA 2x">`, nil},
		{"script", "https://ex.test/", `<script src="http://cdn.test/a.js"></script>`, []string{"high script http://cdn.test/a.js"}},
		{"stylesheet", "https://ex.test/", `<head><link rel="stylesheet" href="http://cdn.test/a.css"></head>`, []string{"high link http://cdn.test/a.css"}},
		{"iframe", "https://ex.test/", `<iframe src="HTTP://Maps.test/embed"></iframe>`, []string{"high iframe http://maps.test/embed"}},
		{"image", "https://ex.test/", `<main><img src="http://ex.test/a.png#x"></main>`, []string{"medium img http://ex.test/a.png"}},
		{"srcset", "https://ex.test/", `<img src="/a.png" srcset="/a2.png 2x, http://ex.test/a3.png 3x">`, []string{"medium img http://ex.test/a3.png"}},
		{"media", "https://ex.test/", `<video src="http://m.test/v.mp4" poster="http://m.test/p.jpg"><source src="http://m.test/v.webm"></video>` +
			`<audio src="http://m.test/a.mp3"></audio><embed src="http://m.test/e.swf"><object data="http://m.test/o.pdf"></object>`,
			[]string{"medium audio http://m.test/a.mp3", "medium embed http://m.test/e.swf", "medium object http://m.test/o.pdf",
				"medium source http://m.test/v.webm", "medium video http://m.test/p.jpg", "medium video http://m.test/v.mp4"}},
		{"relative URL under an http base", "https://ex.test/", `<head><base href="http://ex.test/"></head><body><img src="a.png"></body>`,
			[]string{"medium img http://ex.test/a.png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := MixedContent{}.CheckPage(context.Background(), htmlPage(t, tt.page, tt.src))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if f.Evidence.Kind != "mixed-content" || f.Evidence.Selector == "" || f.URL != tt.page || f.Check != "mixed-content" {
					t.Errorf("finding %+v", f)
				}
				got = append(got, string(f.Severity)+" "+f.Evidence.Tag+" "+f.Target)
			}
			sort.Strings(got)
			if !equal(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
	f := checkOne(t, MixedContent{}, "https://ex.test/", `<main><p><img src="http://ex.test/a.png"></p></main>`)
	if f.Evidence.Selector != "main > p > img" || f.Evidence.Attr != "src" || !strings.Contains(f.Message, "http://ex.test/a.png") {
		t.Errorf("finding %+v", f)
	}
}

func TestSrcsetURLs(t *testing.T) {
	for in, want := range map[string][]string{
		"":                                      nil,
		"a.png":                                 {"a.png"},
		"a.png 1x, b.png 2x":                    {"a.png", "b.png"},
		"a.png,b.png":                           {"a.png,b.png"}, // a URL runs to white space
		" a.png  480w ,\n b.png ":               {"a.png", "b.png"},
		"data:image/png;base64,AA 1x, c.png 2x": {"data:image/png;base64,AA", "c.png"},
	} {
		if got := srcsetURLs(in); !equal(got, want) {
			t.Errorf("srcsetURLs(%q) = %q, want %q", in, got, want)
		}
	}
}
