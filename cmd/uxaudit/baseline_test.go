package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/internal/fixture"
	"github.com/uxaudit/uxaudit/report"
)

// withDuplicateID serves the demo site with one defect added: the contact
// page gains a duplicate id.
func withDuplicateID(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/contact.html" {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := bytes.Replace(rec.Body.Bytes(), []byte("</body>"), []byte(`<span id="twin"></span><span id="twin"></span></body>`), 1)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	})
}

// withSlowPage serves the site with one page answering after a delay, as
// a busy machine would once in a while: its time to first byte goes over
// server-response-time's threshold.
func withSlowPage(h http.Handler, path string, delay time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path {
			time.Sleep(delay)
		}
		h.ServeHTTP(w, r)
	})
}

// loadNoise reports whether a finding is one a busy machine can make
// appear or vanish between two runs: a load-sensitive metric's.
func loadNoise(check string) bool {
	switch check {
	case "server-response-time", "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "layout-shift":
		return true
	}
	return false
}

// checkDiffIsOnlyLoadNoise fails unless the findings new since the
// baseline that do not count, and the fixed ones, are load noise: on a
// loaded machine a page's one fetch may be slow in either run.
func checkDiffIsOnlyLoadNoise(t *testing.T, d *report.BaselineDiff) {
	t.Helper()
	for _, f := range d.New {
		if !f.Regression && !loadNoise(f.Check) && f.Severity != "info" {
			t.Errorf("new, not counted, and not load noise: %+v", f)
		}
		if !f.Regression && loadNoise(f.Check) && !strings.Contains(f.Note, "measured once") {
			t.Errorf("a load-sensitive metric finding not judged by the noise rule: %+v", f)
		}
	}
	for _, f := range d.Fixed {
		if !loadNoise(f.Check) {
			t.Errorf("fixed, and not load noise: %+v", f)
		}
	}
}

func loadResultForTest(t *testing.T, path string) *report.Result {
	t.Helper()
	r, err := report.ReadResult(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestNightlyBaselineOnTheDemo is the README's nightly job run against the
// demo: the second run shows "no new findings" and passes --fail-on new;
// a run where a defect was added fails it with exit code 1. Every run goes
// into the history, which 'uxaudit history' lists.
//
// A loaded machine (this test under -race beside other jobs) can make any
// one fetch slow: a page over server-response-time's threshold in one run
// and not the other is load noise, never a regression. The third run
// plants such a slow fetch beside the real defect (a duplicate id), so the
// noise rule is tested every time, not only when the machine is busy.
func TestNightlyBaselineOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "uxaudit-history.db")
	first, second, third := filepath.Join(dir, "1"), filepath.Join(dir, "2"), filepath.Join(dir, "3")

	code, out, errOut := runCLI(t, "demo", "-q", "--no-browser", "-o", first, "--history", hist)
	if code != 0 {
		t.Fatalf("first run: code %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out, "Since baseline") {
		t.Errorf("no baseline, no comparison:\n%s", out)
	}

	base := filepath.Join(first, "result.json")
	code, out, errOut = runCLI(t, "demo", "-q", "--no-browser", "-o", second, "--history", hist,
		"--baseline", base, "--fail-on", "new")
	if code != 0 {
		t.Fatalf("second run: code %d\n%s%s", code, out, errOut)
	}
	// "no new findings" unless a fetch was slow in this run: then the slow
	// page's finding is listed, not counted.
	if !strings.Contains(out, "Since baseline     no new findings, ") && !strings.Contains(out, " new (none counted: info or metric noise), ") {
		t.Errorf("second run must say no new findings:\n%s", out)
	}
	if r := loadResultForTest(t, filepath.Join(second, "result.json")); r.Baseline == nil {
		t.Error("result.json has no baseline")
	} else {
		if c := r.Baseline.Counts; c.Regressions != 0 || c.Persisting+c.New != r.Summary.Findings {
			t.Errorf("result.json baseline counts %+v for %d findings", c, r.Summary.Findings)
		}
		checkDiffIsOnlyLoadNoise(t, r.Baseline)
	}

	ext := httptest.NewServer(fixture.NewExternal())
	defer ext.Close()
	site := httptest.NewServer(withSlowPage(withDuplicateID(fixture.NewDemo(fixture.Options{ExternalURL: ext.URL})), "/about.html", 900*time.Millisecond))
	defer site.Close()
	code, out, errOut = runCLI(t, "audit", site.URL+"/", "-q", "--no-browser", "-o", third, "--history", hist,
		"--baseline", base, "--fail-on", "new")
	if code != 1 {
		t.Fatalf("a new defect: code %d, want 1\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "Since baseline     1 new, ") || !strings.Contains(out, "duplicate-ids "+site.URL+"/contact.html") {
		t.Errorf("third run must list the new finding:\n%s", out)
	}
	r3 := loadResultForTest(t, filepath.Join(third, "result.json"))
	if d := r3.Baseline; d == nil || d.Counts.Regressions != 1 {
		t.Errorf("third run: baseline %+v, want the one regression", d)
	} else {
		slow := false
		for _, f := range d.New {
			if f.Regression && f.Check != "duplicate-ids" {
				t.Errorf("counted as a regression: %+v", f)
			}
			slow = slow || f.Check == "server-response-time" && f.URL == site.URL+"/about.html" && !f.Regression
		}
		if !slow {
			t.Errorf("the slow fetch of /about.html should be listed as new, not counted: %+v", d.New)
		}
		checkDiffIsOnlyLoadNoise(t, d)
	}

	code, out, errOut = runCLI(t, "history", "--history", hist)
	if code != 0 {
		t.Fatalf("history: code %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "RUN") || !strings.HasPrefix(lines[1], "3 ") || !strings.HasPrefix(lines[3], "1 ") {
		t.Errorf("history lists 3 runs, newest first:\n%s", out)
	}
	if !strings.Contains(lines[1], filepath.Join(third, "result.json")) {
		t.Errorf("the newest run names its result.json:\n%s", lines[1])
	}
	code, out, _ = runCLI(t, "history", "--history", hist, "--site", "http://127.0.0.1/", "--limit", "2", "--json")
	var runs []map[string]any
	if err := json.Unmarshal([]byte(out), &runs); code != 0 || err != nil || len(runs) != 2 {
		t.Errorf("history --json: code %d, %v, %d runs", code, err, len(runs))
	}
}

func TestNightlyUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"schema_version": 99}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("UXAUDIT_TEST_UNSET_VAR", "")
	os.Unsetenv("UXAUDIT_TEST_UNSET_VAR")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--fail-on", "new"}, "--fail-on needs --baseline"},
		{[]string{"--baseline", bad, "--fail-on", "everything"}, "--fail-on must be new or metrics"},
		{[]string{"--baseline", filepath.Join(dir, "none.json")}, "--baseline"},
		{[]string{"--baseline", bad}, "schema version 99"},
		{[]string{"--login-field", "user=alice"}, "need --login-url"},
		{[]string{"--login-url", "http://127.0.0.1:1/login", "--login-field", "novalue"}, "--login-field must look like"},
		{[]string{"--login-url", "http://127.0.0.1:1/login", "--login-field", "pass=env:UXAUDIT_TEST_UNSET_VAR"}, "UXAUDIT_TEST_UNSET_VAR is not set"},
		{[]string{"--login-url", "http://127.0.0.1:1/login", "--login-field", "u=x", "--login-success-selector", "a[["}, "not a valid CSS selector"},
	} {
		args := append([]string{"audit", "http://127.0.0.1:1/", "-q", "-o", filepath.Join(dir, "out")}, tc.args...)
		code, _, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: code %d, stderr %q, want %q", tc.args, code, errOut, tc.want)
		}
	}
	code, _, errOut := runCLI(t, "history", "--history", filepath.Join(dir, "none.db"))
	if code != 2 || !strings.Contains(errOut, "no history file") {
		t.Errorf("history of a missing file: code %d, %q", code, errOut)
	}
}

