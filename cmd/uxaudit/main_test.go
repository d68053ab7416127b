package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/internal/fixture"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionAndChecks(t *testing.T) {
	code, out, _ := runCLI(t, "version")
	if code != 0 || !strings.HasPrefix(out, "uxaudit ") {
		t.Errorf("version: code %d, out %q", code, out)
	}
	code, out, _ = runCLI(t, "checks")
	if code != 0 {
		t.Fatalf("checks: code %d", code)
	}
	for _, id := range []string{"broken-links", "redirects", "http-status"} {
		if !strings.Contains(out, id) {
			t.Errorf("checks output lacks %s:\n%s", id, out)
		}
	}
	_, long, _ := runCLI(t, "checks", "--long")
	if !strings.Contains(long, "dead end") {
		t.Errorf("checks --long lacks the descriptions:\n%s", long)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"audit"}, "needs a URL"},
		{[]string{"audit", "not a url"}, "invalid URL"},
		{[]string{"audit", "ftp://example.com/"}, "invalid URL"},
		{[]string{"audit", "/relative"}, "invalid URL"},
		{[]string{"audit", "http://127.0.0.1:1/", "--concurrency", "0"}, "--concurrency"},
		{[]string{"audit", "http://127.0.0.1:1/", "--max-body", "lots"}, "--max-body"},
		{[]string{"audit", "http://127.0.0.1:1/", "--include", "("}, "--include"},
		{[]string{"audit", "http://127.0.0.1:1/", "--header", "nocolon"}, "--header"},
		{[]string{"audit", "http://127.0.0.1:1/", "--basic-auth", "nopass"}, "--basic-auth"},
		{[]string{"audit", "http://127.0.0.1:1/", "--timeout", "-1s"}, "--timeout"},
		{[]string{"audit", "http://127.0.0.1:1/", "--no-such-flag"}, "unknown flag"},
		{[]string{"--log-format", "xml", "version"}, "--log-format"},
		{[]string{"--memory-limit", "lots", "version"}, "--memory-limit"},
		{[]string{"audit", "http://127.0.0.1:1/", "--device", "watch"}, "--device"},
		{[]string{"audit", "http://127.0.0.1:1/", "--render-concurrency", "0"}, "--render-concurrency"},
		{[]string{"audit", "http://127.0.0.1:1/", "--runs", "0"}, "--runs"},
		{[]string{"audit", "http://127.0.0.1:1/", "--reading-grade", "0"}, "--reading-grade"},
		{[]string{"nonsense"}, "unknown command"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, tt.args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", tt.args, code, exitUsage)
		}
		if !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "goroutine ") {
			t.Errorf("%v: stderr %q, want a one-line message about %q", tt.args, stderr, tt.want)
		}
	}
}

func TestAuditWritesReport(t *testing.T) {
	ext := httptest.NewServer(fixture.NewExternal())
	defer ext.Close()
	srv := httptest.NewServer(fixture.NewDemo(fixture.Options{ExternalURL: ext.URL}))
	defer srv.Close()
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "audit", srv.URL, "--out", out, "--quiet", "--no-browser")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Pages audited      10", "Broken links       7", "Redirect chains    2", "Report: " + filepath.Join(out, "report.html")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	var res struct {
		SchemaVersion int `json:"schema_version"`
		Config        struct {
			Seeds []string `json:"seeds"`
		} `json:"config"`
		Findings []json.RawMessage `json:"findings"`
	}
	readJSON(t, filepath.Join(out, "result.json"), &res)
	if res.SchemaVersion != 1 || len(res.Findings) == 0 || len(res.Config.Seeds) != 1 {
		t.Errorf("result.json: %+v", res)
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil || !bytes.Contains(html, []byte("/blog/old-post.html")) {
		t.Errorf("report.html missing or without the broken link (%v)", err)
	}
}

func TestCredentialsAreRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!doctype html><title>x</title><p>hello</p>")
	}))
	defer srv.Close()
	out := t.TempDir()
	code, _, stderr := runCLI(t, "audit", srv.URL, "--out", out, "--quiet", "--no-browser",
		"--basic-auth", "me:hunter2", "--header", "X-Token: sekrit", "--cookie", "sid=c00kie")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"result.json", "report.html"} {
		b, _ := os.ReadFile(filepath.Join(out, name))
		for _, secret := range []string{"hunter2", "sekrit", "c00kie"} {
			if bytes.Contains(b, []byte(secret)) {
				t.Errorf("%s contains the secret %q", name, secret)
			}
		}
	}
}

