package checks

import (
	"context"

	"github.com/uxaudit/uxaudit/crawler"
)

// FirstContentfulPaint measures when the page first showed anything.
type FirstContentfulPaint struct{}

// Meta implements Check.
func (FirstContentfulPaint) Meta() Meta {
	return Meta{
		ID:           "first-contentful-paint",
		Title:        "The page starts showing content quickly",
		FailureTitle: "The page stays blank too long",
		Description: "First Contentful Paint is when the first text or image is drawn: before it, users stare at a " +
			"blank screen and wonder whether anything is happening. Shorten the server response, inline critical CSS " +
			"and defer scripts that block rendering.",
		Category: "speed", Mode: Numeric, Scope: PageScope, Unit: "ms",
		Requires: []Artifact{ArtifactVitals},
		// Lighthouse's mobile FCP curve; 1.8 s is the Core Web Vitals "good" threshold.
		Curve: &Curve{P10: 1800, Median: 3000, Source: "Lighthouse mobile scoring; field data: good ≤ 1.8 s"},
	}
}

// CheckPage implements PageCheck.
func (c FirstContentfulPaint) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	v, na := rendered(p)
	if na != nil {
		return *na, nil
	}
	if v.FCP <= 0 {
		return Result{NotApplicable: true, Reason: "the browser reported no contentful paint"}, nil
	}
	return metric(c.Meta().ID, p.URL, v.FCP, c.Meta(), func(val string) string {
		return "The page shows its first content after " + val
	}, Evidence{}), nil
}
