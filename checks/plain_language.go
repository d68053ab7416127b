package checks

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
)

//go:embed data/plain-language.txt
var plainLanguageData string

// Pair is a complex word or phrase and its plain alternative.
type Pair struct {
	Phrase      string // "utilize", "in order to"
	Replacement string // "use", "to"
}

// ParsePairs reads pairs, one a line as "phrase => replacement"; blank
// lines and lines starting with "#" are skipped.
func ParsePairs(data string) ([]Pair, error) {
	var out []Pair
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		phrase, repl, ok := strings.Cut(line, "=>")
		phrase, repl = collapseSpace(phrase), collapseSpace(repl)
		if !ok || phrase == "" || repl == "" || text.WordCount(phrase) == 0 {
			return nil, fmt.Errorf("line %d: want \"phrase => replacement\", got %q", i+1, line)
		}
		out = append(out, Pair{Phrase: phrase, Replacement: repl})
	}
	return out, nil
}

// plainLanguagePairs are the built-in pairs.
var plainLanguagePairs = sync.OnceValue(func() []Pair {
	pairs, err := ParsePairs(plainLanguageData)
	if err != nil {
		panic("checks/data/plain-language.txt: " + err.Error())
	}
	return pairs
})

// pairMatcher finds a list of pairs' phrases.
type pairMatcher struct {
	pairs []Pair
	m     *text.Matcher
}

func newPairMatcher(pairs []Pair, opt text.PhraseOptions) *pairMatcher {
	phrases := make([]string, len(pairs))
	for i, p := range pairs {
		phrases[i] = p.Phrase
	}
	return &pairMatcher{pairs: pairs, m: text.NewMatcher(phrases, opt)}
}

var defaultPairMatcher = sync.OnceValue(func() *pairMatcher {
	return newPairMatcher(plainLanguagePairs(), text.PhraseOptions{Inflect: true})
})

// PlainLanguage reports complex words and phrases that have plain
// alternatives ("utilize" → "use", "in order to" → "to") in the main
// content of each page.
type PlainLanguage struct {
	// Extra pairs are looked for besides the built-in list; where both
	// list a phrase, the built-in replacement is shown.
	Extra []Pair
}

// Meta implements Check.
func (PlainLanguage) Meta() Meta {
	return Meta{
		ID:           "plain-language",
		Title:        "Text uses plain words",
		FailureTitle: "Text uses complex words where plain ones would do",
		Description: "Words like \"utilize\", \"commence\" or \"in order to\" make readers work harder for nothing, " +
			"and people who read in a second language or with dyslexia most of all. Use the everyday word: " +
			"\"use\", \"start\", \"to\".",
		Category: "wording", Mode: Binary, Scope: PageScope,
	}
}

func (c PlainLanguage) matcher() *pairMatcher {
	if len(c.Extra) == 0 {
		return defaultPairMatcher()
	}
	return newPairMatcher(append(append([]Pair(nil), plainLanguagePairs()...), c.Extra...), text.PhraseOptions{Inflect: true})
}

// maxPhraseSnippets is the number of contexts shown per phrase.
const maxPhraseSnippets = 3

func (PlainLanguage) readsText() bool { return true }

// CheckPage implements PageCheck.
func (c PlainLanguage) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	a, na := englishText(p)
	if na != nil {
		return *na, nil
	}
	return Result{Findings: phraseFindings("plain-language", p.URL, a, c.matcher(), func(_ int, pair Pair, found string, n int) (string, string, Severity) {
		msg := fmt.Sprintf("%q could be plainer: %s", found, pair.Replacement)
		if n > 1 {
			msg = fmt.Sprintf("%q (%d times) could be plainer: %s", found, n, pair.Replacement)
		}
		return "complex-phrase", msg, Low
	})}, nil
}

// phraseFindings returns one finding per distinct phrase of m found in
// content, in order of first occurrence, with its count and the context
// of its first occurrences, in the analysed main content a. say writes the finding's kind, message and
// severity from the pair (and its index in m), the text as found first,
// and the count.
func phraseFindings(check, page string, a *text.Analysis, m *pairMatcher,
	say func(i int, pair Pair, found string, n int) (kind, msg string, sev Severity)) []Finding {
	type hit struct {
		found    string
		sel      string
		count    int
		snippets []string
	}
	hits := map[int]*hit{}
	var order []int
	for _, mt := range a.Find(m.m) {
		b := a.Blocks[mt.Block]
		h := hits[mt.Phrase]
		if h == nil {
			h = &hit{found: b.Text[mt.Start:mt.End], sel: cssSelector(b.Node)}
			hits[mt.Phrase] = h
			order = append(order, mt.Phrase)
		}
		h.count++
		if len(h.snippets) < maxPhraseSnippets {
			h.snippets = append(h.snippets, text.Snippet(b.Text, mt.Start, mt.End, 80))
		}
	}
	var out []Finding
	for _, i := range order {
		h, pair := hits[i], m.pairs[i]
		kind, msg, sev := say(i, pair, collapseSpace(h.found), h.count)
		f := NewFinding(check, page, "", kind+"\x00"+strings.ToLower(pair.Phrase), sev, msg,
			Evidence{Kind: kind, Selector: h.sel, Items: h.snippets})
		if h.count > 1 {
			f.Count = h.count
		}
		out = append(out, f)
	}
	return out
}
