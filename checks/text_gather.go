package checks

import (
	"fmt"
	"strings"
	"sync"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
	"golang.org/x/net/html"
)

// textReader is implemented by the checks that read the analysis of a
// page's main content: Page.Text while the page checks run, or the figures
// kept from it (Page.Words, TextHash, Simhash) in the site checks.
type textReader interface {
	readsText() bool
}

// TextGatherer computes the text artifacts of pages for a set of checks,
// in the page hook while the document is there: the main content is
// analysed once (Page.Text, Words, TextHash, Simhash), and the wording
// variants counted (Page.Terms), only when a check reads them.
//
// It is safe for concurrent use. The analyses it released are reused for
// the next pages, so that their memory is not garbage once per page.
type TextGatherer struct {
	analyse bool
	terms   *text.VariantFinder // nil when no check reads Page.Terms
	free    sync.Pool           // of *text.Analysis
}

// NewTextGatherer prepares the gathering for the checks of list.
func NewTextGatherer(list []Check) *TextGatherer {
	g := &TextGatherer{}
	for _, c := range list {
		if r, ok := c.(textReader); ok && r.readsText() {
			g.analyse = true
		}
		if t, ok := c.(InconsistentTerms); ok && t.TermsOf != nil {
			g.terms = t.finder()
		}
	}
	return g
}

// Gather fills p's text artifacts; call it before the page checks run.
func (g *TextGatherer) Gather(p *crawler.Page) {
	if g.analyse && p.Doc != nil {
		a, _ := g.free.Get().(*text.Analysis)
		if a == nil {
			a = new(text.Analysis)
		}
		a.RedoDocument(p.Doc)
		p.Text = a
		p.Words, p.TextHash, p.Simhash = a.Fingerprint.Words, a.Fingerprint.Exact, a.Fingerprint.Simhash
	}
	if g.terms != nil {
		p.Terms = pageTerms(p, g.terms)
	}
}

// Release drops what only the page checks read (Page.Text), keeping the
// small figures the site checks read; call it after the page checks ran,
// once nothing holds on to Page.Text.
func (g *TextGatherer) Release(p *crawler.Page) {
	if a := p.Text; a != nil {
		p.Text = nil
		a.Release()
		g.free.Put(a)
	}
}

// englishText returns the analysis of the page's main content, or the
// result of a check that does not apply: the page has no document, or its
// <html lang> names another language than English. A page whose text was
// not gathered (built by hand, or checked without the page hook) is
// analysed here.
func englishText(p *crawler.Page) (*text.Analysis, *Result) {
	root := docRoot(p)
	if root == nil && p.Text == nil {
		r := notParsed
		return nil, &r
	}
	lang := p.Lang
	if root != nil {
		lang = pageLang(root)
	}
	if lang != "" && !isEnglish(lang) {
		return nil, &Result{NotApplicable: true, Reason: fmt.Sprintf("the page's language is %q, and this check reads English only", lang)}
	}
	if p.Text != nil {
		return p.Text, nil
	}
	return text.AnalyseDocument(p.Doc), nil
}

// pageLang returns the lang attribute of the document's first <html>,
// trimmed.
func pageLang(root *html.Node) string {
	lang := ""
	found := false
	walkElements(root, func(n *html.Node) bool {
		switch {
		case found:
			return false
		case n.Namespace != "":
			return true
		case n.Data == "html":
			lang, found = attrValue(n, "lang"), true
			return false
		}
		return n.Data != "template"
	})
	return lang
}

// isEnglish reports whether a language tag is English: "en", "en-GB",
// "EN_us".
func isEnglish(lang string) bool {
	l := strings.ToLower(lang)
	return l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}
