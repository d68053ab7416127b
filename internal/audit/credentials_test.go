package audit

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/crawler/browser"
	"github.com/uxaudit/uxaudit/report"
)

// TestBrowserPassBehindBasicAuth: a staging site behind basic auth is
// rendered with the crawl's credentials, not reported as a 401.
func TestBrowserPassBehindBasicAuth(t *testing.T) {
	if _, err := browser.FindChrome(""); err != nil && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "ux" || p != "pw" || r.Header.Get("X-Env") != "staging" {
			w.Header().Set("WWW-Authenticate", `Basic realm="staging"`)
			http.Error(w, "log in", http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/":
			fmt.Fprint(w, `<!doctype html><html lang="en"><title>Staging home</title><h1>Home</h1>
<p><a href="/about">About us</a></p><img src="/dot.svg" alt="" width="8" height="8">`)
		case "/about":
			fmt.Fprint(w, `<!doctype html><html lang="en"><title>About</title><h1>About</h1><p><a href="/">Home</a></p>`)
		case "/dot.svg":
			w.Header().Set("Content-Type", "image/svg+xml")
			fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"></svg>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	o := crawler.DefaultOptions()
	o.Seeds = []string{srv.URL + "/"}
	o.BasicAuth, o.BasicUser, o.BasicPass = true, "ux", "pw"
	o.Header = http.Header{"X-Env": {"staging"}}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	res, err := Run(ctx, Config{Crawl: o, Tool: report.Tool{Name: "uxaudit", Version: "test"},
		Render: Render{Enabled: true, Concurrency: 2, Browser: browser.Options{Quiet: 300 * time.Millisecond}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rendered := 0
	for _, p := range res.Pages {
		if p.Vitals == nil {
			continue
		}
		rendered++
		if p.Vitals.Error != "" || len(p.Vitals.FailedRequests) > 0 || p.Vitals.Requests < 1 {
			t.Errorf("%s: error %q, failed requests %v", p.URL, p.Vitals.Error, p.Vitals.FailedRequests)
		}
	}
	if rendered != 2 {
		t.Errorf("%d pages rendered, want 2", rendered)
	}
	for _, f := range res.Findings {
		if f.Check == "js-errors" || f.Check == "http-status" {
			t.Errorf("finding: %s %s", f.Check, f.Message)
		}
	}
}
