package checks

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html/atom"
)

// maxTitleRunes is the longest title shown whole in browser tabs and search
// results.
const maxTitleRunes = 60

// DocumentTitle reports pages whose <title> is missing, empty or too long.
type DocumentTitle struct{}

// Meta implements Check.
func (DocumentTitle) Meta() Meta {
	return Meta{
		ID:           "document-title",
		Title:        "Pages have a concise title",
		FailureTitle: "Pages have a missing, empty or overlong title",
		Description: "The title names the page in browser tabs, bookmarks, search results and screen readers, " +
			"so users know where they are before reading a word. Give every page a unique <title> of at most " +
			"60 characters that starts with what is specific to the page.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (DocumentTitle) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	const id = "document-title"
	titles := ix.tagged(atom.Title)
	if len(titles) == 0 {
		return Result{Findings: []Finding{NewFinding(id, p.URL, "", "missing-title", High,
			"The page has no <title>: tabs, bookmarks and search results show its bare URL",
			Evidence{Kind: "missing-title", Tag: "title"})}}, nil
	}
	t := titles[0]
	text := collapseSpace(textContent(t))
	switch n := utf8.RuneCountInString(text); {
	case n == 0:
		return Result{Findings: []Finding{NewFinding(id, p.URL, "", "empty-title", High,
			"The page's <title> is empty: tabs, bookmarks and search results show its bare URL",
			Evidence{Kind: "empty-title", Tag: "title", Selector: cssSelector(t)})}}, nil
	case n > maxTitleRunes:
		return Result{Findings: []Finding{NewFinding(id, p.URL, "", "title-too-long", Low,
			fmt.Sprintf("The title is %d characters long (at most %d are shown in tabs and search results): %q",
				n, maxTitleRunes, shorten(text, 120)),
			Evidence{Kind: "title-too-long", Tag: "title", Selector: cssSelector(t)})}}, nil
	}
	return Result{}, nil
}
