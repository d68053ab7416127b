package text

import (
	"strings"
	"unicode/utf8"
)

// Word is one word of a text, as Words finds it, with its lower-case form.
type Word struct {
	// Lower is the word lower-cased, with typographic apostrophes made
	// straight: the form word lists are matched against.
	Lower string
	// Start and End are the word's byte range in its text.
	Start, End int

	hash uint64 // of Lower (FNV-1a)
}

// wordList collects words with their lower-case forms. The forms that
// differ from the text are written into one buffer, turned into a string
// once by done, so that lower-casing costs no allocation per word.
type wordList struct {
	words []Word
	arena []byte
	fix   []arenaRef
}

// arenaRef says that words[word].Lower is arena[start:end].
type arenaRef struct{ word, start, end int }

// reset empties the list, keeping its buffers.
func (l *wordList) reset() {
	l.words, l.arena, l.fix = l.words[:0], l.arena[:0], l.fix[:0]
}

// addToken adds the words of the token s[a:b]; link is false when it
// cannot be a URL or an e-mail address.
func (l *wordList) addToken(s string, a, b int, link bool) {
	// Most tokens are one word of ASCII letters and digits, or one with
	// a mark after it ("word,", "end."): splitToken would find that word.
	if tok := s[a:b]; !link || !isLinkLike(tok) {
		n := 0
		for n < len(tok) && tok[n] < utf8.RuneSelf && asciiWord[tok[n]] {
			n++
		}
		switch {
		case n > 0 && n == len(tok):
			l.add(s, a, b)
			return
		case n > 0 && n == len(tok)-1 && tok[n] < utf8.RuneSelf:
			l.add(s, a, a+n)
			return
		}
	}
	var buf [16]span
	for _, sp := range appendTokenWords(buf[:0], s[a:b], a, link) {
		l.add(s, sp.start, sp.end)
	}
}

// addText adds the words of s.
func (l *wordList) addText(s string) {
	for i := 0; i < len(s); {
		a, b, link := nextToken(s, i)
		if a == b {
			break
		}
		l.addToken(s, a, b, link)
		i = b
	}
}

// add adds the word s[a:b].
func (l *wordList) add(s string, a, b int) {
	w := s[a:b]
	// Lower-case and hash an ASCII word in one pass.
	h, same := uint64(fnvOffset), true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			lower := normWord(w)
			l.addLower(a, b, lower, hashString(lower))
			return
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
			same = false
		}
		h = (h ^ uint64(c)) * fnvPrime
	}
	if same {
		l.words = append(l.words, Word{Lower: w, Start: a, End: b, hash: h})
		return
	}
	start := len(l.arena)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		l.arena = append(l.arena, c)
	}
	l.fix = append(l.fix, arenaRef{len(l.words), start, len(l.arena)})
	l.words = append(l.words, Word{Start: a, End: b, hash: h})
}

// addLower adds the word at [a, b) whose lower-case form, lower, differs
// from it.
func (l *wordList) addLower(a, b int, lower string, h uint64) {
	start := len(l.arena)
	l.arena = append(l.arena, lower...)
	l.fix = append(l.fix, arenaRef{len(l.words), start, len(l.arena)})
	l.words = append(l.words, Word{Start: a, End: b, hash: h})
}

// hashString returns the FNV-1a hash of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// done sets the lower-case forms kept in the buffer and returns the
// words.
func (l *wordList) done() []Word {
	if len(l.fix) > 0 {
		arena := string(l.arena)
		for _, f := range l.fix {
			l.words[f.word].Lower = arena[f.start:f.end]
		}
		l.fix = l.fix[:0]
	}
	l.arena = l.arena[:0]
	return l.words
}

// normWord lower-cases w and makes its typographic apostrophes straight.
func normWord(w string) string {
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}

// normWords returns the lower-case words of s, with typographic
// apostrophes made straight.
func normWords(s string) []string {
	var l wordList
	l.addText(s)
	ws := l.done()
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Lower
	}
	return out
}
