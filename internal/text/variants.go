package text

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Variant is one way of naming a thing, with the spellings counted as it
// ("FAQ", "FAQs").
type Variant struct {
	Name      string // how it is reported: its first spelling
	Spellings []string
}

// VariantGroup is a set of variants that name the same thing, such as
// "Sign in" / "Log in": a site should pick one.
type VariantGroup struct {
	Variants []Variant
}

// ParseVariantGroups reads variant groups, one group per line: variants
// separated by "|", the spellings of one variant by ",", e.g.
//
//	sign in, sign-in, signin | log in, log-in, login
//
// Blank lines and lines starting with "#" are skipped. A group needs two
// variants or more, and a spelling may appear only once in all groups.
func ParseVariantGroups(data string) ([]VariantGroup, error) {
	var out []VariantGroup
	seen := map[string]int{}
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var g VariantGroup
		for _, field := range strings.Split(line, "|") {
			var v Variant
			for _, sp := range strings.Split(field, ",") {
				sp = strings.Join(strings.Fields(sp), " ")
				if sp == "" {
					continue
				}
				key := strings.Join(normWords(sp), " ")
				if key == "" {
					return nil, fmt.Errorf("line %d: %q has no word", i+1, sp)
				}
				if prev, dup := seen[key]; dup {
					return nil, fmt.Errorf("line %d: %q is already listed on line %d", i+1, sp, prev)
				}
				seen[key] = i + 1
				if v.Name == "" {
					v.Name = sp
				}
				v.Spellings = append(v.Spellings, sp)
			}
			if v.Name == "" {
				return nil, fmt.Errorf("line %d: an empty variant", i+1)
			}
			g.Variants = append(g.Variants, v)
		}
		if len(g.Variants) < 2 {
			return nil, fmt.Errorf("line %d: a group needs at least two variants separated by |", i+1)
		}
		out = append(out, g)
	}
	return out, nil
}

// VariantFinder counts the variants of a set of groups in texts.
type VariantFinder struct {
	m     *Matcher
	names []string // variant name of each spelling, by phrase index
}

// NewVariantFinder prepares a finder for groups.
func NewVariantFinder(groups []VariantGroup) *VariantFinder {
	f := &VariantFinder{}
	var phrases []string
	for _, g := range groups {
		for _, v := range g.Variants {
			for _, sp := range v.Spellings {
				phrases = append(phrases, sp)
				f.names = append(f.names, v.Name)
			}
		}
	}
	f.m = NewMatcher(phrases, PhraseOptions{})
	return f
}

// Count adds the occurrences of each variant in text to counts, keyed by
// variant name.
func (f *VariantFinder) Count(text string, counts map[string]int) {
	var l wordList
	f.countText(&l, text, counts)
}

// CountContent adds the occurrences of each variant in the blocks of c to
// counts, as Count does block by block.
func (f *VariantFinder) CountContent(c Content, counts map[string]int) {
	var l wordList
	for _, b := range c.Blocks {
		f.countText(&l, b.Text, counts)
	}
}

// countText adds the occurrences of each variant in s to counts, with l
// for its words.
func (f *VariantFinder) countText(l *wordList, s string, counts map[string]int) {
	l.reset()
	l.addText(s)
	f.countWords(l.done(), counts)
}

// countWords adds the occurrences of each variant in words to counts.
func (f *VariantFinder) countWords(words []Word, counts map[string]int) {
	f.m.find(words, func(id, _, _ int) { counts[f.names[id]]++ })
}

// CountPage adds the occurrences of each variant in all the text of a
// page a user can see or hear (AllText(sel)) to counts, reading each part
// of it once. a, when not nil, is the analysis of the page's main content
// (Text(MainContent(…)) of the same document): the main content's words
// are counted as a has them, and AllText is read only for the rest of the
// page and for the parts of the main content that Text leaves out
// (navigation, asides, buttons). The counts are AllText's except for a
// phrase that runs across such a part ("sign <button>Go</button> in"), counted
// as the main content reads.
func (f *VariantFinder) CountPage(sel *goquery.Selection, a *Analysis, counts map[string]int) {
	if a == nil || a.root == nil || !isBlock(a.root) || !visibleInAllText(a.root) {
		f.CountAnalysed(AllText(sel), a, counts)
		return
	}
	z := &a.scratch
	rest := z.collect.collect(sel.Nodes, true, a.root, z.rest[:0], nil)
	rest = z.collect.collect(a.keptOut, true, nil, rest.Blocks, nil)
	z.rest = rest.Blocks
	size := 0
	for _, b := range rest.Blocks {
		size += len(b.Text)
	}
	for _, b := range a.Blocks {
		size += len(b.Text)
	}
	if size >= maxContentBytes {
		// AllText would have cut the page's text.
		f.CountAnalysed(AllText(sel), a, counts)
		return
	}
	for _, b := range rest.Blocks {
		f.countText(&z.restWords, b.Text, counts)
	}
	for b := range a.Blocks {
		f.countWords(a.BlockOf(b), counts)
	}
}

// visibleInAllText reports whether AllText reads the element n: neither
// it nor an element above it is left out.
func visibleInAllText(n *html.Node) bool {
	for e := n; e != nil; e = e.Parent {
		if e.Type == html.ElementNode && skipped(e, true) {
			return false
		}
	}
	return true
}

// CountAnalysed is CountContent for a content c whose blocks may also be
// blocks of the analysis a (of another part of the page, such as its main
// content): a block of c with the same element and text as a block of a is
// counted from a's words, without reading its text again.
func (f *VariantFinder) CountAnalysed(c Content, a *Analysis, counts map[string]int) {
	if a == nil {
		f.CountContent(c, counts)
		return
	}
	var l wordList
	next := 0 // the first block of a not matched yet
	for _, b := range c.Blocks {
		// Blocks come in document order in both: look a few blocks
		// ahead for this one.
		found := -1
		for k := next; k < min(next+4, len(a.Blocks)); k++ {
			if ab := a.Blocks[k]; ab.Node == b.Node && ab.Text == b.Text {
				found = k
				break
			}
		}
		if found >= 0 {
			next = found + 1
			f.countWords(a.BlockOf(found), counts)
			continue
		}
		f.countText(&l, b.Text, counts)
	}
}

// FindVariants returns how often each variant of groups occurs in text,
// keyed by variant name; variants that do not occur are left out. Case is
// ignored and words are matched whole ("login" is not found in
// "logins").
func FindVariants(text string, groups []VariantGroup) map[string]int {
	counts := map[string]int{}
	NewVariantFinder(groups).Count(text, counts)
	return counts
}
