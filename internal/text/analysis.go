package text

import (
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Analysis is the measure of a page's main content, made once in the
// gathering step for every content check to read: its blocks, words,
// sentences with their counts and passive constructions, the readability
// statistics, its long words and its fingerprint.
//
// Blocks, Words and Sentences are large and hold the page's DOM nodes:
// they are for the page checks only. The figures a site check needs after
// the page is dropped (word count, fingerprint) are small.
type Analysis struct {
	// Blocks are the main content's blocks, as Text returns them.
	Blocks []Block
	// Words are the words of all blocks, in order; a Word's Start and End
	// are in its block's text.
	Words []Word
	// BlockWords[i] is the index in Words of block i's first word; it has
	// len(Blocks)+1 entries, the last being len(Words).
	BlockWords []int
	// Sentences are the sentences of all blocks, in order.
	Sentences []Sentence
	// Stats are the readability statistics of the sentences of
	// MinSentenceWords words or more.
	Stats Stats
	// Passives counts the sentences of MinSentenceWords words or more that
	// have a passive construction.
	Passives int
	// LongWords are the words of more than LongWordLetters letters (see
	// LongWords), each once whatever its case, as first written.
	LongWords []string
	// Fingerprint is the hashes of the blocks' text (see Fingerprints).
	Fingerprint Fingerprint

	// From the Content: see Content.root and Content.keptOut.
	root    *html.Node
	keptOut []*html.Node

	// Memory kept for the next analysis made with this one (see Redo).
	scratch struct {
		words     wordList
		paras     []span
		collect   collector
		rest      []Block  // the blocks of the rest of the page (CountPage)
		restWords wordList // and their words
		// syllables caches the syllable counts of the words seen, from
		// page to page (a site's pages share most of their words).
		syllables *syllableCache
	}
}

// syllableCache remembers the syllable counts of recent words by the hash
// of their lower-case form, in sets of two slots: a word takes a set by
// its hash's low bits and the first slot of it, moving the word there to
// the second, in place of the one before (so that two words of a page
// that share a set both stay). A collision of two 64-bit hashes among a
// site's words is too unlikely to matter.
type syllableCache [1 << 12]struct {
	hash      uint64 // 0: an empty slot
	syllables int
}

// count returns the syllables of the lower-case word w whose hash is h.
func (c *syllableCache) count(w string, h uint64) int {
	i := h & (uint64(len(c)) - 2)
	if c[i].hash == h && h != 0 {
		return c[i].syllables
	}
	if c[i+1].hash == h && h != 0 {
		c[i], c[i+1] = c[i+1], c[i]
		return c[i].syllables
	}
	n := 1
	if !IsNumber(w) {
		n = lowerSyllables(w)
	}
	c[i+1] = c[i]
	c[i].hash, c[i].syllables = h, n
	return n
}

// RedoDocument analyses the main content of doc into a, as
// AnalyseDocument does, reusing the memory of a's previous analysis.
func (a *Analysis) RedoDocument(doc *goquery.Document) *Analysis {
	return a.Redo(a.scratch.collect.collect(MainContent(doc).Nodes, false, nil, a.Blocks[:0], a.keptOut))
}

// Release drops what a holds of the page it analysed (its document's
// nodes, its text), keeping its memory for the next RedoDocument.
func (a *Analysis) Release() {
	clear(a.Blocks[:cap(a.Blocks)])
	clear(a.scratch.rest[:cap(a.scratch.rest)])
	clear(a.keptOut[:cap(a.keptOut)])
	a.Blocks, a.scratch.rest, a.keptOut = a.Blocks[:0], a.scratch.rest[:0], a.keptOut[:0]
	a.root = nil
}

// AnalyseDocument analyses the main content of a parsed page (see
// MainContent and Text).
func AnalyseDocument(doc *goquery.Document) *Analysis {
	return Analyse(Text(MainContent(doc)))
}

// Analyse measures content in one pass over its text. The results are
// those of the functions that measure one string: Words, Sentences (per
// block, as Content.Sentences), Count, Passive, LongWords and
// Fingerprints.
func Analyse(c Content) *Analysis {
	return new(Analysis).Redo(c)
}

// Redo analyses c into a, as Analyse does, reusing the memory of a's
// previous analysis: that analysis's slices are overwritten. It returns a.
func (a *Analysis) Redo(c Content) *Analysis {
	*a = Analysis{Blocks: c.Blocks, BlockWords: a.BlockWords[:0], Sentences: a.Sentences[:0], scratch: a.scratch,
		root: c.root, keptOut: c.keptOut}
	z := &a.scratch
	size := 0
	for _, b := range c.Blocks {
		size += len(b.Text)
	}
	// Room for the usual five or six bytes a word, so that the lists
	// rarely grow.
	l := &z.words
	l.reset()
	l.words = slices.Grow(l.words, size/5+8)
	a.Sentences = slices.Grow(a.Sentences, size/60+4)
	var seenLong map[string]bool
	for bi, b := range c.Blocks {
		s := b.Text
		a.BlockWords = append(a.BlockWords, len(l.words))
		z.paras = appendParagraphs(z.paras[:0], s)
		for _, pr := range z.paras {
			// The sentences as Sentences splits them, the words added
			// token by token.
			toks := newSentenceTokens(s[:pr.end], pr.start)
			first, from := len(l.words), -1 // the sentence's first word and byte
			for {
				i, j, link, ends, ok := toks.scan()
				if !ok {
					break
				}
				if from < 0 {
					from = i
				}
				l.addToken(s, i, j, link)
				if ends {
					if len(l.words) > first { // else no word: not a sentence
						a.Sentences = append(a.Sentences, Sentence{
							Text: s[from:j], Block: bi, First: first, Words: len(l.words) - first,
						})
					}
					first, from = len(l.words), -1
				}
			}
		}
	}
	a.Words = l.done()
	a.BlockWords = append(a.BlockWords, len(a.Words))
	// Pages repeat their words ("the", "and", the product's name): most
	// words' syllables are counted once a site, not once a use.
	if z.syllables == nil {
		z.syllables = new(syllableCache)
	}
	syllables := z.syllables
	// Every word is in a sentence: one loop over the sentences' words
	// counts syllables and finds the long words, in the order of the text.
	for i := range a.Sentences {
		st := &a.Sentences[i]
		words := a.Words[st.First : st.First+st.Words]
		text := a.Blocks[st.Block].Text
		counted := st.Words >= MinSentenceWords
		for _, w := range words {
			st.Syllables += syllables.count(w.Lower, w.hash)
			if w.End-w.Start <= LongWordLetters {
				continue // isLongWord's first test, without the call
			}
			if word := text[w.Start:w.End]; isLongWord(word) {
				if counted {
					a.Stats.LongWords++
				}
				if seenLong == nil {
					seenLong = map[string]bool{}
				}
				if lw := strings.ToLower(word); !seenLong[lw] {
					seenLong[lw] = true
					a.LongWords = append(a.LongWords, word)
				}
			}
		}
		if i, j, ok := passiveIn(words); ok {
			st.Passive = text[words[i].Start:words[j-1].End]
		}
		if !counted {
			continue
		}
		a.Stats.Sentences++
		a.Stats.Words += st.Words
		a.Stats.Syllables += st.Syllables
		if st.Passive != "" {
			a.Passives++
		}
	}
	a.Fingerprint = fingerprintWords(a.Words)
	return a
}

// BlockOf returns the words of block i.
func (a *Analysis) BlockOf(i int) []Word {
	return a.Words[a.BlockWords[i]:a.BlockWords[i+1]]
}

// SentenceWords returns the words of a sentence of a.
func (a *Analysis) SentenceWords(s Sentence) []Word {
	return a.Words[s.First : s.First+s.Words]
}

// BlockMatch is an occurrence of a phrase in a block of an Analysis:
// Start and End are in the block's text.
type BlockMatch struct {
	Match
	Block int
}

// Find returns the occurrences of m's phrases in the blocks, block by
// block as FindAll finds them in each block's text.
func (a *Analysis) Find(m *Matcher) []BlockMatch {
	var out []BlockMatch
	for b := range a.Blocks {
		words := a.BlockOf(b)
		m.find(words, func(id, i, j int) {
			out = append(out, BlockMatch{Match: Match{Phrase: id, Start: words[i].Start, End: words[j-1].End}, Block: b})
		})
	}
	return out
}
