package crawler

import (
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Section is the part of a page a link sits in. It is a byte so that the
// hundreds of thousands of links a large crawl keeps stay small.
type Section uint8

// Page sections, from the nearest enclosing landmark.
const (
	SectionMain   Section = iota // main content: anything outside the others
	SectionNav                   // <nav>, role=navigation
	SectionHeader                // <header>, role=banner
	SectionFooter                // <footer>, role=contentinfo
	SectionAside                 // <aside>, role=complementary
	SectionHead                  // <head>: link[rel] elements
)

var sectionNames = [...]string{"main", "nav", "header", "footer", "aside", "head"}

func (s Section) String() string {
	if int(s) < len(sectionNames) {
		return sectionNames[s]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (s Section) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Attr is the attribute a link was read from.
type Attr uint8

// Link attributes.
const (
	AttrHref Attr = iota
	AttrSrc
	AttrSrcset
	AttrPoster
	AttrData
)

var attrNames = [...]string{"href", "src", "srcset", "poster", "data"}

func (a Attr) String() string {
	if int(a) < len(attrNames) {
		return attrNames[a]
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (a Attr) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Link is one reference from a page to another URL: a hyperlink, or a
// resource the page loads. A crawl keeps every link of every page, so a
// Link is small: what few links have (a fragment, a rel, a scheme that is
// never fetched) is behind one pointer, nil for most links, and read with
// Fragment, Rel and Scheme.
type Link struct {
	// URL is the canonical target. For links that are never fetched
	// (mailto:, tel:, javascript:, data:, unparsable) it is the raw value.
	URL  string
	Text string // anchor text, else alt, aria-label or title
	Tag  string // element name: a, img, link, script, …
	more *linkMore
	Attr Attr
	// Section is the part of the page the link sits in.
	Section Section
	// Resource is true for sub-resources (images, scripts, stylesheets,
	// media) and false for navigations (a, area, iframe, canonical, …).
	Resource bool
}

// linkMore holds a Link's less common fields. It is never changed once a
// Link points at it, so links share it.
type linkMore struct {
	fragment, rel, scheme string
}

// Fragment is the fragment of the link's URL, without "#": stripped from
// URL, kept for the fragment checks.
func (l *Link) Fragment() string {
	if l.more == nil {
		return ""
	}
	return l.more.fragment
}

// Rel is the link's rel attribute, lower case.
func (l *Link) Rel() string {
	if l.more == nil {
		return ""
	}
	return l.more.rel
}

// Scheme is set for links that are never fetched: "mailto", "tel",
// "javascript", "data", "file", … or "invalid" for unparsable URLs.
func (l *Link) Scheme() string {
	if l.more == nil {
		return ""
	}
	return l.more.scheme
}

// WithFragment returns l with its fragment set to f.
func (l Link) WithFragment(f string) Link {
	m := l.moreCopy()
	m.fragment = f
	return l.withMore(m)
}

// WithRel returns l with its rel set to rel.
func (l Link) WithRel(rel string) Link {
	m := l.moreCopy()
	m.rel = rel
	return l.withMore(m)
}

// WithScheme returns l with its scheme set to s (see Scheme).
func (l Link) WithScheme(s string) Link {
	m := l.moreCopy()
	m.scheme = s
	return l.withMore(m)
}

func (l *Link) moreCopy() linkMore {
	if l.more == nil {
		return linkMore{}
	}
	return *l.more
}

func (l Link) withMore(m linkMore) Link {
	if m == (linkMore{}) {
		l.more = nil
	} else {
		l.more = &m
	}
	return l
}

// linkJSON is a Link as JSON.
type linkJSON struct {
	URL      string  `json:"url"`
	Fragment string  `json:"fragment,omitempty"`
	Text     string  `json:"text,omitempty"`
	Tag      string  `json:"tag"`
	Rel      string  `json:"rel,omitempty"`
	Attr     Attr    `json:"attr"`
	Section  Section `json:"section"`
	Resource bool    `json:"resource,omitempty"`
	Scheme   string  `json:"scheme,omitempty"`
}

// MarshalJSON implements json.Marshaler.
func (l Link) MarshalJSON() ([]byte, error) {
	return json.Marshal(linkJSON{URL: l.URL, Fragment: l.Fragment(), Text: l.Text, Tag: l.Tag, Rel: l.Rel(),
		Attr: l.Attr, Section: l.Section, Resource: l.Resource, Scheme: l.Scheme()})
}

// Fetchable reports whether the link is an http(s) URL that may be fetched.
func (l *Link) Fetchable() bool { return l.more == nil || l.more.scheme == "" }

// extraction holds what one pass over a document gathers.
type extraction struct {
	Title       string
	Description string // <meta name=description content>
	Canonical   string // first <link rel=canonical href>, canonical form
	Lang        string
	Base        *url.URL
	Links       []Link
	IDs         []string
}

// linkAttrs lists, per element, the attributes that reference URLs and
// whether they are resources. link[href] is decided by its rel.
var linkAttrs = map[string][]struct {
	attr     Attr
	resource bool
}{
	"a":      {{AttrHref, false}},
	"area":   {{AttrHref, false}},
	"iframe": {{AttrSrc, false}},
	"frame":  {{AttrSrc, false}},
	"img":    {{AttrSrc, true}, {AttrSrcset, true}},
	"source": {{AttrSrc, true}, {AttrSrcset, true}},
	"script": {{AttrSrc, true}},
	"video":  {{AttrSrc, true}, {AttrPoster, true}},
	"audio":  {{AttrSrc, true}},
	"track":  {{AttrSrc, true}},
	"embed":  {{AttrSrc, true}},
	"object": {{AttrData, true}},
	"link":   {{AttrHref, true}},
}

// linkRels maps link[rel] tokens to whether the target is a resource;
// rels not listed (preconnect, dns-prefetch, …) are not links to check.
var linkRels = map[string]bool{
	"stylesheet": true, "icon": true, "shortcut": true, "apple-touch-icon": true,
	"manifest": true, "preload": true, "modulepreload": true, "mask-icon": true,
	"canonical": false, "alternate": false, "next": false, "prev": false, "amphtml": false,
}

// extract walks the document once and gathers its links, ids, title and
// language. Relative URLs resolve against base, or the document's <base href>.
// scratch, when not nil, is working memory kept from page to page.
func extract(doc *html.Node, pageURL *url.URL, in *interner, scratch *extractScratch) extraction {
	if scratch == nil {
		scratch = new(extractScratch)
	}
	var ex extraction
	ex.Links = scratch.links[:0]
	ids := scratch.ids[:0]
	ex.Base = pageURL
	if b := findBase(doc); b != "" {
		if u, err := pageURL.Parse(strings.TrimSpace(b)); err == nil {
			ex.Base = u
		}
	}
	res := newResolver(ex.Base)
	walk(doc, func(n *html.Node, sec Section) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.Data {
		case "html":
			ex.Lang = strings.TrimSpace(attr(n, "lang"))
		case "title":
			if ex.Title == "" && sec == SectionHead {
				ex.Title = collapse(textOf(n), 0)
			}
			return false
		case "meta":
			if ex.Description == "" && strings.EqualFold(attr(n, "name"), "description") {
				ex.Description = collapse(attr(n, "content"), 500)
			}
		case "svg", "math":
			// Foreign content: keep ids, skip its xlink references.
		}
		for _, a := range n.Attr {
			if a.Key == "id" && a.Namespace == "" && a.Val != "" {
				ids = append(ids, a.Val)
			}
		}
		if n.Data == "a" {
			if name := attr(n, "name"); name != "" {
				ids = append(ids, name)
			}
		}
		specs, ok := linkAttrs[n.Data]
		if !ok || n.Namespace != "" {
			return true
		}
		rel := strings.ToLower(strings.TrimSpace(attr(n, "rel")))
		for _, spec := range specs {
			val, ok := attrOK(n, spec.attr.String())
			if !ok {
				continue
			}
			resource := spec.resource
			if n.Data == "link" {
				r, known := linkResource(rel)
				if !known {
					break
				}
				resource = r
			}
			base := Link{Tag: n.Data, Attr: spec.attr, Section: sec, Resource: resource}
			if !resource || n.Data == "img" {
				base.Text = in.share(linkText(n))
			}
			if spec.attr == AttrSrcset {
				for _, c := range parseSrcset(val) {
					ex.Links = append(ex.Links, makeLink(base, rel, res, c, in, &scratch.url))
				}
				continue
			}
			if strings.TrimSpace(val) == "" && n.Data != "a" && n.Data != "area" {
				continue // <script src=""> and friends: nothing to check
			}
			l := makeLink(base, rel, res, val, in, &scratch.url)
			if n.Data == "link" && ex.Canonical == "" && l.Fetchable() && hasToken(rel, "canonical") {
				ex.Canonical = l.URL
			}
			ex.Links = append(ex.Links, l)
		}
		return true
	})
	// Pages keep their links and ids for the whole audit: copied out of
	// the scratch memory at their size.
	scratch.links = ex.Links
	ex.Links = append(make([]Link, 0, len(ex.Links)), ex.Links...)
	clear(scratch.links)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	ex.IDs = make([]string, len(ids))
	for i, id := range ids {
		ex.IDs[i] = in.share(id)
	}
	clear(ids)
	scratch.ids = ids
	return ex
}

// extractScratch is the working memory of extract, kept from page to page
// so that the link list does not grow from nothing on every page.
type extractScratch struct {
	links []Link
	ids   []string
	url   []byte // a link's canonical URL, being built
}

func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(list) {
		if t == tok {
			return true
		}
	}
	return false
}

func linkResource(rel string) (resource, known bool) {
	for _, tok := range strings.Fields(rel) {
		if r, ok := linkRels[tok]; ok {
			return r, true
		}
	}
	return false, false
}

// makeLink returns base with the target raw resolved, and its rel.
func makeLink(l Link, rel string, res resolver, raw string, in *interner, buf *[]byte) Link {
	var m linkMore
	m.rel = rel
	ok := false
	if in != nil {
		// The usual link: its canonical URL built in buf and looked up
		// there, no string made unless it is new to the crawl.
		var b []byte
		b, m.fragment, ok = res.appendFast((*buf)[:0], raw)
		*buf = b
		if ok {
			l.URL = in.getBytes(b)
		}
	}
	if !ok {
		canon, frag, err := res.resolve(raw)
		switch {
		case err == nil:
			l.URL, m.fragment = in.get(canon), frag
		case errors.Is(err, ErrNotFetchable):
			l.URL, m.scheme = in.get(strings.TrimSpace(raw)), schemeOf(raw)
		default:
			l.URL, m.scheme = in.get(strings.TrimSpace(raw)), "invalid"
		}
	}
	l.more = in.shareMore(m)
	return l
}

func schemeOf(raw string) string {
	raw = strings.TrimSpace(raw)
	if i := strings.IndexByte(raw, ':'); i > 0 {
		return strings.ToLower(raw[:i])
	}
	return "invalid"
}

// findBase returns the href of the first <base> in <head>, without walking
// the body.
func findBase(doc *html.Node) string {
	var head *html.Node
	for n := doc.FirstChild; n != nil && head == nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "html" {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "head" {
					head = c
					break
				}
			}
		}
	}
	if head == nil {
		return ""
	}
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "base" {
			if v, ok := attrOK(c, "href"); ok {
				return v
			}
		}
	}
	return ""
}

// walk visits every node below root in document order without recursion
// (documents may nest very deeply), passing the section each node sits in.
// visit returns false to skip a node's children.
func walk(root *html.Node, visit func(n *html.Node, sec Section) bool) {
	stack := []Section{SectionMain}
	n := root
	for {
		cur := stack[len(stack)-1]
		if visit(n, cur) && n.FirstChild != nil {
			stack = append(stack, childSection(n, cur))
			n = n.FirstChild
			continue
		}
		for {
			if len(stack) == 1 {
				return
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
			stack = stack[:len(stack)-1]
		}
	}
}

// childSection returns the section that n's children sit in.
func childSection(n *html.Node, cur Section) Section {
	if n.Type != html.ElementNode {
		return cur
	}
	switch n.Data {
	case "head":
		return SectionHead
	case "nav":
		return SectionNav
	case "footer":
		if cur == SectionMain {
			return SectionFooter
		}
	case "header":
		if cur == SectionMain {
			return SectionHeader
		}
	case "aside":
		if cur == SectionMain {
			return SectionAside
		}
	}
	switch attr(n, "role") {
	case "navigation":
		return SectionNav
	case "banner":
		return SectionHeader
	case "contentinfo":
		return SectionFooter
	case "complementary":
		return SectionAside
	}
	return cur
}

// linkText is the accessible text of a link-like element: its text, else
// the alt of an image inside it, else aria-label or title.
func linkText(n *html.Node) string {
	if n.Data == "img" {
		return collapse(attr(n, "alt"), 200)
	}
	if t := collapse(textOf(n), 200); t != "" {
		return t
	}
	var alt string
	walk(n, func(c *html.Node, _ Section) bool {
		if alt == "" && c.Type == html.ElementNode && c.Data == "img" {
			alt = attr(c, "alt")
		}
		return alt == ""
	})
	if alt = collapse(alt, 200); alt != "" {
		return alt
	}
	if v := collapse(attr(n, "aria-label"), 200); v != "" {
		return v
	}
	return collapse(attr(n, "title"), 200)
}

// textOf returns the text below n with white space collapsed, skipping
// script, style and template, and stopping after about 4 KB.
func textOf(n *html.Node) string {
	var b strings.Builder
	space := false
	for c := n.FirstChild; c != nil && b.Len() < 4096; {
		if c.Type == html.TextNode {
			for _, r := range c.Data {
				if unicode.IsSpace(r) {
					space = b.Len() > 0
					continue
				}
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteRune(r)
			}
		} else if c.Type == html.ElementNode && breaksText[c.Data] {
			space = b.Len() > 0
		}
		// Next node in document order below n, without recursion.
		descend := c.Type == html.ElementNode && c.Data != "script" && c.Data != "style" && c.Data != "template"
		if descend && c.FirstChild != nil {
			c = c.FirstChild
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
			if c != n && c.Type == html.ElementNode && breaksText[c.Data] {
				space = b.Len() > 0 // leaving a block
			}
		}
		if c == n {
			break
		}
		if c.Type == html.ElementNode && breaksText[c.Data] {
			space = b.Len() > 0
		}
		c = c.NextSibling
	}
	return b.String()
}

// breaksText lists elements that separate the words around them.
var breaksText = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "ul": true, "ol": true, "td": true, "th": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true, "article": true,
	"header": true, "footer": true, "nav": true, "main": true, "aside": true, "blockquote": true, "dd": true,
	"dt": true, "figcaption": true, "img": true, "option": true, "hr": true, "table": true, "form": true,
}

// collapse folds runs of white space into one space and trims; a positive
// limit cuts the result to at most that many runes, with an ellipsis.
func collapse(s string, limit int) string {
	if needsCollapse(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	if limit > 0 && len(s) > limit {
		r := []rune(s)
		if len(r) > limit {
			s = string(r[:limit-1]) + "…"
		}
	}
	return s
}

func needsCollapse(s string) bool {
	prevSpace := true // leading space needs trimming
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c >= 0x80
		if sp && (prevSpace || c != ' ') {
			return true
		}
		prevSpace = sp
	}
	return prevSpace && len(s) > 0
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

// parseSrcset returns the URLs of a srcset attribute, following the HTML
// standard's candidate parsing: URLs end at white space, descriptors end at a
// comma outside parentheses.
func parseSrcset(s string) []string {
	var urls []string
	i := 0
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[start:i]
		trailingComma := strings.HasSuffix(u, ",")
		u = strings.TrimRight(u, ",")
		if u != "" {
			urls = append(urls, u)
		}
		if trailingComma {
			continue
		}
		// Skip the descriptors up to the next comma outside parentheses.
		depth := 0
		for i < len(s) {
			c := s[i]
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				i++
				break
			}
			i++
		}
	}
	return urls
}
