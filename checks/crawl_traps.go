package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// CrawlTraps reports URL patterns whose crawl was cut: endless calendars,
// faceted search, and relative links that resolve ever deeper.
type CrawlTraps struct{}

// Meta implements Check.
func (CrawlTraps) Meta() Meta {
	return Meta{
		ID:           "crawl-traps",
		Title:        "The site has no endless URL spaces",
		FailureTitle: "The site generates endless URLs",
		Description: "Links that generate new URLs without end (a calendar's \"next month\", filter combinations, " +
			"relative links that nest paths) waste crawlers' time and often lead users to empty pages. Stop the links " +
			"at the last useful page, mark filter links rel=nofollow, and use root-relative links.",
		Category: "site", Mode: Binary, Scope: SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (c CrawlTraps) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	res := Result{Checked: 1}
	for _, t := range s.Traps {
		msg := fmt.Sprintf("The crawl of %s was cut after %d URLs; %d more were left out", t.Pattern, t.Crawled, t.Skipped)
		if t.Kind == "repeating-path" {
			msg = fmt.Sprintf("Links lead to paths that repeat a segment (%s): %d such URLs were left out", t.Pattern, t.Skipped)
		}
		res.Findings = append(res.Findings, NewFinding(c.Meta().ID, "", "", t.Pattern, Medium, msg,
			Evidence{Kind: t.Kind, Items: t.Examples}))
	}
	return res, nil
}
