package checks

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// VagueLinkText reports links whose text does not say where they go:
// "click here", "read more", a bare URL.
type VagueLinkText struct{}

// Meta implements Check.
func (VagueLinkText) Meta() Meta {
	return Meta{
		ID:           "vague-link-text",
		Title:        "Links say where they go",
		FailureTitle: "Links have vague text such as \"click here\" or \"read more\"",
		Description: "People scan a page for its links, and screen reader users often list them out of context: " +
			"\"click here\" or \"read more\" tells neither where the link goes, and a bare URL is hard to read aloud. " +
			"Write link text that names the destination, such as \"Read our composting guide\".",
		Category: "wording", Mode: Binary, Scope: PageScope,
	}
}

// vagueLinkTexts are link texts that do not name their destination, as
// normalised by linkWords.
var vagueLinkTexts = map[string]bool{}

// maxVagueText is the length of the longest of vagueLinkTexts: a name
// longer than that once normalised is none of them.
var maxVagueText int

func init() {
	for _, s := range []string{
		"click", "click here", "click this", "click this link", "click on this link", "click here to",
		"tap here", "press here", "here", "over here", "right here", "go here", "see here", "this",
		"this link", "this page", "link", "a link", "url",
		"read more", "read more here", "read on", "keep reading", "continue reading", "more", "more info",
		"more information", "more details", "details", "see details", "view details", "see more",
		"view more", "show more", "learn more", "learn more here", "find out more", "discover more",
		"go", "go now", "continue", "info", "information", "download here", "here to download",
		"check it out", "see it", "follow this link",
	} {
		if len(s) > 32 {
			panic("vague link text longer than isVagueText's buffer: " + s)
		}
		vagueLinkTexts[s] = true
		maxVagueText = max(maxVagueText, len(s))
	}
}

// bareURL matches link text that is a URL: with a scheme, or starting
// with "www.".
var bareURL = regexp.MustCompile(`(?i)^(https?://|www\.)\S+$`)

// mayBeURL reports whether s starts as bareURL's matches do, with "h" or
// "w": a quick test before the regular expression.
func mayBeURL(s string) bool {
	return len(s) >= 4 && (s[0]|0x20 == 'h' || s[0]|0x20 == 'w')
}

// isBareURL reports whether a link's name is a URL rather than words: a
// URL, the link's own href, or the host name it points to ("example.com"
// linking to https://example.com/; not "Node.js" linking to nodejs.org).
// base is the page's base URL, against which href is resolved; target
// returns the link's resolved URL, and is called only when needed.
func isBareURL(name, href, base string, target func() string) bool {
	// A name is collapsed: a space is its only white space, and a bare
	// URL has none.
	space := strings.IndexByte(name, ' ') >= 0
	if !space && mayBeURL(name) && bareURL.MatchString(name) || name == href && strings.ContainsAny(name, "/.") {
		return true
	}
	if space || strings.IndexByte(name, '\t') >= 0 {
		return false
	}
	text := strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(name), "www."), "/")
	// The target's host comes from href or, for a relative href, from the
	// base: a text whose part before any "/" is in neither (the host
	// written with escapes aside) is neither the host nor the host and
	// path. That is most link texts, and no URL to resolve and parse.
	if hostPart, _, _ := strings.Cut(text, "/"); !mentions(href, hostPart) && !mentions(base, hostPart) {
		return false
	}
	u, err := url.Parse(target())
	if err != nil || u.Host == "" {
		return false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	return text == host || text == host+u.EscapedPath() || text == host+strings.TrimSuffix(u.EscapedPath(), "/")
}

// mentions reports whether the URL u may hold the lower-case text part,
// ignoring case: it does, or u has escapes.
func mentions(u, part string) bool {
	return strings.Contains(strings.ToLower(u), part) || strings.Contains(u, "%")
}

