package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// ErrorPage judges what the site answers for a URL that does not exist.
type ErrorPage struct{}

// Meta implements Check.
func (ErrorPage) Meta() Meta {
	return Meta{
		ID:           "error-page",
		Title:        "Missing pages get a helpful 404",
		FailureTitle: "The site's answer to a missing page misleads or strands users",
		Description: "Everyone follows a broken link sometimes. A missing page should answer 404 (a \"soft 404\" that " +
			"answers 200 hides broken links from tools and search engines) and offer a way back: links to the home " +
			"page, search or popular sections.",
		Category: "site", Mode: Binary, Scope: SiteScope,
	}
}

// CheckSite implements SiteCheck. The probed URL ends in a random path, so
// it is kept in the evidence (Items) and left out of the findings' target
// and ID: the same answer on the next audit is the same finding.
func (c ErrorPage) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	p := s.ErrorPage
	if p == nil || p.Err != "" {
		return Result{NotApplicable: true, Reason: "no error page was probed"}, nil
	}
	res := Result{Checked: 1}
	id := c.Meta().ID
	if p.Status >= 200 && p.Status < 300 {
		res.Findings = append(res.Findings, NewFinding(id, "", "", "soft-404", High,
			fmt.Sprintf("A URL that cannot exist answers %d instead of 404 (a soft 404)", p.Status),
			Evidence{Kind: "soft-404", Status: p.Status, Items: []string{p.URL}}))
	}
	if p.Links == 0 {
		res.Findings = append(res.Findings, NewFinding(id, "", "", "no-way-back", Medium,
			"The page shown for a missing URL has no link back into the site",
			Evidence{Kind: "no-way-back", Status: p.Status, Items: []string{p.URL}}))
	}
	return res, nil
}
