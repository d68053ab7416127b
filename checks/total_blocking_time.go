package checks

import (
	"context"

	"github.com/uxaudit/uxaudit/crawler"
)

// TotalBlockingTime measures how long scripts kept the page from responding.
type TotalBlockingTime struct{}

// Meta implements Check.
func (TotalBlockingTime) Meta() Meta {
	return Meta{
		ID:           "total-blocking-time",
		Title:        "The page responds to input while it loads",
		FailureTitle: "Scripts block the page while it loads",
		Description: "Total Blocking Time adds up the part over 50 ms of every long task after the first paint: " +
			"during it, taps and keys get no answer and the page feels frozen. Split long scripts, defer what is not " +
			"needed at once and remove unused JavaScript.",
		Category: "speed", Mode: Numeric, Scope: PageScope, Unit: "ms",
		Requires: []Artifact{ArtifactVitals},
		// Lighthouse's mobile TBT curve.
		Curve: &Curve{P10: 200, Median: 600, Source: "Lighthouse mobile scoring"},
	}
}

// CheckPage implements PageCheck.
func (c TotalBlockingTime) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	v, na := rendered(p)
	if na != nil {
		return *na, nil
	}
	return metric(c.Meta().ID, p.URL, v.TBT, c.Meta(), func(val string) string {
		return "Long scripts block the page for " + val + " while it loads"
	}, Evidence{}), nil
}
