package checks

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
)

// UnclosedMarkup reports a script, style, textarea or title element, or a
// comment, that is never closed: browsers then treat the rest of the
// document as its text, so the content and links after it vanish.
type UnclosedMarkup struct{}

// Meta implements Check.
func (UnclosedMarkup) Meta() Meta {
	return Meta{
		ID:           "malformed-html",
		Title:        "Markup is closed",
		FailureTitle: "Unclosed markup swallows the rest of the page",
		Description: "An element whose content is raw text (<script>, <style>, <textarea>, <title>) or a comment " +
			"that is never closed runs to the end of the document: browsers show or run everything after it as " +
			"its text, so the content, navigation and links that follow disappear for every visitor. Close the " +
			"element (</script>, -->) where it ends; a template that cuts output short is the usual cause.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// swallowedMin is the least text an unclosed element must swallow, with
// markup in it, to be reported: a stray "<!--" before the end is harmless.
const swallowedMin = 16

// CheckPage implements PageCheck.
func (UnclosedMarkup) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	root := docRoot(p)
	if root == nil || p.Body == nil {
		return notParsed, nil
	}
	if p.Fetch != nil && p.Fetch.Truncated {
		// The body was cut at the size limit: everything looks unclosed.
		return Result{NotApplicable: true, Reason: "the page was truncated at the body size limit"}, nil
	}
	last, text := lastRawText(root)
	if last == nil || len(strings.TrimSpace(text)) < swallowedMin || !hasMarkup(text) || !endsWithText(p.Body, text) {
		return Result{}, nil
	}
	what, kind, sel := "<"+last.Data+">", "unterminated-"+last.Data, ""
	if last.Type == html.CommentNode {
		what, kind = "comment (<!--)", "unterminated-comment"
	} else {
		sel = cssSelector(last)
	}
	return Result{Findings: []Finding{NewFinding("malformed-html", p.URL, "", kind, High,
		fmt.Sprintf("An unclosed %s swallows the rest of the page (%d bytes of markup): what follows it is not shown", what, len(text)),
		Evidence{Kind: kind, Tag: last.Data, Selector: sel, Value: float64(len(text)), Unit: "bytes",
			Items: []string{shorten(collapseSpace(text), 120)}})}}, nil
}

// lastRawText returns the last raw-text element (with its text) or comment
// in document order.
func lastRawText(root *html.Node) (*html.Node, string) {
	var last *html.Node
	for n := root; n != nil; n = nextNode(root, n) {
		switch {
		case n.Type == html.CommentNode:
			last = n
		case n.Type == html.ElementNode && n.Namespace == "":
			switch n.Data {
			case "script", "style", "textarea", "title", "xmp", "noembed", "noframes":
				last = n
			}
		}
	}
	switch {
	case last == nil:
		return nil, ""
	case last.Type == html.CommentNode:
		return last, last.Data
	}
	return last, textContent(last)
}

// nextNode returns the node after n in document order below root, or nil.
func nextNode(root, n *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for n != root && n.NextSibling == nil {
		n = n.Parent
	}
	if n == root {
		return nil
	}
	return n.NextSibling
}

// hasMarkup reports whether s holds something that looks like a tag.
func hasMarkup(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if c == '/' || c == '!' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// endsWithText reports whether the document's bytes end with the text, as
// an element that runs to the end of the input does. The parser turns CR
// LF into LF, so the tails are compared with that done.
func endsWithText(body []byte, text string) bool {
	const tail = 64
	t := strings.TrimRight(text, " \t\r\n\f")
	if len(t) > tail {
		t = t[len(t)-tail:]
	}
	b := bytes.TrimRight(body, " \t\r\n\f")
	if len(b) > 2*tail {
		b = b[len(b)-2*tail:]
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return t != "" && bytes.HasSuffix(b, []byte(t))
}
