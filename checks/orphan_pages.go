package checks

import (
	"context"

	"github.com/uxaudit/uxaudit/crawler"
)

// OrphanPages reports pages listed in the sitemap that no crawled page links
// to.
type OrphanPages struct{}

// Meta implements Check.
func (OrphanPages) Meta() Meta {
	return Meta{
		ID:           "orphan-pages",
		Title:        "Every page is linked from the site",
		FailureTitle: "Some pages are linked from nowhere",
		Description: "A page that the sitemap lists but no page links to can only be found through search or a " +
			"bookmark: visitors browsing the site never reach it. Link it from a related page or the navigation, or " +
			"retire it and drop it from the sitemap.",
		Category: "site", Mode: Binary, Scope: SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (c OrphanPages) CheckSite(ctx context.Context, s *crawler.Site) (Result, error) {
	if len(s.Sitemap) == 0 {
		return Result{NotApplicable: true, Reason: "the site has no sitemap, so orphans cannot be told apart"}, nil
	}
	linked := clickDepths(ctx, s)
	res := Result{Checked: len(s.Sitemap)}
	for _, u := range s.Sitemap {
		p := final(s, u)
		if p == nil {
			continue // not an HTML page that answered: other checks report it
		}
		if _, ok := linked[p.URL]; ok {
			continue
		}
		res.Findings = append(res.Findings, NewFinding(c.Meta().ID, p.URL, "", "orphan", Medium,
			"The page is in the sitemap but no crawled page links to it", Evidence{Kind: "orphan"}))
	}
	return res, nil
}
