package checks

import (
	"context"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func TestUnclosedMarkup(t *testing.T) {
	const head = `<!doctype html><html lang="en"><head><title>t</title></head><body><p>Intro <a href="/ok">ok</a></p>`
	runPageCheckCases(t, UnclosedMarkup{}, host+"/", []pageCheckCase{
		{"closed script", head + `<script>var a = 1;</script><p>After <a href="/x">x</a></p></body></html>`, nil},
		{"good page", goodPage, nil},
		{"unterminated script", head + `<script>var a = 1;
<p>After <a href="/gone">gone</a></p></body></html>`, []string{"unterminated-script body > script"}},
		{"unterminated script, CRLF lines", head + "<script>var a = 1;\r\n<p>After</p>\r\n</body>\r\n</html>\r\n", []string{"unterminated-script body > script"}},
		{"unterminated script in head", `<html><head><script>x()
</head><body><p>All of it</p></body></html>`, []string{"unterminated-script head > script"}},
		{"unterminated style", head + `<style>p { color: red }
<main><h1>Gone</h1></main></body></html>`, []string{"unterminated-style body > style"}},
		{"unterminated comment", head + `<!-- old nav
<nav><a href="/a">a</a></nav><p>Lost content</p></body></html>`, []string{"unterminated-comment"}},
		{"unclosed script without markup after it is harmless", head + `<script>var a = 1; var b = 2; var c = 3;`, nil},
		{"a closed comment at the end", head + `</body></html><!-- built by the CMS, version 12.4, node 7 -->`, nil},
		{"script text quoting markup, closed", head + `<script>document.write("<p>x</p>")</script></body></html>`, nil},
	})
	f := checkOne(t, UnclosedMarkup{}, host+"/", "<html><body><p>a</p><script>go()\n<p>b</p><a href=/c>c</a></body></html>")
	if f.Severity != High || !strings.Contains(f.Message, "<script>") || f.Evidence.Value == 0 {
		t.Errorf("finding %+v", f)
	}
}

func TestUnclosedMarkupSkipsTruncatedPages(t *testing.T) {
	p := htmlPage(t, host+"/", `<html><body><script>x()<p>cut at the limit</p>`)
	p.Fetch = &crawler.Fetch{URL: p.URL, Truncated: true}
	res, err := UnclosedMarkup{}.CheckPage(context.Background(), p)
	if err != nil || !res.NotApplicable || len(res.Findings) != 0 {
		t.Errorf("truncated page: %+v, %v", res, err)
	}
}
