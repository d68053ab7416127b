package checks

import (
	"context"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
)

//go:embed data/term-variants.txt
var termVariantsData string

// termVariantGroups are the built-in groups.
var termVariantGroups = sync.OnceValue(func() []text.VariantGroup {
	gs, err := text.ParseVariantGroups(termVariantsData)
	if err != nil {
		panic("checks/data/term-variants.txt: " + err.Error())
	}
	return gs
})

var defaultVariantFinder = sync.OnceValue(func() *text.VariantFinder {
	return text.NewVariantFinder(termVariantGroups())
})

// maxTermPages is the number of pages named per variant.
const maxTermPages = 10

// InconsistentTerms reports things the site names two or more ways across
// its pages: "Sign in" and "Log in", "e-mail" and "email".
type InconsistentTerms struct {
	// Groups are the variant groups looked for; nil means the built-in
	// list (checks/data/term-variants.txt).
	Groups []text.VariantGroup
	// TermsOf returns the variant counts of a page, as PageTerms computed
	// them while the page's document was parsed. Without it the check does
	// not apply.
	TermsOf func(p *crawler.Page) map[string]int
}

// Meta implements Check.
func (InconsistentTerms) Meta() Meta {
	return Meta{
		ID:           "inconsistent-terms",
		Title:        "The site names each thing one way",
		FailureTitle: "The site names the same thing different ways",
		Description: "When one page says \"Sign in\" and another \"Log in\", people wonder whether they are two " +
			"different things, and search within the site misses half the pages. Pick one term for each thing and " +
			"use it everywhere, in navigation and buttons too.",
		Category: "wording", Mode: Binary, Scope: SiteScope,
	}
}

func (c InconsistentTerms) groups() []text.VariantGroup {
	if c.Groups != nil {
		return c.Groups
	}
	return termVariantGroups()
}

// PageTerms counts the variants used on the page: in all the text a user
// sees or hears, navigation, buttons and footers included. It returns nil
// for a page without a document, or in another language than English.
func (c InconsistentTerms) PageTerms(p *crawler.Page) map[string]int {
	return pageTerms(p, c.finder())
}

// finder returns the finder of the check's groups.
func (c InconsistentTerms) finder() *text.VariantFinder {
	if c.Groups != nil {
		return text.NewVariantFinder(c.Groups)
	}
	return defaultVariantFinder()
}

// pageTerms is PageTerms with the finder of the groups.
func pageTerms(p *crawler.Page, f *text.VariantFinder) map[string]int {
	root := docRoot(p)
	if root == nil {
		return nil
	}
	if lang := pageLang(root); lang != "" && !isEnglish(lang) {
		return nil
	}
	counts := map[string]int{}
	// The main content is most of the page's text: its words are in the
	// page's analysis when it was made.
	f.CountPage(p.Doc.Selection, p.Text, counts)
	if len(counts) == 0 {
		return nil
	}
	return counts
}

// CheckSite implements SiteCheck.
func (c InconsistentTerms) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	if c.TermsOf == nil {
		return Result{NotApplicable: true, Reason: "the crawl kept no per-page term counts"}, nil
	}
	res := Result{Checked: len(s.Pages)}
	pagesOf := map[string][]string{} // variant → pages using it
	uses := map[string]int{}         // variant → occurrences on the site
	for _, p := range s.Pages {
		for v, n := range c.TermsOf(p) {
			if n > 0 {
				pagesOf[v] = append(pagesOf[v], p.URL)
				uses[v] += n
			}
		}
	}
	for _, g := range c.groups() {
		var used []string
		for _, v := range g.Variants {
			if len(pagesOf[v.Name]) > 0 {
				used = append(used, v.Name)
			}
		}
		if len(used) < 2 {
			continue
		}
		// The most used variant first.
		sort.SliceStable(used, func(i, j int) bool { return uses[used[i]] > uses[used[j]] })
		var names, items []string
		for _, v := range used {
			pages := pagesOf[v]
			sort.Strings(pages)
			names = append(names, fmt.Sprintf("%q (%s on %s)", v, plural(uses[v], "time"), plural(len(pages), "page")))
			shown := pages[:min(len(pages), maxTermPages)]
			item := fmt.Sprintf("%q: %s", v, strings.Join(shown, ", "))
			if len(pages) > len(shown) {
				item += fmt.Sprintf(", and %d more", len(pages)-len(shown))
			}
			items = append(items, item)
		}
		msg := fmt.Sprintf("The site names one thing %d ways: %s; pick one, e.g. %q", len(used), strings.Join(names, ", "), used[0])
		res.Findings = append(res.Findings, NewFinding("inconsistent-terms", "", "", "inconsistent-terms\x00"+g.Variants[0].Name, Low, msg,
			Evidence{Kind: "inconsistent-terms", Items: items}))
	}
	return res, nil
}

// plural writes n and a noun, with an "s" unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
