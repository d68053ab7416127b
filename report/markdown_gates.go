package report

import (
	"fmt"
	"io"
	"math"

	"github.com/uxaudit/uxaudit/checks"
)

// Rows of the gates' tables in the Markdown summary: longer lists are cut
// and say how many more there are.
const (
	mdMaxBudgets = 20 // budget outcomes, failed first
	mdMaxDiff    = 20 // new findings, not-counted ones, fixed ones
)

// BudgetsHeadline says whether the budgets held: "all 5 budgets hold",
// "the budget holds", "2 of 5 budgets failed". It is "" without budgets.
func BudgetsHeadline(rs []BudgetResult) string {
	failed := len(FailedBudgets(rs))
	switch {
	case len(rs) == 0:
		return ""
	case failed == 0 && len(rs) == 1:
		return "the budget holds"
	case failed == 0:
		return fmt.Sprintf("all %d budgets hold", len(rs))
	case len(rs) == 1:
		return "the budget failed"
	}
	return fmt.Sprintf("%d of %d budgets failed", failed, len(rs))
}

// BaselineHeadline sums up a baseline comparison on one line: "N new, N
// fixed, N persisting", where new counts the regressions (what --fail-on
// new counts), or "no new findings, …" when nothing at all is new.
func BaselineHeadline(d *BaselineDiff) string {
	c := d.Counts
	if c.New == 0 {
		return fmt.Sprintf("no new findings, %d fixed, %d persisting", c.Fixed, c.Persisting)
	}
	return fmt.Sprintf("%d new, %d fixed, %d persisting", c.Regressions, c.Fixed, c.Persisting)
}

