package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
)

// thinWords is the fewest words of main content a page should have.
const thinWords = 100

// ThinContent reports pages with very little main content.
type ThinContent struct{}

// Meta implements Check.
func (ThinContent) Meta() Meta {
	return Meta{
		ID:           "thin-content",
		Title:        "Pages have substance",
		FailureTitle: "Some pages have very little content",
		Description: "A page with a few words and little else (an empty category, a stub, a placeholder) disappoints " +
			"the visitor who followed a link to it. Fill it, merge it into a fuller page, or remove it and redirect.",
		Category: "content", Mode: Binary, Scope: SiteScope,
	}
}

func (ThinContent) readsText() bool { return true }

// CheckSite implements SiteCheck.
func (c ThinContent) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	res := Result{Checked: len(s.Pages)}
	for _, p := range s.Pages {
		if p.Words >= thinWords {
			continue
		}
		v := float64(p.Words)
		res.Findings = append(res.Findings, NewFinding(c.Meta().ID, p.URL, "", "thin", Low,
			fmt.Sprintf("The page's main content has only %d words", p.Words),
			Evidence{Kind: "thin", Value: v, Unit: "words"}))
	}
	return res, nil
}
