package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// ContentWidth reports pages wider than a narrow phone's screen: they
// scroll sideways.
type ContentWidth struct{}

// Meta implements Check.
func (ContentWidth) Meta() Meta {
	return Meta{
		ID:           "content-width",
		Title:        "Pages fit a narrow phone screen",
		FailureTitle: "Pages scroll sideways on a narrow phone",
		Description: "Content wider than the screen makes people scroll sideways to read every line, and hides " +
			"what sits past the edge. Measured at 360 CSS px, the narrowest phones in common use. Let wide tables " +
			"and code scroll inside their own box (overflow-x: auto), give images and embeds max-width: 100%, and " +
			"avoid fixed widths in px.",
		Category: "structure", Mode: Binary, Scope: PageScope,
		Requires: []Artifact{ArtifactVitals},
	}
}

// CheckPage implements PageCheck.
func (c ContentWidth) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	l, na := renderedLayout(p)
	if na != nil {
		return *na, nil
	}
	if l.NarrowWidth == 0 {
		return Result{NotApplicable: true, Reason: "the page's width could not be measured at 360 px"}, nil
	}
	if l.ScrollWidth <= l.NarrowWidth {
		return Result{}, nil
	}
	msg := fmt.Sprintf("The page is %d px wide on a %d px screen and scrolls sideways", l.ScrollWidth, l.NarrowWidth)
	ev := Evidence{Kind: "horizontal-overflow", Value: float64(l.ScrollWidth), Unit: "px"}
	if len(l.Overflowing) > 0 {
		w := l.Overflowing[0]
		ev.Selector = w.Selector
		msg += fmt.Sprintf(": %s is %.0f px wide and reaches %.0f px", w.Selector, w.Width, w.Right)
		for _, b := range l.Overflowing {
			ev.Items = append(ev.Items, fmt.Sprintf("%s (%.0f px wide, reaches %.0f px)", b.Selector, b.Width, b.Right))
		}
		if more := max(l.OverflowingCount, len(l.Overflowing)) - 1; more > 0 {
			msg += fmt.Sprintf(" (and %s)", plural(more, "more element"))
		}
	}
	return Result{Findings: []Finding{
		NewFinding(c.Meta().ID, p.URL, "", "horizontal-overflow", Medium, msg, ev),
	}}, nil
}

// renderedLayout returns the layout the browser measured on p, or the
// not-applicable result when there is none.
func renderedLayout(p *crawler.Page) (*crawler.Layout, *Result) {
	v, na := rendered(p)
	switch {
	case na != nil:
		return nil, na
	case v.Layout == nil:
		return nil, &Result{NotApplicable: true, Reason: "the browser could not measure the page's layout"}
	}
	return v.Layout, nil
}

// onPhone returns the not-applicable result for a layout measured on a
// desktop device, for the checks that judge touch screens only.
func onPhone(l *crawler.Layout, what string) *Result {
	if l.Mobile {
		return nil
	}
	return &Result{NotApplicable: true, Reason: what + " are judged on phones: the browser emulated a desktop (--device desktop)"}
}

// moreNotNamed is an informative finding saying how many more of a kind a
// page has than the capped list in its layout names.
func moreNotNamed(check, page string, total, named int, noun string) []Finding {
	if total <= named {
		return nil
	}
	return []Finding{NewFinding(check, page, "", "more", Info,
		fmt.Sprintf("…and %s on this page (only the first %d are named)", plural(total-named, "more "+noun), named),
		Evidence{Kind: "more", Value: float64(total - named)})}
}
