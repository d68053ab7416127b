package text

import "strings"

// Passive returns the first passive construction of sentence, such as
// "was written", "is being built" or "were not told", or "" when it has
// none. A passive is a form of "be" followed, after at most two adverbs
// ("not", "often", "quickly"), by a past participle: a regular "-ed" form
// or one of the irregular participles. Adjectives in "-ed" after "be"
// ("is tired", "was excited") count too, as the usual style checkers count
// them.
func Passive(sentence string) string {
	var l wordList
	l.addText(sentence)
	words := l.done()
	if i, j, ok := passiveIn(words); ok {
		return sentence[words[i].Start:words[j-1].End]
	}
	return ""
}

// passiveIn returns the word range [i, j) of the first passive
// construction of a sentence's words (see Passive).
func passiveIn(words []Word) (i, j int, ok bool) {
	for i, w := range words {
		if !isBe(w.Lower) {
			continue
		}
		for j, skipped := i+1, 0; j < len(words) && skipped <= 2; j++ {
			next := words[j].Lower
			if isParticiple(next) {
				return i, j + 1, true
			}
			if !isAdverb(next) {
				break
			}
			skipped++
		}
	}
	return 0, 0, false
}

// isBe reports whether w is a form of "be".
func isBe(w string) bool {
	// Most words are none of them: rejected by length and first letter.
	if len(w) < 2 || len(w) > 7 {
		return false
	}
	switch w[0] {
	case 'a', 'b', 'i', 'w':
	default:
		return false
	}
	switch w {
	case "am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't":
		return true
	}
	return false
}

func isAdverb(w string) bool {
	if adverbs[w] {
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !notAdverbs[w]
}

var adverbs = setOf(`not never also often always already just still being been usually rarely
sometimes generally then now only all both currently soon once ever even thus further well
first last again seldom commonly`)

// notAdverbs end in "-ly" but are not adverbs.
var notAdverbs = setOf(`early only family holy likely lovely lonely ugly silly friendly
supply apply reply rely fly july italy daily weekly monthly yearly costly curly elderly`)

// isParticiple reports whether w is a past participle.
func isParticiple(w string) bool {
	if irregularParticiples[w] {
		return true
	}
	if len(w) < 4 || !strings.HasSuffix(w, "ed") || notParticiples[w] {
		return false
	}
	if strings.HasSuffix(w, "eed") {
		return eedParticiples[w]
	}
	return true
}

// irregularParticiples are the past participles of irregular verbs that
// take an object (those that can be passive).
var irregularParticiples = setOf(`
arisen awoken beaten become begun bent bet bid bitten bled blown borne born bound bred broken
brought broadcast built burnt bought cast caught chosen clung cut dealt done drawn dreamt driven
drunk dug eaten fed felt fought found flung forbidden forecast forgiven forgotten forsaken frozen
given gotten ground grown hung heard hidden held hit hurt kept knelt known laid led leant learnt
left lent let lit lost made meant met mislaid misled mistaken misunderstood mown overcome
overdone overheard overridden overrun overseen overtaken overthrown overwritten paid proven put
quit read rebuilt redone remade repaid reread reset retold rewritten rid ridden rung sawn said
seen sought sold sent set sewn shaken shed shorn shot shown shrunk shut slain slung slit sown
sped spent spilt split spoilt spoken spread sprung stolen struck strung stuck stung sung sunk
sworn swept swung taken taught thought thrown thrust told torn trodden understood undertaken
undone upheld upset wed wept withdrawn withheld withstood won worn woven wound written wrung`)

// notParticiples end in "-ed" but are not participles.
var notParticiples = setOf(`aged beloved crooked embed hatred hundred kindred naked ragged
rugged sacred shred sled wicked wretched biped infrared`)

// eedParticiples are the participles among words in "-eed" (most are not:
// "need", "speed", "indeed").
var eedParticiples = setOf(`agreed decreed disagreed freed guaranteed refereed`)
