package text

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Block is a run of text that readers take as a unit: a paragraph, a list
// item, a heading, a table cell, or the text of a div between its blocks.
type Block struct {
	Text string     // white space collapsed
	Tag  string     // the element holding it: "p", "li", "h2", "div", …
	Node *html.Node // that element
}

// Content is the text of part of a page, as blocks in document order.
type Content struct {
	Blocks []Block

	// For Text's content of one element: that element, and the elements
	// below it that Text left out but AllText reads (navigation, asides,
	// buttons, …), outermost only.
	root    *html.Node
	keptOut []*html.Node
}

// String returns the blocks' text, one block per paragraph (separated by
// blank lines), so that Sentences never joins two blocks.
func (c Content) String() string {
	var b strings.Builder
	for i, bl := range c.Blocks {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// Sentence is one sentence of a Content, with the index of its block.
type Sentence struct {
	Text  string
	Block int

	// Set by Analyse only: the sentence's words are Analysis.Words[First:
	// First+Words]; Syllables counts them, and Passive is its first
	// passive construction (see Passive), "" when it has none.
	First, Words int
	Syllables    int
	Passive      string
}

// Sentences splits every block into sentences: a heading or a list item
// is a sentence of its own even without a final period.
func (c Content) Sentences() []Sentence {
	var out []Sentence
	for i, bl := range c.Blocks {
		for _, s := range Sentences(bl.Text) {
			out = append(out, Sentence{Text: s, Block: i})
		}
	}
	return out
}

// Stats counts the content's sentences (see Count).
func (c Content) Stats() Stats {
	var st Stats
	for _, bl := range c.Blocks {
		for _, s := range Sentences(bl.Text) {
			st.Add(s)
		}
	}
	return st
}

// WordCount returns the number of words in all blocks.
func (c Content) WordCount() int {
	n := 0
	for _, bl := range c.Blocks {
		n += WordCount(bl.Text)
	}
	return n
}

// MainContent returns the page's main content: its <main> element (or
// [role=main]) when it has one, else its <article> when there is one, or
// the largest of several when that one holds most of the page's text,
// else <body>. Hidden candidates are passed over. It returns an empty
// selection for a document without a body.
func MainContent(doc *goquery.Document) *goquery.Selection {
	if doc == nil {
		return &goquery.Selection{}
	}
	var mains, articles []*html.Node
	var body *html.Node
	for _, root := range doc.Nodes {
		walk(root, func(n *html.Node) bool {
			if n.Namespace != "" {
				return false
			}
			if n.Data == "template" || hidden(n) {
				return false
			}
			switch {
			case n.Data == "body" && body == nil:
				body = n
			case n.Data == "main" || hasRole(n, "main"):
				mains = append(mains, n)
			case n.Data == "article" || hasRole(n, "article"):
				articles = append(articles, n)
				return false // nested articles are comments or quotes
			}
			return true
		})
	}
	switch {
	case len(mains) > 0:
		return doc.FindNodes(mains[0])
	case len(articles) == 1:
		return doc.FindNodes(articles[0])
	case len(articles) > 1:
		// A list of teasers is not one main article: the largest must hold
		// at least half of the page's text.
		best, bestLen := articles[0], -1
		for _, a := range articles {
			if n := len(Text(doc.FindNodes(a)).String()); n > bestLen {
				best, bestLen = a, n
			}
		}
		if body == nil || 2*bestLen >= len(Text(doc.FindNodes(body)).String()) {
			return doc.FindNodes(best)
		}
	}
	if body != nil {
		return doc.FindNodes(body)
	}
	return doc.Selection
}

// Text returns the prose of sel as blocks: it skips navigation, headers,
// footers, asides, form controls, scripts, styles, SVG and MathML, and
// hidden elements (the hidden attribute, aria-hidden="true", an inline
// display:none or visibility:hidden).
func Text(sel *goquery.Selection) Content {
	return collect(sel, false, nil)
}

// AllText returns all the text of sel a user can see or hear as blocks,
// navigation, headers, footers and the labels of buttons included; it
// skips only scripts, styles, SVG, MathML and hidden elements.
func AllText(sel *goquery.Selection) Content {
	return collect(sel, true, nil)
}

// maxContentBytes caps the text collected from one page: enough for any
// article, and it bounds the work on pathological pages.
const maxContentBytes = 256 << 10

// collect returns the blocks of text below sel (see Text and AllText);
// the contents of the element except, when not nil, are left out as if it
// were empty.
func collect(sel *goquery.Selection, all bool, except *html.Node) Content {
	if sel == nil {
		return Content{}
	}
	var k collector
	return k.collect(sel.Nodes, all, except, nil, nil)
}

// collector is the memory collect needs, kept from one page to the next
// by the Analysis that owns it.
type collector struct {
	stack []collectEvent
	buf   textBuffer
}

// collectEvent is a step of collect's walk: entering a node, or leaving
// an element and restoring the block owner of its parent.
type collectEvent struct {
	n     *html.Node
	enter bool
	owner *html.Node
}

// collect is the function collect for the nodes roots, appending the
// blocks to blocks and, for Text's content of one element, the elements
// left out that AllText reads to keptOut[:0].
func (k *collector) collect(roots []*html.Node, all bool, except *html.Node, blocks []Block, keptOut []*html.Node) Content {
	c := Content{Blocks: blocks}
	if len(roots) == 1 && roots[0].Type == html.ElementNode && !all {
		c.root, c.keptOut = roots[0], keptOut[:0]
	}
	// The current block's text, its white space collapsed as it is
	// written: buf, with a space pending before the next word; raw counts
	// the bytes written, of which the first 2*maxContentBytes count.
	buf := &k.buf
	buf.reset()
	size := 0
	flush := func(owner *html.Node) {
		if owner == nil || size >= maxContentBytes || len(buf.b) == 0 {
			buf.reset()
			return
		}
		b := buf.b
		buf.reset()
		if room := maxContentBytes - size; len(b) > room {
			// Cut at the last space that fits (or anywhere in a huge word).
			cut := bytes.LastIndexByte(b[:room], ' ')
			if cut <= 0 {
				cut = room
				for cut > 0 && !utf8.RuneStart(b[cut]) {
					cut--
				}
			}
			b = b[:cut]
		}
		size += len(b)
		c.Blocks = append(c.Blocks, Block{Text: string(b), Tag: owner.Data, Node: owner})
	}
	for _, root := range roots {
		owner := root
		if root.Type != html.ElementNode {
			owner = nil
		}
		// An explicit stack of (node, entering) events: documents may nest
		// very deeply.
		stack := append(k.stack[:0], collectEvent{n: root, enter: true})
		for len(stack) > 0 {
			ev := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n := ev.n
			if !ev.enter {
				flush(owner)
				owner = ev.owner
				continue
			}
			switch n.Type {
			case html.TextNode:
				if size < maxContentBytes {
					buf.write(n.Data)
				}
				continue
			case html.ElementNode:
				if n != root && skipped(n, all) {
					if c.root != nil && !skipped(n, true) {
						c.keptOut = append(c.keptOut, n) // AllText reads it
					}
					continue
				}
				if c.root != nil && n.Namespace == "" && n.Data == "input" {
					switch strings.ToLower(strings.TrimSpace(attr(n, "type"))) {
					case "submit", "button", "reset":
						c.keptOut = append(c.keptOut, n) // AllText makes a block of its label
					}
				}
				if n == except {
					flush(owner)
					stack = append(stack, collectEvent{n: n, enter: false, owner: owner})
					owner = n
					continue
				}
				if all && n.Namespace == "" && n.Data == "input" {
					switch strings.ToLower(strings.TrimSpace(attr(n, "type"))) {
					case "submit", "button", "reset":
						flush(owner)
						buf.write(attr(n, "value"))
						flush(n)
					}
					continue
				}
				if n.Namespace == "" && n.Data == "br" {
					buf.write(" ")
					continue
				}
				if isBlock(n) {
					flush(owner)
					stack = append(stack, collectEvent{n: n, enter: false, owner: owner})
					owner = n
				}
			case html.DocumentNode:
			default:
				continue
			}
			for ch := n.LastChild; ch != nil; ch = ch.PrevSibling {
				stack = append(stack, collectEvent{n: ch, enter: true})
			}
		}
		k.stack = stack[:0]
		flush(owner)
	}
	return c
}

// textBuffer builds a block's text with its white space collapsed as
// strings.Join(strings.Fields(text), " ") would, from the first
// 2*maxContentBytes bytes written.
type textBuffer struct {
	b       []byte
	raw     int  // bytes written
	pending bool // white space was written after a word
}

// write adds s to the text.
func (t *textBuffer) write(s string) {
	if room := 2*maxContentBytes - t.raw; len(s) > room {
		s = s[:room]
	}
	t.raw += len(s)
	// Most text nodes are words with one space between them, and maybe
	// one before and after ("See ", " for details."): copied at once.
	inner := s
	lead := len(inner) > 0 && inner[0] == ' '
	if lead {
		inner = inner[1:]
	}
	trail := len(inner) > 0 && inner[len(inner)-1] == ' '
	if trail {
		inner = inner[:len(inner)-1]
	}
	if collapsed(inner) {
		if t.pending || lead && len(t.b) > 0 {
			t.b = append(t.b, ' ')
		}
		t.b = append(t.b, inner...)
		t.pending = trail
		return
	}
	for i := 0; i < len(s); {
		// White space: only remembered, as one space before the next
		// word.
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				t.pending = len(t.b) > 0
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			t.pending = len(t.b) > 0
			i += size
			continue
		}
		// A run of anything else, copied at once.
		j := i + 1
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
			} else if r, size := utf8.DecodeRuneInString(s[j:]); !unicode.IsSpace(r) {
				j += size
			} else {
				break
			}
		}
		if t.pending {
			t.b = append(t.b, ' ')
			t.pending = false
		}
		t.b = append(t.b, s[i:j]...)
		i = j
	}
}

