package checks

// Helpers shared by the page checks that read the parsed document: a short
// CSS selector naming an element in a finding, and small DOM utilities.

import (
	"strconv"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cssSelector returns a short CSS selector for the element n, good enough for
// a reader to find it in the page: "tag#id" when n has an id; else the path
// of tag names from the nearest ancestor with an id (or from below <body> or
// <html>), each with :nth-of-type(k) when siblings share its tag, e.g.
// "main > p:nth-of-type(2) > img" ("body > main" for a child of body).
// Non-element nodes are named by their parent element.
func cssSelector(n *html.Node) string {
	for n != nil && n.Type != html.ElementNode {
		n = n.Parent
	}
	if n == nil {
		return ""
	}
	var parts []string
	for e := n; e != nil && e.Type == html.ElementNode; e = e.Parent {
		if id, ok := getAttr(e, "id"); ok && strings.TrimSpace(id) != "" {
			parts = append(parts, e.Data+idSelector(id))
			break
		}
		if e.Namespace == "" && (e.Data == "body" || e.Data == "html") {
			// The path starts below body (or html), except for a lone tag
			// name, which body (or html) makes more precise.
			if len(parts) < 2 {
				parts = append(parts, e.Data)
			}
			break
		}
		parts = append(parts, e.Data+nthOfType(e))
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, " > ")
}

// idSelector returns "#id", or `[id="…"]` when the id is not a plain CSS
// identifier.
func idSelector(id string) string {
	if isCSSIdent(id) {
		return "#" + id
	}
	return "[id=" + strconv.Quote(id) + "]"
}

// isCSSIdent reports whether s can be written as a CSS identifier without
// escapes: letters, digits, "-" and "_" (and non-ASCII), not starting with
// a digit or "-digit", and not "-" alone.
func isCSSIdent(s string) bool {
	if s == "" || s == "-" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || r == '-' || r >= 0x80 || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9':
			if i == 0 || i == 1 && s[0] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// nthOfType returns ":nth-of-type(k)" when n has element siblings with the
// same tag, else "".
func nthOfType(n *html.Node) string {
	if n.Parent == nil {
		return ""
	}
	k, same := 0, 0
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode || s.Data != n.Data || s.Namespace != n.Namespace {
			continue
		}
		same++
		if s == n {
			k = same
		}
	}
	if same < 2 {
		return ""
	}
	return ":nth-of-type(" + strconv.Itoa(k) + ")"
}

// docRoot returns the document node of the page's parsed document, or nil.
func docRoot(p *crawler.Page) *html.Node {
	if p == nil || p.Doc == nil || len(p.Doc.Nodes) == 0 {
		return nil
	}
	return p.Doc.Nodes[0]
}

// notParsed is the result of a page check on a page without a document.
var notParsed = Result{NotApplicable: true, Reason: "the page has no parsed document"}

// walkElements visits the elements below root in document order, without
// recursion (documents may nest very deeply). visit returns false to skip
// an element's children.
func walkElements(root *html.Node, visit func(n *html.Node) bool) {
	if root == nil {
		return
	}
	n := root.FirstChild
	for n != nil {
		if n.Type == html.ElementNode && visit(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// getAttr returns the value of n's attribute key (no namespace) and whether
// it is present.
func getAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

// attrValue returns n's attribute key, trimmed; "" when absent.
func attrValue(n *html.Node, key string) string {
	v, _ := getAttr(n, key)
	return strings.TrimSpace(v)
}

// hasToken reports whether the space-separated attribute key of n contains
// tok, ignoring case.
func hasToken(n *html.Node, key, tok string) bool {
	for _, f := range strings.Fields(attrValue(n, key)) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// metaNamed returns the <meta> elements whose name is one of names,
// ignoring case.
func metaNamed(ix *elementIndex, names ...string) []*html.Node {
	var out []*html.Node
	for _, m := range ix.tagged(atom.Meta) {
		name := attrValue(m, "name")
		for _, want := range names {
			if strings.EqualFold(name, want) {
				out = append(out, m)
				break
			}
		}
	}
	return out
}

// hiddenFromUsers reports whether n is hidden from everyone, assistive
// technologies included: it or an ancestor is a <template>, has the
// hidden attribute, or aria-hidden="true".
func hiddenFromUsers(n *html.Node) bool {
	for e := n; e != nil; e = e.Parent {
		if e.Type == html.ElementNode && hiddenElement(e) {
			return true
		}
	}
	return false
}

// hiddenElement reports whether the element e hides itself and its
// contents from everyone (see hiddenFromUsers).
func hiddenElement(e *html.Node) bool {
	if e.Namespace == "" && e.Data == "template" {
		return true
	}
	return hiddenByAttribute(e)
}

// hiddenByAttribute reports whether the element e has the hidden
// attribute or aria-hidden="true" (the first aria-hidden counts), in one
// pass over its attributes: this runs for every element of several page
// walks.
func hiddenByAttribute(e *html.Node) bool {
	ariaHidden, seenAria := false, false
	for _, a := range e.Attr {
		switch {
		case a.Namespace != "":
		case a.Key == "hidden":
			return true
		case a.Key == "aria-hidden" && !seenAria:
			ariaHidden, seenAria = strings.EqualFold(strings.TrimSpace(a.Val), "true"), true
		}
	}
	return ariaHidden
}

// visibleText returns the text below n that assistive technologies read,
// collapsed: it skips script, style and template contents and subtrees
// hidden with aria-hidden="true" or the hidden attribute. It stops after
// about 4 KiB.
func visibleText(n *html.Node) string {
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return collapseSpace(c.Data) // the usual link or button: one text
	}
	var buf [32]*html.Node
	stack := append(buf[:0], n)
	// The first text is kept apart until a second one comes: a link or
	// button whose one text is wrapped (an icon beside a <span>) needs no
	// copy of it.
	var b strings.Builder
	first, texts, size := "", 0, 0
	for len(stack) > 0 && size < 4096 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			if texts == 0 {
				first = c.Data
			} else {
				if texts == 1 {
					b.WriteString(first)
					b.WriteByte(' ')
				}
				b.WriteString(c.Data)
				b.WriteByte(' ')
			}
			texts, size = texts+1, size+len(c.Data)+1
			continue
		case html.ElementNode:
			if c != n && skippedForText(c) {
				continue
			}
		default:
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	if texts == 1 {
		return collapseSpace(first)
	}
	return collapseSpace(b.String())
}

func skippedForText(e *html.Node) bool {
	if e.Namespace == "" {
		switch e.Data {
		case "script", "style", "template", "noscript":
			return true
		}
	}
	return hiddenByAttribute(e)
}

// collapseSpace folds runs of white space into one space and trims.
func collapseSpace(s string) string { return text.CollapseSpace(s) }

// shorten cuts s to at most limit runes, with an ellipsis.
func shorten(s string, limit int) string {
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	return string(r[:limit-1]) + "…"
}

// labelledByExisting reports whether n's aria-labelledby names at least one
// element id that exists in the document.
func labelledByExisting(n *html.Node, ids map[string]bool) bool {
	for _, ref := range strings.Fields(attrValue(n, "aria-labelledby")) {
		if ids[ref] {
			return true
		}
	}
	return false
}

// textContent returns all the text below n, as the DOM's textContent does.
func textContent(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
	return b.String()
}
