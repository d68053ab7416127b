package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits s into sentences. A blank line always ends one (it
// separates paragraphs). Otherwise a sentence ends after ".", "!", "?" or an
// ellipsis (and any closing quotes or brackets) followed by white space,
// unless the next word starts with a lower-case letter, or the period ends
// an abbreviation that does not end sentences:
//
//   - titles before a name: "Dr. Smith", "Mrs. Jones", "St. Paul";
//   - "e.g.", "i.e.", "vs.", "cf.", "approx." whatever follows;
//   - "No. 5", "Fig. 3", "p. 12", "Jan. 31": before a number;
//   - initials and dotted initialisms ("J. R. R. Tolkien", "the U.S. Army",
//     "9 a.m. Monday"), unless the next word is a common first word of a
//     sentence ("… in the U.S. The …").
//
// Periods inside a token never end a sentence: decimals (3.14), URLs and
// e-mail addresses. The sentences are returned trimmed; pieces without a
// word are dropped.
func Sentences(s string) []string {
	var out []string
	for _, pr := range appendParagraphs(nil, s) {
		toks := newSentenceTokens(s[:pr.end], pr.start)
		from := -1 // the sentence's first byte
		for {
			i, j, _, ends, ok := toks.scan()
			if !ok {
				break
			}
			if from < 0 {
				from = i
			}
			if ends {
				if sent := s[from:j]; hasWord(sent) {
					out = append(out, sent)
				}
				from = -1
			}
		}
	}
	return out
}

// appendParagraphs appends to out the byte ranges of the paragraphs of s:
// its runs of lines that are not blank, without the line break after the
// last one.
func appendParagraphs(out []span, s string) []span {
	if strings.IndexByte(s, '\n') < 0 {
		if isBlank(s) {
			return out
		}
		return append(out, span{0, len(s)})
	}
	start := 0 // start of the paragraph's first line
	for i := 0; i <= len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			j = len(s)
		} else {
			j += i
		}
		if isBlank(s[i:j]) {
			if start < i && !isBlank(s[start:i]) {
				out = append(out, span{start, i - 1})
			}
			start = j + 1
		}
		i = j + 1
	}
	if start < len(s) && !isBlank(s[start:]) {
		out = append(out, span{start, len(s)})
	}
	return out
}

// isBlank reports whether s is only white space.
func isBlank(s string) bool {
	for i := 0; i < len(s); {
		sp, size := isSpaceAt(s, i)
		if !sp {
			return false
		}
		i += size
	}
	return true
}

// sentenceTokens reads the white-space delimited tokens of a paragraph
// one after the other, each with the one after it, as endsSentence needs,
// and says after which a sentence ends: the last token ends one too.
type sentenceTokens struct {
	p             string
	nextI, nextJ  int // the next token, p[nextI:nextJ]; empty after the last
	nextMayBeLink bool
}

// newSentenceTokens starts reading the paragraph p[start:].
func newSentenceTokens(p string, start int) sentenceTokens {
	i, j, link := nextToken(p, start)
	return sentenceTokens{p: p, nextI: i, nextJ: j, nextMayBeLink: link}
}

// scan returns the next token, p[i:j], whether it may be a URL or an
// e-mail address (see nextToken) and whether a sentence ends after it; ok
// is false when there is none left.
func (t *sentenceTokens) scan() (i, j int, maybeLink, ends, ok bool) {
	if t.nextI == t.nextJ {
		return 0, 0, false, false, false
	}
	i, j, maybeLink = t.nextI, t.nextJ, t.nextMayBeLink
	t.nextI, t.nextJ, t.nextMayBeLink = nextToken(t.p, j)
	ends = t.nextI == t.nextJ || endsSentence(t.p[i:j], t.p[t.nextI:t.nextJ])
	return i, j, maybeLink, ends, true
}

const (
	closers = `"')]}»”’›`
	openers = `"'([{«“‘‹¿¡`
)

// endsSentence reports whether a sentence ends after the token tok, given
// the token after it ("" at the end of the text).
func endsSentence(tok, next string) bool {
	// Most tokens end in a letter, a digit or a comma: they end no
	// sentence, and need no closer trimmed.
	if tok == "" {
		return false
	}
	if c := tok[len(tok)-1]; c < utf8.RuneSelf {
		switch c {
		case '.', '!', '?', '"', '\'', ')', ']', '}':
		default:
			return false
		}
	}
	core := tok
	switch tok[len(tok)-1] {
	case '.', '!', '?':
		// Most sentence ends: no closing mark to trim.
	default:
		core = strings.TrimRight(tok, closers)
	}
	if core == "" {
		return false
	}
	if next == "" {
		return strings.ContainsAny(core[len(core)-1:], ".!?") || strings.HasSuffix(core, "…")
	}
	nextWord := next
	if c := next[0]; c >= utf8.RuneSelf || !asciiWord[c] {
		nextWord = strings.TrimLeft(next, openers) // most words open with a letter or digit
	}
	nr, _ := utf8.DecodeRuneInString(nextWord)
	if unicode.IsLower(nr) {
		// "e.g. apples", "approx. five", "Yahoo! is": a lower-case word
		// goes on with the sentence.
		return false
	}
	switch {
	case strings.HasSuffix(core, "…"), strings.HasSuffix(core, ".."):
		return true // an ellipsis before a capital ends the sentence
	case strings.HasSuffix(core, "!"), strings.HasSuffix(core, "?"):
		return true
	case !strings.HasSuffix(core, "."):
		return false
	}
	word := strings.TrimSuffix(core, ".")
	if word != "" && (word[0] >= utf8.RuneSelf || !asciiWord[word[0]]) {
		word = strings.TrimLeft(word, openers)
	}
	if word == "" || isLinkLike(word) {
		return true
	}
	switch abbreviationOf(word) {
	case abbrTitle, abbrNever:
		return false
	case abbrBeforeNumber:
		return !unicode.IsDigit(nr)
	case abbrInitial:
		return isSentenceStarter(nextWord)
	}
	if isInitials(word) {
		return isSentenceStarter(nextWord)
	}
	return true
}

