package text

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "The cat sat. The dog ran! Did it rain?", []string{"The cat sat.", "The dog ran!", "Did it rain?"}},
		{"no final period", "One sentence. Another without a period", []string{"One sentence.", "Another without a period"}},
		{"titles", "Dr. Smith met Mr. Jones and Mrs. Brown at St. Paul's. Ms. Lee was late.",
			[]string{"Dr. Smith met Mr. Jones and Mrs. Brown at St. Paul's.", "Ms. Lee was late."}},
		{"e.g. and i.e.", "Use hardy plants, e.g. Lavender or sage. They survive, i.e. They need little water.",
			[]string{"Use hardy plants, e.g. Lavender or sage.", "They survive, i.e. They need little water."}},
		{"etc. before a capital ends", "We sell pots, trays, etc. The shop opens at nine.",
			[]string{"We sell pots, trays, etc.", "The shop opens at nine."}},
		{"etc. before lower case goes on", "Pots, trays, etc. are in aisle four.", []string{"Pots, trays, etc. are in aisle four."}},
		{"U.S. before a name", "The U.S. Army and the U.K. Parliament met.", []string{"The U.S. Army and the U.K. Parliament met."}},
		{"U.S. at the end", "We ship to the U.S. The fee is low.", []string{"We ship to the U.S.", "The fee is low."}},
		{"vs. and No.", "Team A vs. Team B played in room No. 5 today.", []string{"Team A vs. Team B played in room No. 5 today."}},
		{"Fig. and months", "See Fig. 3 for the results of Jan. 12 and Dec. 3. They agree.",
			[]string{"See Fig. 3 for the results of Jan. 12 and Dec. 3.", "They agree."}},
		{"no. as a word", "He said no. Then he left.", []string{"He said no.", "Then he left."}},
		{"Inc. and Ltd.", "Acme Inc. makes tools. Bolt Ltd. sells them.", []string{"Acme Inc. makes tools.", "Bolt Ltd. sells them."}},
		{"initials", "J. R. R. Tolkien wrote it. George W. Bush read it.", []string{"J. R. R. Tolkien wrote it.", "George W. Bush read it."}},
		{"an initial before a starter", "I chose plan B. The rest agreed.", []string{"I chose plan B.", "The rest agreed."}},
		{"decimals", "Pi is 3.14 and e is 2.718. Both are irrational.", []string{"Pi is 3.14 and e is 2.718.", "Both are irrational."}},
		{"a sentence ending in a number", "The shop opened in 1998. It is still open.", []string{"The shop opened in 1998.", "It is still open."}},
		{"ellipsis before a capital", "Wait... Then it rained. And then…", []string{"Wait...", "Then it rained.", "And then…"}},
		{"ellipsis before lower case", "It was… fine, I suppose. Really.", []string{"It was… fine, I suppose.", "Really."}},
		{"URL", "Visit https://example.com/a.b?c=d. It has the forms.", []string{"Visit https://example.com/a.b?c=d.", "It has the forms."}},
		{"URL inside", "Go to www.example.com. Then sign in.", []string{"Go to www.example.com.", "Then sign in."}},
		{"e-mail", "Write to jane.doe@example.co.uk. We answer fast.", []string{"Write to jane.doe@example.co.uk.", "We answer fast."}},
		{"quotes and brackets", `He said "Stop." Then he went. (It was late.) We stayed.`,
			[]string{`He said "Stop."`, "Then he went.", "(It was late.)", "We stayed."}},
		{"a.m. and p.m.", "Open from 9 a.m. Monday to 5 p.m. Friday. Closed at weekends.",
			[]string{"Open from 9 a.m. Monday to 5 p.m. Friday.", "Closed at weekends."}},
		{"a.m. at the end", "We open at 9 a.m. The café opens later.", []string{"We open at 9 a.m.", "The café opens later."}},
		{"lower case after a period goes on", "Approx. five people came. approx. ten left.", []string{"Approx. five people came. approx. ten left."}},
		{"blank line separates", "Heading without period\n\nA paragraph follows.", []string{"Heading without period", "A paragraph follows."}},
		{"single newline does not", "A sentence broken\nacross lines.", []string{"A sentence broken\nacross lines."}},
		{"exclamation then lower case", "Yahoo! is a company. It exists.", []string{"Yahoo! is a company.", "It exists."}},
		{"punctuation only", "... --- !!!", nil},
		{"empty", "", nil},
		{"numbers start a sentence", "It ended. 42 people came.", []string{"It ended.", "42 people came."}},
		{"interrobang", "Really?! Yes.", []string{"Really?!", "Yes."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The cat sat.", []string{"The", "cat", "sat"}},
		{"A well-known e-mail won't do.", []string{"A", "well-known", "e-mail", "won't", "do"}},
		{"It’s state-of-the-art", []string{"It’s", "state-of-the-art"}},
		{"Pi is 3.14; 1,000 people; 2nd place", []string{"Pi", "is", "3.14", "1,000", "people", "2nd", "place"}},
		{"The U.S. and e.g. this", []string{"The", "U.S", "and", "e.g", "this"}},
		{"end.Next word", []string{"end", "Next", "word"}},
		{"word—word and word – word", []string{"word", "word", "and", "word", "word"}},
		{"and/or", []string{"and", "or"}},
		{"wait...what", []string{"wait", "what"}},
		{"see https://example.com/a-b.html, or (www.ex.org).", []string{"see", "https://example.com/a-b.html", "or", "www.ex.org"}},
		{"mail jane.doe@example.com!", []string{"mail", "jane.doe@example.com"}},
		{"“Quoted” ‘words’ (here)", []string{"Quoted", "words", "here"}},
		{"-- * • 42 —", []string{"42"}},
		{"AT&T and R&D, not a&b", []string{"AT&T", "and", "R&D", "not", "a", "b"}},
		{"café naïve Zürich", []string{"café", "naïve", "Zürich"}},
		{"trailing-", []string{"trailing"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := WordCount(tt.in); n != len(tt.want) {
			t.Errorf("WordCount(%q) = %d, want %d", tt.in, n, len(tt.want))
		}
	}
}

func TestIsNumber(t *testing.T) {
	for w, want := range map[string]bool{"1998": true, "3.14": true, "1,000": true, "2nd": false, "x": false, ".,": false} {
		if IsNumber(w) != want {
			t.Errorf("IsNumber(%q) = %v", w, !want)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"Dr. Smith went to Washington. He met Mr. Jones.",
		"Visit https://example.com/a.b. It's 3.14 e.g. U.S. etc. Wait… What?!",
		"\n\n... . ! ?", "a.b.c. D. e", "“Hi.” (Yes!) ‘no’…", "\xff\xfe. A", "No. 5. Fig. 3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sents := Sentences(s)
		words := WordCount(s)
		if words < 0 || len(sents) < 0 {
			t.Fatal("negative count")
		}
		if words > 0 && len(sents) == 0 {
			t.Fatalf("%d words and no sentence in %q", words, s)
		}
		if words > 0 && words < len(sents) {
			t.Fatalf("%d words but %d sentences in %q", words, len(sents), s)
		}
		inSentences := 0
		for _, sent := range sents {
			if sent == "" || strings.TrimSpace(sent) != sent {
				t.Fatalf("untrimmed or empty sentence %q", sent)
			}
			if !strings.Contains(s, sent) {
				t.Fatalf("sentence %q is not part of %q", sent, s)
			}
			inSentences += WordCount(sent)
		}
		if utf8.ValidString(s) && inSentences != words {
			// Splitting at white space never cuts a word.
			t.Fatalf("%d words in the sentences, %d in %q", inSentences, words, s)
		}
		st := Analyze(s)
		// Every word has a syllable or more.
		if st.Sentences < 0 || st.Words < st.Sentences || st.Syllables < st.Words || st.LongWords > st.Words {
			t.Fatalf("stats %+v for %q", st, s)
		}
	})
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"well-known e-mail don't 3.14 U.S.", "https://x.y/z a@b.c", "—–…", "\xff'-'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws := Words(s)
		if len(ws) != WordCount(s) {
			t.Fatalf("Words and WordCount disagree on %q", s)
		}
		for _, w := range ws {
			if w == "" || strings.ContainsFunc(w, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }) {
				t.Fatalf("bad word %q in %q", w, s)
			}
			if n := Syllables(w); n < 1 {
				t.Fatalf("Syllables(%q) = %d", w, n)
			}
		}
	})
}

