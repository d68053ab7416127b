package report_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/audit"
	"github.com/uxaudit/uxaudit/internal/fixture"
	"github.com/uxaudit/uxaudit/report"
)

// rewrite serves h, replacing old with new in the body of one path.
func rewrite(h http.Handler, path, old, new string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if !bytes.Contains(body, []byte(old)) && r.Method == http.MethodGet {
			panic("rewrite: " + path + " does not contain " + old)
		}
		body = bytes.Replace(body, []byte(old), []byte(new), 1)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	})
}

// auditDemo serves the demo site (through wrap) on a fresh random port and
// audits it without the browser.
func auditDemo(t *testing.T, wrap func(http.Handler) http.Handler) *report.Result {
	t.Helper()
	ext := httptest.NewServer(fixture.NewExternal())
	defer ext.Close()
	srv := httptest.NewServer(wrap(fixture.NewDemo(fixture.Options{ExternalURL: ext.URL})))
	defer srv.Close()
	o := crawler.DefaultOptions()
	o.Seeds = []string{srv.URL + "/"}
	o.RequestTimeout = 5 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := audit.Run(ctx, audit.Config{Crawl: o, Tool: report.Tool{Name: "uxaudit", Version: "test"}}, nil)
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	return res
}

// TestBaselineOfTheFixtureSite audits the demo site twice, each time on its
// own random port: between the two, the image without alt text on the
// tools page got one, and the contact page gained a duplicate id. The diff
// must say exactly that: one fixed, one new, everything else persisting.
func TestBaselineOfTheFixtureSite(t *testing.T) {
	if testing.Short() {
		t.Skip("audits the demo site twice")
	}
	same := func(h http.Handler) http.Handler { return h }
	before := auditDemo(t, same)
	again := auditDemo(t, same)
	after := auditDemo(t, func(h http.Handler) http.Handler {
		h = rewrite(h, "/products/tools.html", `<img src="/img/trowel.svg"`, `<img alt="" src="/img/trowel.svg"`)
		return rewrite(h, "/contact.html", "</body>", `<span id="twin"></span><span id="twin"></span></body>`)
	})
	if before.Site == after.Site {
		t.Fatalf("both audits ran on %s: the test must cross ports", before.Site)
	}

	if d := report.Diff(before, again, "before/result.json"); d.Counts.New != 0 || d.Counts.Fixed != 0 ||
		d.Counts.Persisting != len(before.Findings) || d.MatchedBy != report.MatchByPortable {
		t.Errorf("the same site on another port: %s, counts %+v of %d findings", d.MatchedBy, d.Counts, len(before.Findings))
		for _, f := range d.New {
			t.Logf("new: %s %s %s", f.Check, f.URL, f.Message)
		}
		for _, f := range d.Fixed {
			t.Logf("fixed: %s %s %s", f.Check, f.URL, f.Message)
		}
	}

	d := report.Diff(before, after, "before/result.json")
	if d.Counts.New != 1 || d.Counts.Fixed != 1 || d.Counts.Regressions != 1 {
		t.Fatalf("counts %+v, want new 1, fixed 1", d.Counts)
	}
	if f := d.New[0]; f.Check != "duplicate-ids" || f.URL != after.Site+"contact.html" || !f.Regression {
		t.Errorf("new: %+v", f)
	}
	if f := d.Fixed[0]; f.Check != "image-alt" || f.URL != before.Site+"products/tools.html" {
		t.Errorf("fixed: %+v", f)
	}
	if d.Counts.Persisting != len(before.Findings)-1 {
		t.Errorf("persisting %d, want %d", d.Counts.Persisting, len(before.Findings)-1)
	}
	for _, m := range d.Metrics {
		// Server response times on a loaded test machine are what they
		// are; the reading grade depends on the text alone.
		if m.Check == "readability" && m.Verdict != report.MetricSame {
			t.Errorf("metric %s %s: %+v", m.Check, m.Verdict, m)
		}
	}
	var acc *report.CategoryDelta
	for i := range d.Categories {
		if d.Categories[i].ID == "accessibility" {
			acc = &d.Categories[i]
		}
	}
	if acc == nil || acc.Delta == nil {
		t.Fatalf("no accessibility delta: %+v", d.Categories)
	}
	t.Logf("accessibility %.2f → %.2f (%+.2f); overall %+.2f", *acc.Baseline, *acc.Current, *acc.Delta, *d.Score.Delta)
}