// mdBudgets writes the Budgets section: the headline, then a table of the
// outcomes, failed first, and why the unmeasured ones were not measured.
func mdBudgets(w io.Writer, rs []BudgetResult) {
	if len(rs) == 0 {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	mark := "❌"
	if BudgetsHold(rs) {
		mark = "✅"
	}
	p("### Budgets\n\n%s **%s**\n\n", mark, upperFirst(BudgetsHeadline(rs)))
	failed := FailedBudgets(rs)
	rows := append([]BudgetResult(nil), failed...)
	for _, b := range rs {
		if b.Passed {
			rows = append(rows, b)
		}
	}
	p("| Budget | Limit | Actual | Over |\n")
	p("| --- | ---: | ---: | ---: |\n")
	var unmeasured []BudgetResult
	for i, b := range rows {
		if b.Actual == nil {
			unmeasured = append(unmeasured, b)
		}
		if i == mdMaxBudgets {
			continue
		}
		mark, actual, over := "✓", "not measured", "–"
		if !b.Passed {
			mark = "✗"
		}
		if b.Actual != nil {
			actual = formatAmount(*b.Actual, b.Unit)
			if !b.Passed {
				over = formatAmount(b.Over, b.Unit)
			}
		}
		limit := "≤ " + formatAmount(b.Limit, b.Unit)
		if b.Kind == BudgetScore || b.Kind == BudgetCategory {
			limit = "≥ " + formatAmount(b.Limit, b.Unit)
		}
		p("| %s %s | %s | %s | %s |\n", mark, EscapeMarkdown(Truncate(b.Name, mdMaxTitle)), limit, actual, over)
	}
	if n := len(rows) - mdMaxBudgets; n > 0 {
		p("\n%d more budgets: see result.json.\n", n)
	}
	if len(unmeasured) > 0 {
		p("\n")
		for _, b := range unmeasured {
			p("- %s\n", EscapeMarkdown(Truncate(b.Message, 2*mdMaxTitle)))
		}
	}
	p("\n")
}

// mdBaseline writes the comparison with the baseline: the headline; the
// overall and category score changes; the new findings that count, and
// apart the ones that do not with why; the fixed findings; and the metrics
// that moved beyond their noise.
func mdBaseline(w io.Writer, d *BaselineDiff) {
	if d == nil {
		return
	}
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	c := d.Counts
	p("### Since baseline\n\n**Since baseline: %s**", BaselineHeadline(d))
	if n := c.New - c.Regressions; n > 0 {
		p(" · %d more new, not counted (info or metric noise)", n)
	}
	p("\n\nCompared with %s", MarkdownCode(Truncate(d.Path, mdMaxURL)))
	if !d.StartedAt.IsZero() {
		p(", the audit of %s", d.StartedAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	p(" (findings matched by %s).\n\n", EscapeMarkdown(d.MatchedBy))

	p("| Score | Baseline | Now | Change |\n")
	p("| --- | ---: | ---: | ---: |\n")
	p("| **Overall** | %s | %s | %s |\n", mdPoints(d.Score.Baseline), mdPoints(d.Score.Current), mdChange(d.Score.Delta))
	for _, cat := range d.Categories {
		if moved(cat.ScoreDelta) {
			p("| %s | %s | %s | %s |\n", EscapeMarkdown(Truncate(cat.Title, mdMaxTitle)),
				mdPoints(cat.Baseline), mdPoints(cat.Current), mdChange(cat.Delta))
		}
	}
	p("\n")

	var counted, apart []DiffFinding
	for _, f := range d.New {
		if f.Regression {
			counted = append(counted, f)
		} else {
			apart = append(apart, f)
		}
	}
	if len(counted) > 0 {
		p("#### New since baseline\n\n")
		p("| Severity | Check | Page | Message |\n")
		p("| --- | --- | --- | --- |\n")
		for i, f := range counted {
			if i == mdMaxDiff {
				p("\n%d more new findings: see result.json.\n", len(counted)-mdMaxDiff)
				break
			}
			p("| %s | %s | %s | %s |\n", f.Severity, MarkdownCode(f.Check), mdPage(f.Finding), EscapeMarkdown(Truncate(f.Message, mdMaxTitle)))
		}
		p("\n")
	}
	if len(apart) > 0 {
		p("New, not counted:\n\n")
		for i, f := range apart {
			if i == mdMaxDiff {
				p("- and %d more: see result.json\n", len(apart)-mdMaxDiff)
				break
			}
			p("- %s %s %s: %s (%s)\n", f.Severity, MarkdownCode(f.Check), mdPage(f.Finding),
				EscapeMarkdown(Truncate(f.Message, mdMaxTitle)), EscapeMarkdown(Truncate(f.Note, mdMaxTitle)))
		}
		p("\n")
	}
	if len(d.Fixed) > 0 {
		p("#### Fixed since baseline\n\n")
		for i, f := range d.Fixed {
			if i == mdMaxDiff {
				p("- and %d more: see result.json\n", len(d.Fixed)-mdMaxDiff)
				break
			}
			p("- %s %s %s: %s\n", f.Severity, MarkdownCode(f.Check), mdPage(f), EscapeMarkdown(Truncate(f.Message, mdMaxTitle)))
		}
		p("\n")
	}

	var metrics []MetricDelta
	for _, m := range d.Metrics {
		if m.Verdict == MetricWorse || m.Verdict == MetricBetter {
			metrics = append(metrics, m)
		}
	}
	if len(metrics) > 0 {
		p("#### Metrics beyond their noise\n\n")
		p("| Metric (p75) | Baseline | Now | Threshold | Verdict |\n")
		p("| --- | ---: | ---: | ---: | --- |\n")
		for _, m := range metrics {
			p("| %s | %s | %s | ± %s (%s) | %s |\n", MarkdownCode(m.Check), formatAmount(*m.Baseline, m.Unit),
				formatAmount(*m.Current, m.Unit), formatAmount(m.Threshold, m.Unit), EscapeMarkdown(m.Rule), m.Verdict)
		}
		p("\n")
	}
}

// moved reports whether a category's score changed, or was scored in only
// one of the audits.
func moved(s ScoreDelta) bool {
	if s.Delta != nil {
		return math.Round(*s.Delta*100) != 0
	}
	return (s.Baseline == nil) != (s.Current == nil)
}

// mdPoints renders a score in [0, 1] as points out of 100, or "–".
func mdPoints(s *float64) string {
	if s == nil {
		return "–"
	}
	return fmt.Sprint(int(math.Round(*s * 100)))
}

// mdChange renders a score change in points with its sign, or "–".
func mdChange(d *float64) string {
	if d == nil {
		return "–"
	}
	n := int(math.Round(*d * 100))
	if n == 0 {
		return "0"
	}
	return fmt.Sprintf("%+d", n)
}

// mdPage says where a finding is: its page, else its target, as code; a
// finding about the whole site is "site-wide".
func mdPage(f checks.Finding) string {
	switch {
	case f.URL != "":
		return MarkdownCode(Truncate(f.URL, mdMaxURL))
	case f.Target != "":
		return MarkdownCode(Truncate(f.Target, mdMaxURL))
	}
	return "site-wide"
}

// upperFirst capitalises the first letter of an ASCII headline.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
