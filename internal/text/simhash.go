package text

import "math/bits"

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

// fnvOffset starts the exact hash (the FNV-1a offset basis, 64 bits).
const fnvOffset = 14695981039346656037

// Fingerprints returns the fingerprint of a text: its words (see Words),
// lower-cased, hashed as overlapping shingles of three words into a 64-bit
// simhash.
func Fingerprints(s string) Fingerprint {
	var l wordList
	l.addText(s)
	return fingerprintWords(l.done())
}

// fingerprinter computes a Fingerprint from the hashes of the words, one
// word after the other.
type fingerprinter struct {
	words int
	exact uint64
	// sh[k] is the hash of the word k words before the current one.
	sh [shingle]uint64
	// ones counts, for each bit, the shingle hashes that have it set:
	// eight 8-bit lanes per uint64, one uint64 per byte of the hash,
	// spilled into total before a lane can overflow.
	ones                [8]uint64
	total               [64]int
	shingles, unspilled int
}

// fingerprintWords returns the fingerprint of words, from their hashes.
func fingerprintWords(words []Word) Fingerprint {
	var f fingerprinter
	for i := range words {
		f.add(words[i].hash)
	}
	return f.sum()
}

// add adds the next word, by the hash of its lower-case form.
func (f *fingerprinter) add(h uint64) {
	if f.words == 0 {
		f.exact = fnvOffset
	}
	f.words++
	f.exact = mix64(f.exact ^ h)
	f.sh[2], f.sh[1], f.sh[0] = f.sh[1], f.sh[0], h
	if f.words >= shingle {
		f.count(mix64(f.sh[2] ^ bits.RotateLeft64(f.sh[1], 21) ^ bits.RotateLeft64(f.sh[0], 42)))
	}
}

// mix64 scrambles the bits of x (the finaliser of SplitMix64), so that
// hashes combined with it spread over all 64 bits.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// count adds a shingle's hash to the bit counts.
func (f *fingerprinter) count(h uint64) {
	o := &f.ones
	o[0] += spread[byte(h)]
	o[1] += spread[byte(h>>8)]
	o[2] += spread[byte(h>>16)]
	o[3] += spread[byte(h>>24)]
	o[4] += spread[byte(h>>32)]
	o[5] += spread[byte(h>>40)]
	o[6] += spread[byte(h>>48)]
	o[7] += spread[byte(h>>56)]
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
		f.count(mix64(f.sh[1] ^ bits.RotateLeft64(f.sh[0], 21)))
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
