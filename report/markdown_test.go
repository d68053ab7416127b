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

// TestMarkdownGatesGolden: the summary of an audit with budgets and a
// baseline, as 'uxaudit report result.json --format md' writes it, with no
// extra sections passed.
func TestMarkdownGatesGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, formatSampleGates(), MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	formatGolden(t, "md-summary-gates.md", b.Bytes())
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

// mdSection returns the section of a summary under the given heading, up
// to the next heading of the same level, or "" when there is none.
func mdSection(md, heading string) string {
	i := strings.Index(md, heading+"\n")
	if i < 0 {
		return ""
	}
	rest := md[i+len(heading)+1:]
	if j := strings.Index(rest, "\n### "); j >= 0 {
		rest = rest[:j+1]
	}
	return rest
}

func TestMarkdownBudgets(t *testing.T) {
	ms := func(v float64) *float64 { return &v }
	held := BudgetResult{Name: "UX score", Kind: BudgetScore, Limit: 70, Actual: ms(71), Passed: true, Message: "UX score 71, at or above the minimum of 70"}
	over := BudgetResult{Name: "largest-contentful-paint p75", Kind: BudgetMetric, Unit: "ms", Limit: 2500, Actual: ms(2900), Over: 400,
		Message: "largest-contentful-paint p75 2.9 s, over the budget of 2.5 s by 400 ms"}
	unmeasured := BudgetResult{Name: "/checkout/*: UX score", Kind: BudgetScore, Path: "/checkout/*", Limit: 90,
		Message: "/checkout/*: UX score not measured (no audited page matches /checkout/*); the budget of 90 fails"}
	hostile := BudgetResult{Name: "/a|b/<img src=x>: high findings", Kind: BudgetFindings, Unit: "findings", Limit: 0, Actual: ms(2), Over: 2,
		Message: "/a|b/<img src=x>: high findings 2, over the budget of 0 by 2"}
	for _, tc := range []struct {
		name    string
		budgets []BudgetResult
		want    []string // in this order
		notWant []string
	}{
		{"no budgets, no section", nil, nil, []string{"### Budgets"}},
		{"one that holds", []BudgetResult{held}, []string{"✅ **The budget holds**", "| ✓ UX score | ≥ 70 | 71 | – |"}, []string{"✗"}},
		{"all hold", []BudgetResult{held, held}, []string{"✅ **All 2 budgets hold**"}, nil},
		{"failed first, with by how much", []BudgetResult{held, over},
			[]string{"❌ **1 of 2 budgets failed**", "| Budget | Limit | Actual | Over |",
				"| ✗ largest-contentful-paint p75 | ≤ 2.5 s | 2.9 s | 400 ms |", "| ✓ UX score | ≥ 70 | 71 | – |"}, nil},
		{"not measured, and why", []BudgetResult{unmeasured, held},
			[]string{"**1 of 2 budgets failed**", "| ✗ /checkout/\\*\\: UX score | ≥ 90 | not measured | – |",
				"- /checkout/\\*\\: UX score not measured (no audited page matches /checkout/\\*); the budget of 90 fails"}, nil},
		{"names from the configuration are escaped", []BudgetResult{hostile},
			[]string{"| ✗ /a\\|b/&lt;img src=x&gt;\\: high findings | ≤ 0 | 2 | 2 |"}, []string{"<img"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := formatSample()
			r.Budgets = tc.budgets
			var b bytes.Buffer
			if err := WriteMarkdown(&b, r, MarkdownOptions{}); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			sec := mdSection(md, "### Budgets")
			at := 0
			for _, w := range tc.want {
				i := strings.Index(sec[at:], w)
				if i < 0 {
					t.Fatalf("budgets section lacks %q after offset %d:\n%s", w, at, sec)
				}
				at += i + len(w)
			}
			for _, w := range tc.notWant {
				if strings.Contains(sec, w) || w == "### Budgets" && strings.Contains(md, w) {
					t.Errorf("summary holds %q:\n%s", w, md)
				}
			}
			for _, line := range strings.Split(sec, "\n") {
				if strings.HasPrefix(line, "|") && tableCells(line) != 4 {
					t.Errorf("row with %d cells: %s", tableCells(line), line)
				}
			}
			if sec != "" && strings.Index(md, "### Budgets") < strings.Index(md, "### Scores") {
				t.Error("budgets come after the scores")
			}
		})
	}
	// More budgets than the table shows: the failed ones first, the rest counted.
	r := formatSample()
	for range mdMaxBudgets + 3 {
		r.Budgets = append(r.Budgets, held)
	}
	r.Budgets = append(r.Budgets, over)
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r, MarkdownOptions{}); err != nil {
		t.Fatal(err)
	}
	sec := mdSection(b.String(), "### Budgets")
	if !strings.Contains(sec, "| ✗ largest-contentful-paint p75") || !strings.Contains(sec, "4 more budgets: see result.json") {
		t.Errorf("a long list keeps the failed budget and counts the rest:\n%s", sec)
	}
}

