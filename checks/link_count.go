package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// LinkCount reports pages with so many links that people cannot scan them
// and crawlers give up on them.
type LinkCount struct {
	// Max is the most navigational links a page may have; 0 means
	// DefaultMaxLinks.
	Max int
}

// DefaultMaxLinks is LinkCount's default limit. Search engines' own guidance
// is to keep a page's links to "a few thousand at most"; a page over it is
// a link farm or a generated index that nobody can read.
const DefaultMaxLinks = 3000

// Meta implements Check.
func (LinkCount) Meta() Meta {
	return Meta{
		ID:           "link-count",
		Title:        "Pages have a readable number of links",
		FailureTitle: "Pages have thousands of links",
		Description: "A page with thousands of links cannot be scanned by people, is slow to load and to use on a " +
			"phone, and is cut short by search engines. Split it into pages, paginate long indexes, or group the " +
			"links behind categories and search.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (c LinkCount) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	if docRoot(p) == nil {
		return notParsed, nil
	}
	limit := c.Max
	if limit <= 0 {
		limit = DefaultMaxLinks
	}
	n := 0
	for i := range p.Links {
		if !p.Links[i].Resource {
			n++
		}
	}
	if n <= limit {
		return Result{}, nil
	}
	sev := Medium
	if n > 10*limit {
		sev = High
	}
	return Result{Findings: []Finding{NewFinding("link-count", p.URL, "", "too-many-links", sev,
		fmt.Sprintf("The page has %d links (more than %d): too many to scan or to crawl", n, limit),
		Evidence{Kind: "too-many-links", Value: float64(n), Unit: "links"})}}, nil
}
