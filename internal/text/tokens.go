package text

import (
	"math/bits"
	"strings"
)

// Word is one word of a text, as Words finds it, with its lower-case form.
type Word struct {
	// Lower is the word lower-cased, with typographic apostrophes made
	// straight: the form word lists are matched against.
	Lower string
	// Start and End are the word's byte range in its text.
	Start, End int

	hash uint64 // of Lower (hashString)
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
	if (!link || !isLinkLike(s[a:b])) && l.addPlain(s, a, b) {
		return
	}
	var buf [16]span
	for _, sp := range appendTokenWords(buf[:0], s[a:b], a, link) {
		l.add(s, sp.start, sp.end)
	}
}

// addPlain adds the word of the token s[a:b] when the token is ASCII
// letters and digits, maybe followed by one other ASCII byte, and reports
// whether it was. It reads the token eight bytes at a time, lower-casing
// and hashing the word as add does.
func (l *wordList) addPlain(s string, a, b int) bool {
	if a == b {
		return false
	}
	h := uint64(hashSeed)
	upper := false
	end := b // the word's end
	for i := a; i < b; i += chunkSize {
		c := chunkAt(s, i, b)
		if c&highBits != 0 {
			return false
		}
		n := min(b-i, chunkSize)
		if other := ^alnumBits(c) & (highBits >> (8 * (chunkSize - n))); other != 0 {
			// Not a letter or digit: only the token's last byte may be
			// one, after at least one that is.
			k := i + bits.TrailingZeros64(other)/8
			if k != b-1 || k == a {
				return false
			}
			end = k
			c &= 1<<(8*(k-i)) - 1
		}
		c, up := lowerChunk(c)
		upper = upper || up
		if end > i {
			h = hashChunk(h, c)
		}
	}
	l.push(s, a, end, hashEnd(h, end-a), upper)
	return true
}

// alnumBits returns the high bit of each byte of c (all of them ASCII)
// that is a letter or a digit (see upperBits).
func alnumBits(c uint64) uint64 {
	digit := (c + lowBits*0x50) &^ (c + lowBits*0x46)
	lower := (c + lowBits*0x1f) &^ (c + lowBits*0x05)
	return (digit | upperBits(c) | lower) & highBits
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
	// Lower-case and hash an ASCII word eight bytes at a time, as
	// hashString hashes its lower-case form.
	h := uint64(hashSeed)
	upper := false
	for i := a; i < b; i += chunkSize {
		c := chunkAt(s, i, b)
		if c&highBits != 0 {
			lower := normWord(s[a:b])
			l.addLower(a, b, lower, hashString(lower))
			return
		}
		c, up := lowerChunk(c)
		upper = upper || up
		h = hashChunk(h, c)
	}
	l.push(s, a, b, hashEnd(h, b-a), upper)
}

// push adds the ASCII word s[a:b] whose hash is h; upper says whether it
// has an upper-case letter, so that its lower-case form differs from it.
func (l *wordList) push(s string, a, b int, h uint64, upper bool) {
	if !upper {
		l.words = append(l.words, Word{Lower: s[a:b], Start: a, End: b, hash: h})
		return
	}
	start := len(l.arena)
	for i := a; i < b; i++ {
		c := s[i]
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

// The word hash: the bytes of a lower-case word, eight at a time (the last
// ones padded with zeros), each chunk mixed in with a multiplication, the
// length and a SplitMix64 finaliser at the end, so that all 64 bits of
// the hash are usable (the syllable cache takes the low bits, the phrase
// matcher's filter the high ones, the fingerprint all).
const (
	hashSeed  = 0x243f6a8885a308d3
	hashMul   = 0x9e3779b97f4a7c15
	lowBits   = 0x0101010101010101
	highBits  = 0x8080808080808080
	chunkSize = 8
)

// hashString returns the word hash of s.
func hashString(s string) uint64 {
	h := uint64(hashSeed)
	for i := 0; i < len(s); i += chunkSize {
		h = hashChunk(h, chunkAt(s, i, len(s)))
	}
	return hashEnd(h, len(s))
}

// hashChunk mixes the chunk c into h.
func hashChunk(h, c uint64) uint64 {
	h = (h ^ c) * hashMul
	return h ^ h>>32
}

// hashEnd finishes the hash h of n bytes.
func hashEnd(h uint64, n int) uint64 {
	return mix64(h ^ uint64(n))
}

// chunkAt returns the bytes s[i:min(i+8, end)] as a little-endian
// uint64, zeros after end.
func chunkAt(s string, i, end int) uint64 {
	if i+chunkSize <= len(s) {
		c := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if n := end - i; n < chunkSize {
			c &= 1<<(8*n) - 1
		}
		return c
	}
	var c uint64
	for k := i; k < end; k++ {
		c |= uint64(s[k]) << (8 * (k - i))
	}
	return c
}

// lowerChunk lower-cases the ASCII letters of c (all of its bytes ASCII)
// and reports whether it had an upper-case one.
func lowerChunk(c uint64) (uint64, bool) {
	u := upperBits(c)
	return c | u>>2, u != 0 // 0x80 >> 2 is 'a' - 'A'
}

// upperBits returns the high bit of each byte of c (all of them ASCII)
// that is an upper-case letter: 'A'+0x3f and '['+0x25 are the first bytes
// over 0x7f, and no sum carries into the next byte.
func upperBits(c uint64) uint64 {
	return (c + lowBits*0x3f) &^ (c + lowBits*0x25) & highBits
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
