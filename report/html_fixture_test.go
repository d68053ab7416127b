package report

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"time"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

// demoResult is a hand-built result shaped like the demo site's audit: every
// section of the scorecard has something to show. Its clock and its data
// are fixed, so the HTML is the same at every run.
func demoResult() *Result {
	f := func(v float64) *float64 { return &v }
	const site = "http://demo.test/"
	u := func(p string) string { return site + p }
	r := &Result{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "uxaudit", Version: "test"},
		Site:          site,
		StartedAt:     time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC),
		FinishedAt:    time.Date(2026, 3, 14, 9, 27, 5, 0, time.UTC),
		DurationMS:    12400,
		Config: map[string]any{
			"max_pages": 10000.0, "max_depth": -1.0, "browser": true, "device": "mobile", "throttle": false,
			"runs": 1.0, "reading_grade": 9.0, "basic_auth": "user:[redacted]",
		},
		Summary: Summary{Pages: 6, URLs: 14, BrokenLinks: 3, PagesWithError: 1, RedirectChains: 1, Findings: 14,
			BySeverity: map[string]int{"high": 5, "medium": 4, "low": 4, "info": 1}},
		Score: f(0.81),
		Categories: []CategoryResult{
			{ID: "links", Title: "Links & navigation", Weight: 3, Score: f(0.67), Checks: []string{"broken-links", "http-status"}},
			{ID: "redirects", Title: "Redirects", Weight: 1, Score: f(0.83), Checks: []string{"redirects"}},
			{ID: "speed", Title: "Speed", Weight: 3, Score: f(0.95), Checks: []string{"largest-contentful-paint"}},
			{ID: "stability", Title: "Layout stability", Weight: 2, Score: f(0.42), Checks: []string{"layout-shift"}},
			{ID: "content", Title: "Content & readability", Weight: 2, Score: f(0.88), Checks: []string{"readability", "passive-voice"}},
			{ID: "accessibility", Title: "Accessibility", Weight: 2, Score: f(0.5), Checks: []string{"image-alt"}},
			{ID: "site", Title: "Site structure", Weight: 1, Checks: []string{"orphan-pages"}},
		},
		Checks: []CheckResult{
			{ID: "broken-links", Title: "Links work", FailureTitle: "Links are broken", Description: "Broken links strand people. Fix or remove them.",
				Category: "links", Mode: checks.Binary, Scope: checks.SiteScope, Score: f(0.5), Checked: 6, Failed: 3, Findings: 4},
			{ID: "http-status", Title: "Pages load", FailureTitle: "Pages fail to load", Description: "An error page is a dead end. Restore the page or redirect it.",
				Category: "links", Mode: checks.Binary, Scope: checks.SiteScope, Score: f(0.83), Checked: 6, Failed: 1, Findings: 1},
			{ID: "redirects", Title: "Links go straight to their page", FailureTitle: "Links go through redirects", Description: "Each hop costs a round trip. Link to the final URL.",
				Category: "redirects", Mode: checks.Binary, Scope: checks.SiteScope, Score: f(0.83), Checked: 6, Failed: 1, Findings: 1},
			{ID: "largest-contentful-paint", Title: "The main content appears quickly", FailureTitle: "The main content appears slowly", Description: "People leave slow pages. Serve smaller images sooner.",
				Category: "speed", Mode: checks.Numeric, Scope: checks.PageScope, Unit: "ms", Score: f(0.95), Value: f(1900), Checked: 5, Failed: 1, Findings: 1,
				Curve: &checks.Curve{P10: 2500, Median: 4000, Source: "Lighthouse"}},
			{ID: "layout-shift", Title: "Content stays where it is", FailureTitle: "Content jumps while the page loads", Description: "Shifts make people tap the wrong thing. Reserve space for banners.",
				Category: "stability", Mode: checks.Numeric, Scope: checks.SiteScope, Score: f(0.42), Value: f(0.28), Checked: 5, Failed: 3, Findings: 4,
				Curve: &checks.Curve{P10: 0.1, Median: 0.25, Source: "Lighthouse"}},
			{ID: "readability", Title: "Text is easy to read", FailureTitle: "Text is hard to read", Description: "Long sentences lose readers. Split them.",
				Category: "content", Mode: checks.Numeric, Scope: checks.PageScope, Unit: "grade", Score: f(0.88), Value: f(9.6), Checked: 5, Failed: 2, Findings: 2,
				Curve: &checks.Curve{P10: 9, Median: 13, Source: "uxaudit"}},
			{ID: "passive-voice", Title: "Sentences are active", FailureTitle: "Sentences are passive", Description: "Informative.",
				Category: "content", Mode: checks.Informative, Scope: checks.PageScope, Checked: 5, Findings: 1},
			{ID: "image-alt", Title: "Images have alternative text", FailureTitle: "Images lack alternative text", Description: "Screen readers read file names instead. Add alt text.",
				Category: "accessibility", Mode: checks.Binary, Scope: checks.PageScope, Score: f(0.5), Checked: 6, Failed: 3, Findings: 3},
			{ID: "orphan-pages", Title: "Sitemap pages are linked", FailureTitle: "Sitemap pages are orphans", Category: "site", Mode: checks.Binary,
				Scope: checks.SiteScope, NotApplicable: true, Reason: "the site has no sitemap"},
		},
	}
	vit := func(lcp, cls float64, shifts ...crawler.Shift) *crawler.Vitals {
		return &crawler.Vitals{TTFB: 40, FCP: lcp * 0.8, LCP: lcp, TBT: 30, CLS: cls, Shifts: shifts, Requests: 9, TransferBytes: 48000,
			DOMNodes: 120, Settled: true, Runs: 1, LCPElement: "main > img"}
	}
	banner := crawler.Shift{Time: 900, Value: 0.2, Sources: []string{"main"}, Causes: []string{"div#cookie-banner"}}
	r.Pages = []PageResult{
		{URL: u(""), FinalURL: u(""), Status: 200, FinalStatus: 200, HTML: true, Title: "Greenleaf: seeds and tools", Links: 12, Bytes: 2600,
			Timing: TimingMS{TTFB: 11.5, Total: 13.5}, Vitals: vit(1200, 0.2, banner), Metrics: map[string]float64{"largest-contentful-paint": 1200, "layout-shift": 0.2, "readability": 9.5}},
		{URL: u("about.html"), FinalURL: u("about.html"), Status: 200, FinalStatus: 200, Depth: 1, HTML: true, Title: "About us", Bytes: 2100,
			Timing: TimingMS{TTFB: 9, Total: 10}, Vitals: vit(900, 0), Metrics: map[string]float64{"largest-contentful-paint": 900, "layout-shift": 0, "readability": 7.2}},
		{URL: u("blog/"), FinalURL: u("blog/"), Status: 200, FinalStatus: 200, Depth: 1, HTML: true, Title: "Blog", Bytes: 3100,
			Timing: TimingMS{TTFB: 30, Total: 33}, Vitals: vit(4300, 0.31, banner, crawler.Shift{Time: 1500, Value: 0.11, Sources: []string{"main > p"}}),
			Metrics: map[string]float64{"largest-contentful-paint": 4300, "layout-shift": 0.31, "readability": 12.4}},
		{URL: u("blog/old.html"), FinalURL: u("blog/old.html"), Status: 404, FinalStatus: 404, Depth: 2, Timing: TimingMS{TTFB: 5, Total: 5}},
		{URL: u("products/"), FinalURL: u("products/"), Status: 200, FinalStatus: 200, Depth: 1, HTML: true, Title: "Products", Bytes: 2800,
			Timing: TimingMS{TTFB: 12, Total: 14}, Vitals: vit(1900, 0.28, banner), Metrics: map[string]float64{"largest-contentful-paint": 1900, "layout-shift": 0.28, "readability": 8.9}},
		{URL: u("sale"), FinalURL: u("products/"), Status: 301, FinalStatus: 200, Depth: 1,
			Hops: []crawler.Hop{{URL: u("sale"), Status: 301, Location: u("offers")}, {URL: u("offers"), Status: 302, Location: u("products/")}}},
	}
	r.Pages[0].Vitals.Screenshot = tinyJPEG()
	ev := func(kind string) checks.Evidence { return checks.Evidence{Kind: kind} }
	r.Findings = []checks.Finding{
		{ID: "f01", Check: "broken-links", URL: u(""), Target: "http://elsewhere.test/gone", Severity: checks.High, Message: `Link "Gardening association" to http://elsewhere.test/gone is broken: 404 Not Found`,
			Evidence: checks.Evidence{Kind: "status", LinkText: "Gardening association", Tag: "a", Section: "footer", Status: 404, Verdict: "broken"}},
		{ID: "f02", Check: "broken-links", URL: u("about.html"), Target: "http://elsewhere.test/gone", Severity: checks.High, Message: `Link "Gardening association" to http://elsewhere.test/gone is broken: 404 Not Found`,
			Evidence: checks.Evidence{Kind: "status", LinkText: "Gardening association", Tag: "a", Section: "footer", Status: 404, Verdict: "broken"}},
		{ID: "f03", Check: "broken-links", URL: u("blog/"), Target: u("blog/old.html"), Severity: checks.High, Message: `Link "last year's guide" to ` + u("blog/old.html") + ` is broken: 404 Not Found`,
			Evidence: checks.Evidence{Kind: "status", LinkText: "last year's guide", Tag: "a", Section: "main", Status: 404, Verdict: "broken"}},
		{ID: "f04", Check: "layout-shift", Severity: checks.High, Message: "div#cookie-banner shifts content on 3 of 5 rendered pages",
			Evidence: checks.Evidence{Kind: "site-culprit", Selector: "div#cookie-banner", Items: []string{u(""), u("blog/"), u("products/")}}},
		{ID: "f05", Check: "layout-shift", URL: u("blog/"), Severity: checks.High, Message: "Content shifts by 0.31 while the page loads; moved or pushed by div#cookie-banner",
			Evidence: checks.Evidence{Kind: "poor", Value: 0.31, Items: []string{"div#cookie-banner", "main > p"}}},
		{ID: "f06", Check: "http-status", URL: u("blog/old.html"), Severity: checks.Medium, Message: "The page answers 404 Not Found", Evidence: checks.Evidence{Kind: "client-error", Status: 404}},
		{ID: "f07", Check: "image-alt", URL: u(""), Severity: checks.Medium, Message: "Image /img/hero.jpg (main > img) has no alt attribute",
			Evidence: checks.Evidence{Kind: "missing-alt", Tag: "img", Attr: "alt", Selector: "main > img"}},
		{ID: "f08", Check: "image-alt", URL: u("products/"), Severity: checks.Medium, Message: "Image /img/seeds.jpg (main > img) has no alt attribute",
			Evidence: checks.Evidence{Kind: "missing-alt", Tag: "img", Attr: "alt", Selector: "main > img"}},
		{ID: "f09", Check: "image-alt", URL: u("blog/"), Severity: checks.Medium, Message: "Image /img/blog.jpg (header > img) has no alt attribute",
			Evidence: checks.Evidence{Kind: "missing-alt", Tag: "img", Attr: "alt", Selector: "header > img"}},
		{ID: "f10", Check: "largest-contentful-paint", URL: u("blog/"), Severity: checks.Medium, Message: "The largest element appears after 4.3 s",
			Evidence: checks.Evidence{Kind: "poor", Value: 4300, Unit: "ms", Selector: "main > img"}},
		{ID: "f11", Check: "layout-shift", URL: u(""), Severity: checks.Low, Message: "Content shifts by 0.2 while the page loads; moved or pushed by div#cookie-banner",
			Evidence: checks.Evidence{Kind: "needs-improvement", Value: 0.2, Items: []string{"div#cookie-banner"}}},
		{ID: "f12", Check: "readability", URL: u("blog/"), Severity: checks.Low, Message: "The main content reads at US school grade 12.4 (Flesch–Kincaid), above the target of 9",
			Evidence: checks.Evidence{Kind: "needs-improvement", Value: 12.4, Unit: "grade"}},
		{ID: "f13", Check: "redirects", URL: u(""), Target: u("sale"), Severity: checks.Medium, Message: `Link "spring sale" to ` + u("sale") + " goes through a chain of 2 redirects",
			Evidence: checks.Evidence{Kind: "redirect-chain", LinkText: "spring sale", Hops: r.Pages[5].Hops}},
		{ID: "f14", Check: "passive-voice", URL: u(""), Severity: checks.Info, Message: "1 of 9 sentences use the passive voice", Evidence: ev("passive-voice")},
	}
	for _, fd := range r.Findings {
		for i := range r.Pages {
			if r.Pages[i].URL == fd.URL {
				r.Pages[i].Findings = append(r.Pages[i].Findings, fd.ID)
			}
		}
	}
	r.Targets = []TargetResult{{URL: "http://elsewhere.test/gone", Kind: "external", Method: "HEAD", Status: 404}}
	r.Budgets = demoBudgets()
	r.Baseline = demoBaseline(r)
	return r
}

