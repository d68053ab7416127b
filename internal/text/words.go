// Package text measures English prose for the content and word-choice
// checks: the main content of a page as blocks of text, sentences that
// survive abbreviations and numbers, words, syllables, the Flesch formulas,
// passive constructions, and phrase matching for word lists.
//
// Everything here is pure: it reads strings (or a parsed document) and keeps
// nothing. Analyse measures a page's main content in one pass, for all the
// content checks to read.
package text

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a word's position in a string: s[start:end].
type span struct{ start, end int }

// Words returns the words of s, in order. A word is a run of letters and
// digits, joined through apostrophes, hyphens and (between letters or
// digits) periods and commas: "well-known", "don't", "3.14", "1,000" and
// "U.S" are one word each. A URL or an e-mail address is one word. Dashes,
// slashes and ellipses separate words; punctuation around a word is not
// part of it. Numbers are words, as textstat counts them.
func Words(s string) []string {
	var out []string
	for _, sp := range appendWords(nil, s) {
		out = append(out, s[sp.start:sp.end])
	}
	return out
}

// WordCount returns len(Words(s)) without building the slice.
func WordCount(s string) int {
	n := 0
	var buf [16]span
	for i := 0; i < len(s); {
		a, b, link := nextToken(s, i)
		if a == b {
			break
		}
		n += len(appendTokenWords(buf[:0], s[a:b], a, link))
		i = b
	}
	return n
}

// hasWord reports whether s has a word.
func hasWord(s string) bool {
	var buf [16]span
	for i := 0; i < len(s); {
		a, b, link := nextToken(s, i)
		if a == b {
			return false
		}
		if len(appendTokenWords(buf[:0], s[a:b], a, link)) > 0 {
			return true
		}
		i = b
	}
	return false
}

// appendWords appends the spans of the words of s to dst.
func appendWords(dst []span, s string) []span {
	for i := 0; i < len(s); {
		a, b, link := nextToken(s, i)
		if a == b {
			break
		}
		dst = appendTokenWords(dst, s[a:b], a, link)
		i = b
	}
	return dst
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// Byte classes for nextToken.
const (
	classWord  = iota // any other ASCII byte
	classSpace        // ASCII white space
	classLink         // ':', '@' and '.', found in URLs and e-mail addresses
	classHigh         // part of a non-ASCII rune
)

// byteClass is the class of each byte.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = classHigh
		case asciiSpace[c]:
			t[c] = classSpace
		case c == ':' || c == '@' || c == '.':
			t[c] = classLink
		}
	}
	return t
}()

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

// isSpaceAt reports whether a white-space rune starts at s[i], and its
// size.
func isSpaceAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiSpace[c], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}

