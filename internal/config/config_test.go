package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/report"
)

// flags are the flag names the tests' command has.
func isFlag(name string) bool {
	switch name {
	case "max-pages", "include", "no-browser", "reading-grade", "timeout", "disable", "enable", "terms":
		return true
	}
	return false
}

func TestParseGoodFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "words.txt"), []byte("# mine\nsynergize => work together\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "uxaudit.yaml")
	src := `# a comment
max-pages: 500
include: ['^/blog/', '^/shop/']
no-browser: true
timeout: 5m
disable: [passive-voice, readability]
terms: terms.yaml
categories:
  links: 5
  speed: 0
checks:
  readability: {grade: 8, long-sentence: 30}
  plain-language:
    extra:
      leverage: use
    file: words.txt
budgets:
  score: 80
  categories: {links: 90}
  metrics:
    largest-contentful-paint: 2500
    layout-shift: 0.1
  findings:
    high: 0
    broken-links: 3
  paths:
    - path: /checkout/*
      metrics: {largest-contentful-paint: 2000}
      score: 90
`
	f, err := Parse(name, []byte(src), isFlag)
	if err != nil {
		t.Fatal(err)
	}
	wantSettings := []Setting{
		{"max-pages", []string{"500"}, 2},
		{"include", []string{"^/blog/", "^/shop/"}, 3},
		{"no-browser", []string{"true"}, 4},
		{"timeout", []string{"5m"}, 5},
		{"disable", []string{"passive-voice", "readability"}, 6},
		{"terms", []string{filepath.Join(dir, "terms.yaml")}, 7},
	}
	if !reflect.DeepEqual(f.Settings, wantSettings) {
		t.Errorf("settings\n got %+v\nwant %+v", f.Settings, wantSettings)
	}
	if len(f.Categories) != len(report.DefaultCategories()) || f.Categories[0].ID != "links" || f.Categories[0].Weight != 5 ||
		f.Categories[2].ID != "speed" || f.Categories[2].Weight != 0 || f.Categories[1].Weight != 1 {
		t.Errorf("categories %+v", f.Categories)
	}
	wantPairs := []checks.Pair{{Phrase: "leverage", Replacement: "use"}, {Phrase: "synergize", Replacement: "work together"}}
	if f.Checks.ReadingGrade != 8 || f.Checks.GradeLine != 12 || f.Checks.LongSentence != 30 || !reflect.DeepEqual(f.Checks.PlainLanguage, wantPairs) {
		t.Errorf("check options %+v", f.Checks)
	}
	score, pathScore := 80.0, 90.0
	wantBudgets := []report.Budget{
		{Score: &score, Categories: []report.Limit{{Key: "links", Value: 90}},
			Metrics:  []report.Limit{{Key: "largest-contentful-paint", Value: 2500}, {Key: "layout-shift", Value: 0.1}},
			Findings: []report.Limit{{Key: "high", Value: 0}, {Key: "broken-links", Value: 3}}},
		{Path: "/checkout/*", Score: &pathScore, Metrics: []report.Limit{{Key: "largest-contentful-paint", Value: 2000}}},
	}
	if !reflect.DeepEqual(f.Budgets, wantBudgets) {
		t.Errorf("budgets\n got %+v\nwant %+v", f.Budgets, wantBudgets)
	}
}