// demoBudgets are budget outcomes of every kind, passed, failed and not
// measured, in the order a configuration lists them.
func demoBudgets() []BudgetResult {
	f := func(v float64) *float64 { return &v }
	return []BudgetResult{
		{Name: "UX score", Kind: BudgetScore, Limit: 75, Actual: f(81), Passed: true, Message: "UX score 81, at or above the minimum of 75"},
		{Name: "stability score", Kind: BudgetCategory, Key: "stability", Limit: 60, Actual: f(42), Over: 18,
			Message: "stability score 42, under the minimum of 60 by 18"},
		{Name: "largest-contentful-paint p75", Kind: BudgetMetric, Key: "largest-contentful-paint", Limit: 2500, Actual: f(1900), Unit: "ms", Passed: true,
			Message: "largest-contentful-paint p75 1.9 s, within the budget of 2.5 s"},
		{Name: "high findings", Kind: BudgetFindings, Key: "high", Limit: 3, Actual: f(5), Unit: "findings", Over: 2,
			Message: "high findings 5, over the budget of 3 by 2"},
		{Name: "/blog/*: largest-contentful-paint p75", Kind: BudgetMetric, Key: "largest-contentful-paint", Path: "/blog/*", Pages: 1,
			Limit: 2000, Actual: f(4300), Unit: "ms", Over: 2300, Message: "/blog/*: largest-contentful-paint p75 4.3 s, over the budget of 2.0 s by 2.3 s"},
		{Name: "/checkout/*: largest-contentful-paint p75", Kind: BudgetMetric, Key: "largest-contentful-paint", Path: "/checkout/*",
			Limit: 2000, Unit: "ms", Message: "/checkout/*: largest-contentful-paint p75 not measured (no audited page matches /checkout/*); the budget of 2.0 s fails"},
	}
}

