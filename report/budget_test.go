package report

import (
	"math"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/checkout/*", "/checkout/", true},
		{"/checkout/*", "/checkout/pay", true},
		{"/checkout/*", "/checkout/pay/done", true},
		{"/checkout/*", "/checkout", false},
		{"/checkout/*", "/blog/checkout/x", false},
		{"/about.html", "/about.html", true},
		{"/about.html", "/about.htm", false},
		{"/blog/*.html", "/blog/a/b.html", true},
		{"/blog/*.html", "/blog/a/b.htm", false},
		{"/*/edit", "/posts/1/edit", true},
		{"/*/edit", "/posts/1/editor", false},
		{"*", "/anything", true},
		{"/a*b*c", "/abc", true},
		{"/a*b*c", "/acb", false},
		{"/ab*ba", "/aba", false},
	}
	for _, tt := range tests {
		if got := MatchPath(tt.pattern, tt.path); got != tt.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// budgetResult is a small audited site: a fast blog and a slow checkout.
func budgetResult() *Result {
	f := func(v float64) *float64 { return &v }
	page := func(path string, lcp, cls float64) PageResult {
		return PageResult{URL: "https://shop.test" + path, HTML: true, Timing: TimingMS{TTFB: lcp / 10},
			Vitals: &crawler.Vitals{LCP: lcp, CLS: cls, TransferBytes: int64(lcp) * 100}}
	}
	finding := func(check, path string, sev checks.Severity) checks.Finding {
		u := ""
		if path != "" {
			u = "https://shop.test" + path
		}
		return checks.Finding{Check: check, URL: u, Severity: sev}
	}
	r := &Result{
		Summary: Summary{Pages: 5},
		Checks: []CheckResult{
			{ID: "broken-links", Category: "links", Mode: checks.Binary, Scope: checks.SiteScope, Score: f(0.6)},
			{ID: "largest-contentful-paint", Category: "speed", Mode: checks.Numeric, Unit: "ms", Score: f(0.7),
				Value: f(3000), Curve: &checks.Curve{P10: 2500, Median: 4000}},
			{ID: "layout-shift", Category: "stability", Mode: checks.Numeric, Score: f(0.9), Value: f(0.1),
				Curve: &checks.Curve{P10: 0.1, Median: 0.25}},
			{ID: "readability", Category: "content", Mode: checks.Numeric, Unit: "grade", Score: f(0.8), Value: f(10),
				Curve: &checks.Curve{P10: 9, Median: 13}},
			{ID: "error-page", Category: "site", Mode: checks.Binary, Scope: checks.SiteScope, Score: f(0)},
			{ID: "passive-voice", Category: "wording", Mode: checks.Informative},
			{ID: "first-contentful-paint", Category: "speed", Mode: checks.Numeric, Unit: "ms", NotApplicable: true, Reason: "needs the browser pass"},
		},
		Pages: []PageResult{
			page("/", 1000, 0), page("/blog/a", 1200, 0), page("/blog/b", 1400, 0.02),
			page("/checkout/cart", 5000, 0.3), page("/checkout/pay", 7000, 0.2),
			{URL: "https://shop.test/checkout/old", Status: 301}, // a redirect: not a page
		},
		Findings: []checks.Finding{
			finding("broken-links", "/checkout/cart", checks.High),
			finding("broken-links", "/checkout/cart", checks.High),
			finding("broken-links", "/blog/a", checks.Info),
			finding("largest-contentful-paint", "/checkout/cart", checks.Medium),
			finding("largest-contentful-paint", "/checkout/pay", checks.High),
			finding("error-page", "", checks.High),
			finding("passive-voice", "/blog/b", checks.Info),
		},
	}
	r.Categories = []CategoryResult{
		{ID: "links", Weight: 3, Score: f(0.6), Checks: []string{"broken-links"}},
		{ID: "speed", Weight: 3, Score: f(0.7), Checks: []string{"largest-contentful-paint"}},
		{ID: "stability", Weight: 2, Score: f(0.9), Checks: []string{"layout-shift"}},
		{ID: "content", Weight: 2, Score: f(0.8), Checks: []string{"readability"}},
		{ID: "site", Weight: 1, Score: f(0), Checks: []string{"error-page"}},
		{ID: "wording", Weight: 1, Checks: []string{"passive-voice"}},
	}
	r.Score = f(0.66)
	return r
}

func TestEvaluateBudgets(t *testing.T) {
	num := func(v float64) *float64 { return &v }
	lim := func(k string, v float64) []Limit { return []Limit{{k, v}} }
	tests := []struct {
		name   string
		budget Budget
		passed bool
		actual float64 // NaN: not measured
		over   float64
		msg    string
	}{
		{"score holds", Budget{Score: num(60)}, true, 66, 0, "UX score 66, at or above the minimum of 60"},
		{"score fails", Budget{Score: num(80)}, false, 66, 14, "UX score 66, under the minimum of 80 by 14"},
		{"category holds", Budget{Categories: lim("stability", 90)}, true, 90, 0, "stability score 90, at or above"},
		{"category fails", Budget{Categories: lim("links", 75)}, false, 60, 15, "links score 60, under the minimum of 75 by 15"},
		{"category not scored", Budget{Categories: lim("wording", 10)}, false, math.NaN(), 0, "wording score not measured (no check of the category was scored)"},
		{"metric holds", Budget{Metrics: lim("largest-contentful-paint", 4000)}, true, 3000, 0, "within the budget of 4.0 s"},
		{"metric fails", Budget{Metrics: lim("largest-contentful-paint", 2500)}, false, 3000, 500,
			"largest-contentful-paint p75 3.0 s, over the budget of 2.5 s by 500 ms"},
		{"unitless metric at its limit", Budget{Metrics: lim("layout-shift", 0.1)}, true, 0.1, 0, "layout-shift p75 0.1, within"},
		{"unitless metric fails", Budget{Metrics: lim("layout-shift", 0.05)}, false, 0.1, 0.05, "over the budget of 0.05 by 0.05"},
		{"metric of a check that did not run", Budget{Metrics: lim("total-blocking-time", 200)}, false, math.NaN(), 0,
			"total-blocking-time p75 not measured (the check did not run); the budget of 200 ms fails"},
		{"metric not applicable", Budget{Metrics: lim("first-contentful-paint", 1800)}, false, math.NaN(), 0,
			"first-contentful-paint p75 not measured (not applicable: needs the browser pass)"},
		{"severity holds", Budget{Findings: lim("medium", 1)}, true, 1, 0, "medium findings 1, within the budget of 1"},
		{"severity fails", Budget{Findings: lim("high", 0)}, false, 4, 4, "high findings 4, over the budget of 0 by 4"},
		{"info severity counts info", Budget{Findings: lim("info", 1)}, false, 2, 1, "info findings 2"},
		{"check holds", Budget{Findings: lim("layout-shift", 0)}, true, 0, 0, "layout-shift findings 0"},
		{"check fails, info not counted", Budget{Findings: lim("broken-links", 1)}, false, 2, 1, "broken-links findings 2, over the budget of 1 by 1"},

		{"path metric holds", Budget{Path: "/blog/*", Metrics: lim("largest-contentful-paint", 1500)}, true, 1350, 0,
			"/blog/*: largest-contentful-paint p75 "},
		{"path metric fails", Budget{Path: "/checkout/*", Metrics: lim("largest-contentful-paint", 4000)}, false, 6500, 2500,
			"/checkout/*: largest-contentful-paint p75 6.5 s, over the budget of 4.0 s by 2.5 s"},
		{"path unitless metric", Budget{Path: "/checkout/*", Metrics: lim("layout-shift", 0.25)}, false, 0.275, 0.025, ""},
		{"path ttfb", Budget{Path: "/checkout/*", Metrics: lim("server-response-time", 700)}, true, 650, 0, ""},
		{"path page weight", Budget{Path: "/", Metrics: lim("page-weight", 50000)}, false, 100000, 50000, "98 KiB"},
		{"path metric without page values", Budget{Path: "/blog/*", Metrics: lim("readability", 9)}, false, math.NaN(), 0, "not measured"},
		{"path findings by severity", Budget{Path: "/checkout/*", Findings: lim("high", 2)}, false, 3, 1, ""},
		{"path findings by check", Budget{Path: "/blog/*", Findings: lim("broken-links", 0)}, true, 0, 0, ""},
		// The checkout: links 0.5 (the cart has broken links, pay does
		// not); speed 0.09 (p75 LCP 6.5 s on the 2.5/4 s curve); stability
		// 0.45 (p75 CLS 0.275); readability and the site-wide error page
		// left out: (0.5·3 + 0.09·3 + 0.45·2) / 8 = 0.33. The blog scores 1
		// everywhere (its broken link is info only).
		{"path category", Budget{Path: "/checkout/*", Categories: lim("links", 60)}, false, 50, 10, "/checkout/*: links score 50, under the minimum of 60 by 10"},
		{"path category left out", Budget{Path: "/checkout/*", Categories: lim("site", 0)}, false, math.NaN(), 0, "not measured"},
		{"path score holds", Budget{Path: "/blog/*", Score: num(95)}, true, 100, 0, ""},
		{"path score fails", Budget{Path: "/checkout/*", Score: num(50)}, false, 33, 17, "/checkout/*: UX score 33, under the minimum of 50 by 17"},
		{"path matching nothing", Budget{Path: "/nowhere/*", Findings: lim("high", 0)}, false, math.NaN(), 0,
			"/nowhere/*: high findings not measured (no audited page matches /nowhere/*)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := EvaluateBudgets(budgetResult(), []Budget{tt.budget})
			if len(got) != 1 {
				t.Fatalf("%d results, want 1", len(got))
			}
			g := got[0]
			if g.Passed != tt.passed || math.Abs(g.Over-tt.over) > 1e-9 || !strings.Contains(g.Message, tt.msg) {
				t.Errorf("got passed %v over %v %q; want passed %v over %v, message with %q", g.Passed, g.Over, g.Message, tt.passed, tt.over, tt.msg)
			}
			switch {
			case math.IsNaN(tt.actual) && g.Actual != nil:
				t.Errorf("actual %v, want not measured", *g.Actual)
			case !math.IsNaN(tt.actual) && (g.Actual == nil || math.Abs(*g.Actual-tt.actual) > 1e-9):
				t.Errorf("actual %v, want %v", g.Actual, tt.actual)
			}
			if tt.budget.Path != "" && g.Path != tt.budget.Path {
				t.Errorf("path %q", g.Path)
			}
		})
	}
}

