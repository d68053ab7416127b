package text

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
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

// Fingerprints returns the fingerprint of a text: lower-cased words,
// hashed as overlapping shingles of three words into a 64-bit simhash.
func Fingerprints(s string) Fingerprint {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	fp := Fingerprint{Words: len(words)}
	exact := fnv.New64a()
	var weights [64]int
	h := fnv.New64a()
	for i, w := range words {
		exact.Write([]byte(w))
		exact.Write([]byte{' '})
		if i+shingle > len(words) && i > 0 {
			continue
		}
		h.Reset()
		for _, x := range words[i:min(i+shingle, len(words))] {
			h.Write([]byte(x))
			h.Write([]byte{' '})
		}
		v := h.Sum64()
		for b := 0; b < 64; b++ {
			if v&(1<<b) != 0 {
				weights[b]++
			} else {
				weights[b]--
			}
		}
	}
	fp.Exact = exact.Sum64()
	for b := 0; b < 64; b++ {
		if weights[b] > 0 {
			fp.Simhash |= 1 << b
		}
	}
	return fp
}

// Distance is the number of bits two simhashes differ in.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }
