package checks

import (
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	runPageCheckCases(t, Canonical{}, host+"/", []pageCheckCase{
		{"one", `<head><link rel="canonical" href="https://ex.test/"></head>`, nil},
		{"relative", `<head><link rel="canonical" href="/tools"></head>`, nil},
		{"rel is case-insensitive", `<head><link rel="Canonical" href="/tools"></head>`, nil},
		{"missing", `<head><link rel="stylesheet" href="/a.css"><link rel="alternate" hreflang="fr" href="/fr/"></head>`,
			[]string{"missing-canonical"}},
		{"two", `<head><link rel="canonical" href="/a"><link rel="stylesheet" href="/a.css"><link rel="canonical" href="/b"></head>`,
			[]string{"multiple-canonical head > link:nth-of-type(3)"}},
	})
	f := checkOne(t, Canonical{}, host+"/", `<head><link rel="canonical" href="/a"><link rel="canonical" href="/a?x=1"></head>`)
	if f.Severity != Medium || !strings.Contains(f.Message, `2 canonical links ("/a", "/a?x=1")`) {
		t.Errorf("finding %+v", f)
	}
	if f := checkOne(t, Canonical{}, host+"/", `<p>x`); f.Severity != Low {
		t.Errorf("missing canonical: %s", f.Severity)
	}
}