// nextToken returns the byte range of the first white-space delimited
// token of s at or after i; a == b when there is none. maybeLink is false
// when the token cannot be a URL or an e-mail address: it has no ':' or
// '@', and no '.' but maybe one that ends it. (A token that isLinkLike
// for its trailing period alone is "www." after openers, whose one word
// is "www" either way.)
func nextToken(s string, i int) (a, b int, maybeLink bool) {
	for i < len(s) {
		switch byteClass[s[i]] {
		case classSpace:
			i++
			continue
		case classHigh:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		break
	}
	j := i
	for {
		// Runs of plain word bytes first: most of a token, eight bytes at
		// a time.
		for j+chunkSize <= len(s) {
			stop := tokenStops(chunkAt(s, j, j+chunkSize))
			if stop != 0 {
				j += bits.TrailingZeros64(stop) / 8
				break
			}
			j += chunkSize
		}
		for j < len(s) && byteClass[s[j]] == classWord {
			j++
		}
		if j == len(s) {
			break
		}
		if c := byteClass[s[j]]; c == classLink {
			// Most sentences end with a period after a word: that
			// period alone makes no link.
			if s[j] != '.' || j+1 < len(s) && byteClass[s[j+1]] != classSpace {
				maybeLink = true
			}
			j++
			continue
		} else if c == classHigh {
			if r, size := utf8.DecodeRuneInString(s[j:]); !unicode.IsSpace(r) {
				j += size
				continue
			}
		}
		break
	}
	return i, j, maybeLink
}

// tokenStops returns the high bit of each byte of c that is not of
// classWord: white space, ':', '@', '.' or a byte of a non-ASCII rune.
func tokenStops(c uint64) uint64 {
	high := c & highBits
	c &^= highBits                                                       // now no sum below carries into the next byte
	controls := (c + lowBits*(0x80-'\t')) &^ (c + lowBits*(0x80-'\r'-1)) // \t, \n, \v, \f, \r
	return high | (zeroBytes(c^lowBits*' ')|zeroBytes(c^lowBits*':')|zeroBytes(c^lowBits*'@')|
		zeroBytes(c^lowBits*'.')|controls)&highBits
}

// zeroBytes returns x with the high bit set in each byte that is zero
// (and other bits set): x must have no byte over 0x7f.
func zeroBytes(x uint64) uint64 { return ^(x + lowBits*0x7f) }

// appendTokenWords appends the spans of the words of tok, a white-space
// delimited token found at offset off, to dst; maybeLink is false when tok
// is known not to be a URL or an e-mail address.
func appendTokenWords(dst []span, tok string, off int, maybeLink bool) []span {
	if maybeLink && isLinkLike(tok) {
		if a, b := trimPunct(tok); a < b {
			dst = append(dst, span{off + a, off + b})
		}
		return dst
	}
	return splitToken(dst, tok, off)
}

// isLinkLike reports whether a white-space delimited token is a URL or an
// e-mail address, which count as one word whatever their punctuation.
func isLinkLike(tok string) bool {
	t := trimOpeners(tok)
	if len(t) < 4 {
		return linkLikeSlow(t)
	}
	// The prefixes are ASCII: compare them without lower-casing, unless a
	// non-ASCII rune (which might lower-case to ASCII) is among the first
	// bytes.
	for i := 0; i < min(len(t), 8); i++ {
		if t[i] >= utf8.RuneSelf {
			return linkLikeSlow(t)
		}
	}
	if hasPrefixFold(t, "http://") || hasPrefixFold(t, "https://") || hasPrefixFold(t, "www.") || hasPrefixFold(t, "mailto:") {
		return true
	}
	// Lower-casing moves no '@' or '.', nor makes one.
	at := strings.IndexByte(t, '@')
	return at > 0 && strings.IndexByte(t[at:], '.') > 1
}

// linkLikeSlow is isLinkLike on a token without its openers.
func linkLikeSlow(t string) bool {
	t = strings.ToLower(t)
	switch {
	case strings.HasPrefix(t, "http://"), strings.HasPrefix(t, "https://"), strings.HasPrefix(t, "www."):
		return true
	case strings.HasPrefix(t, "mailto:"):
		return true
	}
	at := strings.IndexByte(t, '@')
	return at > 0 && strings.IndexByte(t[at:], '.') > 1
}

// trimOpeners returns tok without its leading brackets and quotes, as
// strings.TrimLeft(tok, "(<[\"'“‘") does.
func trimOpeners(tok string) string {
	for len(tok) > 0 {
		switch c := tok[0]; {
		case c == '(' || c == '<' || c == '[' || c == '"' || c == '\'':
			tok = tok[1:]
		case strings.HasPrefix(tok, "“") || strings.HasPrefix(tok, "‘"):
			tok = tok[len("“"):]
		default:
			return tok
		}
	}
	return tok
}

// hasPrefixFold reports whether s starts with the lower-case ASCII prefix,
// ignoring the case of ASCII letters in s.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// runeAt decodes the rune at s[i] (utf8.RuneError at the end of s).
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// runeBefore decodes the rune that ends at s[i].
func runeBefore(s string, i int) rune {
	if i == 0 {
		return utf8.RuneError
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// splitToken appends to dst the spans of the words of tok, a token without
// white space found at offset off.
func splitToken(dst []span, tok string, off int) []span {
	start := -1 // start of the current word, -1 outside one
	last := 0   // end of the last letter or digit of the current word
	seg := 0    // word runes since the last joiner
	for i := 0; i < len(tok); {
		var r rune
		size := 1
		word := false
		if c := tok[i]; c < utf8.RuneSelf {
			r, word = rune(c), asciiWord[c]
		} else {
			r, size = utf8.DecodeRuneInString(tok[i:])
			word = isWordRune(r)
		}
		switch {
		case word:
			if start < 0 {
				start = i
			}
			if last != i {
				seg = 0
			}
			seg++
			last = i + size
		case start >= 0 && isJoiner(r) && last == i:
			// A joiner continues the word only between two word runes:
			// "don't", "e-mail", "3.14", "1,000", "U.S".
			if i+size < len(tok) {
				next, _ := runeAt(tok, i+size)
				if isWordRune(next) && joins(r, runeBefore(tok, i), next, seg) {
					break
				}
			}
			dst = append(dst, span{off + start, off + last})
			start = -1
		default:
			if start >= 0 {
				dst = append(dst, span{off + start, off + last})
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, span{off + start, off + last})
	}
	return dst
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports whether r may join two parts of one word.
func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '‑', '.', ',', '&':
		return true
	}
	return false
}

// joins reports whether the joiner r between prev and next keeps one word;
// seg is the number of word runes before r since the previous joiner.
func joins(r, prev, next rune, seg int) bool {
	switch r {
	case ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next) // 1,000
	case '.':
		// 3.14 and U.S, e.g, a.m (dotted initialisms), not "end.Next":
		// a period joins digits, or a single letter to the next letter.
		return unicode.IsDigit(prev) && unicode.IsDigit(next) || seg == 1 && unicode.IsLetter(prev) && unicode.IsLetter(next)
	case '&':
		return unicode.IsUpper(prev) && unicode.IsUpper(next) // AT&T, R&D
	}
	return true
}

// trimPunct returns the range of tok without leading and trailing
// punctuation.
func trimPunct(tok string) (int, int) {
	a, b := 0, len(tok)
	for a < b {
		r, size := runeAt(tok, a)
		if isWordRune(r) {
			break
		}
		a += size
	}
	for b > a {
		r, size := utf8.DecodeLastRuneInString(tok[:b])
		if isWordRune(r) || r == '/' {
			break
		}
		b -= size
	}
	return a, b
}

// IsNumber reports whether a word is a number: digits with optional
// separators ("1998", "3.14", "1,000", "2nd" is not).
func IsNumber(w string) bool {
	digits := false
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case '0' <= c && c <= '9':
			digits = true
		case c == '.' || c == ',':
		case c < utf8.RuneSelf:
			return false
		default:
			return isNumberSlow(w)
		}
	}
	return digits
}

func isNumberSlow(w string) bool {
	digits := false
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case r == '.' || r == ',':
		default:
			return false
		}
	}
	return digits
}

// letters returns the number of letters in w.
func letters(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf {
			return lettersSlow(w)
		} else if 'a' <= c|0x20 && c|0x20 <= 'z' {
			n++
		}
	}
	return n
}

func lettersSlow(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
