package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Syllables estimates the number of syllables of an English word as it is
// spoken. Hyphenated words and dotted initialisms count their parts;
// apostrophes are ignored ("don't" has one). A number counts as one
// syllable (readability formulas treat it as a short word). A word without
// a letter, digit or mark has none; any other word has at least one.
//
// The count comes from rules on vowel groups (a silent final "e", "-ed"
// and "-es" endings, vowel pairs spoken as two syllables such as the "ia"
// of "media" or the "eo" of "video") and a list of exceptions.
func Syllables(word string) int {
	if IsNumber(word) {
		return 1
	}
	return lowerSyllables(strings.ToLower(word))
}

// lowerSyllables is Syllables of a lower-case word that is not a number.
func lowerSyllables(w string) int {
	if strings.IndexByte(w, '\'') >= 0 || strings.Contains(w, "’") {
		w = apostrophes.Replace(w)
	}
	total, start := 0, -1
	for i := 0; i < len(w); {
		r, size := runeAt(w, i)
		letter := false
		if r < utf8.RuneSelf {
			letter = 'a' <= r|0x20 && r|0x20 <= 'z'
		} else {
			letter = unicode.IsLetter(r)
		}
		switch {
		case letter:
			if start < 0 {
				start = i
			}
		case start >= 0:
			total += partSyllables(w[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		total += partSyllables(w[start:])
	}
	if total == 0 {
		for _, r := range w {
			if isWordRune(r) {
				return 1
			}
		}
	}
	return total
}

var apostrophes = strings.NewReplacer("'", "", "’", "")

// partSyllables counts the syllables of a run of letters.
func partSyllables(w string) int {
	if n, ok := exceptionSyllables(w); ok {
		return n
	}
	if !isASCIIWord(w) {
		// Outside English spelling, count vowel groups only.
		return max(1, len(vowelGroups(w)))
	}
	// Compounds whose first part ends in a silent e: "someone", "homepage",
	// "lifetime", "therefore". The rest must be a syllable of its own, not
	// an ending ("times", "timer") nor the start of another word
	// ("somersault", "onerous").
	var buf [8]group
	for _, first := range prefixesOf(silentEFirstParts, w) {
		if rest, ok := strings.CutPrefix(w, first); ok && len(rest) >= 2 && rest[0] != 'r' && len(asciiVowelGroups(rest, buf[:0])) > 0 {
			return partSyllables(first) + partSyllables(rest)
		}
	}
	return ruleSyllables(w)
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// group is a run of vowels w[start:end].
type group struct{ start, end int }

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// vowelGroups returns the vowel groups of w. "y" is a vowel except at the
// start of the word and between two vowels ("player", "beyond"); non-ASCII
// letters with a vowel base (é, ü) are vowels.
func vowelGroups(w string) []group {
	if isASCIIWord(w) {
		return asciiVowelGroups(w, nil)
	}
	var out []group
	in := false
	rs := []rune(w)
	// byte offsets of each rune
	offs := make([]int, len(rs)+1)
	o := 0
	for i, r := range rs {
		offs[i] = o
		o += len(string(r))
	}
	offs[len(rs)] = o
	for i, r := range rs {
		v := isVowelRune(r)
		if r == 'y' {
			switch {
			case i == 0:
				v = false
			case i+1 < len(rs) && isVowelRune(rs[i+1]) && isVowelRune(rs[i-1]):
				v = false
			default:
				v = true
			}
		}
		switch {
		case v && !in:
			out = append(out, group{offs[i], -1})
			in = true
		case !v && in:
			out[len(out)-1].end = offs[i]
			in = false
		}
	}
	if in {
		out[len(out)-1].end = offs[len(rs)]
	}
	return out
}

// asciiVowelGroups is vowelGroups for a lower-case ASCII word: it appends
// them to out.
func asciiVowelGroups(w string, out []group) []group {
	in := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		v := isVowelByte(c)
		if c == 'y' {
			v = i > 0 && !(i+1 < len(w) && isVowelByte(w[i+1]) && isVowelByte(w[i-1]))
		}
		switch {
		case v && !in:
			out = append(out, group{i, -1})
			in = true
		case !v && in:
			out[len(out)-1].end = i
			in = false
		}
	}
	if in {
		out[len(out)-1].end = len(w)
	}
	return out
}

func isVowelRune(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u',
		'à', 'á', 'â', 'ä', 'ã', 'å', 'æ', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï',
		'ò', 'ó', 'ô', 'ö', 'õ', 'ø', 'œ', 'ù', 'ú', 'û', 'ü', 'ý', 'ÿ':
		return true
	}
	return false
}

// ruleSyllables counts the syllables of a lower-case ASCII word by rule.
func ruleSyllables(w string) int {
	var buf [8]group
	gs := asciiVowelGroups(w, buf[:0])
	n := len(gs)
	if n == 0 {
		return 1 // "hmm", "nth", "tsk"
	}
	at := func(i int) byte {
		if i < 0 || i >= len(w) {
			return 0
		}
		return w[i]
	}
	// Vowel pairs spoken as two syllables.
	for _, g := range gs {
		n += hiatus(w, g)
	}
	last := gs[len(gs)-1]
	lone := func(g group) bool { return g.end-g.start == 1 }
	consonant := func(c byte) bool { return c != 0 && !isVowelByte(c) && c != 'y' }
	// Silent endings, when the word has another vowel group.
	if len(gs) > 1 && lone(last) && w[last.start] == 'e' {
		before := at(last.start - 1)
		tail := w[last.start:]
		switch {
		case tail == "e":
			// A silent final e, except the syllabic "-le" and "-re" after a
			// consonant: "table", "acre", "centre".
			b2 := at(last.start - 2)
			if !((before == 'l' || before == 'r') && consonant(b2) && b2 != before) || w == "are" {
				n--
			}
		case tail == "ed":
			b2 := at(last.start - 2)
			switch {
			case before == 't' || before == 'd':
				// "wanted", "needed"
			case (before == 'l' || before == 'r') && consonant(b2) && b2 != before:
				// "handled", "hatred", "centred"
			default:
				n-- // "jumped", "played"
			}
		case tail == "es":
			b2 := at(last.start - 2)
			switch {
			case before == 's' || before == 'x' || before == 'z':
			case (before == 'h' && (b2 == 'c' || b2 == 's')) || before == 'c' || before == 'g':
			case before == 'l' && consonant(b2) && b2 != 'l':
				// "tables", "apples"
			default:
				n-- // "makes", "notes", "times"
			}
		}
	}
	// A silent e before a suffix: "likely", "statement", "careful",
	// "hopeless", "awareness".
	for _, esuf := range silentESuffixes {
		if strings.HasSuffix(w, esuf) && len(w) > len(esuf)+2 {
			i := len(w) - len(esuf) // the e
			c1, c2 := at(i-1), at(i-2)
			syllabic := (c1 == 'l' || c1 == 'r') && consonant(c2) // "settlement", "simply"
			if consonant(c1) && !syllabic && len(gs) > 2 {
				n--
			}
			break
		}
	}
	// "-ing" after a vowel that merges with it: "being", "going", "seeing".
	if strings.HasSuffix(w, "ing") && len(w) > 4 {
		if c := at(len(w) - 4); isVowelByte(c) && c != 'u' || c == 'y' && consonant(at(len(w)-5)) {
			n++
		}
	}
	for _, p := range prefixesOf(hiatusPrefixes, w) {
		if strings.HasPrefix(w, p) {
			n++
			break
		}
	}
	// "-sm" and "-thm": "prism", "tourism", "algorithm".
	if (strings.HasSuffix(w, "sm") || strings.HasSuffix(w, "thm")) && len(w) > 3 {
		n++
	}
	return max(1, n)
}

// silentESuffixes are suffixes after a silent e, with the e.
var silentESuffixes = [...]string{"ely", "ement", "ements", "eful", "eless", "eness"}

// hiatus returns 1 when the vowel group g of w holds two vowels spoken as
// separate syllables, else 0.
func hiatus(w string, g group) int {
	v := w[g.start:g.end]
	if len(v) < 2 {
		return 0
	}
	at := func(i int) byte {
		if i < 0 || i >= len(w) {
			return 0
		}
		return w[i]
	}
	prev, next := at(g.start-1), at(g.end)
	switch {
	case strings.Contains(v, "iou"):
		// "curious", "previous"; not "delicious", "religious", "anxious",
		// "rebellious".
		if strings.ContainsRune("tscgxl", rune(prev)) {
			return 0
		}
		return 1
	case strings.Contains(v, "io"):
		switch {
		case strings.ContainsRune("tscgx", rune(prev)) && next == 'n':
			return 0 // "nation", "vision", "region"
		case prev == 'h' && at(g.start-2) == 's' && next == 'n':
			return 0 // "fashion", "cushion"
		case (prev == 'l' || prev == 'n') && next == 'n' && g.start > 1:
			return 0 // "million", "onion", "opinion"
		case (prev == 'n' || prev == 'v') && next == 'r':
			return 0 // "senior", "behavior"
		}
		return 1 // "radio", "violin", "biology", "period", "champion"
	case strings.Contains(v, "ia"):
		if next == 't' || strings.HasPrefix(w[g.end:], "ble") {
			return 1 // "appreciate", "initiate", "variable"
		}
		if strings.ContainsRune("tscg", rune(prev)) {
			return 0 // "special", "initial", "Asian", "Georgia"
		}
		if next == 'g' && strings.HasPrefix(w[g.end:], "ge") {
			return 0 // "marriage", "carriage"
		}
		return 1 // "media", "trial", "diagram", "Indian"
	case strings.Contains(v, "iu"):
		return 1 // "medium", "stadium"
	case strings.Contains(v, "uou"):
		return 1 // "continuous", "ambiguous"
	case strings.Contains(v, "eou"):
		if prev == 'g' || prev == 'c' {
			return 0 // "gorgeous", "herbaceous"
		}
		return 1 // "erroneous", "hideous"
	case strings.Contains(v, "ua"):
		if prev == 'q' || prev == 'g' {
			return 0 // "equal", "language", "guard"
		}
		return 1 // "actual", "usual", "visual"
	case strings.Contains(v, "uo"):
		if prev == 'q' {
			return 0
		}
		return 1 // "duo", "fluoride"
	case strings.Contains(v, "eo"):
		switch {
		case prev == 'g' && (next == 'n' || next == 'u' || next == 'r'):
			return 0 // "pigeon", "gorgeous", "George"
		case prev == 'h' && at(g.start-2) == 'c':
			return 0 // "luncheon"
		}
		return 1 // "video", "theory", "neon", "geography"
	case v == "ue" && (next == 'n' || next == 'l' || next == 't') && prev != 'q' && prev != 'g':
		return 1 // "fluent", "influence", "fuel", "duet"
	case v == "oe" && (next == 'm' || next == 't' || next == 'x'):
		return 1 // "poem", "poet"
	case v == "ai" && next == 'c' && g.end+1 == len(w):
		return 1 // "mosaic", "archaic"
	case strings.HasSuffix(v, "ie") && (strings.HasPrefix(w[g.end:], "r") || strings.HasPrefix(w[g.end:], "st")) && len(w)-g.end <= 3 && prev != 0:
		// "happier", "earliest", "easiest"; not "pier", "fierce"
		if len(w)-g.end == 1 || strings.HasPrefix(w[g.end:], "st") || strings.HasPrefix(w[g.end:], "rs") {
			if w[:g.start] != "p" && g.start > 1 {
				return 1
			}
		}
		return 0
	case strings.HasSuffix(v, "ie") && next == 't':
		return 1 // "quiet", "diet", "society", "variety"
	case strings.HasSuffix(v, "ie") && strings.HasPrefix(w[g.end:], "n") && (strings.HasPrefix(w[g.end:], "nt") || strings.HasPrefix(w[g.end:], "nce")):
		if strings.ContainsRune("tcs", rune(prev)) {
			return 0 // "patient", "efficient", "conscience"
		}
		return 1 // "client", "audience", "experience"
	}
	return 0
}

// silentEFirstParts are words ending in a silent e that start compounds:
// the compound counts as its two parts.
var silentEFirstParts = byFirstLetters([]string{
	"some", "home", "life", "time", "safe", "where", "there", "here", "fire", "side", "store",
	"name", "base", "case", "house", "use", "care", "love", "line", "page", "wide", "made",
	"make", "take", "more", "one", "none", "note", "code", "game", "type", "rule", "ware",
	"bike", "site", "file", "stone", "nine", "five", "like", "whole", "grape", "plate",
	"lime", "tribe", "wire", "phone", "smoke", "horse", "space", "face", "place", "price",
	"grace", "judge", "bridge", "edge", "hedge", "range", "state", "wine", "sale", "fore",
})

// exceptionSyllables looks w up in the exceptions, directly or as an
// exception with a suffix ("recipes", "created", "creating").
func exceptionSyllables(w string) (int, bool) {
	if n, ok := exception(w); ok {
		return n, true
	}
	try := func(stem string, extra int) (int, bool) {
		if n, ok := exception(stem); ok && len(stem) > 2 {
			return n + extra, true
		}
		return 0, false
	}
	switch {
	case strings.HasSuffix(w, "ing"):
		stem := w[:len(w)-3]
		if len(stem) < 3 {
			return 0, false // "thing", "sing"
		}
		if n, ok := try(stem, 1); ok {
			return n, true
		}
		return tryE(stem, 1)
	case strings.HasSuffix(w, "ed"):
		if n, ok := try(w[:len(w)-1], dentalExtra(w[:len(w)-1])); ok { // "created"
			return n, true
		}
		stem := w[:len(w)-2]
		return try(stem, dentalExtra(stem))
	case strings.HasSuffix(w, "es"):
		if n, ok := try(w[:len(w)-1], sibilantExtra(w[:len(w)-1])); ok { // "recipes"
			return n, true
		}
		return try(w[:len(w)-2], 1) // "businesses"
	case strings.HasSuffix(w, "s"):
		return try(w[:len(w)-1], 0)
	case strings.HasSuffix(w, "ly"):
		return try(w[:len(w)-2], 1)
	case strings.HasSuffix(w, "er"):
		if n, ok := try(w[:len(w)-1], 0); ok { // "creater"? no: "simpler"
			return n, true
		}
		return try(w[:len(w)-2], 1)
	}
	return 0, false
}

// tryE looks up stem+"e" in the exceptions, plus extra syllables.
func tryE(stem string, extra int) (int, bool) {
	n := len(stem) + 1
	mid := byte('e')
	if n/2 < len(stem) {
		mid = stem[n/2]
	}
	if stem == "" || !exceptionFilter.has(n, stem[0], mid, 'e') {
		return 0, false
	}
	var buf [32]byte
	if n > len(buf) {
		if k, ok := syllableExceptions[stem+"e"]; ok {
			return k + extra, true
		}
		return 0, false
	}
	b := append(append(buf[:0], stem...), 'e')
	if k, ok := syllableExceptions[string(b)]; ok {
		return k + extra, true
	}
	return 0, false
}

// prefixIndex holds lower-case ASCII words of two letters or more by
// their first two letters.
type prefixIndex [26 * 26][]string

// byFirstLetters indexes words by their first two letters, keeping their
// order.
func byFirstLetters(words []string) *prefixIndex {
	var ix prefixIndex
	for _, w := range words {
		k := int(w[0]-'a')*26 + int(w[1]-'a')
		ix[k] = append(ix[k], w)
	}
	return &ix
}

// prefixesOf returns the words of ix that may be prefixes of w, a
// lower-case ASCII word: those with its first two letters.
func prefixesOf(ix *prefixIndex, w string) []string {
	if len(w) < 2 {
		return nil
	}
	return ix[int(w[0]-'a')*26+int(w[1]-'a')]
}

// exception looks w up in syllableExceptions, after a quick test of a
// filter of its keys.
func exception(w string) (int, bool) {
	if w == "" || !exceptionFilter.has(len(w), w[0], w[len(w)/2], w[len(w)-1]) {
		return 0, false
	}
	n, ok := syllableExceptions[w]
	return n, ok
}

// keyFilter is a Bloom-like filter of a set of words, keyed by their
// length and first, middle and last bytes: a word it does not have is not
// in the set.
type keyFilter [1 << 12 / 64]uint64

func keyBit(n int, first, mid, last byte) uint { return keyHash(n, first, mid, last, 12) }

func (f *keyFilter) has(n int, first, mid, last byte) bool {
	b := keyBit(n, first, mid, last)
	return f[b/64]&(1<<(b%64)) != 0
}

// exceptionFilter is the filter of the keys of syllableExceptions.
var exceptionFilter = func() (f keyFilter) {
	for w := range syllableExceptions {
		b := keyBit(len(w), w[0], w[len(w)/2], w[len(w)-1])
		f[b/64] |= 1 << (b % 64)
	}
	return f
}()

// dentalExtra is the syllable "-ed" adds after stem ("created" +1,
// "recipe" → "reciped" +0).
func dentalExtra(stem string) int {
	if strings.HasSuffix(stem, "t") || strings.HasSuffix(stem, "d") || strings.HasSuffix(stem, "te") || strings.HasSuffix(stem, "de") {
		return 1
	}
	return 0
}

// sibilantExtra is the syllable "-s" adds after a stem ending in e: one
// after a sibilant ("sciences"), none otherwise ("recipes").
func sibilantExtra(stem string) int {
	for _, s := range []string{"ce", "ge", "se", "ze", "xe"} {
		if strings.HasSuffix(stem, s) {
			return 1
		}
	}
	return 0
}