// CollapseSpace folds the runs of white space in s into one space and
// trims it, as strings.Join(strings.Fields(s), " ") does; a string that is
// already so (most link texts, titles and labels) is returned as it is,
// found so eight bytes at a time.
func CollapseSpace(s string) string {
	if s == "" || collapsed(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// collapsed reports whether s is non-empty ASCII whose only white space is
// single spaces between other bytes. It tests eight bytes at a time (the
// text of most pages is collapsed: this is a byte loop over all of it).
func collapsed(s string) bool {
	if len(s) == 0 || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	var carry uint64 // the space bit of the previous eight bytes' last byte, moved to the first
	i := 0
	for ; i+chunkSize <= len(s); i += chunkSize {
		w := chunkAt(s, i, i+chunkSize)
		if w&highBits != 0 {
			return false // not ASCII
		}
		if (w-lowBits*0x0e)&^w&highBits != 0 {
			// A byte below 0x0e: maybe \t, \n, \v, \f or \r, maybe
			// another control byte (which is not white space).
			return collapsedBytes(s)
		}
		spaces := zeroBytes(w^lowBits*' ') & highBits
		if (spaces<<8|carry)&spaces != 0 {
			return false // two spaces in a row
		}
		carry = spaces >> 56
	}
	ok, _ := collapsedFrom(s, i, carry != 0)
	return ok
}

// collapsedBytes is collapsed, a byte at a time.
func collapsedBytes(s string) bool {
	ok, space := collapsedFrom(s, 0, true) // no space at the start either
	return ok && !space
}

// collapsedFrom reports whether s[i:] goes on with collapsed text after a
// space (space) or another byte, and whether its last byte is a space.
func collapsedFrom(s string, i int, space bool) (ok, lastSpace bool) {
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return false, false
		case c == ' ':
			if space {
				return false, true
			}
			space = true
		case asciiSpace[c]:
			return false, false
		default:
			space = false
		}
	}
	return true, space
}