// nextTokenBytes is nextToken a byte at a time, for FuzzNextToken.
func nextTokenBytes(s string, i int) (a, b int, maybeLink bool) {
	for i < len(s) {
		if sp, size := isSpaceAt(s, i); sp {
			i += size
			continue
		}
		break
	}
	j := i
	for j < len(s) {
		r, size := runeAt(s, j)
		if unicode.IsSpace(r) {
			break
		}
		if r == ':' || r == '@' || r == '.' && j+1 < len(s) && (s[j+1] >= utf8.RuneSelf || !asciiSpace[s[j+1]]) {
			maybeLink = true
		}
		j += size
	}
	return i, j, maybeLink
}

// FuzzNextToken checks nextToken, which reads eight bytes at a time,
// against a byte loop.
func FuzzNextToken(f *testing.F) {
	for _, s := range []string{"one two", "abcdefghijklmnop qrs", "abcdefg.hij", "abcdefgh@x", "abcdefghi\tj",
		"abcdefgh\u00a0ij", "naïve café", "end. Next", "x.\u00a0y", "a:b", "\x00\x01\x0e\x1f ab", "abcdefg\x7fh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i <= len(s); {
			a, b, link := nextToken(s, i)
			wa, wb, wlink := nextTokenBytes(s, i)
			if a != wa || b != wb || link != wlink {
				t.Fatalf("nextToken(%q, %d) = %d, %d, %v; want %d, %d, %v", s, i, a, b, link, wa, wb, wlink)
			}
			if a == b {
				return
			}
			i = b
		}
	})
}

// TestAbbreviationKeys checks that no abbreviation is longer than
// abbreviationOf reads, and that each is found whatever its case.
func TestAbbreviationKeys(t *testing.T) {
	for k, kind := range abbreviations {
		if len(k) > maxAbbreviation {
			t.Errorf("abbreviation %q is longer than maxAbbreviation (%d)", k, maxAbbreviation)
		}
		if got := abbreviationOf(strings.ToUpper(k)); got != kind {
			t.Errorf("abbreviationOf(%q) = %v, want %v", strings.ToUpper(k), got, kind)
		}
	}
	if got := abbreviationOf("Widget"); got != abbrNone {
		t.Errorf("abbreviationOf(Widget) = %v", got)
	}
}
