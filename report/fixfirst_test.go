package report

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/uxaudit/uxaudit/checks"
)

func TestFixFirst(t *testing.T) {
	page := func(n int) string { return fmt.Sprintf("http://x/p%d", n) }
	broken := func(p int, target string) checks.Finding {
		return checks.Finding{Check: "broken-links", URL: page(p), Target: target, Severity: checks.High,
			Message: "Link to " + target + " is broken", Evidence: checks.Evidence{Kind: "status", Status: 404}}
	}
	alt := func(p int, sel string) checks.Finding {
		return checks.Finding{Check: "image-alt", URL: page(p), Severity: checks.Medium,
			Message: fmt.Sprintf("Image %d has no alt", p), Evidence: checks.Evidence{Kind: "missing-alt", Selector: sel}}
	}
	long := func(p int, sentence string) checks.Finding {
		return checks.Finding{Check: "readability", URL: page(p), Severity: checks.Low, Message: "Long: " + sentence,
			Evidence: checks.Evidence{Kind: "long-sentence", Selector: "main > p", Items: []string{sentence}}}
	}
	msg := func(p int, check, m string, sev checks.Severity) checks.Finding {
		return checks.Finding{Check: check, URL: page(p), Severity: sev, Message: m, Evidence: checks.Evidence{Kind: "k"}}
	}
	type want struct {
		by      GroupBy
		check   string
		pages   int
		score   float64
		members []int
	}
	tests := []struct {
		name     string
		findings []checks.Finding
		want     []want
	}{
		{"empty", nil, []want{}},
		{"info is not ranked", []checks.Finding{msg(1, "passive-voice", "1 of 9", checks.Info)}, []want{}},
		{
			"same target on many pages is one cause",
			[]checks.Finding{broken(1, "http://x/gone"), broken(2, "http://x/gone"), broken(3, "http://x/gone"), broken(1, "http://x/other")},
			[]want{
				{GroupByTarget, "broken-links", 3, 30, []int{0, 1, 2}},
				{GroupByTarget, "broken-links", 1, 10, []int{3}},
			},
		},
		{
			"same target twice on one page counts the page once",
			[]checks.Finding{broken(1, "http://x/gone"), broken(1, "http://x/gone")},
			[]want{{GroupByTarget, "broken-links", 1, 10, []int{0, 1}}},
		},
		{
			"same selector is a shared template",
			[]checks.Finding{alt(1, "header > img"), alt(2, "header > img"), alt(3, "main > img")},
			[]want{
				{GroupBySelector, "image-alt", 2, 8, []int{0, 1}},
				{GroupBySelector, "image-alt", 1, 4, []int{2}},
			},
		},
		{
			"same selector with different evidence items are different problems",
			[]checks.Finding{long(1, "A"), long(2, "B"), long(3, "A")},
			[]want{
				{GroupBySelector, "readability", 2, 2, []int{0, 2}},
				{GroupBySelector, "readability", 1, 1, []int{1}},
			},
		},
		{
			"same message across pages, else one group per check and kind",
			[]checks.Finding{
				msg(1, "viewport", "No viewport", checks.High), msg(2, "viewport", "No viewport", checks.High),
				msg(3, "lcp", "LCP 5 s", checks.Medium), msg(4, "lcp", "LCP 6 s", checks.High),
			},
			[]want{
				{GroupByMessage, "viewport", 2, 20, []int{0, 1}},
				{GroupByCheck, "lcp", 2, 20, []int{2, 3}}, // most severe of the group; one cause ranks first on a tie
			},
		},
		{
			"pages × severity: many low pages beat one high page",
			[]checks.Finding{
				broken(1, "http://x/gone"),
				alt(1, "nav img"), alt(2, "nav img"), alt(3, "nav img"),
				long(1, "S"), long(2, "S"), long(3, "S"), long(4, "S"), long(5, "S"), long(6, "S"), long(7, "S"), long(8, "S"), long(9, "S"), long(10, "S"), long(11, "S"),
			},
			[]want{
				{GroupBySelector, "image-alt", 3, 12, []int{1, 2, 3}},
				{GroupBySelector, "readability", 11, 11, []int{4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}},
				{GroupByTarget, "broken-links", 1, 10, []int{0}},
			},
		},
		{
			"a site finding counts the pages it names",
			[]checks.Finding{{Check: "layout-shift", Severity: checks.High, Message: "div#banner shifts content on 3 of 4 pages",
				Evidence: checks.Evidence{Kind: "site-culprit", Selector: "div#banner", Items: []string{page(1), page(2), page(3)}}},
				{Check: "crawl-traps", Severity: checks.Medium, Message: "trap", Evidence: checks.Evidence{Kind: "query-pattern", Items: []string{"/cal?m=*"}}}},
			[]want{
				{GroupBySelector, "layout-shift", 3, 30, []int{0}},
				{GroupByMessage, "crawl-traps", 1, 4, []int{1}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FixFirst(tt.findings)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d groups, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.By != w.by || g.Check != w.check || g.Pages != w.pages || g.Score != w.score || !reflect.DeepEqual(g.Members, w.members) {
					t.Errorf("group %d = {by %s, check %s, pages %d, score %g, members %v}, want %+v", i, g.By, g.Check, g.Pages, g.Score, g.Members, w)
				}
			}
		})
	}
}

func TestFixFirstIsDeterministic(t *testing.T) {
	var fs []checks.Finding
	for i := range 50 {
		fs = append(fs, checks.Finding{Check: fmt.Sprintf("c%d", i%5), URL: fmt.Sprintf("http://x/%d", i%7),
			Severity: checks.Low, Message: fmt.Sprintf("m%d", i%3)})
	}
	a, b := FixFirst(fs), FixFirst(fs)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs differ")
	}
	for _, g := range a {
		if g.Message == "" || len(g.URLs) != g.Pages {
			t.Errorf("group %+v: message or pages missing", g)
		}
	}
}
