package checks

import (
	"context"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// elementIndex is a page's elements in document order, flattened by one
// walk of its tree for all the page checks, which each walked the whole
// tree before (a dozen walks a page, through nodes most of which no check
// wants). A check now scans the flat list, reading only the nodes whose
// tag it wants, and skips a subtree by jumping to its end; the attributes
// every walk asked about (hidden, id) are read once.
//
// The Runner makes one per page, lazily, for the checks of that page (see
// pageElements); it is not safe for concurrent use.
type elementIndex struct {
	elems []indexedElement
	open  []int32 // scratch: the elements whose subtree is being indexed

	page  *crawler.Page // the page indexed, or to index when built is false
	built bool
}

// indexedElement is an element and what the checks ask of every element,
// worked out in one pass over its attributes.
type indexedElement struct {
	n *html.Node
	// tag is the element's atom when it is an HTML element with a known
	// name; 0 for SVG and MathML elements and for unknown names.
	tag atom.Atom
	// end is the index past the element's descendants: elems[i+1:end] is
	// its subtree.
	end   int32
	flags elementFlags
}

// elementFlags are facts of an element's own attributes.
type elementFlags uint8

const (
	// flagHidden: the element has the hidden attribute or
	// aria-hidden="true" (see hiddenByAttribute).
	flagHidden elementFlags = 1 << iota
	// flagID: the element has a non-empty id attribute.
	flagID
)

// pageMemoKey is the context key of the page's elementIndex while the
// Runner runs its page checks.
type pageMemoKey struct{}

// withPageElements returns ctx carrying ix, to be built for p on first
// use.
func withPageElements(ctx context.Context, ix *elementIndex, p *crawler.Page) context.Context {
	ix.page, ix.built = p, false
	return context.WithValue(ctx, pageMemoKey{}, ix)
}

// pageElements returns the index of p's document, or nil when p has no
// parsed document. The Runner's page checks share one index a page;
// called without the Runner (a check's tests), it indexes the page anew.
func pageElements(ctx context.Context, p *crawler.Page) *elementIndex {
	root := docRoot(p)
	if root == nil {
		return nil
	}
	ix, ok := ctx.Value(pageMemoKey{}).(*elementIndex)
	if !ok || ix.page != p {
		ix = new(elementIndex)
		ix.build(root)
		return ix
	}
	if !ix.built {
		ix.build(root)
		ix.built = true
	}
	return ix
}

// release drops what ix holds of its page, keeping its memory.
func (ix *elementIndex) release() {
	clear(ix.elems)
	ix.elems, ix.page, ix.built = ix.elems[:0], nil, false
}

// build indexes the elements below root, without recursion (documents may
// nest very deeply).
func (ix *elementIndex) build(root *html.Node) {
	elems, open := ix.elems[:0], ix.open[:0]
	n := root.FirstChild
	for n != nil {
		if n.Type == html.ElementNode {
			open = append(open, int32(len(elems)))
			elems = append(elems, indexedElement{n: n, tag: tagOf(n), flags: attrFlags(n)})
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			elems[open[len(open)-1]].end = int32(len(elems))
			open = open[:len(open)-1]
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			if n != root && n.Type == html.ElementNode {
				elems[open[len(open)-1]].end = int32(len(elems))
				open = open[:len(open)-1]
			}
		}
		if n == root {
			break
		}
		n = n.NextSibling
	}
	ix.elems, ix.open = elems, open[:0]
}

// tagOf returns the atom of an HTML element's name, 0 for foreign elements.
func tagOf(n *html.Node) atom.Atom {
	if n.Namespace != "" {
		return 0
	}
	if n.DataAtom == 0 && n.Data != "" {
		return atom.Lookup([]byte(n.Data)) // a node built by hand
	}
	return n.DataAtom
}

// attrFlags reads the element's attributes once for its flags.
func attrFlags(n *html.Node) elementFlags {
	var f elementFlags
	seenAria, seenID := false, false
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "hidden":
			f |= flagHidden
		case "aria-hidden":
			if !seenAria && strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				f |= flagHidden
			}
			seenAria = true
		case "id":
			if !seenID && a.Val != "" {
				f |= flagID
			}
			seenID = true
		}
	}
	return f
}

// tagged returns the HTML elements with one of the tags, in document
// order, skipping the contents of <template>, as htmlElements does.
func (ix *elementIndex) tagged(tags ...atom.Atom) []*html.Node {
	var out []*html.Node
	for i := 0; i < len(ix.elems); i++ {
		e := &ix.elems[i]
		if e.tag == 0 {
			continue
		}
		for _, t := range tags {
			if e.tag == t {
				out = append(out, e.n)
				break
			}
		}
		if e.tag == atom.Template {
			i = int(e.end) - 1
		}
	}
	return out
}

// eachVisible calls visit for the elements that no template, hidden
// attribute or aria-hidden="true" hides, on them or an ancestor (see
// hiddenFromUsers), in document order: the HTML elements of the given tag,
// or every element when tag is 0.
func (ix *elementIndex) eachVisible(tag atom.Atom, visit func(n *html.Node)) {
	for i := 0; i < len(ix.elems); i++ {
		e := &ix.elems[i]
		if e.flags&flagHidden != 0 || e.tag == atom.Template {
			i = int(e.end) - 1
			continue
		}
		if tag == 0 || e.tag == tag {
			visit(e.n)
		}
	}
}

// eachID calls visit for the elements with a non-empty id, in document
// order, with that id.
func (ix *elementIndex) eachID(visit func(n *html.Node, id string)) {
	for i := range ix.elems {
		if e := &ix.elems[i]; e.flags&flagID != 0 {
			id, _ := getAttr(e.n, "id")
			visit(e.n, id)
		}
	}
}

// idSet returns the set of non-empty id values in the document.
func (ix *elementIndex) idSet() map[string]bool {
	ids := map[string]bool{}
	ix.eachID(func(_ *html.Node, id string) { ids[id] = true })
	return ids
}

// idNodes maps the document's ids to their first element.
func (ix *elementIndex) idNodes() map[string]*html.Node {
	m := map[string]*html.Node{}
	ix.eachID(func(n *html.Node, id string) {
		if m[id] == nil {
			m[id] = n
		}
	})
	return m
}
