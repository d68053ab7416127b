package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
)

// DuplicateIDs reports id values used by more than one element.
type DuplicateIDs struct{}

// Meta implements Check.
func (DuplicateIDs) Meta() Meta {
	return Meta{
		ID:           "duplicate-ids",
		Title:        "Element ids are unique",
		FailureTitle: "Pages reuse element ids",
		Description: "Labels, aria-labelledby references and #fragment links find their element by id; when two " +
			"elements share one, they pick the first, so a field gets the wrong label or a link jumps to the wrong " +
			"place. Give every element a unique id.",
		Category: "accessibility",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (DuplicateIDs) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	counts := map[string]int{}
	var order []string
	ix.eachID(func(_ *html.Node, id string) {
		if counts[id] == 0 {
			order = append(order, id)
		}
		counts[id]++
	})
	var res Result
	for _, id := range order {
		n := counts[id]
		if n < 2 {
			continue
		}
		sel := idSelector(id)
		res.Findings = append(res.Findings, NewFinding("duplicate-ids", p.URL, "", "duplicate-id "+id, Low,
			fmt.Sprintf("The id %q is used by %d elements (%s); ids must be unique", shorten(id, 80), n, shorten(sel, 100)),
			Evidence{Kind: "duplicate-id", Attr: "id", Selector: sel}))
	}
	return res, nil
}
