package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/uxaudit/uxaudit/checks"
)

// MarkdownOptions tune the Markdown summary.
type MarkdownOptions struct {
	// MaxIssues is how many top issues are listed; 0 means 10.
	MaxIssues int
	// Sections are extra sections, written in this order after the
	// scores, the budgets and the baseline diff (which come from the result
	// itself) and before the top issues.
	Sections []MarkdownSection
}

// MarkdownSection is an extra section of the Markdown summary.
type MarkdownSection struct {
	// Title is the section's heading, plain text: it is escaped.
	Title string
	// Body is Markdown, written as is. Whoever builds it escapes the text
	// taken from crawled pages with EscapeMarkdown and MarkdownCode.
	Body string
}

// Cell widths of the summary, in characters: longer text is cut with "…".
const (
	mdMaxURL   = 80
	mdMaxTitle = 100
)

// WriteMarkdown writes a short summary of the result in GitHub-flavoured
// Markdown, for a pull-request comment or a CI job summary: the overall and
// category scores, the headline counts, the budgets' outcomes and the
// comparison with the baseline when the result holds them, o's extra
// sections and the top issues, ranked as the scorecard's "Fix first" ranks them (pages affected
// × severity, findings that share a cause grouped). It links to nothing; everything taken from
// crawled pages is escaped and cut to a cell's width.
func WriteMarkdown(w io.Writer, r *Result, o MarkdownOptions) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }

	p("## uxaudit: %s\n\n", EscapeMarkdown(Truncate(r.Hostname(), mdMaxURL)))
	p("**UX score %s** · %d pages audited · %d URLs checked · %s · %s · uxaudit %s\n\n",
		mdScore(r.Score, "/100"), r.Summary.Pages, r.Summary.URLs,
		r.StartedAt.UTC().Format("2006-01-02 15:04 UTC"), mdDuration(r.DurationMS), EscapeMarkdown(r.Tool.Version))
	p("Site: %s\n\n", MarkdownCode(Truncate(r.Site, mdMaxURL)))
	if r.Partial {
		p("> **Partial audit**: %s. The figures cover what was gathered before it stopped.\n\n",
			EscapeMarkdown(Truncate(r.PartialReason, mdMaxTitle)))
	}

	s := r.Summary
	p("| Broken links | Pages with errors | Redirect chains | Findings | High | Medium | Low |\n")
	p("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	p("| %d | %d | %d | %d | %d | %d | %d |\n\n", s.BrokenLinks, s.PagesWithError, s.RedirectChains, s.Findings,
		s.BySeverity[string(checks.High)], s.BySeverity[string(checks.Medium)], s.BySeverity[string(checks.Low)])
	if line := SpeedLine(r); line != "" {
		p("Speed at the 75th percentile of pages: %s\n\n", line)
	}

	p("### Scores\n\n")
	p("| Category | Score | Checks with findings |\n")
	p("| --- | ---: | ---: |\n")
	p("| **Overall** | **%s** | |\n", mdScore(r.Score, ""))
	byID := map[string]*CheckResult{}
	for i := range r.Checks {
		byID[r.Checks[i].ID] = &r.Checks[i]
	}
	for _, c := range r.Categories {
		applicable, failing := 0, 0
		for _, id := range c.Checks {
			if ch := byID[id]; ch != nil && !ch.NotApplicable {
				applicable++
				if ch.Failed > 0 {
					failing++
				}
			}
		}
		counts := "not applicable"
		if applicable > 0 {
			counts = fmt.Sprintf("%d of %d", failing, applicable)
		}
		p("| %s | %s | %s |\n", EscapeMarkdown(Truncate(c.Title, mdMaxTitle)), mdScore(c.Score, ""), counts)
	}
	p("\n")

	mdBudgets(bw, r.Budgets)
	mdBaseline(bw, r.Baseline)
	for _, sec := range o.Sections {
		p("### %s\n\n%s\n\n", EscapeMarkdown(Truncate(sec.Title, mdMaxTitle)), strings.TrimSpace(sec.Body))
	}

	limit := o.MaxIssues
	if limit <= 0 {
		limit = 10
	}
	groups := FixFirst(r.Findings)
	p("### Top issues\n\n")
	if len(groups) == 0 {
		p("No findings above info.\n")
	} else {
		p("| Issue | Check | Severity | Pages | Where |\n")
		p("| --- | --- | --- | ---: | --- |\n")
		for i, g := range groups {
			if i == limit {
				break
			}
			p("| %s | %s | %s | %d | %s |\n", EscapeMarkdown(Truncate(g.Message, mdMaxTitle)), MarkdownCode(g.Check),
				g.Severity, g.Pages, mdWhere(g))
		}
		if n := len(groups) - limit; n > 0 {
			p("\n%d more issues: see the full report.\n", n)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write Markdown summary: %w", err)
	}
	return nil
}