// String returns the text.
func (t *textBuffer) String() string { return string(t.b) }

// reset empties the buffer, keeping its memory.
func (t *textBuffer) reset() { *t = textBuffer{b: t.b[:0]} }

// skipped reports whether the element n and its contents are left out of
// the text.
func skipped(n *html.Node, all bool) bool {
	if n.Namespace != "" {
		return true // svg, math
	}
	switch n.Data {
	case "script", "style", "noscript", "template", "svg", "math", "head", "title",
		"iframe", "object", "embed", "canvas", "video", "audio", "map", "select", "option",
		"datalist", "textarea":
		return true
	case "nav", "header", "footer", "aside", "button", "dialog":
		if !all {
			return true
		}
	}
	if !all {
		for _, f := range strings.Fields(attr(n, "role")) {
			for _, r := range chromeRoles {
				if strings.EqualFold(f, r) {
					return true
				}
			}
		}
	}
	return hidden(n)
}

// hidden reports whether the element itself is hidden: the hidden
// attribute, aria-hidden="true", or an inline display:none or
// visibility:hidden.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			if hidingStyle(a.Val) {
				return true
			}
		}
	}
	return false
}

// chromeRoles are the roles of the page's chrome, left out of its prose.
var chromeRoles = [...]string{"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "toolbar"}

// hidingStyle reports whether an inline style has display:none or
// visibility:hidden (white space, case and !important aside).
func hidingStyle(style string) bool {
	if !strings.Contains(style, ":") {
		return false
	}
	s := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r':
			return -1
		}
		return r
	}, strings.ToLower(style))
	for decl := range strings.SplitSeq(s, ";") {
		decl = strings.TrimSuffix(decl, "!important")
		if decl == "display:none" || decl == "visibility:hidden" {
			return true
		}
	}
	return false
}

