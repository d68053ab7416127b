package main

import (
	"bufio"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/uxaudit/uxaudit/internal/config"
	"github.com/uxaudit/uxaudit/internal/fixture"
)

// fixtureSite serves the demo site for a test and returns its URL.
func fixtureSite(t *testing.T) string {
	t.Helper()
	ext := httptest.NewServer(fixture.NewExternal())
	t.Cleanup(ext.Close)
	srv := httptest.NewServer(fixture.NewDemo(fixture.Options{ExternalURL: ext.URL}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// budgetOutcome is a budget as result.json holds it.
type budgetOutcome struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Limit   float64  `json:"limit"`
	Actual  *float64 `json:"actual"`
	Passed  bool     `json:"passed"`
	Over    float64  `json:"over"`
	Message string   `json:"message"`
}

// TestBudgetFailsExitOne audits the fixture site, which has broken links
// planted, with a budget of none: the audit exits 1, the summary and the
// last JSON log event say which budget failed and by how much.
func TestBudgetFailsExitOne(t *testing.T) {
	site := fixtureSite(t)
	dir := t.TempDir()
	cfg := writeFile(t, dir, "gate.yaml", `no-browser: true
budgets:
  score: 0
  findings:
    broken-links: 0
  paths:
    - path: /blog/*
      findings: {high: 100}
`)
	out := filepath.Join(dir, "report")
	code, stdout, stderr := runCLI(t, "audit", site, "--config", cfg, "--out", out, "--log-format", "json")
	if code != exitBudget {
		t.Fatalf("exit %d, want %d: %s", code, exitBudget, stderr)
	}
	for _, want := range []string{
		"  Budgets            1 of 3 failed\n",
		"    ✗ broken-links findings 7, over the budget of 0 by 7\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	var res struct {
		Budgets []budgetOutcome `json:"budgets"`
		Config  struct {
			ConfigFile string `json:"config_file"`
		} `json:"config"`
	}
	readJSON(t, filepath.Join(out, "result.json"), &res)
	if len(res.Budgets) != 3 || res.Budgets[1].Passed || res.Budgets[1].Over != 7 || !res.Budgets[0].Passed || !res.Budgets[2].Passed ||
		res.Budgets[2].Name != "/blog/*: high findings" || res.Config.ConfigFile != cfg {
		t.Errorf("result.json: %+v", res)
	}

	// The last line of the JSON log is the run's summary.
	var last string
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		last = sc.Text()
	}
	var ev struct {
		Message       string   `json:"message"`
		Pages         int      `json:"pages"`
		BrokenLinks   int      `json:"broken_links"`
		Score         *int     `json:"score"`
		Budgets       int      `json:"budgets"`
		BudgetsFailed int      `json:"budgets_failed"`
		Failed        []string `json:"failed_budgets"`
		Report        string   `json:"report"`
		ExitCode      int      `json:"exit_code"`
	}
	if err := json.Unmarshal([]byte(last), &ev); err != nil {
		t.Fatalf("last log line %q: %v", last, err)
	}
	if ev.Message != "audit finished" || ev.Pages != 10 || ev.BrokenLinks != 7 || ev.Score == nil || ev.Budgets != 3 ||
		ev.BudgetsFailed != 1 || len(ev.Failed) != 1 || !strings.Contains(ev.Failed[0], "broken-links") || ev.Report == "" || ev.ExitCode != exitBudget {
		t.Errorf("summary event: %+v", ev)
	}
}

// TestBudgetHoldsAndFlagsOverrideFile audits with the default
// uxaudit.yaml of the working directory: its budgets hold (exit 0), the
// command line's --max-pages wins over the file's, and the file's other
// settings apply.
func TestBudgetHoldsAndFlagsOverrideFile(t *testing.T) {
	site := fixtureSite(t)
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, config.DefaultFile, `max-pages: 1
no-browser: true
quiet: true
reading-grade: 14
exclude: ['/private/']
categories:
  links: 0
budgets:
  score: 10
  categories: {links: 0}
  findings: {broken-links: 50}
  metrics: {server-response-time: 60000}
`)
	code, stdout, stderr := runCLI(t, "audit", site, "--max-pages", "50")
	if code != exitOK {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	if !strings.Contains(stdout, "  Budgets            all 4 hold\n") {
		t.Errorf("summary:\n%s", stdout)
	}
	var res struct {
		Config struct {
			MaxPages     int      `json:"max_pages"`
			ReadingGrade float64  `json:"reading_grade"`
			Browser      bool     `json:"browser"`
			Exclude      []string `json:"exclude"`
			ConfigFile   string   `json:"config_file"`
		} `json:"config"`
		Categories []struct {
			ID     string  `json:"id"`
			Weight float64 `json:"weight"`
		} `json:"categories"`
		Summary struct {
			Pages int `json:"pages"`
		} `json:"summary"`
		Budgets []budgetOutcome `json:"budgets"`
	}
	readJSON(t, filepath.Join(dir, "uxaudit-report", "result.json"), &res)
	c := res.Config
	if c.MaxPages != 50 || c.ReadingGrade != 14 || c.Browser || len(c.Exclude) != 1 || c.ConfigFile != config.DefaultFile {
		t.Errorf("config: %+v", c)
	}
	if res.Summary.Pages < 5 {
		t.Errorf("%d pages: the command line's --max-pages did not win", res.Summary.Pages)
	}
	if len(res.Categories) == 0 || res.Categories[0].ID != "links" || res.Categories[0].Weight != 0 {
		t.Errorf("categories: %+v", res.Categories)
	}
	if len(res.Budgets) != 4 {
		t.Errorf("budgets: %+v", res.Budgets)
	}
}

func TestConfigUsageErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tests := []struct {
		name, file string
		args       []string
		want       string
	}{
		{"unknown key", "max-pages: 5\nmax-page: 500\n", nil, `uxaudit.yaml:2: unknown key "max-page"`},
		{"bad value", "quiet: true\nmax-pages: lots\n", nil, `uxaudit.yaml:2: max-pages: invalid value "lots": want a whole number`},
		{"bad duration", "timeout: soon\n", nil, `uxaudit.yaml:1: timeout: invalid value "soon": want a duration`},
		{"list for a single value", "user-agent: [a, b]\n", nil, "uxaudit.yaml:1: user-agent: takes one value, not a list"},
		{"value out of range", "\nconcurrency: 0\n", nil, "uxaudit.yaml:2: concurrency must be between 1 and 256, not 0"},
		{"bad log format", "log-format: xml\n", nil, "uxaudit.yaml:1: log-format must be auto, text or json"},
		{"grade twice", "reading-grade: 8\nchecks:\n  readability: {grade: 7}\n", nil, "uxaudit.yaml:3: checks: readability: grade repeats reading-grade (line 1)"},
		{"bad budget", "budgets:\n  score: lots\n", nil, `uxaudit.yaml:2: budgets: score must be a number, not "lots"`},
		{"bad flag, good file", "max-pages: 5\n", []string{"--disable", "nonsense"}, `--disable: unknown check "nonsense"`},
		{"missing --config", "", []string{"--config", "nowhere.yaml"}, "nowhere.yaml"},
		{"missing terms file", "", []string{"--terms", "nowhere.yaml"}, "--terms: reading the terms file"},
		{"bad terms file", "terms: bad-terms.yaml\n", nil, "bad-terms.yaml:1: each term must be a text or a mapping"},
	}
	writeFile(t, dir, "bad-terms.yaml", "- [a]\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_ = os.Remove(config.DefaultFile)
			if tt.file != "" {
				writeFile(t, dir, config.DefaultFile, tt.file)
			}
			args := append([]string{"audit", "http://127.0.0.1:1/", "--no-browser"}, tt.args...)
			code, _, stderr := runCLI(t, args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tt.want)
			}
		})
	}
}

