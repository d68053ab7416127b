package checks

import (
	"context"
	"fmt"
	"sort"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
)

// Thresholds of the duplicate content check.
const (
	nearBits        = 3  // simhash bits two near duplicates may differ in
	minWordsToMatch = 50 // shorter main contents are thin, not duplicates
)

// DuplicateContent reports pages whose main content is the same as, or
// nearly the same as, another page's.
type DuplicateContent struct{}

// Meta implements Check.
func (DuplicateContent) Meta() Meta {
	return Meta{
		ID:           "duplicate-content",
		Title:        "Each page says something of its own",
		FailureTitle: "Pages repeat the same content",
		Description: "Pages with the same or nearly the same text make visitors wonder which one is current and " +
			"split search traffic between them. Merge them, redirect the extra URLs to one page, or point them " +
			"at it with a canonical link.",
		Category: "site", Mode: Binary, Scope: SiteScope,
	}
}

func (DuplicateContent) readsText() bool { return true }

// CheckSite implements SiteCheck. Near duplicates are found by bucketing
// the 64-bit simhashes by four 16-bit bands: two hashes within three bits
// of each other share at least one band, so each page is compared only
// with the pages in its buckets.
func (c DuplicateContent) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	var pages []*crawler.Page
	for _, p := range s.Pages {
		if p.Words >= minWordsToMatch && p.Canonical == "" || p.Words >= minWordsToMatch && p.Canonical == p.URL {
			pages = append(pages, p) // pages naming another canonical declare their duplicate
		}
	}
	res := Result{Checked: len(pages)}
	twins := map[string]map[string]bool{} // page → pages it duplicates
	exact := map[string]bool{}
	add := func(a, b *crawler.Page, same bool) {
		for _, pair := range [][2]*crawler.Page{{a, b}, {b, a}} {
			if twins[pair[0].URL] == nil {
				twins[pair[0].URL] = map[string]bool{}
			}
			twins[pair[0].URL][pair[1].URL] = true
			if same {
				exact[pair[0].URL] = true
			}
		}
	}
	var buckets [4]map[uint16][]int
	for b := range buckets {
		buckets[b] = map[uint16][]int{}
	}
	for i, p := range pages {
		seen := map[int]bool{}
		for b := range buckets {
			key := uint16(p.Simhash >> (16 * b))
			for _, j := range buckets[b][key] {
				if seen[j] {
					continue
				}
				seen[j] = true
				q := pages[j]
				switch {
				case p.TextHash == q.TextHash:
					add(p, q, true)
				case text.Distance(p.Simhash, q.Simhash) <= nearBits:
					add(p, q, false)
				}
			}
			buckets[b][key] = append(buckets[b][key], i)
		}
	}
	urls := make([]string, 0, len(twins))
	for u := range twins {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		others := make([]string, 0, len(twins[u]))
		for o := range twins[u] {
			others = append(others, o)
		}
		sort.Strings(others)
		kind, msg := "near-duplicate", "The page's main content is nearly the same as %d other page(s)"
		if exact[u] {
			kind, msg = "exact-duplicate", "The page's main content is the same as %d other page(s)"
		}
		res.Findings = append(res.Findings, NewFinding(c.Meta().ID, u, "", kind, Medium,
			fmt.Sprintf(msg, len(others)), Evidence{Kind: kind, Items: first(others, 10)}))
	}
	return res, nil
}
