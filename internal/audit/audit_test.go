package audit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/fixture"
	"github.com/uxaudit/uxaudit/report"
)

// recorder wraps a handler and keeps the headers of every request.
type recorder struct {
	h    http.Handler
	mu   sync.Mutex
	seen []http.Header
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.seen = append(r.seen, req.Header.Clone())
	r.mu.Unlock()
	r.h.ServeHTTP(w, req)
}

func (r *recorder) any(f func(http.Header) bool) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, h := range r.seen {
		if f(h) {
			return true
		}
	}
	return false
}

type demoSite struct {
	url, ext string
	demo     http.Handler
	site     *recorder
	extRec   *recorder
}

func startDemo(t *testing.T) demoSite {
	t.Helper()
	extRec := &recorder{h: fixture.NewExternal()}
	ext := httptest.NewServer(extRec)
	t.Cleanup(ext.Close)
	demo := fixture.NewDemo(fixture.Options{ExternalURL: ext.URL})
	site := &recorder{h: demo}
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	return demoSite{url: srv.URL, ext: ext.URL, demo: demo, site: site, extRec: extRec}
}

func runDemo(t *testing.T, d demoSite, mutate func(*crawler.Options)) *report.Result {
	t.Helper()
	o := crawler.DefaultOptions()
	o.Seeds = []string{d.url + "/"}
	o.RequestTimeout = 5 * time.Second
	if mutate != nil {
		mutate(&o)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := Run(ctx, Config{Crawl: o, Tool: report.Tool{Name: "uxaudit", Version: "test"}}, nil)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// TestDemoFindsEveryPlantedDefect is the end-to-end contract: every defect
// planted in the fixture site is reported by the right check, on the right
// page, with the right target, and nothing else is reported.
func TestDemoFindsEveryPlantedDefect(t *testing.T) {
	d := startDemo(t)
	res := runDemo(t, d, nil)

	type key struct{ check, page, target string }
	abs := func(p string) string {
		switch {
		case p == "":
			return ""
		case strings.HasPrefix(p, "EXTERNAL"):
			return d.ext + strings.TrimPrefix(p, "EXTERNAL")
		}
		return d.url + p
	}
	want := map[key]fixture.Defect{}
	for _, df := range fixture.Planted() {
		want[key{df.Check, abs(df.Page), abs(df.Target)}] = df
	}
	got := map[key]checks.Finding{}
	for _, f := range res.Findings {
		if f.Severity == checks.Info {
			continue // measurements and not-counted triage, not defects
		}
		got[key{f.Check, f.URL, f.Target}] = f
	}
	for k, df := range want {
		f, ok := got[k]
		if !ok {
			t.Errorf("planted defect not found: %+v", df)
			continue
		}
		// Kinds the checks name the same way must agree.
		switch df.Kind {
		case "redirect-chain", "redirect-loop", "temporary-redirect", "link-to-redirect", "missing-fragment", "server-error":
			if f.Evidence.Kind != df.Kind {
				t.Errorf("%v: evidence kind %q, want %q", k, f.Evidence.Kind, df.Kind)
			}
		}
	}
	var extra []string
	for k, f := range got {
		if _, ok := want[k]; !ok {
			extra = append(extra, f.Check+": "+f.Message)
		}
	}
	sort.Strings(extra)
	for _, e := range extra {
		t.Errorf("unexpected finding: %s", e)
	}

	// Details a reader needs.
	for _, f := range res.Findings {
		switch {
		case f.Target == d.url+"/blog/old-post.html" && f.Check == "broken-links":
			if f.Evidence.LinkText != "last year's guide" || f.Evidence.Status != 404 || f.Evidence.Tag != "a" {
				t.Errorf("broken link evidence = %+v", f.Evidence)
			}
		case f.Evidence.Kind == "redirect-chain":
			if len(f.Evidence.Hops) != 2 || f.Evidence.Hops[0].Status != 301 || f.Evidence.Hops[1].Location != d.url+"/about.html" {
				t.Errorf("redirect chain hops = %+v", f.Evidence.Hops)
			}
		}
	}

	if n := d.demo.(fixture.Counter).Hits("/private/staff.html"); n != 0 {
		t.Errorf("robots.txt-disallowed page was requested %d times", n)
	}
	if res.Summary.Pages != 10 {
		t.Errorf("pages audited = %d, want the 10 HTML pages (orphan from the sitemap included)", res.Summary.Pages)
	}
	for _, p := range res.Pages {
		if p.HTML && p.Timing.TTFB <= 0 {
			t.Errorf("%s: no TTFB recorded", p.URL)
		}
	}
}

func TestCredentialsStayOnTheAuditedHost(t *testing.T) {
	d := startDemo(t)
	runDemo(t, d, func(o *crawler.Options) {
		o.Header = http.Header{"X-Staging-Token": {"t0ken"}}
		o.Cookies = []*http.Cookie{{Name: "session", Value: "c00kie"}}
		o.BasicUser, o.BasicPass, o.BasicAuth = "user", "pa55", true
	})
	if !d.site.any(func(h http.Header) bool {
		return h.Get("X-Staging-Token") == "t0ken" && strings.Contains(h.Get("Cookie"), "session=c00kie") && h.Get("Authorization") != ""
	}) {
		t.Error("the audited host did not receive the header, cookie and basic auth")
	}
	if len(d.extRec.seen) == 0 {
		t.Fatal("the external site was not checked at all")
	}
	if d.extRec.any(func(h http.Header) bool {
		return h.Get("X-Staging-Token") != "" || h.Get("Authorization") != "" || h.Get("Cookie") != ""
	}) {
		t.Error("credentials were sent to the external host")
	}
}

func TestNoExternal(t *testing.T) {
	d := startDemo(t)
	res := runDemo(t, d, func(o *crawler.Options) { o.NoExternal = true })
	if len(d.extRec.seen) != 0 {
		t.Errorf("--no-external still sent %d requests to the external host", len(d.extRec.seen))
	}
	for _, f := range res.Findings {
		if strings.HasPrefix(f.Target, d.ext) {
			t.Errorf("finding on an unchecked external link: %s", f.Message)
		}
	}
}
