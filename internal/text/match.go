package text

import (
	"slices"
	"strings"
)

// Match is one occurrence of a phrase in a text.
type Match struct {
	Phrase     int // index of the phrase in the list the Matcher was built from
	Start, End int // byte range of the occurrence in the text
}

// Matcher finds phrases in text, word by word: case is ignored, any white
// space or line break may separate the words of a phrase, and a phrase
// never matches part of a word ("use" is not found in "user" or
// "re-use"). Build one with NewMatcher and reuse it; it is safe for
// concurrent use.
//
// Words are compared by the hashes of their lower-case forms (Word.hash),
// and a phrase found is then checked word by word.
type Matcher struct {
	// byStart holds the phrases by the hash of their first word and, for
	// phrases of two words or more, of their second (startKey).
	byStart map[uint64][]pattern
	// starts is a filter of the keys of byStart: a key whose bit
	// (firstBit) is clear starts no phrase, and is passed over without a
	// map look-up ("in" starts phrases, "in the" few).
	starts [firstBits / 64]uint64
	// firsts is the same filter of the phrases' first words: most words
	// start none, and are passed over at once.
	firsts [firstBits / 64]uint64
}

// startKey returns the key of a phrase's start in Matcher.byStart: its
// first word's hash, mixed with its second's for a longer phrase (second
// is 0 for a phrase of one word).
func startKey(first, second uint64) uint64 {
	if second == 0 {
		return first
	}
	return mix64(first ^ mix64(second+0x9E3779B97F4A7C15))
}

// firstBits is the size of a Matcher's filter of first words.
const firstBits = 1 << 14

// firstBit returns the bit of the filter of first words for a word's
// hash.
func firstBit(h uint64) uint { return uint(h >> (64 - 14)) }

// keyHash mixes a word's length and its first, middle and last bytes into
// a number of the given bits, for the filters of word sets.
func keyHash(n int, first, mid, last byte, bits uint) uint {
	h := uint64(n) | uint64(first)<<8 | uint64(mid)<<16 | uint64(last)<<24
	return uint((h * 0x9E3779B97F4A7C15) >> (64 - bits))
}

// PhraseOptions says how a phrase is matched.
type PhraseOptions struct {
	// Inflect also matches the usual inflections of the phrase's last word
	// when it has at least 5 letters: "utilize" finds "utilizes",
	// "utilized", "utilizing"; "methodology" finds "methodologies".
	Inflect bool
}

type pattern struct {
	id   int
	toks [][]wordForm // accepted forms of each word: one, or a few inflections
}

// wordForm is an accepted form of a phrase's word, with its hash.
type wordForm struct {
	hash uint64
	word string
}

// NewMatcher prepares a matcher for phrases. Phrases without a word never
// match.
func NewMatcher(phrases []string, opt PhraseOptions) *Matcher {
	m := &Matcher{byStart: map[uint64][]pattern{}}
	for id, ph := range phrases {
		words := normWords(ph)
		if len(words) == 0 {
			continue
		}
		p := pattern{id: id, toks: make([][]wordForm, len(words))}
		for i, w := range words {
			forms := []string{w}
			if opt.Inflect && i == len(words)-1 && letters(w) >= 5 {
				forms = inflections(w)
			}
			for _, f := range forms {
				if wf := (wordForm{hashString(f), f}); !slices.Contains(p.toks[i], wf) {
					p.toks[i] = append(p.toks[i], wf)
				}
			}
		}
		seconds := []wordForm{{}}
		if len(p.toks) > 1 {
			seconds = p.toks[1]
		}
		for _, f := range p.toks[0] {
			b := firstBit(f.hash)
			m.firsts[b/64] |= 1 << (b % 64)
			for _, g := range seconds {
				k := startKey(f.hash, g.hash)
				m.byStart[k] = append(m.byStart[k], p)
				b := firstBit(k)
				m.starts[b/64] |= 1 << (b % 64)
			}
		}
	}
	return m
}

// FindAll returns the occurrences of the phrases in s, left to right,
// never overlapping; where two phrases start at the same word the longer
// one wins.
func (m *Matcher) FindAll(s string) []Match {
	if m == nil || len(m.byStart) == 0 {
		return nil
	}
	var l wordList
	l.addText(s)
	words := l.done()
	var out []Match
	m.find(words, func(id, i, j int) {
		out = append(out, Match{Phrase: id, Start: words[i].Start, End: words[j-1].End})
	})
	return out
}

// find calls found with the phrase and the word range [i, j) of each
// occurrence of a phrase in words, as FindAll finds them.
func (m *Matcher) find(words []Word, found func(id, i, j int)) {
	if m == nil || len(m.byStart) == 0 {
		return
	}
	for i := 0; i < len(words); {
		if b := firstBit(words[i].hash); m.firsts[b/64]&(1<<(b%64)) == 0 {
			i++
			continue
		}
		best, bestLen := m.longestAt(words, i)
		if best < 0 {
			i++
			continue
		}
		found(best, i, i+bestLen)
		i += bestLen
	}
}

// sameForm reports whether w is one of forms: same hash, same word. A
// phrase's word has one form, or a few inflections: a list is quicker to
// read than a map.
func sameForm(forms []wordForm, w Word) bool {
	for _, f := range forms {
		if f.hash == w.hash && f.word == w.Lower {
			return true
		}
	}
	return false
}

// longestAt returns the longest phrase that starts at words[i], and its
// length in words; id is -1 when none does. A later phrase of the same
// length does not replace an earlier one: the first phrase listed wins.
func (m *Matcher) longestAt(words []Word, i int) (id, length int) {
	id = -1
	// The phrases of two words or more that start with these two words,
	// then those of one word.
	keys := [2]uint64{0, words[i].hash}
	if i+1 < len(words) {
		keys[0] = startKey(words[i].hash, words[i+1].hash)
	}
	for _, k := range keys {
		if b := firstBit(k); k == 0 || m.starts[b/64]&(1<<(b%64)) == 0 {
			continue
		}
		for _, p := range m.byStart[k] {
			if len(p.toks) <= length || i+len(p.toks) > len(words) {
				continue
			}
			ok := true
			for k, forms := range p.toks {
				if w := words[i+k]; !sameForm(forms, w) {
					ok = false
					break
				}
			}
			if ok {
				id, length = p.id, len(p.toks)
			}
		}
	}
	return id, length
}

// inflections returns w and its regular inflections: plural and third
// person ("-s", "-es", "-ies"), past ("-ed", "-d", "-ied", a doubled
// final consonant) and present participle ("-ing").
func inflections(w string) []string {
	out := []string{w, w + "s", w + "es", w + "ed", w + "ing"}
	n := len(w)
	last := w[n-1]
	switch {
	case last == 'e':
		out = append(out, w+"d", w[:n-1]+"ing")
	case last == 'y' && n > 1 && !isVowelByte(w[n-2]):
		out = append(out, w[:n-1]+"ies", w[:n-1]+"ied")
	case n > 2 && !isVowelByte(last) && isVowelByte(w[n-2]) && !isVowelByte(w[n-3]) && !strings.ContainsRune("wxy", rune(last)):
		out = append(out, w+string(last)+"ed", w+string(last)+"ing") // "commit" → "committed"
	}
	return out
}