// mdWhere says where a group of findings is fixed: the shared link target
// or element, else the first page (and how many more).
func mdWhere(g FixGroup) string {
	switch {
	case g.By == GroupByTarget && g.Target != "":
		return "target " + MarkdownCode(Truncate(g.Target, mdMaxURL))
	case g.By == GroupBySelector && g.Selector != "":
		return "element " + MarkdownCode(Truncate(g.Selector, mdMaxURL))
	case len(g.URLs) == 0:
		return "site-wide"
	case len(g.URLs) == 1:
		return MarkdownCode(Truncate(g.URLs[0], mdMaxURL))
	}
	return fmt.Sprintf("%s and %d more", MarkdownCode(Truncate(g.URLs[0], mdMaxURL)), len(g.URLs)-1)
}

// mdScore renders a score out of 100 with a coloured mark (green ≥ 90,
// orange ≥ 50, red below), or "–" when nothing was scored.
func mdScore(s *float64, suffix string) string {
	if s == nil {
		return "–"
	}
	mark := "🔴"
	switch {
	case *s >= 0.9:
		mark = "🟢"
	case *s >= 0.5:
		mark = "🟠"
	}
	return fmt.Sprintf("%s %d%s", mark, int(math.Round(*s*100)), suffix)
}

func mdDuration(ms int64) string { return fmt.Sprintf("%.1f s", float64(ms)/1000) }

// SpeedLine renders the site-level values of the browser's metrics (their
// 75th percentile across pages) on one line, "LCP 2.3 s · FCP 900 ms · …",
// or "" when there was no browser pass. The Markdown summary and the
// terminal summary both show it.
func SpeedLine(r *Result) string {
	var parts []string
	for _, m := range []struct{ id, label string }{
		{"largest-contentful-paint", "LCP"}, {"first-contentful-paint", "FCP"},
		{"total-blocking-time", "TBT"}, {"layout-shift", "CLS"},
	} {
		for _, c := range r.Checks {
			if c.ID != m.id || c.Value == nil {
				continue
			}
			switch v := *c.Value; {
			case c.Unit == "ms" && v >= 1000:
				parts = append(parts, fmt.Sprintf("%s %.1f s", m.label, v/1000))
			case c.Unit == "ms":
				parts = append(parts, fmt.Sprintf("%s %.0f ms", m.label, v))
			default:
				parts = append(parts, fmt.Sprintf("%s %.2f", m.label, v))
			}
		}
	}
	return strings.Join(parts, " · ")
}

// EscapeMarkdown makes text safe to put inside a line of Markdown, table
// cells included: line breaks become spaces; the characters that could start
// markup (emphasis, links, images, code, table cells, strikethrough, math,
// emoji shortcodes, issue references and @mentions) are backslash-escaped;
// and <, > and & become entities, so no HTML gets through. The text must
// not start a line (a list marker there would still count).
func EscapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\n', '\r', '\t', '\v', '\f':
			b.WriteByte(' ')
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '#', '!', '|', '~', ':', '$', '@':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MarkdownCode renders text as an inline code span that is also safe in a
// table cell: the span's fence is longer than any run of backticks inside,
// line breaks become spaces, and pipes are escaped (GitHub reads \| as a
// pipe inside a table cell's code span). Code spans are never turned into
// links, which is why URLs are shown this way.
func MarkdownCode(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
	if s == "" {
		return ""
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || (strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ")) {
		s = " " + s + " "
	}
	return fence + strings.ReplaceAll(s, "|", `\|`) + fence
}

// Truncate cuts s to at most n characters, ending it with "…" when cut.
func Truncate(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n-1]) + "…"
}
