package checks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
)

// DuplicateMetadata reports pages that share their title or meta
// description with other pages.
type DuplicateMetadata struct{}

// Meta implements Check.
func (DuplicateMetadata) Meta() Meta {
	return Meta{
		ID:           "duplicate-metadata",
		Title:        "Each page has its own title and description",
		FailureTitle: "Pages share a title or description",
		Description: "Tabs, bookmarks, history and search results show the title and description: when several pages " +
			"share them, people cannot tell the pages apart and pick the wrong one. Write a title and description " +
			"that say what is specific to each page.",
		Category: "structure", Mode: Binary, Scope: SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (c DuplicateMetadata) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	res := Result{Checked: len(s.Pages)}
	for _, field := range []struct {
		name string
		sev  Severity
		get  func(*crawler.Page) string
	}{
		{"title", Medium, func(p *crawler.Page) string { return p.Title }},
		{"description", Low, func(p *crawler.Page) string { return p.Description }},
	} {
		groups := map[string][]string{}
		for _, p := range s.Pages {
			if v := strings.ToLower(strings.TrimSpace(field.get(p))); v != "" {
				groups[v] = append(groups[v], p.URL)
			}
		}
		keys := make([]string, 0, len(groups))
		for k, pages := range groups {
			if len(pages) > 1 {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			pages := groups[k]
			sort.Strings(pages)
			for _, u := range pages {
				others := make([]string, 0, min(len(pages)-1, 5))
				for _, o := range pages {
					if o != u && len(others) < 5 {
						others = append(others, o)
					}
				}
				res.Findings = append(res.Findings, NewFinding(c.Meta().ID, u, "", "duplicate-"+field.name, field.sev,
					fmt.Sprintf("The %s %q is shared by %d pages", field.name, truncate(k, 80), len(pages)),
					Evidence{Kind: "duplicate-" + field.name, Items: others}))
			}
		}
	}
	return res, nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
