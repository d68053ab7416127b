package checks

import (
	"context"

	"github.com/uxaudit/uxaudit/crawler"
)

// LargestContentfulPaint measures when the page's main content appeared.
type LargestContentfulPaint struct{}

// Meta implements Check.
func (LargestContentfulPaint) Meta() Meta {
	return Meta{
		ID:           "largest-contentful-paint",
		Title:        "The main content appears quickly",
		FailureTitle: "The main content appears late",
		Description: "Largest Contentful Paint is when the biggest image or text block in the first screen is drawn: " +
			"until then the page looks unfinished. Serve that element early: preload the hero image, size and compress it, " +
			"and cut render-blocking scripts and styles.",
		Category: "speed", Mode: Numeric, Scope: PageScope, Unit: "ms",
		Requires: []Artifact{ArtifactVitals},
		// Control points of Lighthouse's mobile LCP curve; 2.5 s is also the
		// "good" threshold of the Core Web Vitals field data.
		Curve: &Curve{P10: 2500, Median: 4000, Source: "Lighthouse mobile scoring; Core Web Vitals: good ≤ 2.5 s"},
	}
}

// CheckPage implements PageCheck.
func (c LargestContentfulPaint) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	v, na := rendered(p)
	if na != nil {
		return *na, nil
	}
	if v.LCP <= 0 {
		return Result{NotApplicable: true, Reason: "the browser reported no contentful paint"}, nil
	}
	what := v.LCPElement
	if what == "" {
		what = "the largest element"
	}
	return metric(c.Meta().ID, p.URL, v.LCP, c.Meta(), func(val string) string {
		return "The largest content (" + what + ") appears after " + val
	}, Evidence{Selector: v.LCPElement, Items: nonEmpty(v.LCPURL)}), nil
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