// demoBaseline compares r with an audit a week earlier: one new finding
// that counts, one that is metric noise and one at info severity; two
// fixed; score and metric changes both ways.
func demoBaseline(r *Result) *BaselineDiff {
	f := func(v float64) *float64 { return &v }
	find := func(id string) checks.Finding {
		for _, fd := range r.Findings {
			if fd.ID == id {
				return fd
			}
		}
		panic(id)
	}
	d := &BaselineDiff{
		Path: "nightly/2026-03-07/result.json", Site: r.Site, StartedAt: time.Date(2026, 3, 7, 9, 26, 53, 0, time.UTC), MatchedBy: MatchByID,
		Counts: DiffCounts{New: 3, Fixed: 2, Persisting: 11, Regressions: 1, MetricsWorse: 1, MetricsBetter: 1},
		New: []DiffFinding{
			{Finding: find("f14"), Note: "info: not counted"},
			{Finding: find("f10"), Note: "metric noise: 4100 → 4300 is within the fixed threshold of 820"},
			{Finding: find("f09"), Regression: true},
		},
		Fixed: []checks.Finding{
			{ID: "b01", Check: "image-alt", URL: "http://demo.test/about.html", Severity: checks.Medium, Message: "Image /img/team.jpg (main > img) has no alt attribute"},
			{ID: "b02", Check: "broken-links", URL: "http://demo.test/", Target: "http://demo.test/contact.html", Severity: checks.High,
				Message: `Link "Contact" to http://demo.test/contact.html is broken: 404 Not Found`},
		},
		Score: ScoreDelta{Baseline: f(0.84), Current: f(0.81), Delta: f(-0.03)},
		Metrics: []MetricDelta{
			{Check: "largest-contentful-paint", Title: "The main content appears quickly", Unit: "ms", Baseline: f(1500), Current: f(1900), Delta: f(400),
				Threshold: 300, Rule: "fixed", Verdict: MetricWorse},
			{Check: "layout-shift", Title: "Content stays where it is", Baseline: f(0.35), Current: f(0.28), Delta: f(-0.07), Threshold: 0.05, Rule: "fixed", Verdict: MetricBetter},
			{Check: "readability", Title: "Text is easy to read", Unit: "grade", Baseline: f(9.5), Current: f(9.6), Delta: f(0.1), Threshold: 1.9, Rule: "fixed", Verdict: MetricSame},
		},
	}
	old := map[string]*float64{"links": f(0.67), "redirects": f(0.83), "speed": f(0.9), "stability": f(0.5), "content": f(0.88), "accessibility": f(0.67)}
	for _, c := range r.Categories {
		cd := CategoryDelta{ID: c.ID, Title: c.Title, ScoreDelta: ScoreDelta{Baseline: old[c.ID], Current: c.Score}}
		if cd.Baseline != nil && cd.Current != nil {
			cd.Delta = f(*cd.Current - *cd.Baseline)
		}
		d.Categories = append(d.Categories, cd)
	}
	return d
}