func TestParseEmptyAndInlineTerms(t *testing.T) {
	for _, src := range []string{"", "# only comments\n", "---\n"} {
		f, err := Parse("u.yaml", []byte(src), isFlag)
		if err != nil || len(f.Settings) != 0 || f.Budgets != nil || f.Categories != nil {
			t.Errorf("%q: %+v, %v", src, f, err)
		}
	}
	f, err := Parse("u.yaml", []byte("terms:\n  - whitelist\n  - term: log in\n    replacement: sign in\n    severity: info\n"), isFlag)
	want := []checks.Term{{Term: "whitelist"}, {Term: "log in", Replacement: "sign in", Severity: checks.Info}}
	if err != nil || !reflect.DeepEqual(f.Terms, want) || len(f.Settings) != 0 {
		t.Errorf("inline terms: %+v, %v", f, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "max-pages: 5\n\nmax-page: 500\n", `uxaudit.yaml:3: unknown key "max-page"`},
		{"syntax", "max-pages: 5\n  bad: [\n", "uxaudit.yaml:2: invalid YAML"},
		{"not a mapping", "- a\n- b\n", "uxaudit.yaml:1: the configuration must be a mapping"},
		{"duplicate key", "max-pages: 5\nmax-pages: 6\n", `uxaudit.yaml:2: "max-pages" is set twice (first at line 1)`},
		{"no value", "max-pages:\n", "uxaudit.yaml:1: max-pages has no value"},
		{"mapping for a flag", "include: {a: b}\n", "uxaudit.yaml:1: include must be a value or a list"},
		{"unknown disabled check", "disable: [readabilty]\n", `uxaudit.yaml:1: disable: unknown check "readabilty"`},
		{"unknown category", "categories:\n  link: 3\n", `uxaudit.yaml:2: categories: unknown category "link"`},
		{"bad weight", "categories:\n  links: heavy\n", `uxaudit.yaml:2: categories: links must be a number, not "heavy"`},
		{"negative weight", "categories:\n  links: -1\n", "uxaudit.yaml:2: categories: links must be between 0 and 100, not -1"},
		{"unknown check", "checks:\n  readable: {grade: 8}\n", `uxaudit.yaml:2: checks: unknown check "readable"`},
		{"unknown option", "checks:\n  readability:\n    target: 8\n", `uxaudit.yaml:3: checks: readability: unknown option "target" (it takes grade and long-sentence)`},
		{"option of a check without options", "checks:\n  headings: {max: 2}\n", `it takes no options`},
		{"grade out of range", "checks:\n  readability: {grade: 30}\n", "uxaudit.yaml:2: checks: readability: grade must be between 1 and 20, not 30"},
		{"long sentence not whole", "checks:\n  readability: {long-sentence: 2.5}\n", "must be a whole number"},
		{"bad extra pair", "checks:\n  plain-language:\n    extra:\n      '...': use\n", "uxaudit.yaml:4: checks: plain-language: extra: want"},
		{"missing pairs file", "checks:\n  plain-language: {file: nowhere.txt}\n", "uxaudit.yaml:2: checks: plain-language: file:"},
		{"score too high", "budgets:\n  score: 120\n", "uxaudit.yaml:2: budgets: score must be between 0 and 100, not 120"},
		{"score not a number", "budgets:\n  score: '80'\n", `budgets: score must be a number, not "80"`},
		{"unknown budget key", "budgets:\n  scores: 80\n", `uxaudit.yaml:2: budgets: unknown key "scores" (score, categories, metrics, findings, paths)`},
		{"metric of a binary check", "budgets:\n  metrics:\n    headings: 1\n", "uxaudit.yaml:3: budgets: metrics: headings is not a numeric check"},
		{"unknown metric", "budgets:\n  metrics:\n    lcp: 2500\n", `uxaudit.yaml:3: budgets: metrics: unknown check "lcp"`},
		{"negative metric", "budgets:\n  metrics:\n    layout-shift: -0.1\n", "budgets: metrics: layout-shift must be 0 or more"},
		{"findings key", "budgets:\n  findings:\n    critical: 0\n", `uxaudit.yaml:3: budgets: findings: "critical" is neither a severity`},
		{"findings count", "budgets:\n  findings:\n    high: 0.5\n", "budgets: findings: high must be a whole number"},
		{"paths not a list", "budgets:\n  paths: {path: /a}\n", "uxaudit.yaml:2: budgets: paths must be a list"},
		{"path missing", "budgets:\n  paths:\n    - score: 50\n", "uxaudit.yaml:3: budgets: paths: each budget needs a path"},
		{"relative path", "budgets:\n  paths:\n    - path: checkout/*\n", "must start with /"},
		{"path metric not kept per page", "budgets:\n  paths:\n    - path: /blog/*\n      metrics: {readability: 9}\n", "uxaudit.yaml:4: budgets: paths: metrics: readability cannot be measured on a path"},
		{"nested paths", "budgets:\n  paths:\n    - path: /a/*\n      paths: []\n", `uxaudit.yaml:4: budgets: paths: unknown key "paths"`},
		{"bad inline term", "terms:\n  - term: simply\n    severity: critical\n", "uxaudit.yaml:2: the term \"simply\": severity must be"},
		{"term key", "terms:\n  - word: simply\n", `uxaudit.yaml:2: unknown key "word"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("uxaudit.yaml", []byte(tt.src), isFlag)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
			if !IsError(err) {
				t.Errorf("%v is not a config.Error", err)
			}
		})
	}
}

func TestLoadTerms(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	want := []checks.Term{
		{Term: "whitelist", Replacement: "allowlist", Reason: "clearer and inclusive", Severity: checks.Medium},
		{Term: "simply"},
	}
	list := write("list.yaml", "- term: whitelist\n  replacement: allowlist\n  reason: clearer and inclusive\n  severity: medium\n- simply\n")
	keyed := write("keyed.yaml", "# style guide\nterms:\n  - term: whitelist\n    replacement: allowlist\n    reason: clearer and inclusive\n    severity: medium\n  - term: simply\n")
	for _, p := range []string{list, keyed} {
		got, err := LoadTerms(p)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v, %v", filepath.Base(p), got, err)
		}
	}
	bad := []struct{ src, want string }{
		{"", "lists no terms"},
		{"terms: []\n", "lists no terms"},
		{"words:\n  - a\n", `bad.yaml:1: unknown key "words"`},
		{"- simply\n- Simply\n", `bad.yaml:2: the term "Simply" is listed twice (first at line 1)`},
		{"- term: ''\n", "bad.yaml:1: the term \"\" has no word"},
		{"- [a, b]\n", "bad.yaml:1: each term must be a text or a mapping"},
		{"terms: simply\n", "bad.yaml:1: terms must be a list"},
	}
	for _, b := range bad {
		_, err := LoadTerms(write("bad.yaml", b.src))
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%q: error %v, want %q", b.src, err, b.want)
		}
	}
	if _, err := LoadTerms(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "reading the terms file") {
		t.Errorf("missing file: %v", err)
	}
}
