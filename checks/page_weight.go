package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// PageWeight measures the bytes a page transfers and names the biggest.
type PageWeight struct{}

// Meta implements Check.
func (PageWeight) Meta() Meta {
	return Meta{
		ID:           "page-weight",
		Title:        "Pages are light",
		FailureTitle: "Pages are heavy",
		Description: "Every byte costs load time on slow networks, and money on metered data plans. Compress and " +
			"resize images, serve modern formats, and drop unused scripts, styles and fonts.",
		Category: "speed", Mode: Numeric, Scope: PageScope, Unit: "bytes",
		Requires: []Artifact{ArtifactVitals},
		// Lighthouse's total-byte-weight curve: 2,667 KiB scores 0.9, 4,000 KiB 0.5.
		Curve: &Curve{P10: 2667 * 1024, Median: 4000 * 1024, Source: "Lighthouse total-byte-weight scoring"},
	}
}

// CheckPage implements PageCheck.
func (c PageWeight) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	v, na := rendered(p)
	if na != nil {
		return *na, nil
	}
	var items []string
	for _, r := range v.Largest {
		items = append(items, fmt.Sprintf("%s (%s, %s)", r.URL, r.Type, formatValue(float64(r.Bytes), "bytes")))
	}
	return metric(c.Meta().ID, p.URL, float64(v.TransferBytes), c.Meta(), func(val string) string {
		return fmt.Sprintf("The page transfers %s in %d requests", val, v.Requests)
	}, Evidence{Items: items}), nil
}
