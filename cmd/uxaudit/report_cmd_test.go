package main

import (
	"encoding/xml"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/internal/fixture"
)

// dirNames lists the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestFormatFlagAndReportCommand audits the demo site writing only the JSON
// result, then renders every other format from it with 'uxaudit report'.
func TestFormatFlagAndReportCommand(t *testing.T) {
	ext := httptest.NewServer(fixture.NewExternal())
	defer ext.Close()
	srv := httptest.NewServer(fixture.NewDemo(fixture.Options{ExternalURL: ext.URL}))
	defer srv.Close()

	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "audit", srv.URL, "--out", out, "--quiet", "--no-browser", "--format", "json,md", "--format", "junit")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := dirNames(t, out); !slices.Equal(got, []string{"junit.xml", "result.json", "summary.md"}) {
		t.Errorf("--format json,md --format junit wrote %q", got)
	}
	if !strings.Contains(stdout, "Report: "+filepath.Join(out, "result.json")) {
		t.Errorf("summary should name the first file written:\n%s", stdout)
	}
	md, _ := os.ReadFile(filepath.Join(out, "summary.md"))
	if !strings.Contains(string(md), "| `broken-links` | high |") {
		t.Errorf("summary.md lacks the broken links:\n%s", md)
	}

	// Render again from the saved result, elsewhere and in place.
	again := filepath.Join(t.TempDir(), "again")
	code, stdout, stderr = runCLI(t, "report", filepath.Join(out, "result.json"), "--out", again, "--format", "csv,html", "--format", "md,junit")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	want := []string{"findings.csv", "junit.xml", "pages.csv", "report.html", "summary.md"}
	if got := dirNames(t, again); !slices.Equal(got, want) {
		t.Errorf("report wrote %q, want %q", got, want)
	}
	if !strings.Contains(stdout, "Wrote "+filepath.Join(again, "report.html")+"\n") {
		t.Errorf("report should list the files it wrote:\n%s", stdout)
	}
	md2, _ := os.ReadFile(filepath.Join(again, "summary.md"))
	if string(md2) != string(md) {
		t.Error("summary.md from the saved result differs from the audit's")
	}
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
	}
	b, _ := os.ReadFile(filepath.Join(again, "junit.xml"))
	if err := xml.Unmarshal(b, &suites); err != nil || suites.Tests == 0 || suites.Failures == 0 {
		t.Errorf("junit.xml: %+v, %v", suites, err)
	}
	pages, _ := os.ReadFile(filepath.Join(again, "pages.csv"))
	if n := strings.Count(string(pages), "\n"); n < 10 {
		t.Errorf("pages.csv has %d lines, want a header and the pages", n)
	}

	if code, _, stderr = runCLI(t, "report", filepath.Join(out, "result.json")); code != 0 {
		t.Fatalf("report in place: exit %d: %s", code, stderr)
	}
	if got := dirNames(t, out); !slices.Equal(got, []string{"junit.xml", "report.html", "result.json", "summary.md"}) {
		t.Errorf("report without --out should write report.html next to result.json: %q", got)
	}
}

func TestFormatAndReportUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "result.json")
	if err := os.WriteFile(notJSON, []byte("<html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	oldSchema := filepath.Join(dir, "old.json")
	if err := os.WriteFile(oldSchema, []byte(`{"schema_version": 0}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"audit", "http://127.0.0.1:1/", "--format", "html,pdf"}, `"pdf"`},
		{[]string{"audit", "http://127.0.0.1:1/", "--format", "json", "--format", "xml"}, `"xml"`},
		{[]string{"demo", "--format", "yaml"}, `"yaml"`},
		{[]string{"report", notJSON, "--format", "docx"}, `"docx"`},
		{[]string{"report"}, "needs one result.json"},
		{[]string{"report", "a.json", "b.json"}, "needs one result.json"},
		{[]string{"report", filepath.Join(dir, "missing.json")}, "missing.json"},
		{[]string{"report", notJSON}, "decode result"},
		{[]string{"report", oldSchema}, "schema version 0"},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, tt.args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d", tt.args, code, exitUsage)
		}
		if !strings.Contains(stderr, tt.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%v: stderr %q, want a short message about %s", tt.args, stderr, tt.want)
		}
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"old.json", "result.json"}) {
		t.Errorf("failed commands wrote %q", got)
	}
}
