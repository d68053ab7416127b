package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/uxaudit/uxaudit/checks"
)

// Limits of the release-gate sections: at 10,000 pages a baseline diff can
// hold thousands of findings; the page draws the first ones and the
// findings table filters the rest.
const (
	diffNewShown   = 50 // rows of "New since the baseline"
	diffFixedShown = 50 // items of "Fixed since the baseline"
)

// budgetsView is the budgets' verdict and table.
type budgetsView struct {
	Total, Failed int
	Rows          []budgetRow // failed first, then in the configured order
}

// budgetRow is one budget outcome, its values rendered in their units.
type budgetRow struct {
	Name, Limit, Actual, Over, Message string
	Kind                               string // what the limit is: "minimum" or "maximum"
	Pages                              int    // pages matching a path budget
	Path                               bool
	Passed, Measured                   bool
}

// budgets builds the budgets' view; nil when no budget was set.
func budgets(rs []BudgetResult) *budgetsView {
	if len(rs) == 0 {
		return nil
	}
	v := &budgetsView{Total: len(rs), Failed: len(FailedBudgets(rs))}
	for _, b := range rs {
		row := budgetRow{Name: b.Name, Message: b.Message, Passed: b.Passed, Measured: b.Actual != nil,
			Pages: b.Pages, Path: b.Path != "", Kind: "maximum"}
		if b.Kind == BudgetScore || b.Kind == BudgetCategory {
			row.Kind = "minimum"
		}
		row.Limit = budgetAmount(b, b.Limit)
		if b.Actual != nil {
			row.Actual = budgetAmount(b, *b.Actual)
		}
		if !b.Passed && b.Actual != nil {
			row.Over = budgetAmount(b, b.Over)
			if b.Kind == BudgetScore || b.Kind == BudgetCategory {
				row.Over = formatAmount(b.Over, "") + " points"
			}
		}
		v.Rows = append(v.Rows, row)
	}
	slices.SortStableFunc(v.Rows, func(a, b budgetRow) int {
		if a.Passed == b.Passed {
			return 0
		}
		if !a.Passed {
			return -1
		}
		return 1
	})
	return v
}

// budgetAmount renders a budget's value with its unit: scores out of 100,
// findings counted, metrics in the check's unit.
func budgetAmount(b BudgetResult, v float64) string {
	switch b.Kind {
	case BudgetScore, BudgetCategory:
		return formatAmount(v, "") + "/100"
	case BudgetFindings:
		n := formatAmount(v, b.Unit)
		if n == "1" {
			return "1 finding"
		}
		return n + " findings"
	}
	return formatAmount(v, b.Unit)
}

// delta is a score's change since the baseline, in points out of 100.
type delta struct {
	Text  string // "▲ 5", "▼ 3", "±0"
	Dir   string // up, down, same
	Words string // "up 5 points since the baseline"
}

