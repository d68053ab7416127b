package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/checks"
)

func TestMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, formatSample(), MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	formatGolden(t, "md-summary.md", b.Bytes())
}

// TestMarkdownSections checks the hook for extra sections (budgets, a
// baseline diff): they come after the scores and before the top issues, in
// order, with their titles escaped and their bodies as given.
func TestMarkdownSections(t *testing.T) {
	var b bytes.Buffer
	err := WriteMarkdown(&b, formatSample(), MarkdownOptions{Sections: []MarkdownSection{
		{Title: "Budgets <b>", Body: "- **1 budget failed**: LCP p75 is 2.9 s, over 2.5 s\n"},
		{Title: "Since the baseline", Body: "1 new finding, 1 fixed"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	md := b.String()
	scores, budgets := strings.Index(md, "### Scores"), strings.Index(md, "### Budgets &lt;b&gt;")
	baseline, top := strings.Index(md, "### Since the baseline\n\n1 new finding, 1 fixed\n"), strings.Index(md, "### Top issues")
	if !(scores >= 0 && scores < budgets && budgets < baseline && baseline < top) {
		t.Errorf("sections out of place (scores %d, budgets %d, baseline %d, top %d):\n%s", scores, budgets, baseline, top, md)
	}
	if !strings.Contains(md, "- **1 budget failed**: LCP p75 is 2.9 s, over 2.5 s\n") {
		t.Error("a section's body must be written as is")
	}
}

func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"plain words, 4.5 s":         "plain words, 4.5 s",
		"<script>alert(1)</script>":  "&lt;script&gt;alert(1)&lt;/script&gt;",
		"a | b":                      `a \| b`,
		"`code`":                     "\\`code\\`",
		"*bold* _em_ ~~del~~":        `\*bold\* \_em\_ \~\~del\~\~`,
		"[x](javascript:alert(1))":   `\[x\](javascript\:alert(1))`,
		"![i](http://e/x.png)":       `\!\[i\](http\://e/x.png)`,
		"#12 @team :tada: $x$":       `\#12 \@team \:tada\: \$x\$`,
		"line\nbreak\r\ttab":         "line break  tab",
		"Tom & Jerry &amp;":          "Tom &amp; Jerry &amp;amp;",
		`back\slash`:                 `back\\slash`,
		"bell\x07 and del\x7f chars": "bell and del chars",
	} {
		if got := EscapeMarkdown(in); got != want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMarkdownCode(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"https://a.example/":   "`https://a.example/`",
		"a|b":                  "`a\\|b`",
		"has `tick`":           "`` has `tick` ``",
		"`starts":              "`` `starts ``",
		"two `` ticks":         "```two `` ticks```",
		"new\nline":            "`new line`",
		"<script>x</script>":   "`<script>x</script>`",
		"https://e/?q=@user#1": "`https://e/?q=@user#1`",
	} {
		if got := MarkdownCode(in); got != want {
			t.Errorf("MarkdownCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncate(t *testing.T) {
	if got := Truncate("héllo wörld", 6); got != "héllo…" {
		t.Errorf("Truncate = %q", got)
	}
	if got := Truncate("short", 6); got != "short" {
		t.Errorf("Truncate = %q", got)
	}
}

// TestMarkdownHostileContent audits a result whose crawled text is built to
// break out of the summary: no raw HTML, no live link or image, no mention,
// and every table row keeps its number of cells.
func TestMarkdownHostileContent(t *testing.T) {
	hostile := "x | y `z` <img src=x onerror=alert(1)> [a](http://evil.example) ![b](http://evil.example/p.png) @org/team\n# heading"
	r := formatSample()
	r.Site = "https://evil.example/" + hostile
	r.PartialReason, r.Partial = hostile, true
	r.Categories[0].Title = hostile
	r.Checks[0].FailureTitle = hostile
	r.Tool.Version = hostile
	long := "https://evil.example/" + strings.Repeat("a", 300)
	for i := range 3 { // three pages, one message: a group near the top
		r.Findings = append(r.Findings, checks.Finding{ID: fmt.Sprint("h", i), Check: "hostile", URL: fmt.Sprint(hostile, i), Severity: checks.High, Message: hostile})
	}
	for i := range 30 {
		r.Findings = append(r.Findings, checks.Finding{ID: fmt.Sprint(i), Check: "long", URL: fmt.Sprintf("%s/%d", long, i), Severity: checks.Low})
	}
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r, MarkdownOptions{MaxIssues: 3}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	// Code spans show their text literally; what is outside them must not
	// hold markup.
	outside := stripCodeSpans(md)
	for _, bad := range []string{"<img", "<script", "[a](", "![", "\n# heading", " @org"} {
		if strings.Contains(outside, bad) {
			t.Errorf("summary contains %q outside code spans:\n%s", bad, outside)
		}
	}
	if !strings.Contains(md, "`https://evil.example/x \\| y `z` <img src=x") {
		t.Errorf("the site should be shown as code:\n%s", md)
	}
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		if n := len([]rune(line)); n > 400 {
			t.Errorf("table row of %d characters: cells are not truncated", n)
		}
		if cells := tableCells(line); cells != 3 && cells != 5 && cells != 7 {
			t.Errorf("row with %d cells: %s", cells, line)
		}
	}
	if !strings.Contains(md, "| x \\| y \\`z\\` &lt;img src=x onerror=alert(1)&gt; \\[a\\](http\\://evil.example)") {
		t.Errorf("the hostile issue should be listed, escaped:\n%s", md)
	}
	if !strings.Contains(md, "more issues: see the full report") {
		t.Error("MaxIssues should cut the list and say so")
	}
}

// stripCodeSpans removes the code spans of Markdown text, honouring
// backslash escapes outside them: a span opens with a run of backticks and
// closes at the next run of the same length.
func stripCodeSpans(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); {
		switch md[i] {
		case '\\':
			end := min(i+2, len(md))
			b.WriteString(md[i:end])
			i = end
			continue
		case '`':
			n := 0
			for i+n < len(md) && md[i+n] == '`' {
				n++
			}
			fence := md[i : i+n]
			j := i + n
			for {
				k := strings.Index(md[j:], fence)
				if k < 0 {
					b.WriteString(md[i:]) // unclosed: literal backticks
					return b.String()
				}
				k += j
				if k+n < len(md) && md[k+n] == '`' { // a longer run: not the closer
					for k < len(md) && md[k] == '`' {
						k++
					}
					j = k
					continue
				}
				b.WriteString("<code/>")
				i = k + n
				break
			}
			continue
		}
		b.WriteByte(md[i])
		i++
	}
	return b.String()
}

// tableCells counts the cells of a GFM table row: pipes not escaped with a
// backslash, less one.
func tableCells(row string) int {
	n := 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n - 1
}

func TestMarkdownWithoutFindings(t *testing.T) {
	r := formatSample()
	r.Findings, r.Score = nil, nil
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	if md := b.String(); !strings.Contains(md, "No findings above info") || !strings.Contains(md, "**UX score –**") {
		t.Errorf("summary without findings or score:\n%s", md)
	}
}
