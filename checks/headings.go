package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Headings reports pages without exactly one <h1> and headings that skip a
// level.
type Headings struct{}

// Meta implements Check.
func (Headings) Meta() Meta {
	return Meta{
		ID:           "headings",
		Title:        "Headings outline the page",
		FailureTitle: "Pages have no single h1 or skip heading levels",
		Description: "Readers scan headings to find their way, and screen reader users jump from heading to heading; " +
			"a page without an h1, with several, or whose levels jump (h2 to h4) is hard to navigate. Give each page " +
			"one h1 naming it and nest the other headings one level at a time.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (Headings) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	const id = "headings"
	var res Result
	var h1s []*html.Node
	prev := 0
	for _, h := range ix.tagged(atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6) {
		if hiddenFromUsers(h) {
			continue // outlines nothing for anyone
		}
		level := int(h.Data[1] - '0')
		if level == 1 {
			h1s = append(h1s, h)
		}
		if prev > 0 && level > prev+1 {
			sel := cssSelector(h)
			res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "skipped-level "+sel, Low,
				fmt.Sprintf("Heading %s follows an h%d: it skips %s", describeHeading(h), prev, skippedLevels(prev, level)),
				Evidence{Kind: "skipped-level", Tag: h.Data, Selector: sel}))
		}
		prev = level
	}
	switch {
	case len(h1s) == 0:
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "missing-h1", Medium,
			"The page has no h1 heading naming it",
			Evidence{Kind: "missing-h1", Tag: "h1"}))
	case len(h1s) > 1:
		names := make([]string, len(h1s))
		for i, h := range h1s {
			names[i] = describeHeading(h)
		}
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "multiple-h1", Low,
			fmt.Sprintf("The page has %d h1 headings (%s); it should have one", len(h1s), strings.Join(names, ", ")),
			Evidence{Kind: "multiple-h1", Tag: "h1", Selector: cssSelector(h1s[1])}))
	}
	return res, nil
}

// describeHeading names a heading by its tag and text, e.g. h4 "Beans".
func describeHeading(h *html.Node) string {
	text := shorten(visibleText(h), 80)
	if text == "" {
		return h.Data + " (empty)"
	}
	return fmt.Sprintf("%s %q", h.Data, text)
}

// skippedLevels lists the levels between from and to, e.g. "h3" or "h3 and h4".
func skippedLevels(from, to int) string {
	var ls []string
	for l := from + 1; l < to; l++ {
		ls = append(ls, fmt.Sprintf("h%d", l))
	}
	if len(ls) == 1 {
		return ls[0]
	}
	return strings.Join(ls[:len(ls)-1], ", ") + " and " + ls[len(ls)-1]
}