// demoTrend is the demo site's last four audits, this one last: a
// category missing from one run, one never scored.
func demoTrend(r *Result) *Trend {
	f := func(v float64) *float64 { return &v }
	t := &Trend{}
	for i, s := range []*float64{f(0.79), f(0.84), f(0.84), r.Score} {
		t.Runs = append(t.Runs, TrendRun{Time: r.StartedAt.AddDate(0, 0, i-3), Score: s})
	}
	past := map[string][]*float64{
		"links": {f(0.6), f(0.67), f(0.67)}, "redirects": {f(0.83), f(0.83), f(0.83)}, "speed": {f(0.85), nil, f(0.9)},
		"stability": {f(0.55), f(0.5), f(0.5)}, "content": {f(0.86), f(0.88), f(0.88)}, "accessibility": {f(0.5), f(0.67), f(0.67)},
		"site": {nil, nil, nil},
	}
	for _, c := range r.Categories {
		t.Categories = append(t.Categories, TrendSeries{ID: c.ID, Title: c.Title, Scores: append(past[c.ID], c.Score)})
	}
	return t
}

// tinyJPEG is a small, fixed JPEG: a screenshot stand-in.
func tinyJPEG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 24))
	for y := range 24 {
		for x := range 16 {
			img.Set(x, y, color.RGBA{uint8(40 + 8*x), uint8(120 + 4*y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 60}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// hostileResult is demoResult with markup, script-closing tags and script
// URLs in every field a crawled page controls.
func hostileResult() *Result {
	const (
		markup = `"><img src=x onerror=alert(1)><script>alert(2)</script>`
		closer = `</script><script>alert(3)</script><!--`
		jsURL  = "javascript:alert(4)"
	)
	r := demoResult()
	r.Site = "javascript:alert(5)//" + markup
	r.Config = map[string]any{"device": markup, "max_pages": "not a number", "throttle": "yes"}
	r.Warnings = []string{markup}
	r.Pages[0].Title = markup + closer
	r.Pages[1].URL = jsURL
	r.Pages[1].Title = closer
	r.Pages[2].Vitals.LCPElement = closer
	r.Pages[0].Vitals.Shifts[0].Causes = []string{markup}
	r.Pages[5].Hops[0].URL = jsURL
	for i := range r.Findings {
		fd := &r.Findings[i]
		fd.Message = markup + " " + closer
		fd.Evidence.LinkText = markup
		if fd.Target != "" {
			fd.Target = jsURL
		}
		if fd.Evidence.Selector != "" {
			fd.Evidence.Selector = closer
		}
		for j := range fd.Evidence.Hops {
			fd.Evidence.Hops[j].URL, fd.Evidence.Hops[j].Location = jsURL, "JaVaScRiPt:alert(6)"
		}
		if fd.URL == r.Pages[1].URL || fd.URL == "http://demo.test/about.html" {
			fd.URL = jsURL
		}
	}
	r.Findings = append(r.Findings, checks.Finding{ID: "h1", Check: "broken-links", URL: "http://demo.test/" + markup, Target: " javascript:alert(7)",
		Severity: checks.High, Message: closer, Evidence: checks.Evidence{LinkText: closer, Items: []string{jsURL, markup}}})
	r.Checks[0].Description = "Trusted text from the check, kept as text."
	for i := range r.Budgets {
		r.Budgets[i].Name = markup + " " + r.Budgets[i].Name
		r.Budgets[i].Path = closer
		r.Budgets[i].Message = markup + closer
	}
	d := r.Baseline
	d.Path, d.Site, d.MatchedBy = markup+closer, jsURL, MatchByPortable
	for i := range d.New {
		d.New[i].Finding = r.Findings[i]
		d.New[i].Note = markup + closer
	}
	for i := range d.Fixed {
		d.Fixed[i].URL, d.Fixed[i].Target, d.Fixed[i].Message, d.Fixed[i].Check = jsURL, jsURL, markup+closer, closer
	}
	for i := range d.Metrics {
		d.Metrics[i].Title, d.Metrics[i].Unit = markup, closer
	}
	return r
}

// hostileTrend is a trend whose category IDs and titles carry markup.
func hostileTrend() *Trend {
	t := demoTrend(demoResult())
	for i := range t.Categories {
		t.Categories[i].ID = `x" onload="alert(8)`
		t.Categories[i].Title = `"><svg onload=alert(9)></svg>` + "</title></svg><script>alert(10)</script>"
	}
	return t
}