// TestLoginAudit logs in with a password from the environment, audits the
// members-only page, and keeps the password out of the output and
// result.json.
func TestLoginAudit(t *testing.T) {
	const secret = "Tr0ub4dor-&3"
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><html lang="en"><title>Sign in</title><form method="post" action="/session">
<input type="hidden" name="csrf" value="t0k"><input name="user"><input type="password" name="pass"></form>`)
	})
	mux.HandleFunc("POST /session", func(w http.ResponseWriter, r *http.Request) {
		if r.PostFormValue("csrf") != "t0k" || r.PostFormValue("user") != "alice" || r.PostFormValue("pass") != secret {
			http.Error(w, "wrong password", http.StatusForbidden)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "sid", Value: "abc123", Path: "/"})
		http.Redirect(w, r, "/", http.StatusSeeOther)
	})
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie("sid"); err != nil || c.Value != "abc123" {
			http.Redirect(w, r, "/login", http.StatusFound)
			return
		}
		fmt.Fprint(w, `<!doctype html><html lang="en"><head><title>Members</title></head><body><h1>Members only</h1>
<a href="/logout">Sign out</a></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	t.Setenv("UXAUDIT_TEST_PASS", secret)
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"audit", srv.URL + "/", "--no-browser", "--exclude", "/logout", "-o", out,
		"--login-url", srv.URL + "/login", "--login-field", "user=alice", "--login-field", "pass=env:UXAUDIT_TEST_PASS",
		"--login-success-selector", `a[href="/logout"]`}
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("code %d\n%s%s", code, stdout, stderr)
	}
	raw, err := os.ReadFile(filepath.Join(out, "result.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]string{"stdout": stdout, "stderr": stderr, "result.json": string(raw)} {
		if strings.Contains(s, secret) || strings.Contains(s, "abc123") {
			t.Errorf("%s shows a secret", name)
		}
	}
	r := loadResultForTest(t, filepath.Join(out, "result.json"))
	var home *report.PageResult
	for i := range r.Pages {
		if r.Pages[i].URL == srv.URL+"/" {
			home = &r.Pages[i]
		}
	}
	if home == nil || home.Status != http.StatusOK || home.Title != "Members" {
		t.Errorf("the members page was not audited signed in: %+v", home)
	}
	if !strings.Contains(string(raw), `"pass=[redacted]"`) {
		t.Errorf("result.json does not record the login fields, redacted")
	}

	// A wrong password stops the audit before the crawl.
	t.Setenv("UXAUDIT_TEST_PASS", "wrong")
	code, _, stderr = runCLI(t, args...)
	if code != 2 || !strings.Contains(stderr, "login failed") || strings.Contains(stderr, "wrong") {
		t.Errorf("wrong password: code %d, %q", code, stderr)
	}
}
