package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// ColorContrast reports text whose contrast against its background is
// below WCAG AA.
type ColorContrast struct{}

// Meta implements Check.
func (ColorContrast) Meta() Meta {
	return Meta{
		ID:           "color-contrast",
		Title:        "Text stands out from its background",
		FailureTitle: "Text has too little contrast with its background",
		Description: "Pale text on a pale background (or dark on dark) is hard to read in sunlight, on a dim " +
			"screen, and for the many people with low vision. WCAG AA asks for a contrast ratio of at least 4.5:1, " +
			"or 3:1 for large text (24 px, or 18.66 px bold). Darken the text or the background. Text over images " +
			"and gradients is not judged.",
		Category: "accessibility", Mode: Binary, Scope: PageScope,
		Requires: []Artifact{ArtifactVitals},
	}
}

// CheckPage implements PageCheck.
func (c ColorContrast) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	l, na := renderedLayout(p)
	if na != nil {
		return *na, nil
	}
	if l.ContrastChecked == 0 {
		reason := "the page shows no text"
		if l.ContrastUnknown > 0 {
			reason = "all the page's text is over images, gradients or positioned content, whose colours cannot be told"
		}
		return Result{NotApplicable: true, Reason: reason}, nil
	}
	id := c.Meta().ID
	var res Result
	for _, t := range l.LowContrast {
		size := trimFloat(t.Size) + " px"
		if t.Bold {
			size += " bold"
		}
		what := t.Selector
		if t.Text != "" {
			what = fmt.Sprintf("%q (%s)", t.Text, t.Selector)
		}
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "low-contrast "+t.Selector, Medium,
			fmt.Sprintf("Text %s has a contrast of %.2f:1 (%s on %s); WCAG AA asks for %s:1 at %s",
				what, t.Ratio, t.Color, t.Background, trimFloat(t.Required), size),
			Evidence{Kind: "low-contrast", Selector: t.Selector, Value: t.Ratio, Unit: ":1", Items: []string{
				"color " + t.Color, "background " + t.Background, "required " + trimFloat(t.Required) + ":1", "size " + size,
			}}))
	}
	res.Findings = append(res.Findings, moreNotNamed(id, p.URL, l.LowContrastCount, len(l.LowContrast), "low-contrast text element")...)
	return res, nil
}
