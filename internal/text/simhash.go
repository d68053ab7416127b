package text

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Fingerprint is a page's text in two hashes: Exact changes with any word,
// Simhash changes a few bits when a few words change, so that near-duplicate
// pages are a small Hamming distance apart.
type Fingerprint struct {
	Exact   uint64
	Simhash uint64
	Words   int
}

// shingle is the number of words hashed together.
const shingle = 3

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Fingerprints returns the fingerprint of a text: its lower-cased words
// (runs of letters and digits), hashed as overlapping shingles of three
// words into a 64-bit simhash.
func Fingerprints(s string) Fingerprint {
	var f fingerprinter
	f.add(s)
	return f.sum()
}

// fingerprinter computes a Fingerprint of texts added one after the other,
// as if they were joined by white space. It hashes each byte of a word
// into the exact hash and the hashes of the (up to) three shingles the word
// belongs to at once, keeping nothing but the hashes.
type fingerprinter struct {
	words int
	in    bool // inside a word
	exact uint64
	// sh[k] is the hash of the shingle that started k words before the
	// current one (or the next one, between words).
	sh [shingle]uint64
	// ones counts, for each bit, the shingle hashes that have it set:
	// eight 8-bit lanes per uint64, one uint64 per byte of the hash,
	// spilled into total before a lane can overflow.
	ones                [8]uint64
	total               [64]int
	shingles, unspilled int
}

// add adds the words of s. Its loop keeps the hashes in local variables
// (registers) rather than in f.
func (f *fingerprinter) add(s string) {
	if f.words == 0 && !f.in {
		f.exact = fnvOffset
	}
	in, exact, sh0, sh1, sh2 := f.in, f.exact, f.sh[0], f.sh[1], f.sh[2]
	hash := func(c byte) {
		if !in {
			// A word starts, and a shingle with it.
			in = true
			sh2, sh1, sh0 = sh1, sh0, fnvOffset
		}
		exact = (exact ^ uint64(c)) * fnvPrime
		sh0 = (sh0 ^ uint64(c)) * fnvPrime
		sh1 = (sh1 ^ uint64(c)) * fnvPrime
		sh2 = (sh2 ^ uint64(c)) * fnvPrime
	}
	// endWord ends a word: each word is hashed followed by a space, and
	// the shingle that started two words before is complete.
	endWord := func() {
		in = false
		f.words++
		exact = (exact ^ ' ') * fnvPrime
		sh0 = (sh0 ^ ' ') * fnvPrime
		sh1 = (sh1 ^ ' ') * fnvPrime
		sh2 = (sh2 ^ ' ') * fnvPrime
		if f.words >= shingle {
			f.count(sh2)
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				hash(c)
			case 'A' <= c && c <= 'Z':
				hash(c + 'a' - 'A')
			case in:
				endWord()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = unicode.ToLower(r)
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			var buf [utf8.UTFMax]byte
			for _, c := range utf8.AppendRune(buf[:0], r) {
				hash(c)
			}
		} else if in {
			endWord()
		}
	}
	if in {
		endWord()
	}
	f.in, f.exact, f.sh = in, exact, [shingle]uint64{sh0, sh1, sh2}
}

// count adds a shingle's hash to the bit counts.
func (f *fingerprinter) count(h uint64) {
	for b := range f.ones {
		f.ones[b] += spread[byte(h>>(8*b))]
	}
	f.shingles++
	if f.unspilled++; f.unspilled == 255 {
		spill(&f.ones, &f.total)
		f.unspilled = 0
	}
}

// sum returns the fingerprint of the words added.
func (f *fingerprinter) sum() Fingerprint {
	if f.words == 0 {
		return Fingerprint{Exact: fnvOffset}
	}
	if f.words < shingle {
		// Fewer words than a shingle: one shingle of them all.
		f.count(f.sh[f.words-1])
	}
	spill(&f.ones, &f.total)
	f.unspilled = 0
	fp := Fingerprint{Words: f.words, Exact: f.exact}
	for b, n := range f.total {
		// The bit's weight, +1 per shingle with it set and -1 per shingle
		// without, is positive.
		if 2*n > f.shingles {
			fp.Simhash |= 1 << b
		}
	}
	return fp
}

// spill adds the lane counts of ones to total and clears them.
func spill(ones *[8]uint64, total *[64]int) {
	for b, lanes := range ones {
		for l := range 8 {
			total[8*b+l] += int(byte(lanes >> (8 * l)))
		}
	}
	*ones = [8]uint64{}
}

// spread maps a byte to a uint64 whose byte l is bit l of it.
var spread = func() (t [256]uint64) {
	for v := range 256 {
		for l := range 8 {
			if v&(1<<l) != 0 {
				t[v] |= 1 << (8 * l)
			}
		}
	}
	return t
}()

// Distance is the number of bits two simhashes differ in.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }
