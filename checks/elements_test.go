package checks

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlElements returns the HTML elements with one of the tag names below
// root, in document order, skipping the contents of <template>: the
// index's tagged, for tests that name tags as strings.
func htmlElements(root *html.Node, tags ...string) []*html.Node {
	var ix elementIndex
	ix.build(root)
	atoms := make([]atom.Atom, len(tags))
	for i, t := range tags {
		atoms[i] = atom.Lookup([]byte(t))
	}
	return ix.tagged(atoms...)
}

// The walks the index replaces, written plainly: what it must agree with.

func walkTagged(root *html.Node, tags ...atom.Atom) []*html.Node {
	var out []*html.Node
	walkElements(root, func(n *html.Node) bool {
		if n.Namespace != "" {
			return true
		}
		if slices.Contains(tags, n.DataAtom) {
			out = append(out, n)
		}
		return n.Data != "template"
	})
	return out
}

func walkVisible(root *html.Node, tag atom.Atom) []*html.Node {
	var out []*html.Node
	walkElements(root, func(n *html.Node) bool {
		if hiddenElement(n) {
			return false
		}
		if tag == 0 || n.Namespace == "" && n.DataAtom == tag {
			out = append(out, n)
		}
		return true
	})
	return out
}

func walkIDs(root *html.Node) (nodes []*html.Node, ids []string) {
	walkElements(root, func(n *html.Node) bool {
		if id, ok := getAttr(n, "id"); ok && id != "" {
			nodes, ids = append(nodes, n), append(ids, id)
		}
		return true
	})
	return nodes, ids
}

// checkIndex compares an index of src with the walks it replaces.
func checkIndex(t *testing.T, src string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Skip(err)
	}
	var ix elementIndex
	for range 2 { // built again in the same memory, as the Runner reuses it
		ix.build(doc)
		var all []*html.Node
		walkElements(doc, func(n *html.Node) bool { all = append(all, n); return true })
		if len(all) != len(ix.elems) {
			t.Fatalf("%q: %d elements indexed, the tree has %d", src, len(ix.elems), len(all))
		}
		for i, e := range ix.elems {
			if e.n != all[i] {
				t.Fatalf("%q: element %d is <%s>, want <%s>", src, i, e.n.Data, all[i].Data)
			}
			// elems[i+1:end] are exactly the descendants.
			var below int
			walkElements(e.n, func(*html.Node) bool { below++; return true })
			if int(e.end) != i+1+below {
				t.Fatalf("%q: <%s> at %d ends at %d, want %d", src, e.n.Data, i, e.end, i+1+below)
			}
			if got, want := e.flags&flagHidden != 0, hiddenByAttribute(e.n); got != want {
				t.Fatalf("%q: <%s> hidden flag %v, want %v", src, e.n.Data, got, want)
			}
		}
		for _, tags := range [][]atom.Atom{{atom.Img}, {atom.Html}, {atom.Title}, {atom.Meta},
			{atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}, {atom.Template, atom.A}} {
			if got, want := ix.tagged(tags...), walkTagged(doc, tags...); !slices.Equal(got, want) {
				t.Fatalf("%q: tagged(%v) = %d elements, the walk finds %d", src, tags, len(got), len(want))
			}
		}
		for _, tag := range []atom.Atom{0, atom.A, atom.Button} {
			var got []*html.Node
			ix.eachVisible(tag, func(n *html.Node) { got = append(got, n) })
			if want := walkVisible(doc, tag); !slices.Equal(got, want) {
				t.Fatalf("%q: eachVisible(%v) visits %d elements, the walk %d", src, tag, len(got), len(want))
			}
		}
		var nodes []*html.Node
		var ids []string
		ix.eachID(func(n *html.Node, id string) { nodes, ids = append(nodes, n), append(ids, id) })
		if wantNodes, wantIDs := walkIDs(doc); !slices.Equal(nodes, wantNodes) || !slices.Equal(ids, wantIDs) {
			t.Fatalf("%q: eachID = %q, the walk finds %q", src, ids, wantIDs)
		}
		ix.release()
	}
}

