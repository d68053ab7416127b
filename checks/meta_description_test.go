package checks

import "testing"

func TestMetaDescription(t *testing.T) {
	runPageCheckCases(t, MetaDescription{}, host+"/", []pageCheckCase{
		{"present", `<head><meta name="description" content="Hand tools that last."></head>`, nil},
		{"name is case-insensitive", `<head><meta name="Description" content="Hand tools that last."></head>`, nil},
		{"one non-empty of two", `<head><meta name="description" content=""><meta name="description" content="Tools."></head>`, nil},
		{"missing", `<head><title>T</title><meta name="keywords" content="tools"></head>`, []string{"missing-description"}},
		{"og:description does not count", `<head><meta property="og:description" content="Tools."></head>`, []string{"missing-description"}},
		{"empty", `<head><meta charset="utf-8"><meta name="description" content=""></head>`,
			[]string{"empty-description head > meta:nth-of-type(2)"}},
		{"blank", `<head><meta name="description" content="   "></head>`, []string{"empty-description head > meta"}},
		{"no content attribute", `<head><meta name="description"></head>`, []string{"empty-description head > meta"}},
	})
	if f := checkOne(t, MetaDescription{}, host+"/", `<p>x`); f.Severity != Medium {
		t.Errorf("severity %s", f.Severity)
	}
}
