package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
)

// AccessibleNames reports links and buttons that have no accessible name.
type AccessibleNames struct{}

// Meta implements Check.
func (AccessibleNames) Meta() Meta {
	return Meta{
		ID:           "accessible-names",
		Title:        "Links and buttons have names",
		FailureTitle: "Links or buttons have no accessible name",
		Description: "An icon-only link or button with no text is announced by screen readers as just \"link\" or " +
			"\"button\", and voice control users cannot name it to click it. Give it visible text, a text alternative " +
			"for its image (alt), or an aria-label.",
		Category: "accessibility",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (AccessibleNames) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	var res Result
	var ids map[string]bool
	// Hidden elements and their contents (hiddenFromUsers) are skipped: no
	// element visited has a hidden ancestor to look up.
	ix.eachVisible(0, func(n *html.Node) {
		kind := controlKind(n)
		if kind == "" || hasName(n) {
			return
		}
		if attrValue(n, "aria-labelledby") != "" {
			if ids == nil {
				ids = ix.idSet()
			}
			if labelledByExisting(n, ids) {
				return
			}
		}
		sel := cssSelector(n)
		var msg string
		if kind == "link" {
			msg = fmt.Sprintf("Link to %s (%s) has no accessible name: screen readers announce it as just \"link\"",
				shorten(attrValue(n, "href"), 100), sel)
		} else {
			msg = fmt.Sprintf("Button %s has no accessible name: screen readers announce it as just \"button\"", sel)
		}
		res.Findings = append(res.Findings, NewFinding("accessible-names", p.URL, "", "empty-"+kind+" "+sel, High, msg,
			Evidence{Kind: "empty-" + kind, Tag: n.Data, Selector: sel}))
	})
	return res, nil
}

// controlKind returns "link" or "button" for the elements that need a name,
// else "".
func controlKind(n *html.Node) string {
	switch {
	case hasToken(n, "role", "button"):
		return "button"
	case n.Namespace != "":
		return ""
	case n.Data == "a":
		if _, ok := getAttr(n, "href"); ok {
			return "link"
		}
	case n.Data == "button":
		return "button"
	case n.Data == "input":
		switch strings.ToLower(attrValue(n, "type")) {
		case "button", "submit", "reset":
			return "button"
		}
	}
	return ""
}

// hasName reports whether a link or button has a name of its own: text,
// the alt of an image inside it, aria-label, title, or (for input buttons)
// a value. aria-labelledby is checked by the caller.
func hasName(n *html.Node) bool {
	if attrValue(n, "aria-label") != "" || attrValue(n, "title") != "" {
		return true
	}
	if n.Namespace == "" && n.Data == "input" {
		v, ok := getAttr(n, "value")
		// Without a value, submit and reset buttons show the browser's
		// default label ("Submit", "Reset"); a plain button shows nothing.
		return strings.TrimSpace(v) != "" || !ok && !strings.EqualFold(attrValue(n, "type"), "button")
	}
	if visibleText(n) != "" {
		return true
	}
	named := false
	walkElements(n, func(c *html.Node) bool {
		if named || skippedForText(c) {
			return false
		}
		htmlImg := c.Namespace == "" && c.Data == "img"
		inputImage := c.Namespace == "" && c.Data == "input" && strings.EqualFold(attrValue(c, "type"), "image")
		image := htmlImg || c.Namespace == "svg" && c.Data == "svg" || hasToken(c, "role", "img")
		switch {
		case (htmlImg || inputImage) && attrValue(c, "alt") != "":
			named = true
		case image && attrValue(c, "aria-label") != "":
			named = true
		}
		return !named
	})
	return named
}
