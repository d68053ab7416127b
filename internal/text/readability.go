package text

import "strings"

// MinSentenceWords is the fewest words a sentence needs to count in the
// readability statistics. Shorter pieces ("Contact", "Free delivery", a
// button's label) are labels rather than prose: counted as sentences they
// would make any page look easy.
const MinSentenceWords = 3

// LongWordLetters is the length above which a word counts as very long.
const LongWordLetters = 14

// Stats are the counts the readability formulas are computed from.
type Stats struct {
	Sentences int // sentences of at least MinSentenceWords words
	Words     int // words in those sentences
	Syllables int // syllables of those words
	LongWords int // words of more than LongWordLetters letters
}

// Count returns the statistics of sentences, skipping the ones shorter
// than MinSentenceWords words.
func Count(sentences []string) Stats {
	var st Stats
	for _, s := range sentences {
		st.Add(s)
	}
	return st
}

// Add counts one sentence into st, unless it is shorter than
// MinSentenceWords words; it returns the sentence's word count.
func (st *Stats) Add(sentence string) int {
	ws := Words(sentence)
	if len(ws) < MinSentenceWords {
		return len(ws)
	}
	st.Sentences++
	st.Words += len(ws)
	for _, w := range ws {
		st.Syllables += Syllables(w)
		if isLongWord(w) {
			st.LongWords++
		}
	}
	return len(ws)
}

// Analyze splits s into sentences (see Sentences) and counts them.
func Analyze(s string) Stats { return Count(Sentences(s)) }

// WordsPerSentence is the mean sentence length; 0 without sentences.
func (st Stats) WordsPerSentence() float64 {
	if st.Sentences == 0 {
		return 0
	}
	return float64(st.Words) / float64(st.Sentences)
}

// SyllablesPerWord is the mean word length in syllables; 0 without words.
func (st Stats) SyllablesPerWord() float64 {
	if st.Words == 0 {
		return 0
	}
	return float64(st.Syllables) / float64(st.Words)
}

// FleschReadingEase is 206.835 − 1.015 × words per sentence − 84.6 ×
// syllables per word: about 100 for a children's book, 60–70 for plain
// English, below 30 for legal and academic prose. It is 0 without words.
func (st Stats) FleschReadingEase() float64 {
	if st.Words == 0 || st.Sentences == 0 {
		return 0
	}
	return 206.835 - 1.015*st.WordsPerSentence() - 84.6*st.SyllablesPerWord()
}

// FleschKincaidGrade is 0.39 × words per sentence + 11.8 × syllables per
// word − 15.59: the US school grade that can read the text. It is 0
// without words.
func (st Stats) FleschKincaidGrade() float64 {
	if st.Words == 0 || st.Sentences == 0 {
		return 0
	}
	return 0.39*st.WordsPerSentence() + 11.8*st.SyllablesPerWord() - 15.59
}

// LongWords returns the words of s with more than LongWordLetters letters,
// in order. A hyphenated word is long when one of its parts is
// ("pollinator-friendly" is not); URLs and e-mail addresses are not words
// to read.
func LongWords(s string) []string {
	var out []string
	for _, w := range Words(s) {
		if isLongWord(w) {
			out = append(out, w)
		}
	}
	return out
}

func isLongWord(w string) bool {
	if len(w) <= LongWordLetters || isLinkLike(w) {
		return false
	}
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' || r == '‑' }) {
		if letters(part) > LongWordLetters {
			return true
		}
	}
	return false
}
