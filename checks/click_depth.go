package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// maxClicks is the most clicks from the start page a page should need.
const maxClicks = 3

// ClickDepth reports pages that take more than three clicks to reach from the
// start page, following links (and their redirects) between crawled pages.
type ClickDepth struct{}

// Meta implements Check.
func (ClickDepth) Meta() Meta {
	return Meta{
		ID:           "click-depth",
		Title:        "Pages are a few clicks from the start page",
		FailureTitle: "Some pages are buried deep in the site",
		Description: "Every extra click loses visitors, and pages buried deep are hard to find again. Link important " +
			"pages from the navigation, hub pages or the home page so that each is at most three clicks away.",
		Category: "site", Mode: Binary, Scope: SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (c ClickDepth) CheckSite(ctx context.Context, s *crawler.Site) (Result, error) {
	depth := clickDepths(ctx, s)
	res := Result{Checked: len(s.Pages)}
	for _, p := range s.Pages {
		d, ok := depth[p.URL]
		if !ok || d <= maxClicks {
			continue // unreachable pages are the orphan-pages check's
		}
		v := float64(d)
		res.Findings = append(res.Findings, NewFinding(c.Meta().ID, p.URL, "", "deep-page", Low,
			fmt.Sprintf("The page is %d clicks from the start page", d),
			Evidence{Kind: "deep-page", Value: v, Unit: "clicks"}))
	}
	return res, nil
}

// ClickDepths returns, for every page reachable by links from the start
// URLs, the fewest clicks it takes; links through redirects count as one
// click to where they end.
func ClickDepths(s *crawler.Site) map[string]int {
	depth := make(map[string]int, len(s.Pages))
	// Every page links to the same navigation: each link URL is followed
	// through its redirects to its page once, not once per link (breadth
	// first, its first sighting is the fewest clicks).
	followed := make(map[string]struct{})
	var queue []*crawler.Page
	for _, seed := range s.Seeds {
		if p := final(s, seed); p != nil {
			if _, ok := depth[p.URL]; !ok {
				depth[p.URL] = 0
				queue = append(queue, p)
			}
		}
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		d := depth[p.URL] + 1
		for i := range p.Links {
			l := &p.Links[i]
			if l.Resource || !l.Fetchable() || (l.Tag != "a" && l.Tag != "area") {
				continue
			}
			if _, ok := followed[l.URL]; ok {
				continue // its page was reached at this depth or before
			}
			t := final(s, l.URL)
			followed[l.URL] = struct{}{}
			if t == nil {
				continue
			}
			if _, ok := depth[t.URL]; !ok {
				depth[t.URL] = d
				queue = append(queue, t)
			}
		}
	}
	return depth
}

// final returns the crawled page a URL ends on after its redirects, or nil.
func final(s *crawler.Site, u string) *crawler.Page {
	ch := s.Chain(u, s.MaxHops)
	if ch.Final == nil || ch.Loop {
		return nil
	}
	return s.Page(ch.Final.URL)
}
