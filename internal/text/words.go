// Package text measures English prose for the content and word-choice
// checks: the main content of a page as blocks of text, sentences that
// survive abbreviations and numbers, words, syllables, the Flesch formulas,
// passive constructions, and phrase matching for word lists.
//
// Everything here is pure: it reads strings (or a parsed document) and keeps
// nothing.
package text

import (
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
	scanWords(s, func(sp span) { out = append(out, s[sp.start:sp.end]) })
	return out
}

// WordCount returns len(Words(s)) without building the slice.
func WordCount(s string) int {
	n := 0
	scanWords(s, func(span) { n++ })
	return n
}

// scanWords calls fn with the span of every word of s.
func scanWords(s string, fn func(span)) {
	for i := 0; i < len(s); {
		// Skip white space.
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		// A raw token runs to the next white space.
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		tok := s[i:j]
		if isLinkLike(tok) {
			a, b := trimPunct(tok)
			if a < b {
				fn(span{i + a, i + b})
			}
		} else {
			splitToken(tok, func(a, b int) { fn(span{i + a, i + b}) })
		}
		i = j
	}
}

// isLinkLike reports whether a white-space delimited token is a URL or an
// e-mail address, which count as one word whatever their punctuation.
func isLinkLike(tok string) bool {
	t := strings.ToLower(strings.TrimLeft(tok, "(<[\"'“‘"))
	switch {
	case strings.HasPrefix(t, "http://"), strings.HasPrefix(t, "https://"), strings.HasPrefix(t, "www."):
		return true
	case strings.HasPrefix(t, "mailto:"):
		return true
	}
	at := strings.IndexByte(t, '@')
	return at > 0 && strings.IndexByte(t[at:], '.') > 1
}

// splitToken calls fn with the byte ranges of the words of tok, a token
// without white space.
func splitToken(tok string, fn func(a, b int)) {
	start := -1 // start of the current word, -1 outside one
	last := 0   // end of the last letter or digit of the current word
	seg := 0    // word runes since the last joiner
	flush := func() {
		if start >= 0 {
			fn(start, last)
		}
		start = -1
	}
	for i := 0; i < len(tok); {
		r, size := utf8.DecodeRuneInString(tok[i:])
		switch {
		case isWordRune(r):
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
			next, _ := utf8.DecodeRuneInString(tok[i+size:])
			prev, _ := utf8.DecodeLastRuneInString(tok[:i])
			if i+size < len(tok) && isWordRune(next) && joins(r, prev, next, seg) {
				break
			}
			flush()
		default:
			flush()
		}
		i += size
	}
	flush()
}

func isWordRune(r rune) bool {
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
		r, size := utf8.DecodeRuneInString(tok[a:])
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
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