func TestMarkdownBaseline(t *testing.T) {
	const site = "https://shop.example"
	f := func(id, check, page string, sev checks.Severity, msg string) checks.Finding {
		return checks.Finding{ID: id, Check: check, URL: page, Severity: sev, Message: msg}
	}
	ms := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name    string
		diff    *BaselineDiff
		want    []string // in this order
		notWant []string
	}{
		{"no baseline, no section", nil, nil, []string{"Since baseline"}},
		{"nothing new", &BaselineDiff{Path: "last/result.json", MatchedBy: MatchByID, Counts: DiffCounts{Persisting: 7},
			Score: ScoreDelta{Baseline: ms(0.71), Current: ms(0.71), Delta: ms(0)}},
			[]string{"**Since baseline: no new findings, 0 fixed, 7 persisting**", "Compared with `last/result.json`",
				"| **Overall** | 71 | 71 | 0 |"},
			[]string{"#### New since baseline", "#### Fixed since baseline", "not counted", "#### Metrics"}},
		{"new, counted and not, and fixed", &BaselineDiff{Path: "b.json", MatchedBy: MatchByPortable,
			Counts: DiffCounts{New: 3, Regressions: 1, Fixed: 1, Persisting: 4},
			New: []DiffFinding{
				{Finding: f("n1", "server-response-time", site+"/", checks.Low, "The server takes 825 ms"), Note: "metric noise: single load"},
				{Finding: f("n2", "duplicate-ids", site+"/contact.html", checks.Medium, `Two elements share the id "twin"`), Regression: true},
				{Finding: f("n3", "passive-voice", site+"/", checks.Info, "1 of 9 sentences"), Note: "info: not counted"},
			},
			Fixed: []checks.Finding{f("o1", "broken-links", site+"/", checks.High, "Link to /x is broken")},
			Score: ScoreDelta{Baseline: ms(0.8), Current: ms(0.78), Delta: ms(-0.02)},
			Categories: []CategoryDelta{
				{ID: "links", Title: "Links & navigation", ScoreDelta: ScoreDelta{Baseline: ms(0.9), Current: ms(0.95), Delta: ms(0.05)}},
				{ID: "speed", Title: "Speed", ScoreDelta: ScoreDelta{Baseline: ms(0.9), Current: ms(0.9), Delta: ms(0)}},
				{ID: "stability", Title: "Layout stability", ScoreDelta: ScoreDelta{Current: ms(1)}},
			}},
			[]string{"**Since baseline: 1 new, 1 fixed, 4 persisting** · 2 more new, not counted", "(findings matched by portable-key)",
				"| **Overall** | 80 | 78 | -2 |", "| Links &amp; navigation | 90 | 95 | +5 |", "| Layout stability | – | 100 | – |",
				"#### New since baseline", "| medium | `duplicate-ids` | `https://shop.example/contact.html` | Two elements share the id \"twin\" |",
				"New, not counted:", "- low `server-response-time` `https://shop.example/`: The server takes 825 ms (metric noise\\: single load)",
				"- info `passive-voice`", "(info\\: not counted)",
				"#### Fixed since baseline", "- high `broken-links` `https://shop.example/`: Link to /x is broken"},
			[]string{"| Speed |", "#### Metrics"}},
		{"metrics beyond their noise, and not", &BaselineDiff{Path: "b.json", MatchedBy: MatchByID, Metrics: []MetricDelta{
			{Check: "largest-contentful-paint", Unit: "ms", Baseline: ms(2000), Current: ms(2600), Delta: ms(600), Threshold: 400, Rule: "fixed", Verdict: MetricWorse},
			{Check: "layout-shift", Baseline: ms(0.2), Current: ms(0.05), Delta: ms(-0.15), Threshold: 0.04, Rule: "runs", Verdict: MetricBetter},
			{Check: "total-blocking-time", Unit: "ms", Baseline: ms(100), Current: ms(110), Delta: ms(10), Threshold: 20, Rule: "fixed", Verdict: MetricSame},
		}},
			[]string{"#### Metrics beyond their noise", "| `largest-contentful-paint` | 2.0 s | 2.6 s | ± 400 ms (fixed) | worse |",
				"| `layout-shift` | 0.2 | 0.05 | ± 0.04 (runs) | better |"},
			[]string{"total-blocking-time"}},
		{"hostile text from pages is escaped", &BaselineDiff{Path: "b.json", Counts: DiffCounts{New: 1, Regressions: 1, Fixed: 1},
			New:   []DiffFinding{{Finding: f("h1", "broken-links", site+"/a|b", checks.High, "<script>x</script> | [a](http://evil.example) @team"), Regression: true}},
			Fixed: []checks.Finding{f("h2", "broken-links", "", checks.High, "![i](http://evil.example/p.png)")}},
			[]string{"| high | `broken-links` | `https://shop.example/a\\|b` | &lt;script&gt;x&lt;/script&gt; \\| \\[a\\](http\\://evil.example) \\@team |",
				"- high `broken-links` site-wide: \\!\\[i\\](http\\://evil.example/p.png)"},
			[]string{"<script>", " @team"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := formatSample()
			r.Baseline = tc.diff
			var b bytes.Buffer
			if err := WriteMarkdown(&b, r, MarkdownOptions{}); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			sec := mdSection(md, "### Since baseline")
			at := 0
			for _, w := range tc.want {
				i := strings.Index(sec[at:], w)
				if i < 0 {
					t.Fatalf("baseline section lacks %q after offset %d:\n%s", w, at, sec)
				}
				at += i + len(w)
			}
			for _, w := range tc.notWant {
				if strings.Contains(stripCodeSpans(sec), w) || tc.diff == nil && strings.Contains(md, w) {
					t.Errorf("summary holds %q:\n%s", w, md)
				}
			}
			for _, line := range strings.Split(sec, "\n") {
				if n := tableCells(line); strings.HasPrefix(line, "|") && n != 4 && n != 5 {
					t.Errorf("row with %d cells: %s", n, line)
				}
			}
		})
	}
}
