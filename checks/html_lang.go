package checks

import (
	"context"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html/atom"
)

// HTMLLang reports pages whose <html> element declares no language.
type HTMLLang struct{}

// Meta implements Check.
func (HTMLLang) Meta() Meta {
	return Meta{
		ID:           "html-lang",
		Title:        "Pages declare their language",
		FailureTitle: "Pages do not declare their language",
		Description: "Screen readers pick their voice and pronunciation from the page's language, and browsers use " +
			"it to offer translation and to hyphenate; without it, text may be read out with the wrong accent. " +
			"Set it on the root element, e.g. <html lang=\"en\">.",
		Category: "accessibility",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (HTMLLang) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	htmls := ix.tagged(atom.Html)
	if len(htmls) == 0 || attrValue(htmls[0], "lang") != "" {
		return Result{}, nil
	}
	msg := "The <html> element has no lang attribute: screen readers cannot tell which language to speak"
	if _, ok := getAttr(htmls[0], "lang"); ok {
		msg = "The <html> element's lang attribute is empty: screen readers cannot tell which language to speak"
	}
	return Result{Findings: []Finding{NewFinding("html-lang", p.URL, "", "missing-lang", Medium, msg,
		Evidence{Kind: "missing-lang", Tag: "html", Attr: "lang", Selector: "html"})}}, nil
}