var indexCases = []string{
	``,
	`<p>text only</p>`,
	`<!DOCTYPE html><html lang=en><head><title>T</title><meta name=description content=d></head><body><h1>A</h1><img src=a.png><p>x<img src=b.png alt=""></p></body></html>`,
	`<div hidden><a href=/a>hidden</a><div><a href=/b>deeper</a></div></div><a href=/c>shown</a>`,
	`<div aria-hidden="TRUE "><button>x</button></div><div aria-hidden=false aria-hidden=true><button>y</button></div>`,
	`<template><img src=t.png><a href=/t>in template</a></template><img src=u.png>`,
	`<svg><title>svg title</title><a href=/s>svg link</a><image href=i.png></image></svg><math><mi>x</mi></math>`,
	`<p id=a>1</p><p id="">2</p><p id=a>3</p><span id=b id=c>4</span><my-element id=d><h2>custom</h2></my-element>`,
	`<table><tr><td><form><input id=q><label for=q>Q</label><select><option>1</select><textarea></textarea></form></td></tr></table>`,
	`<ul><li><a href=1>1<li><a href=2>2</ul><b><i>mis</b>nested</i>`,
}

// TestElementIndex checks the index against the walks it replaces: the
// same elements in the same order, each subtree's range, the hidden and id
// flags, tagged (template contents skipped, foreign elements never
// matched), eachVisible (hidden subtrees pruned) and eachID.
func TestElementIndex(t *testing.T) {
	for _, src := range indexCases {
		checkIndex(t, src)
	}
	deep := strings.Repeat("<div>", 5000) + `<img src=deep.png>` + strings.Repeat("</div>", 5000)
	checkIndex(t, deep)
}

// FuzzElementIndex: on any document, the index agrees with the walks.
func FuzzElementIndex(f *testing.F) {
	for _, src := range indexCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkIndex(t, src)
	})
}

// TestPageElementsShared checks that the Runner's page checks share one
// index a page, built on first use, and that a check called on its own
// indexes the page itself.
func TestPageElementsShared(t *testing.T) {
	p := htmlPage(t, "http://127.0.0.1/", `<img src=a.png>`)
	q := htmlPage(t, "http://127.0.0.1/q", `<img src=b.png><img src=c.png>`)
	var ix elementIndex
	ctx := withPageElements(context.Background(), &ix, p)
	first := pageElements(ctx, p)
	if first != &ix || !ix.built || len(ix.elems) == 0 {
		t.Fatalf("the first check did not build the Runner's index")
	}
	if again := pageElements(ctx, p); again != first {
		t.Fatalf("a second check got another index")
	}
	// Another page (a check handed a different page) is indexed on its own.
	if other := pageElements(ctx, q); other == first || len(other.tagged(atom.Img)) != 2 {
		t.Fatalf("the index of another page was not its own")
	}
	if none := pageElements(context.Background(), &crawler.Page{URL: "http://127.0.0.1/x"}); none != nil {
		t.Fatalf("a page without a document has an index")
	}
}

// visibleTextCopying is visibleText as it was, every text copied into one
// builder: what the version that keeps a lone text apart must return.
func visibleTextCopying(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 && b.Len() < 4096 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			b.WriteByte(' ')
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
	return collapseSpace(b.String())
}

var visibleTextCases = []string{
	`<a href=/>Home</a>`,
	`<a href=/><svg aria-hidden=true><path d=M0/></svg><span class=label> Products </span></a>`,
	`<a href=/><img alt=x><span>Read</span> <b>more</b></a>`,
	`<button><span hidden>no</span><span>Save</span><script>x()</script></button>`,
	`<a href=/>` + strings.Repeat("word ", 1000) + `<span>after the limit</span></a>`,
	`<a href=/><span>` + strings.Repeat("  ", 3000) + `</span><span>late</span></a>`,
	`<a href=/><template>t</template><!-- c --></a>`,
	`<a href=/><i><b><u><s>deep</s></u></b></i><i>second</i></a>`,
}

// checkVisibleText compares visibleText with the copying version on every
// element of src.
func checkVisibleText(t *testing.T, src string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Skip(err)
	}
	walkElements(doc, func(n *html.Node) bool {
		if got, want := visibleText(n), visibleTextCopying(n); got != want {
			t.Fatalf("%q: visibleText(<%s>) = %q, want %q", src, n.Data, got, want)
		}
		return true
	})
}

// TestVisibleTextLoneText: a link or button whose one text is wrapped in
// other elements gets the same name as before, without the copy.
func TestVisibleTextLoneText(t *testing.T) {
	for _, src := range visibleTextCases {
		checkVisibleText(t, src)
	}
}

// FuzzVisibleText: visibleText agrees with the copying version on any
// document.
func FuzzVisibleText(f *testing.F) {
	for _, src := range visibleTextCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkVisibleText(t, src)
	})
}
