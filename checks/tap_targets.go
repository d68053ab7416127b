package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// TapTargets reports links, buttons and form controls too small for a
// finger and too close to another target, on phones.
type TapTargets struct{}

// Meta implements Check.
func (TapTargets) Meta() Meta {
	return Meta{
		ID:           "tap-targets",
		Title:        "Tap targets are easy to hit",
		FailureTitle: "Tap targets are small and crowded",
		Description: "A fingertip covers about 48×48 CSS px: a smaller link or button next to another one gets " +
			"the wrong tap, and people have to zoom in or go back. Links inside a sentence are exempt. Make targets " +
			"at least 48 px tall and wide (padding counts), or leave space around them; WCAG 2.5.8 asks for 24 px " +
			"at the very least.",
		Category: "structure", Mode: Binary, Scope: PageScope,
		Requires: []Artifact{ArtifactVitals},
	}
}

// CheckPage implements PageCheck.
func (c TapTargets) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	l, na := renderedLayout(p)
	if na == nil {
		na = onPhone(l, "Tap targets")
	}
	if na != nil {
		return *na, nil
	}
	id := c.Meta().ID
	var res Result
	for _, t := range l.Crowded {
		name := t.Selector
		if t.Text != "" {
			name += fmt.Sprintf(" (%q)", t.Text)
		}
		sev, kind, how := Low, "crowded-target", "too close to"
		if t.Overlaps {
			sev, kind, how = Medium, "overlapping-target", "overlaps"
		}
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", kind+" "+t.Selector, sev,
			fmt.Sprintf("Tap target %s is %.0f×%.0f px and %s %s: a finger meant for one can hit the other", name, t.Width, t.Height, how, t.Near),
			Evidence{Kind: kind, Selector: t.Selector, LinkText: t.Text, Items: []string{
				fmt.Sprintf("size %.0f×%.0f px", t.Width, t.Height), "near " + t.Near,
			}}))
	}
	res.Findings = append(res.Findings, moreNotNamed(id, p.URL, l.CrowdedCount, len(l.Crowded), "crowded tap target")...)
	return res, nil
}
