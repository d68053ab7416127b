package report

import (
	"sort"
	"strings"

	"github.com/uxaudit/uxaudit/checks"
)

// GroupBy says what the findings of a FixGroup share.
type GroupBy string

// What a group's findings share. The first three are one cause: fixing it
// once fixes every page of the group. GroupByCheck only gathers the pages
// where one check found the same kind of problem.
const (
	GroupByTarget   GroupBy = "target"   // the same link or resource target
	GroupBySelector GroupBy = "selector" // the same element (a shared template)
	GroupByMessage  GroupBy = "message"  // the same message on several pages
	GroupByCheck    GroupBy = "check"    // the same check and kind, causes differ
)

// SeverityWeight is how much one affected page of a severity counts when
// ranking what to fix first. Info findings are not ranked.
func SeverityWeight(s checks.Severity) float64 {
	switch s {
	case checks.High:
		return 10
	case checks.Medium:
		return 4
	case checks.Low:
		return 1
	}
	return 0
}

// FixGroup is one problem to fix: findings that share a cause, or a check's
// findings of one kind across pages.
type FixGroup struct {
	Check    string
	Kind     string // the findings' evidence kind, when they share one
	By       GroupBy
	Target   string // GroupByTarget: the target
	Selector string // GroupBySelector: the element
	// Message is the first finding's message (by page URL): what one
	// occurrence looks like.
	Message  string
	Severity checks.Severity // the most severe finding's
	// Pages is the number of distinct pages affected. A site finding names
	// its pages in its evidence items; one with none counts as one page.
	Pages int
	// Score ranks the groups: Pages × SeverityWeight(Severity).
	Score float64
	// URLs are the distinct pages affected, sorted.
	URLs []string
	// Members are the indexes of the group's findings in the input, in
	// input order.
	Members []int
}

// OneCause reports whether the group's findings share a cause that is fixed
// once.
func (g FixGroup) OneCause() bool { return g.By != GroupByCheck }

// FixFirst groups findings that share a cause and ranks the groups by pages
// affected × severity weight, highest first. Findings at info severity are
// left out. Findings with the same check and kind group by, in this order:
// the same target ("this link is broken on 1,204 pages"), the same element
// selector with the same evidence items (a shared template), or the same
// message on two pages or more; the rest group by check and kind. The
// result is deterministic for a given input; it does not change findings.
func FixFirst(findings []checks.Finding) []FixGroup {
	type acc struct {
		g     FixGroup
		pages map[string]bool
	}
	groups := map[string]*acc{}
	var order []string
	add := func(key string, i int, f checks.Finding, by GroupBy) {
		a := groups[key]
		if a == nil {
			a = &acc{g: FixGroup{Check: f.Check, Kind: f.Evidence.Kind, By: by}, pages: map[string]bool{}}
			switch by {
			case GroupByTarget:
				a.g.Target = f.Target
			case GroupBySelector:
				a.g.Selector = f.Evidence.Selector
			}
			groups[key] = a
			order = append(order, key)
		}
		a.g.Members = append(a.g.Members, i)
		for _, u := range affectedPages(f) {
			a.pages[u] = true
		}
		if f.Severity.Rank() > a.g.Severity.Rank() {
			a.g.Severity = f.Severity
		}
	}

	// Messages shared by two pages or more, among findings with neither a
	// target nor a usable selector.
	msgPages := map[string]map[string]bool{}
	byMessage := func(f checks.Finding) string { return f.Check + "\x00" + f.Message }
	var rest []int
	for i, f := range findings {
		if f.Severity.Rank() == 0 {
			continue
		}
		switch {
		case f.Target != "":
			add("t\x00"+f.Check+"\x00"+f.Evidence.Kind+"\x00"+f.Target, i, f, GroupByTarget)
		case f.Evidence.Selector != "":
			key := "s\x00" + f.Check + "\x00" + f.Evidence.Kind + "\x00" + f.Evidence.Selector
			if f.URL != "" {
				// Items that differ (sentences, snippets) are different
				// problems at the same place of a template.
				key += "\x00" + strings.Join(f.Evidence.Items, "\x00")
			}
			add(key, i, f, GroupBySelector)
		case f.URL == "":
			// A site finding is one cause of its own.
			add("m\x00"+byMessage(f), i, f, GroupByMessage)
		default:
			rest = append(rest, i)
			k := byMessage(f)
			if msgPages[k] == nil {
				msgPages[k] = map[string]bool{}
			}
			msgPages[k][f.URL] = true
		}
	}
	for _, i := range rest {
		f := findings[i]
		if len(msgPages[byMessage(f)]) > 1 {
			add("m\x00"+byMessage(f), i, f, GroupByMessage)
		} else {
			add("c\x00"+f.Check+"\x00"+f.Evidence.Kind, i, f, GroupByCheck)
		}
	}

	out := make([]FixGroup, 0, len(groups))
	for _, key := range order {
		a := groups[key]
		g := a.g
		for u := range a.pages {
			g.URLs = append(g.URLs, u)
		}
		sort.Strings(g.URLs)
		g.Pages = max(len(g.URLs), 1)
		g.Score = float64(g.Pages) * SeverityWeight(g.Severity)
		// The representative message: the first member by page URL.
		first := g.Members[0]
		for _, m := range g.Members[1:] {
			if findings[m].URL < findings[first].URL {
				first = m
			}
		}
		g.Message = findings[first].Message
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.Score != b.Score:
			return a.Score > b.Score
		case len(a.Members) != len(b.Members):
			return len(a.Members) > len(b.Members)
		case a.OneCause() != b.OneCause():
			return a.OneCause()
		case a.Check != b.Check:
			return a.Check < b.Check
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		case a.Target != b.Target:
			return a.Target < b.Target
		case a.Selector != b.Selector:
			return a.Selector < b.Selector
		}
		return a.Message < b.Message
	})
	return out
}

// affectedPages returns the pages a finding is about: its page, or for a
// site finding the pages its evidence names.
func affectedPages(f checks.Finding) []string {
	if f.URL != "" {
		return []string{f.URL}
	}
	var out []string
	for _, it := range f.Evidence.Items {
		if isHTTPURL(it) {
			out = append(out, it)
		}
	}
	return out
}

// isHTTPURL reports whether s is an absolute http or https URL: the only
// URLs the report makes into links.
func isHTTPURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
