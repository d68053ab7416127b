package crawler

import (
	"errors"
	"net/url"
	"testing"
)

func TestNormalize(t *testing.T) {
	base, _ := url.Parse("http://Example.com/dir/page.html?x=1")
	tests := []struct {
		ref, want, frag string
		err             error
	}{
		{"HTTP://EXAMPLE.COM:80/a/./b/../c", "http://example.com/a/c", "", nil},
		{"https://example.com:443", "https://example.com/", "", nil},
		{"https://example.com:8443/x", "https://example.com:8443/x", "", nil},
		{"other.html#top", "http://example.com/dir/other.html", "top", nil},
		{"../up?q=a%20b#f", "http://example.com/up?q=a%20b", "f", nil},
		{"#only", "http://example.com/dir/page.html?x=1", "only", nil},
		{"//cdn.example.org/x.js", "http://cdn.example.org/x.js", "", nil},
		{"http://user:pw@example.com/p", "http://example.com/p", "", nil},
		{"http://example.com./p", "http://example.com/p", "", nil},
		{"http://[::1]:8080/p", "http://[::1]:8080/p", "", nil},
		{"/a%2Fb/c", "http://example.com/a%2Fb/c", "", nil},
		{"mailto:someone@example.com", "", "", ErrNotFetchable},
		{"javascript:void(0)", "", "", ErrNotFetchable},
		{"data:image/png;base64,AAAA", "", "", ErrNotFetchable},
		{"tel:+1555", "", "", ErrNotFetchable},
	}
	for _, tt := range tests {
		got, frag, err := Normalize(base, tt.ref)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("Normalize(%q) err = %v, want %v", tt.ref, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want || frag != tt.frag {
			t.Errorf("Normalize(%q) = %q, %q, %v; want %q, %q", tt.ref, got, frag, err, tt.want, tt.frag)
		}
	}
}

func TestNormalizeErrors(t *testing.T) {
	for _, ref := range []string{"", "http://", "http://%zz/", "/relative/without/base", "http://a b.com/"} {
		if got, _, err := Normalize(nil, ref); err == nil {
			t.Errorf("Normalize(nil, %q) = %q, want an error", ref, got)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"http://a.com/b/../c?d#e", "https://X.org:443/%7e/./", "../x", "mailto:x", "//h/p", "http://[::1]:80/"} {
		f.Add(s)
	}
	base, _ := url.Parse("http://base.example/dir/")
	f.Fuzz(func(t *testing.T, ref string) {
		once, _, err := Normalize(base, ref)
		if err != nil {
			return
		}
		twice, frag, err := Normalize(nil, once)
		if err != nil {
			t.Fatalf("normalised %q to %q, which does not normalise: %v", ref, once, err)
		}
		if twice != once || frag != "" {
			t.Fatalf("not idempotent: %q -> %q -> %q", ref, once, twice)
		}
	})
}

func TestResolverFastPath(t *testing.T) {
	base, _ := url.Parse("HTTP://Example.COM:80/dir/page.html")
	r := newResolver(base)
	for _, raw := range []string{"/a/b.html", "/a?x=1&y=2", "/a?", "/a#frag", "/", "/a/./b", "/a/../b", "/%41", "/a b", "//host/x", "/é"} {
		want, wantFrag, err := Normalize(base, raw)
		got, gotFrag, err2 := r.resolve(raw)
		if err != nil || err2 != nil || got != want || gotFrag != wantFrag {
			t.Errorf("resolve(%q) = %q %q %v; Normalize = %q %q %v", raw, got, gotFrag, err2, want, wantFrag, err)
		}
	}
	if _, _, ok := r.fast("/a b"); ok {
		t.Error("fast path took a space")
	}
	if _, _, ok := r.fast("/a/b.html?q=1#x"); !ok {
		t.Error("fast path refused a plain path")
	}
}

func FuzzResolverFastPath(f *testing.F) {
	for _, s := range []string{"/a", "/a?b#c", "/a/./b", "/a?", "/(x)*;=@:", "page-2.html", "../x/y.html?q#f",
		"./", ".", "..", "a/../../b", "a:b", "?q", "#f", "a//b", "x?", "../../../..", "..//a"} {
		f.Add(s, uint8(0))
	}
	var rs []resolver
	var bases []*url.URL
	for _, b := range []string{"https://ex.com/d/p", "http://EX.com:80/a/b/", "http://ex.com", "https://ex.com/a/./b/../c",
		"http://ex.com/%7Euser/x", "http://ex.com/a?q=1", "http://ex.com/a;b/c", "http://[::1]:8080/x/y", "http://ex.com/a//b/c", "http://ex.com/a/b/.."} {
		u, err := url.Parse(b)
		if err != nil {
			f.Fatal(err)
		}
		bases = append(bases, u)
		rs = append(rs, newResolver(u))
	}
	f.Fuzz(func(t *testing.T, raw string, which uint8) {
		i := int(which) % len(rs)
		c, frag, ok := rs[i].fast(raw)
		if !ok {
			return
		}
		want, wantFrag, err := Normalize(bases[i], raw)
		if err != nil || c != want || frag != wantFrag {
			t.Fatalf("base %s: fast(%q) = %q %q; Normalize = %q %q %v", bases[i], raw, c, frag, want, wantFrag, err)
		}
	})
}

func TestResolverFastPathTakesRelativePaths(t *testing.T) {
	base, _ := url.Parse("http://ex.com/section-3/page-1.html")
	r := newResolver(base)
	for raw, want := range map[string]string{
		"page-2.html":                "http://ex.com/section-3/page-2.html",
		"../section-0/page-374.html": "http://ex.com/section-0/page-374.html",
		"./a?b=1":                    "http://ex.com/section-3/a?b=1",
		"..":                         "http://ex.com/",
	} {
		got, _, ok := r.fast(raw)
		if !ok || got != want {
			t.Errorf("fast(%q) = %q, %v; want %q", raw, got, ok, want)
		}
	}
	for _, raw := range []string{"mailto:a@b", "a:b", "%41", "?q", "#top", "//other.com/x", "a b"} {
		if _, _, ok := r.fast(raw); ok {
			t.Errorf("fast(%q) took the fast path", raw)
		}
	}
}

func TestHost(t *testing.T) {
	for in, want := range map[string]string{
		"http://ex.com/":            "ex.com",
		"https://ex.com:8443/a?b#c": "ex.com:8443",
		"http://[::1]:80/x":         "[::1]:80",
		"http://ex.com?q":           "ex.com",
		"http://user@ex.com/":       "ex.com",
		"mailto:a@b":                "",
		"not a url":                 "",
	} {
		if got := Host(in); got != want {
			t.Errorf("Host(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzHost(f *testing.F) {
	f.Add("http://a.com/b")
	base, _ := url.Parse("http://base.example/")
	f.Fuzz(func(t *testing.T, ref string) {
		canon, _, err := Normalize(base, ref)
		if err != nil {
			return
		}
		u, _ := url.Parse(canon)
		if got := Host(canon); got != u.Host {
			t.Fatalf("Host(%q) = %q, net/url says %q", canon, got, u.Host)
		}
	})
}

func TestNormalizeEscapesQuery(t *testing.T) {
	base, _ := url.Parse("http://ex.com/d/")
	for ref, want := range map[string]string{
		"?a b":       "http://ex.com/d/?a%20b",
		"? #":        "http://ex.com/d/?%20",
		"x?q=\"é\"":  "http://ex.com/d/x?q=%22%C3%A9%22",
		"x?a=1&b=%2": "http://ex.com/d/x?a=1&b=%2",
		"x?{a}|b":    "http://ex.com/d/x?%7Ba%7D%7Cb",
	} {
		got, _, err := Normalize(base, ref)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", ref, got, err, want)
			continue
		}
		if again, _, _ := Normalize(nil, got); again != got {
			t.Errorf("Normalize(%q) = %q, not idempotent", got, again)
		}
	}
}
