package checks

import (
	"strings"
	"testing"
)

func TestHTMLLang(t *testing.T) {
	runPageCheckCases(t, HTMLLang{}, host+"/", []pageCheckCase{
		{"lang set", `<!doctype html><html lang="en"><head></head><body></body></html>`, nil},
		{"regional lang", `<html lang="en-GB"><p>x</p></html>`, nil},
		{"missing", `<!doctype html><html><head></head><body></body></html>`, []string{"missing-lang html"}},
		{"no html tag at all", `<title>x</title><p>text`, []string{"missing-lang html"}},
		{"empty", `<html lang=""><p>x</p></html>`, []string{"missing-lang html"}},
		{"blank", `<html lang="  "><p>x</p></html>`, []string{"missing-lang html"}},
		{"lang on body only", `<html><body lang="en"><p>x</p></body></html>`, []string{"missing-lang html"}},
	})
	f := checkOne(t, HTMLLang{}, host+"/", `<html lang=""></html>`)
	if f.Severity != Medium || !strings.Contains(f.Message, "empty") {
		t.Errorf("finding %+v", f)
	}
}