// newDelta returns the change of a score; nil when either audit did not
// score it.
func newDelta(s ScoreDelta) *delta {
	if s.Delta == nil || s.Baseline == nil || s.Current == nil {
		return nil
	}
	pts := int(math.Round(*s.Current*100) - math.Round(*s.Baseline*100))
	switch {
	case pts > 0:
		return &delta{Text: "▲ " + strconv.Itoa(pts), Dir: "up", Words: fmt.Sprintf("up %d %s since the baseline", pts, plural(pts, "point"))}
	case pts < 0:
		return &delta{Text: "▼ " + strconv.Itoa(-pts), Dir: "down", Words: fmt.Sprintf("down %d %s since the baseline", -pts, plural(-pts, "point"))}
	}
	return &delta{Text: "±0", Dir: "same", Words: "unchanged since the baseline"}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// baselineView is the comparison with the baseline.
type baselineView struct {
	Date, Path, Site string
	Counts           DiffCounts
	NotCounted       int // new findings that are info or metric noise
	New              []diffRow
	NewMore          int
	Fixed            []diffRow
	FixedMore        int
	Worse, Better    []metricRow
	Score            *delta
	// DifferentOrigin is set when the audits ran on different origins, so
	// findings were paired by their portable keys, not their IDs.
	DifferentOrigin bool
	// InTable is the number of findings the findings table can show as
	// new since the baseline.
	InTable int
}

// diffRow is one new or fixed finding.
type diffRow struct {
	Severity, Check, CheckTitle, Message, Note string
	Page                                       pageRef
	Target                                     string
	Regression                                 bool
}

// metricRow is a numeric check whose site value moved beyond its noise.
type metricRow struct {
	Check, Title                     string
	Baseline, Current, Change, Noise string
	Verdict, Arrow, Rule             string
}

// baseline builds the baseline's view; nil when the audit had none.
func baseline(r *Result, pageIdx map[string]int, checksByID map[string]CheckResult) *baselineView {
	d := r.Baseline
	if d == nil {
		return nil
	}
	v := &baselineView{Path: d.Path, Site: d.Site, Counts: d.Counts, NotCounted: d.Counts.New - d.Counts.Regressions,
		Score: newDelta(d.Score), DifferentOrigin: d.MatchedBy == MatchByPortable}
	if !d.StartedAt.IsZero() {
		v.Date = d.StartedAt.UTC().Format("2 January 2006, 15:04 UTC")
	}
	title := func(id string) string {
		c := checksByID[id]
		return cmp.Or(c.FailureTitle, c.Title, id)
	}
	// Regressions first, then the new findings that do not count; each
	// group in the result's order (most severe first).
	order := make([]int, len(d.New))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ra, rb := d.New[a].Regression, d.New[b].Regression
		switch {
		case ra == rb:
			return cmp.Compare(d.New[b].Severity.Rank(), d.New[a].Severity.Rank())
		case ra:
			return -1
		}
		return 1
	})
	for _, i := range order[:min(len(order), diffNewShown)] {
		f := d.New[i]
		row := diffRow{Severity: string(f.Severity), Check: f.Check, CheckTitle: title(f.Check), Message: f.Message,
			Note: strings.TrimSuffix(f.Note, ": not counted"), Target: f.Target, Regression: f.Regression, Page: pageRef{URL: f.URL}}
		if j, ok := pageIdx[f.URL]; ok {
			row.Page.Title = r.Pages[j].Title
		}
		v.New = append(v.New, row)
	}
	v.NewMore = len(d.New) - len(v.New)
	fixed := slices.Clone(d.Fixed)
	slices.SortStableFunc(fixed, func(a, b checks.Finding) int { return cmp.Compare(b.Severity.Rank(), a.Severity.Rank()) })
	for _, f := range fixed[:min(len(fixed), diffFixedShown)] {
		v.Fixed = append(v.Fixed, diffRow{Severity: string(f.Severity), Check: f.Check, CheckTitle: title(f.Check),
			Message: f.Message, Target: f.Target, Page: pageRef{URL: f.URL}})
	}
	v.FixedMore = len(d.Fixed) - len(v.Fixed)
	for _, m := range d.Metrics {
		if m.Baseline == nil || m.Current == nil || m.Delta == nil {
			continue
		}
		row := metricRow{Check: m.Check, Title: cmp.Or(m.Title, m.Check), Baseline: formatValue(*m.Baseline, m.Unit),
			Current: formatValue(*m.Current, m.Unit), Noise: formatValue(m.Threshold, m.Unit), Rule: m.Rule, Verdict: m.Verdict}
		sign := "+"
		if *m.Delta < 0 {
			sign = "−"
		}
		row.Change = sign + formatValue(math.Abs(*m.Delta), m.Unit)
		switch m.Verdict {
		case MetricWorse:
			row.Arrow = "▲"
			v.Worse = append(v.Worse, row)
		case MetricBetter:
			row.Arrow = "▼"
			v.Better = append(v.Better, row)
		}
	}
	return v
}

// newStatus marks the findings of the current audit that are new since
// the baseline, by finding index: 1 a regression, 2 new but not counted
// (info, metric noise).
func newStatus(r *Result) map[int]int {
	if r.Baseline == nil || len(r.Baseline.New) == 0 {
		return nil
	}
	byID := make(map[string]int, len(r.Baseline.New))
	for _, f := range r.Baseline.New {
		s := 2
		if f.Regression {
			s = 1
		}
		if old, ok := byID[f.ID]; !ok || s < old {
			byID[f.ID] = s
		}
	}
	out := make(map[int]int, len(byID))
	for i, f := range r.Findings {
		if s, ok := byID[f.ID]; ok {
			out[i] = s
		}
	}
	return out
}
