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
	if !strings.Contains(out, "Since baseline     no new findings, 0 fixed") {
		t.Errorf("second run must say no new findings:\n%s", out)
	}
	if r := loadResultForTest(t, filepath.Join(second, "result.json")); r.Baseline == nil || r.Baseline.Counts.New != 0 ||
		r.Baseline.Counts.Persisting != r.Summary.Findings {
		t.Errorf("result.json baseline: %+v", r.Baseline)
	}

	ext := httptest.NewServer(fixture.NewExternal())
	defer ext.Close()
	site := httptest.NewServer(withDuplicateID(fixture.NewDemo(fixture.Options{ExternalURL: ext.URL})))
	defer site.Close()
	code, out, errOut = runCLI(t, "audit", site.URL+"/", "-q", "--no-browser", "-o", third, "--history", hist,
		"--baseline", base, "--fail-on", "new")
	if code != 1 {
		t.Fatalf("a new defect: code %d, want 1\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "Since baseline     1 new, 0 fixed") || !strings.Contains(out, "duplicate-ids "+site.URL+"/contact.html") {
		t.Errorf("third run must list the new finding:\n%s", out)
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