func TestEvaluateBudgetsOrderAndVerdict(t *testing.T) {
	score := 50.0
	bs := []Budget{
		{Score: &score, Findings: []Limit{{"high", 10}}, Metrics: []Limit{{"layout-shift", 0.2}}, Categories: []Limit{{"links", 50}}},
		{Path: "/blog/*", Findings: []Limit{{"high", 0}}},
	}
	got := EvaluateBudgets(budgetResult(), bs)
	var names []string
	for _, g := range got {
		names = append(names, g.Name)
	}
	want := "UX score|links score|layout-shift p75|high findings|/blog/*: high findings"
	if strings.Join(names, "|") != want {
		t.Errorf("order %q, want %q", strings.Join(names, "|"), want)
	}
	if !BudgetsHold(got) || len(FailedBudgets(got)) != 0 {
		t.Errorf("budgets should hold: %+v", got)
	}
	bs[1].Findings[0].Value = -1
	got = EvaluateBudgets(budgetResult(), bs)
	if BudgetsHold(got) || len(FailedBudgets(got)) != 1 || FailedBudgets(got)[0].Pages != 2 {
		t.Errorf("one budget should fail: %+v", FailedBudgets(got))
	}
	if BudgetsHold(nil) != true {
		t.Error("no budgets must hold")
	}
}

func TestReweight(t *testing.T) {
	r := budgetResult()
	r.Reweight([]Category{{ID: "links", Weight: 1}, {ID: "stability", Weight: 1}, {ID: "speed", Weight: 0}})
	// (0.6·1 + 0.9·1 + 0.7·0) / 2 = 0.75.
	if r.Score == nil || *r.Score != 0.75 || len(r.Categories) != 3 || r.Categories[1].Weight != 1 {
		t.Errorf("score %v, categories %+v", r.Score, r.Categories)
	}
}
