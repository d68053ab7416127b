package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// FontSize reports phone pages where much of the text is smaller than
// 12 px.
type FontSize struct{}

// Legible text: below smallTextPx, text is hard to read on a phone; a page
// fails when more than smallTextShare of its visible characters are that
// small (the limits Lighthouse's legible-font-size audit used).
const (
	smallTextPx    = 12
	smallTextShare = 0.40
)

// Meta implements Check.
func (FontSize) Meta() Meta {
	return Meta{
		ID:           "font-size",
		Title:        "Text is large enough to read on a phone",
		FailureTitle: "Much of the text is too small to read on a phone",
		Description: "Text under 12 px on a phone makes people pinch to zoom and pan along every line. A page " +
			"fails when more than 40% of its visible text is that small, as shown (a page without a mobile viewport " +
			"is shown zoomed out, so all its text shrinks). Set body text to 16 px and keep notes and captions at " +
			"12 px or more.",
		Category: "structure", Mode: Binary, Scope: PageScope,
		Requires: []Artifact{ArtifactVitals},
	}
}

// CheckPage implements PageCheck.
func (c FontSize) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	l, na := renderedLayout(p)
	if na == nil {
		na = onPhone(l, "Text sizes")
	}
	if na != nil {
		return *na, nil
	}
	if l.TextChars == 0 {
		return Result{NotApplicable: true, Reason: "the page shows no text"}, nil
	}
	share := float64(l.SmallTextChars) / float64(l.TextChars)
	if share <= smallTextShare {
		return Result{}, nil
	}
	msg := fmt.Sprintf("%.0f%% of the text is smaller than %d px on a phone", share*100, smallTextPx)
	ev := Evidence{Kind: "small-text", Value: share * 100, Unit: "%"}
	for i, s := range l.SmallText {
		item := fmt.Sprintf("%s (%s px, %s)", s.Selector, trimFloat(s.Size), plural(s.Chars, "character"))
		if i == 0 {
			ev.Selector = s.Selector
			msg += "; the most in " + item
		}
		ev.Items = append(ev.Items, item)
	}
	return Result{Findings: []Finding{NewFinding(c.Meta().ID, p.URL, "", "small-text", Medium, msg, ev)}}, nil
}

// trimFloat writes v with at most one decimal, without a trailing ".0".
func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}
