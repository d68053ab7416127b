package report

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

func TestLogNormalScore(t *testing.T) {
	curves := []struct{ p10, median float64 }{{2500, 4000}, {0.1, 0.25}, {1800, 3000}, {200, 600}, {800, 1800}}
	for _, c := range curves {
		if s := LogNormalScore(c.p10, c.p10, c.median); math.Abs(s-0.9) > 1e-9 {
			t.Errorf("score(p10=%v) = %v, want 0.90", c.p10, s)
		}
		if s := LogNormalScore(c.median, c.p10, c.median); math.Abs(s-0.5) > 1e-9 {
			t.Errorf("score(median=%v) = %v, want 0.50", c.median, s)
		}
		prev := 1.0
		for x := c.p10 / 100; x < c.median*20; x *= 1.1 {
			s := LogNormalScore(x, c.p10, c.median)
			if s < 0 || s > 1 || s > prev {
				t.Fatalf("curve %v: score(%v) = %v after %v: not monotonic in [0,1]", c, x, s, prev)
			}
			prev = s
		}
	}
	if LogNormalScore(0, 1, 2) != 1 || LogNormalScore(-5, 1, 2) != 1 {
		t.Error("values at or below zero must score 1")
	}
}

func FuzzLogNormalScore(f *testing.F) {
	f.Add(1.0, 1.0, 2.0)
	f.Add(1e300, 1e-300, 1e300)
	f.Fuzz(func(t *testing.T, x, p10, median float64) {
		if s := LogNormalScore(x, p10, median); !(s >= 0 && s <= 1) {
			t.Fatalf("score(%v, %v, %v) = %v", x, p10, median, s)
		}
	})
}

func TestPercentile(t *testing.T) {
	if p := Percentile([]float64{4, 1, 3, 2}, 75); math.Abs(p-3.25) > 1e-9 {
		t.Errorf("p75 = %v", p)
	}
	if p := Percentile([]float64{7}, 75); p != 7 {
		t.Errorf("p75 of one = %v", p)
	}
}

func outcome(id, cat string, mode checks.Mode, checked, failed int) *checks.Outcome {
	return &checks.Outcome{Meta: checks.Meta{ID: id, Category: cat, Mode: mode, Title: id}, Checked: checked, Failed: failed}
}

func TestCategoryArithmetic(t *testing.T) {
	num := outcome("lcp", "speed", checks.Numeric, 3, 0)
	num.Meta.Curve = &checks.Curve{P10: 2500, Median: 4000}
	num.Values = []checks.PageValue{{URL: "a", Value: 1000}, {URL: "b", Value: 4000}, {URL: "c", Value: 4000}}
	na := outcome("cls", "speed", checks.Numeric, 0, 0)
	na.NotApplicable = true
	errored := outcome("broken", "links", checks.Binary, 0, 0)
	errored.Errors = []string{"boom"}
	r := Build(Input{
		Site: &crawler.Site{Seeds: []string{"http://x/"}, Started: time.Unix(0, 0), Finished: time.Unix(1, 0)},
		Outcomes: []*checks.Outcome{
			outcome("a", "links", checks.Binary, 4, 1),  // 0.75
			outcome("b", "links", checks.Binary, 10, 0), // 1.00
			errored, // nothing checked: not scored
			outcome("info", "links", checks.Informative, 10, 10),
			num, // p75 = 4000 → 0.50
			na,
		},
		Categories: []Category{{"links", "Links", 3}, {"speed", "Speed", 1}, {"empty", "Empty", 5}},
	})
	byID := map[string]CategoryResult{}
	for _, c := range r.Categories {
		byID[c.ID] = c
	}
	if s := byID["links"].Score; s == nil || *s != 0.88 {
		t.Errorf("links = %v, want 0.88 (mean of 0.75 and 1; errored and informative weigh 0)", s)
	}
	if s := byID["speed"].Score; s == nil || *s != 0.5 {
		t.Errorf("speed = %v, want 0.50 (p75 4000 on the LCP curve; not-applicable weighs 0)", s)
	}
	if byID["empty"].Score != nil {
		t.Error("a category without scored checks must have no score")
	}
	if r.Score == nil || *r.Score != 0.79 {
		t.Errorf("overall = %v, want 0.79 ((0.88·3 + 0.5·1) / 4)", r.Score)
	}
}

// TestHTMLEscapesHostileContent renders findings whose page-supplied text
// and URLs carry markup and script URLs: they must come out inert.
func TestHTMLEscapesHostileContent(t *testing.T) {
	hostile := `"><img src=x onerror=alert(1)><script>alert(2)</script>`
	r := &Result{
		SchemaVersion: SchemaVersion, Site: "http://x/", Tool: Tool{"uxaudit", "test"},
		Findings: []checks.Finding{{
			ID: "1", Check: "broken-links", URL: "javascript:alert(3)", Target: "javascript:alert(4)",
			Severity: checks.High, Message: hostile,
			Evidence: checks.Evidence{LinkText: hostile, Tag: "a", Status: 404},
		}, {
			ID: "2", Check: "redirects", URL: "http://x/" + hostile, Severity: checks.Low, Message: hostile,
			Evidence: checks.Evidence{Kind: "redirect-chain", Hops: []crawler.Hop{{URL: "javascript:alert(5)", Status: 301, Location: hostile}}},
		}},
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if n := doc.Find("script").Length(); n != 3 { // the scorecard's own data, screenshots and script
		t.Errorf("%d script elements in the report, want the scorecard's 3", n)
	}
	doc.Find("img").Each(func(_ int, s *goquery.Selection) {
		t.Errorf("injected <img>: %s", goquery.NodeName(s))
	})
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if href, _ := s.Attr("href"); strings.HasPrefix(strings.ToLower(strings.TrimSpace(href)), "javascript:") {
			t.Errorf("live javascript: link %q", href)
		}
	})
	if !strings.Contains(doc.Text(), "<script>alert(2)</script>") {
		t.Error("the hostile text should be shown as text")
	}
}