func TestDemo(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "demo", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Report: ") || !strings.Contains(stdout, "Speed (p75)        LCP ") {
		t.Errorf("demo printed no report path or no speed line:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Error(err)
	}
	// The demo runs the browser pass: its pages carry the browser's values.
	var res struct {
		Pages []struct {
			Vitals *struct {
				LCP float64 `json:"lcp_ms"`
			} `json:"vitals"`
		} `json:"pages"`
		Warnings []string `json:"warnings"`
	}
	readJSON(t, filepath.Join(out, "result.json"), &res)
	rendered := 0
	for _, p := range res.Pages {
		if p.Vitals != nil && p.Vitals.LCP > 0 {
			rendered++
		}
	}
	if rendered != 10 {
		t.Errorf("%d pages rendered, want 10 (warnings %q)", rendered, res.Warnings)
	}
}

// TestInterruptWritesPartialReport sends SIGTERM to the process while an
// audit of a slow site runs: the report of what was gathered is written,
// marked partial, and the exit code says it was interrupted.
func TestInterruptWritesPartialReport(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" || r.URL.Path == "/sitemap.xml" {
			http.NotFound(w, r)
			return
		}
		n := hits.Add(1)
		select {
		case <-time.After(200 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		fmt.Fprintf(w, `<!doctype html><title>p</title><a href="/p%d">a</a><a href="/q%d">b</a>`, n, n)
	}))
	defer srv.Close()
	go func() {
		for hits.Load() < 3 {
			time.Sleep(10 * time.Millisecond)
		}
		_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
	}()
	out := t.TempDir()
	start := time.Now()
	code, _, stderr := runCLI(t, "audit", srv.URL, "--out", out, "--quiet", "--concurrency", "2", "--no-browser")
	if code != exitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, exitInterrupted, stderr)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("interrupt took %s", d)
	}
	var res struct {
		Partial       bool   `json:"partial"`
		PartialReason string `json:"partial_reason"`
		Summary       struct {
			Pages int `json:"pages"`
		} `json:"summary"`
	}
	readJSON(t, filepath.Join(out, "result.json"), &res)
	if !res.Partial || !strings.Contains(res.PartialReason, "interrupted") || res.Summary.Pages == 0 {
		t.Errorf("result = %+v, want a partial result with pages", res)
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Error(err)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1024", 1024, true}, {"8MiB", 8 << 20, true}, {"10MB", 10_000_000, true}, {"512 KiB", 512 << 10, true},
		{"", 0, false}, {"-1", 0, false}, {"MiB", 0, false}, {"1.5MB", 0, false}, {"99999999GiB", 0, false},
	}
	for _, tt := range tests {
		got, err := parseSize(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseSize(%q) = %d, %v", tt.in, got, err)
		}
	}
}

func TestInsecureForSelfSignedStaging(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!doctype html><title>staging</title><p>hi</p>")
	}))
	defer srv.Close()

	out := t.TempDir()
	code, _, stderr := runCLI(t, "audit", srv.URL, "--out", out, "--retries", "0", "--no-browser")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Summary struct {
			Pages int `json:"pages"`
		} `json:"summary"`
		Pages []struct {
			ErrorKind string `json:"error_kind"`
		} `json:"pages"`
		Warnings []string `json:"warnings"`
	}
	readJSON(t, filepath.Join(out, "result.json"), &res)
	if res.Summary.Pages != 0 || len(res.Pages) == 0 || res.Pages[0].ErrorKind != "tls" || len(res.Warnings) == 0 {
		t.Errorf("without --insecure: %+v", res)
	}
	if !strings.Contains(stderr, "could not be fetched") {
		t.Errorf("no warning about the start URL on stderr: %s", stderr)
	}

	out = t.TempDir()
	if code, _, stderr = runCLI(t, "audit", srv.URL, "--out", out, "--insecure", "--quiet", "--no-browser"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	readJSON(t, filepath.Join(out, "result.json"), &res)
	if res.Summary.Pages != 1 {
		t.Errorf("with --insecure: %d pages, want 1", res.Summary.Pages)
	}
}

func TestReadingGradeFlag(t *testing.T) {
	ext := httptest.NewServer(fixture.NewExternal())
	defer ext.Close()
	srv := httptest.NewServer(fixture.NewDemo(fixture.Options{ExternalURL: ext.URL}))
	defer srv.Close()
	count := func(grade string) int {
		out := t.TempDir()
		if code, _, stderr := runCLI(t, "audit", srv.URL, "--out", out, "--quiet", "--no-browser", "--reading-grade", grade); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var res struct {
			Findings []struct {
				Check    string `json:"check"`
				Evidence struct {
					Kind string `json:"kind"`
				} `json:"evidence"`
			} `json:"findings"`
		}
		readJSON(t, filepath.Join(out, "result.json"), &res)
		n := 0
		for _, f := range res.Findings {
			if f.Check == "readability" && f.Evidence.Kind != "long-sentence" {
				n++
			}
		}
		return n
	}
	if strict, lenient := count("6"), count("14"); strict <= lenient || lenient != 0 {
		t.Errorf("grade findings: %d at grade 6, %d at grade 14; want more at 6 and none at 14", strict, lenient)
	}
}