// TestDisableEnableAndTerms runs only the checks asked for, with a terms
// file whose term the fixture site uses.
func TestDisableEnableAndTerms(t *testing.T) {
	site := fixtureSite(t)
	dir := t.TempDir()
	terms := writeFile(t, dir, "terms.yaml", "terms:\n  - term: allotment\n    replacement: garden plot\n    severity: high\n")
	out := filepath.Join(dir, "report")
	code, _, stderr := runCLI(t, "audit", site, "--out", out, "--quiet", "--no-browser",
		"--disable", "all", "--enable", "banned-terms,broken-links", "--terms", terms)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Checks []struct {
			ID string `json:"id"`
		} `json:"checks"`
		Findings []struct {
			Check    string `json:"check"`
			URL      string `json:"url"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"findings"`
		Config struct {
			Disabled []string `json:"disabled_checks"`
			Terms    string   `json:"terms_file"`
		} `json:"config"`
	}
	readJSON(t, filepath.Join(out, "result.json"), &res)
	var ids []string
	for _, c := range res.Checks {
		ids = append(ids, c.ID)
	}
	if strings.Join(ids, ",") != "broken-links,banned-terms" {
		t.Errorf("checks run: %v", ids)
	}
	banned := 0
	for _, f := range res.Findings {
		if f.Check == "banned-terms" {
			banned++
			if f.Severity != "high" || !strings.HasSuffix(f.URL, "/about.html") || !strings.Contains(f.Message, `write "garden plot" instead`) {
				t.Errorf("finding: %+v", f)
			}
		}
	}
	if banned != 1 || res.Config.Terms != terms || len(res.Config.Disabled) < 10 {
		t.Errorf("%d banned-terms findings, config %+v", banned, res.Config)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := runCLI(t, "init")
	if code != 0 || !strings.Contains(stdout, "Wrote uxaudit.yaml") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if code, _, stderr = runCLI(t, "init"); code != exitUsage || !strings.Contains(stderr, "uxaudit.yaml exists; give --force") {
		t.Errorf("second init: exit %d, %s", code, stderr)
	}
	if code, _, stderr = runCLI(t, "init", "--force"); code != 0 {
		t.Errorf("init --force: exit %d, %s", code, stderr)
	}
	got, err := os.ReadFile(config.DefaultFile)
	if err != nil || string(got) != starterConfig {
		t.Errorf("uxaudit.yaml is not the starter file (%v)", err)
	}
}

// TestStarterConfig keeps docs/budgets.yaml equal to what init writes,
// checks that it parses, and that it shows every flag of audit.
func TestStarterConfig(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "budgets.yaml"))
	if err != nil || string(doc) != starterConfig {
		t.Errorf("docs/budgets.yaml differs from the file 'uxaudit init' writes (init_cmd.go): keep them the same (%v)", err)
	}
	root := (&app{}).rootCmd()
	audit, _, err := root.Find([]string{"audit"})
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.ParseFlags(nil); err != nil { // merges the global flags in
		t.Fatal(err)
	}
	fl := audit.Flags()
	isFlag := func(name string) bool { f := fl.Lookup(name); return f != nil && !f.Hidden }
	f, err := config.Parse("uxaudit.yaml", []byte(starterConfig), isFlag)
	if err != nil || len(f.Budgets) != 1 {
		t.Fatalf("the starter file: %+v, %v", f, err)
	}
	// Each flag is shown, and each "# flag: value" line is a valid
	// setting once uncommented.
	shown := map[string]bool{}
	key := regexp.MustCompile(`^#? ?([a-z][a-z-]*):( *)(.*)$`)
	var uncommented []string
	for _, line := range strings.Split(starterConfig, "\n") {
		m := key.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		if isFlag(m[1]) && m[3] != "" && !shown[m[1]] {
			uncommented = append(uncommented, strings.TrimPrefix(line, "# "))
		}
		shown[m[1]] = true
	}
	all, err := config.Parse("uncommented.yaml", []byte(strings.Join(uncommented, "\n")), isFlag)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all.Settings {
		if err := setFlag(fl.Lookup(s.Name), s.Values); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
	}
	if len(all.Settings) < 30 {
		t.Errorf("only %d settings shown with a value", len(all.Settings))
	}
	fl.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && f.Name != "help" && f.Name != "config" && !shown[f.Name] {
			t.Errorf("flag --%s is missing from the starter configuration: add it to starterConfig (init_cmd.go) and docs/budgets.yaml", f.Name)
		}
	})
}