// isBlock reports whether n's text is a block of its own.
func isBlock(n *html.Node) bool {
	if n.Namespace != "" {
		return false
	}
	switch n.Data {
	case "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "dd", "dt", "figcaption",
		"div", "caption", "section", "article", "main", "body", "ul", "ol", "dl", "table", "tr", "tbody",
		"thead", "tfoot", "figure", "pre", "address", "details", "summary", "fieldset", "legend", "form",
		"hr", "center", "button", "nav", "header", "footer", "aside", "dialog":
		return true
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func hasRole(n *html.Node, role string) bool {
	for _, f := range strings.Fields(attr(n, "role")) {
		if strings.EqualFold(f, role) {
			return true
		}
	}
	return false
}

// walk visits the elements below root in document order without
// recursion; visit returns false to skip an element's children.
func walk(root *html.Node, visit func(n *html.Node) bool) {
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

// Snippet returns about width runes of s around the byte range
// [start, end), with ellipses where it was cut.
func Snippet(s string, start, end, width int) string {
	if start < 0 || end > len(s) || start > end {
		return ""
	}
	side := max(0, (width-utf8.RuneCountInString(s[start:end]))/2)
	a := start
	for i := 0; i < side && a > 0; i++ {
		_, size := utf8.DecodeLastRuneInString(s[:a])
		a -= size
	}
	b := end
	for i := 0; i < side && b < len(s); i++ {
		_, size := utf8.DecodeRuneInString(s[b:])
		b += size
	}
	// Cut at word boundaries.
	if a > 0 {
		if i := strings.IndexByte(s[a:start], ' '); i >= 0 {
			a += i + 1
		}
	}
	if b < len(s) {
		if i := strings.LastIndexByte(s[end:b], ' '); i >= 0 {
			b = end + i
		}
	}
	out := strings.TrimSpace(s[a:b])
	if a > 0 {
		out = "…" + out
	}
	if b < len(s) {
		out += "…"
	}
	return out
}
