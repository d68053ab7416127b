package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Canonical reports pages without exactly one canonical link.
type Canonical struct{}

// Meta implements Check.
func (Canonical) Meta() Meta {
	return Meta{
		ID:           "canonical",
		Title:        "Pages name one canonical URL",
		FailureTitle: "Pages have no canonical URL, or several",
		Description: "A page reachable under several URLs (with tracking parameters, a trailing slash, http and " +
			"https) splits its search ranking and may show users the wrong address; a canonical link names the one " +
			"to keep, and two of them cancel each other. Add exactly one <link rel=\"canonical\" href=\"…\"> to " +
			"the page's <head>.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (Canonical) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	var links []*html.Node
	for _, l := range ix.tagged(atom.Link) {
		if hasToken(l, "rel", "canonical") {
			links = append(links, l)
		}
	}
	switch len(links) {
	case 0:
		return Result{Findings: []Finding{NewFinding("canonical", p.URL, "", "missing-canonical", Low,
			"The page has no <link rel=\"canonical\">: search engines must guess which of its URLs to show",
			Evidence{Kind: "missing-canonical", Tag: "link", Attr: "rel"})}}, nil
	case 1:
		return Result{}, nil
	}
	hrefs := make([]string, len(links))
	for i, l := range links {
		hrefs[i] = fmt.Sprintf("%q", shorten(attrValue(l, "href"), 100))
	}
	return Result{Findings: []Finding{NewFinding("canonical", p.URL, "", "multiple-canonical", Medium,
		fmt.Sprintf("The page has %d canonical links (%s): search engines ignore them all", len(links), strings.Join(hrefs, ", ")),
		Evidence{Kind: "multiple-canonical", Tag: "link", Attr: "rel", Selector: cssSelector(links[1])})}}, nil
}
