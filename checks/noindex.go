package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
)

// Noindex reports pages that ask search engines not to index them.
type Noindex struct{}

// Meta implements Check.
func (Noindex) Meta() Meta {
	return Meta{
		ID:           "noindex",
		Title:        "Pages can be found in search engines",
		FailureTitle: "Pages are hidden from search engines",
		Description: "A robots meta tag with noindex keeps the page out of search results, so users cannot find it " +
			"there; it is often left over from a staging site. Remove noindex (or \"none\") from " +
			"<meta name=\"robots\"> unless the page really must stay out of search.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck. Only the DOM is read: the X-Robots-Tag
// header is not among the page's artifacts.
func (Noindex) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	for _, m := range metaNamed(ix, "robots", "googlebot") {
		directives := strings.FieldsFunc(attrValue(m, "content"), func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
		for _, d := range directives {
			if d = strings.ToLower(d); d != "noindex" && d != "none" {
				continue
			}
			name := strings.ToLower(attrValue(m, "name"))
			return Result{Findings: []Finding{NewFinding("noindex", p.URL, "", "noindex", Medium,
				fmt.Sprintf("The page asks search engines not to index it (<meta name=%q content=%q>): users cannot find it in search",
					name, shorten(collapseSpace(attrValue(m, "content")), 80)),
				Evidence{Kind: "noindex", Tag: "meta", Attr: "content", Selector: cssSelector(m)})}}, nil
		}
	}
	return Result{}, nil
}
