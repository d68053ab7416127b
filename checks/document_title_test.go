package checks

import (
	"strings"
	"testing"
)

func TestDocumentTitle(t *testing.T) {
	long := strings.Repeat("Garden ", 9) + "tools" // 68 characters
	runPageCheckCases(t, DocumentTitle{}, host+"/", []pageCheckCase{
		{"good title", `<html><head><title>Garden tools | Greenleaf</title></head><body></body></html>`, nil},
		{"exactly 60 characters", `<title>` + strings.Repeat("é", 60) + `</title>`, nil},
		{"white space is collapsed", "<title>\n  Garden\n\n   tools  </title>", nil},
		{"an SVG title is not the page title", `<html><head></head><body><svg><title>Icon</title></svg></body></html>`,
			[]string{"missing-title"}},
		{"missing", `<html><head></head><body><h1>Hi</h1></body></html>`, []string{"missing-title"}},
		{"empty", `<html><head><title></title></head></html>`, []string{"empty-title head > title"}},
		{"blank", `<html><head><title>  &#10; </title></head></html>`, []string{"empty-title head > title"}},
		{"too long", `<html><head><title>` + long + `</title></head></html>`, []string{"title-too-long head > title"}},
		{"61 characters", `<title>` + strings.Repeat("é", 61) + `</title>`, []string{"title-too-long head > title"}},
		{"only the first title counts", `<html><head><title>Tools</title><title></title></head></html>`, nil},
	})
}

func TestDocumentTitleSeverity(t *testing.T) {
	if f := checkOne(t, DocumentTitle{}, host+"/", `<p>x`); f.Severity != High {
		t.Errorf("missing title: %s", f.Severity)
	}
	f := checkOne(t, DocumentTitle{}, host+"/", `<title>`+strings.Repeat("x", 70)+`</title>`)
	if f.Severity != Low || !strings.Contains(f.Message, "70 characters") {
		t.Errorf("long title: %+v", f)
	}
}
