package checks

import (
	"context"

	"github.com/uxaudit/uxaudit/crawler"
)

// MetaDescription reports pages without a meta description.
type MetaDescription struct{}

// Meta implements Check.
func (MetaDescription) Meta() Meta {
	return Meta{
		ID:           "meta-description",
		Title:        "Pages have a meta description",
		FailureTitle: "Pages have no meta description",
		Description: "Search engines and link previews show the meta description under the title; without one they " +
			"pick a random snippet of the page, and fewer people click through. Add a " +
			"<meta name=\"description\" content=\"…\"> of one or two sentences summing up the page.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (MetaDescription) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	metas := metaNamed(ix, "description")
	for _, m := range metas {
		if collapseSpace(attrValue(m, "content")) != "" {
			return Result{}, nil
		}
	}
	if len(metas) == 0 {
		return Result{Findings: []Finding{NewFinding("meta-description", p.URL, "", "missing-description", Medium,
			"The page has no meta description: search results and link previews show a random snippet instead",
			Evidence{Kind: "missing-description", Tag: "meta"})}}, nil
	}
	return Result{Findings: []Finding{NewFinding("meta-description", p.URL, "", "empty-description", Medium,
		"The page's meta description is empty: search results and link previews show a random snippet instead",
		Evidence{Kind: "empty-description", Tag: "meta", Attr: "content", Selector: cssSelector(metas[0])})}}, nil
}