// CheckPage implements PageCheck.
func (c VagueLinkText) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	const id = "vague-link-text"
	english := true
	if lang := pageLang(docRoot(p)); lang != "" && !isEnglish(lang) {
		english = false // the list of vague texts is English; bare URLs are found in any language
	}
	var ids map[string]*html.Node
	var res Result
	more := 0 // links past maxLinkFindings
	resolve, base := hrefResolver(p), pageBase(p)
	// The links that are not hidden, nor in hidden contents
	// (hiddenFromUsers).
	ix.eachVisible(atom.A, func(n *html.Node) {
		href, ok := getAttr(n, "href")
		if !ok {
			return
		}
		if ids == nil && attrValue(n, "aria-labelledby") != "" {
			ids = ix.idNodes()
		}
		name := accessibleLinkName(n, ids)
		if name == "" {
			return // no name at all: accessible-names reports it
		}
		href = strings.TrimSpace(href)
		if hasPrefixFold(href, "mailto:") || hasPrefixFold(href, "tel:") {
			return // an e-mail address or a number is a fine link text
		}
		target, resolved := "", false
		targetOf := func() string {
			if !resolved {
				target, resolved = resolve(href), true
			}
			return target
		}
		kind := ""
		switch {
		case english && isVagueText(name):
			kind = "vague-link-text"
		case isBareURL(name, href, base, targetOf):
			kind = "bare-url"
		default:
			return
		}
		targetOf()
		if len(res.Findings) == maxLinkFindings {
			more++
			return
		}
		sel := cssSelector(n)
		var msg string
		if kind == "bare-url" {
			msg = fmt.Sprintf("The link %s shows a bare URL as its text (%q): name the page it opens instead", sel, shorten(name, 80))
		} else {
			msg = fmt.Sprintf("The link text %q (%s) does not say where the link goes: %s", shorten(name, 80), sel, shorten(target, 100))
		}
		res.Findings = append(res.Findings, NewFinding(id, p.URL, target, kind+" "+sel, Low, msg,
			Evidence{Kind: kind, LinkText: shorten(name, 200), Tag: "a", Attr: "href", Selector: sel, Section: sectionOf(n)}))
	})
	if more > 0 {
		last := &res.Findings[len(res.Findings)-1]
		last.Message += fmt.Sprintf(" (and %d more links like these on the page)", more)
	}
	return res, nil
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// maxLinkFindings is the number of links named per page.
const maxLinkFindings = 20

// accessibleLinkName returns a link's accessible name, collapsed: the text
// of the elements its aria-labelledby names, else its aria-label, else its
// visible text and the alt text of its images, else its title.
func accessibleLinkName(n *html.Node, ids map[string]*html.Node) string {
	var parts []string
	for _, ref := range strings.Fields(attrValue(n, "aria-labelledby")) {
		if e := ids[ref]; e != nil {
			if t := visibleText(e); t != "" {
				parts = append(parts, t)
			}
		}
	}
	if len(parts) > 0 {
		return collapseSpace(strings.Join(parts, " "))
	}
	if l := collapseSpace(attrValue(n, "aria-label")); l != "" {
		return l
	}
	name := visibleText(n)
	walkElements(n, func(c *html.Node) bool {
		if skippedForText(c) {
			return false
		}
		if c.Namespace == "" && c.Data == "img" {
			if alt := collapseSpace(attrValue(c, "alt")); alt != "" {
				name += " " + alt
			}
		}
		return true
	})
	if name = collapseSpace(name); name != "" {
		return name
	}
	return collapseSpace(attrValue(n, "title"))
}

// isVagueText reports whether vagueLinkTexts has linkWords(name); for an
// ASCII name it builds no string.
func isVagueText(name string) bool {
	var buf [32]byte
	b := buf[:0]
	gap := false // separators since the last kept byte
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 0x80:
			return vagueLinkTexts[linkWords(name)]
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '\'':
		default:
			gap = true
			continue
		}
		if gap && len(b) > 0 {
			b = append(b, ' ')
		}
		gap = false
		if len(b) >= maxVagueText {
			// Longer than any vague text; the rest may hold a non-ASCII
			// letter, which only makes it longer.
			return false
		}
		b = append(b, c)
	}
	return vagueLinkTexts[string(b)]
}

// linkWords lower-cases s and keeps its words: "Read more »" → "read more".
func linkWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}), " ")
}

// resolveHref returns href resolved against the page's base URL, or href
// as written when it cannot be parsed.
func resolveHref(p *crawler.Page, href string) string {
	return hrefResolver(p)(href)
}

// hrefResolver returns resolveHref for the page p, its base URL parsed
// once.
func hrefResolver(p *crawler.Page) func(href string) string {
	base, err := url.Parse(pageBase(p))
	if err != nil {
		return func(href string) string { return href }
	}
	return func(href string) string {
		ref, err := url.Parse(href)
		if err != nil {
			return href
		}
		return base.ResolveReference(ref).String()
	}
}

// pageBase returns the URL the page's relative links resolve against: its
// <base href>, else its own URL.
func pageBase(p *crawler.Page) string {
	if p.BaseURL != "" {
		return p.BaseURL
	}
	return p.URL
}

// sectionOf names the part of the page n sits in, as crawler.Section
// does: nav, header, footer, aside, or main.
func sectionOf(n *html.Node) string {
	for e := n.Parent; e != nil; e = e.Parent {
		if e.Type != html.ElementNode {
			continue
		}
		switch {
		case e.Data == "nav" || hasToken(e, "role", "navigation"):
			return "nav"
		case e.Data == "header" || hasToken(e, "role", "banner"):
			return "header"
		case e.Data == "footer" || hasToken(e, "role", "contentinfo"):
			return "footer"
		case e.Data == "aside" || hasToken(e, "role", "complementary"):
			return "aside"
		}
	}
	return "main"
}