// abbreviationOf returns how the word w, without its last period, behaves
// as an abbreviation (abbrNone when it is none), lower-casing it without
// building a string.
func abbreviationOf(w string) abbrKind {
	if len(w) > maxAbbreviation {
		return abbrNone
	}
	var lower [maxAbbreviation]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return abbreviations[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return abbreviations[string(lower[:len(w)])]
}

// maxAbbreviation is the longest key of abbreviations, in bytes; a word
// longer than that is not one, whatever its case (no lower-casing makes
// a key of abbreviations shorter than the word).
const maxAbbreviation = 8

// isInitials reports whether w is an initial ("J") or dotted initialism
// without its last period ("U.S", "a.m", "Ph.D").
func isInitials(w string) bool {
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsLetter(r)
	}
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		n := utf8.RuneCountInString(part)
		if n == 0 || n > 2 || strings.IndexFunc(part, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return false
		}
	}
	return true
}

type abbrKind uint8

const (
	abbrNone         abbrKind = iota
	abbrTitle                 // precedes a name: never ends a sentence
	abbrNever                 // e.g., i.e., vs.: never ends a sentence
	abbrBeforeNumber          // No. 5, Fig. 3, Jan. 31: goes on before a number
	abbrInitial               // ends a sentence only before a common first word
)

// abbreviations maps lower-case abbreviations (without their last period)
// to how they behave at the end of a sentence. Abbreviations not listed
// here ("etc.", "Inc.", "Ltd.") end a sentence before a capital, which is
// what they most often do.
var abbreviations = map[string]abbrKind{
	"mr": abbrTitle, "mrs": abbrTitle, "ms": abbrTitle, "messrs": abbrTitle, "mx": abbrTitle,
	"dr": abbrTitle, "prof": abbrTitle, "rev": abbrTitle, "fr": abbrTitle, "hon": abbrTitle,
	"gen": abbrTitle, "col": abbrTitle, "maj": abbrTitle, "capt": abbrTitle, "cpt": abbrTitle,
	"lt": abbrTitle, "sgt": abbrTitle, "cmdr": abbrTitle, "adm": abbrTitle, "gov": abbrTitle,
	"sen": abbrTitle, "rep": abbrTitle, "pres": abbrTitle, "supt": abbrTitle, "insp": abbrTitle,
	"mme": abbrTitle, "mlle": abbrTitle, "mt": abbrTitle,

	"e.g": abbrNever, "i.e": abbrNever, "eg": abbrNever, "ie": abbrNever, "vs": abbrNever,
	"cf": abbrNever, "viz": abbrNever, "approx": abbrNever, "ca": abbrNever,
	"incl": abbrNever, "esp": abbrNever, "resp": abbrNever, "w.r.t": abbrNever, "a.k.a": abbrNever,

	"no": abbrBeforeNumber, "nos": abbrBeforeNumber, "fig": abbrBeforeNumber, "figs": abbrBeforeNumber,
	"p": abbrBeforeNumber, "pp": abbrBeforeNumber, "vol": abbrBeforeNumber, "vols": abbrBeforeNumber,
	"ch": abbrBeforeNumber, "chap": abbrBeforeNumber, "sec": abbrBeforeNumber, "art": abbrBeforeNumber,
	"para": abbrBeforeNumber, "eq": abbrBeforeNumber, "ref": abbrBeforeNumber, "tel": abbrBeforeNumber,
	"ext": abbrBeforeNumber, "op": abbrBeforeNumber, "ed": abbrBeforeNumber,
	"jan": abbrBeforeNumber, "feb": abbrBeforeNumber, "mar": abbrBeforeNumber, "apr": abbrBeforeNumber,
	"jun": abbrBeforeNumber, "jul": abbrBeforeNumber, "aug": abbrBeforeNumber, "sep": abbrBeforeNumber,
	"sept": abbrBeforeNumber, "oct": abbrBeforeNumber, "nov": abbrBeforeNumber, "dec": abbrBeforeNumber,

	"st": abbrInitial, "ste": abbrInitial, "jr": abbrInitial, "sr": abbrInitial,
	"u.s": abbrInitial, "u.k": abbrInitial, "u.n": abbrInitial, "e.u": abbrInitial,
	"a.m": abbrInitial, "p.m": abbrInitial, "ph.d": abbrInitial, "b.a": abbrInitial,
	"m.a": abbrInitial, "b.sc": abbrInitial, "m.sc": abbrInitial, "d.c": abbrInitial,
}

// isSentenceStarter reports whether w is a word that commonly starts a
// sentence, so that a capitalised w after an initial or an ambiguous
// abbreviation most likely starts a new sentence.
func isSentenceStarter(w string) bool {
	a, b := trimPunct(w)
	return sentenceStarters[strings.ToLower(w[a:b])]
}

var sentenceStarters = setOf(`a an the this that these those there here it its i we you he she they
our your my his her their in on at for from to by with as if when while after before since until
but and or so yet then also however although though because once now today still
what who why how where which many most some all each every no not one two please do does did
is are was were be can could will would should may might must let`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
