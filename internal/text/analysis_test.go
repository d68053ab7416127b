package text

import (
	"encoding/json"
	"html"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// benchPage returns a realistic help-centre page of about 1,500 words of
// main content: testdata/bench-page.html with the readability passages as
// its guides, and a header, navigation, search form, aside and footer
// around it.
func benchPage(tb testing.TB) string {
	tb.Helper()
	page, err := os.ReadFile("testdata/bench-page.html")
	if err != nil {
		tb.Fatal(err)
	}
	b, err := os.ReadFile("testdata/readability.json")
	if err != nil {
		tb.Fatal(err)
	}
	var ps []passage
	if err := json.Unmarshal(b, &ps); err != nil {
		tb.Fatal(err)
	}
	var guides strings.Builder
	for _, p := range ps {
		guides.WriteString("<article><h3>" + html.EscapeString(p.Genre) + "</h3>\n")
		for para := range strings.SplitSeq(p.Text, "\n\n") {
			guides.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
		}
		guides.WriteString("</article>\n")
	}
	return strings.Replace(string(page), "<!--PASSAGES-->", guides.String(), 1)
}

func parseDoc(tb testing.TB, src string) *goquery.Document {
	tb.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestAnalyseAgrees checks that the one-pass analysis finds what the
// functions on strings find, block by block.
func TestAnalyseAgrees(t *testing.T) {
	c := Text(MainContent(parseDoc(t, benchPage(t))))
	a := Analyse(c)
	if n := c.WordCount(); len(a.Words) != n || n < 1400 || n > 1700 {
		t.Fatalf("%d words in the analysis, %d in the content; want about 1,500", len(a.Words), n)
	}
	if a.Stats != c.Stats() {
		t.Errorf("stats %+v, want %+v", a.Stats, c.Stats())
	}
	var want []Sentence
	passives := 0
	for _, s := range c.Sentences() {
		s.Words = WordCount(s.Text)
		s.Passive = Passive(s.Text)
		for _, w := range Words(s.Text) {
			s.Syllables += Syllables(w)
		}
		if s.Words >= MinSentenceWords && s.Passive != "" {
			passives++
		}
		want = append(want, s)
	}
	if len(a.Sentences) != len(want) {
		t.Fatalf("%d sentences, want %d", len(a.Sentences), len(want))
	}
	for i, s := range a.Sentences {
		w := want[i]
		w.First = s.First
		if s != w {
			t.Errorf("sentence %d: %+v, want %+v", i, s, w)
		}
		ws := a.SentenceWords(s)
		if got := Words(s.Text); len(ws) != len(got) || a.Blocks[s.Block].Text[ws[0].Start:ws[0].End] != got[0] {
			t.Errorf("sentence %d: words %v, want %q", i, ws, got)
		}
	}
	if a.Passives != passives || passives == 0 {
		t.Errorf("%d passives, want %d (and some)", a.Passives, passives)
	}
	var long []string
	seen := map[string]bool{}
	for _, b := range c.Blocks {
		for _, w := range LongWords(b.Text) {
			if !seen[strings.ToLower(w)] {
				seen[strings.ToLower(w)] = true
				long = append(long, w)
			}
		}
	}
	if !slices.Equal(a.LongWords, long) {
		t.Errorf("long words %q, want %q", a.LongWords, long)
	}
	if fp := Fingerprints(c.String()); a.Fingerprint != fp {
		t.Errorf("fingerprint %+v, want %+v", a.Fingerprint, fp)
	}
	m := NewMatcher([]string{"sign in", "e-mail", "within", "in order to", "utilize"}, PhraseOptions{Inflect: true})
	var got, wantM []string
	for _, bm := range a.Find(m) {
		got = append(got, a.Blocks[bm.Block].Text[bm.Start:bm.End])
	}
	for _, b := range c.Blocks {
		for _, mt := range m.FindAll(b.Text) {
			wantM = append(wantM, b.Text[mt.Start:mt.End])
		}
	}
	if !slices.Equal(got, wantM) || len(got) < 5 {
		t.Errorf("matches %q, want %q", got, wantM)
	}
}

// TestAnalyseLowerCase checks the words' lower-case forms, shared buffer
// and all.
func TestAnalyseLowerCase(t *testing.T) {
	a := Analyse(Content{Blocks: []Block{{Text: "The CAFÉ won’t Open. it's fine"}, {Text: "Sign-In now"}}})
	var got []string
	for _, w := range a.Words {
		got = append(got, w.Lower)
	}
	want := []string{"the", "café", "won't", "open", "it's", "fine", "sign-in", "now"}
	if !slices.Equal(got, want) {
		t.Errorf("lower-case words %q, want %q", got, want)
	}
	if !slices.Equal(a.BlockWords, []int{0, 6, 8}) {
		t.Errorf("block words %v", a.BlockWords)
	}
	if got := a.BlockOf(1); len(got) != 2 || got[0].Start != 0 || got[0].End != 7 {
		t.Errorf("block 1 words %+v", got)
	}
}

// BenchmarkAnalyse measures the analysis of a realistic page's main
// content (about 1,500 words), the document parsed beforehand as the
// crawler parses it.
func BenchmarkAnalyse(b *testing.B) {
	src := benchPage(b)
	doc := parseDoc(b, src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		AnalyseDocument(doc)
	}
}

// BenchmarkAllTextVariants measures what the page hook does for the
// inconsistent-terms check: all the page's text, and its wording variants
// counted.
func BenchmarkAllTextVariants(b *testing.B) {
	doc := parseDoc(b, benchPage(b))
	gs, err := ParseVariantGroups("sign in, sign-in | log in, login\ne-mail | email\ncheckout | check out")
	if err != nil {
		b.Fatal(err)
	}
	f := NewVariantFinder(gs)
	b.ReportAllocs()
	for b.Loop() {
		f.CountContent(AllText(doc.Selection), map[string]int{})
	}
}

// TestRedo checks that an analysis made again with the memory of another
// equals a fresh one.
func TestRedo(t *testing.T) {
	big := Text(MainContent(parseDoc(t, benchPage(t))))
	small := Content{Blocks: []Block{{Text: "It was Written by Dr. Smith. The U.S. Army came."}, {Text: "Sign in"}}}
	var a Analysis
	a.Redo(big)
	a.Redo(small)
	if fresh := Analyse(small); !reflect.DeepEqual(a.Words, fresh.Words) || !reflect.DeepEqual(a.Sentences, fresh.Sentences) ||
		a.Stats != fresh.Stats || a.Passives != fresh.Passives || a.Fingerprint != fresh.Fingerprint ||
		!reflect.DeepEqual(a.BlockWords, fresh.BlockWords) || !slices.Equal(a.LongWords, fresh.LongWords) {
		t.Errorf("redone analysis differs from a fresh one:\n%+v\n%+v", a, *fresh)
	}
}

// TestCountPage checks that counting variants with the main content's
// analysis counts what counting all the page's text does.
func TestCountPage(t *testing.T) {
	gs, err := ParseVariantGroups("sign in, sign-in | log in, login\ne-mail | email\nwithin | inside")
	if err != nil {
		t.Fatal(err)
	}
	f := NewVariantFinder(gs)
	for _, src := range []string{
		benchPage(t),
		`<html><body><header>Log in</header><main><h1>Sign in</h1><p>Please sign <b>in</b>. E-mail us</p>` +
			`<form><input type=submit value="Log in"></form></main><p>after login</p></body></html>`,
		`<html><body><nav>e-mail</nav><main><p>Sign in</p><div role="navigation">login</div><p>sign <nav>x</nav> in</p></main></body></html>`,
		`<html><body><object><main><p>Sign in</p></main></object><p>email</p></body></html>`,
		`<html><body><p>Sign in to check out.</p><p>Log in</p></body></html>`,
	} {
		doc := parseDoc(t, src)
		want := map[string]int{}
		f.CountContent(AllText(doc.Selection), want)
		got := map[string]int{}
		f.CountPage(doc.Selection, AnalyseDocument(doc), got)
		if !reflect.DeepEqual(got, want) || len(want) == 0 {
			t.Errorf("CountPage = %v, want %v (all the text's) for %.80q", got, want, src)
		}
	}
	// A phrase across a part the main content leaves out is counted as the
	// main content reads it: AllText sees "sign", "Go" and "in" apart.
	doc := parseDoc(t, `<html><body><main><p>Please sign <button>Go</button> in. Log in</p><aside>e-mail</aside></main></body></html>`)
	got := map[string]int{}
	f.CountPage(doc.Selection, AnalyseDocument(doc), got)
	if want := map[string]int{"sign in": 1, "log in": 1, "e-mail": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("CountPage across a button = %v, want %v", got, want)
	}
}

// FuzzAnalyseDocument checks, on any HTML, that the blocks of the main
// content are collapsed text, that an analysis redone with the memory of a
// previous page (as the page hook reuses them) equals a fresh one, and
// that the page's variants count without panicking.
func FuzzAnalyseDocument(f *testing.F) {
	f.Add(benchPage(f), "<p>Sign in</p>")
	f.Add(`<html><body><main><p>Please sign <button>Go</button> in. Log in</p><aside>e-mail</aside></main></body></html>`,
		"<main><p>x\u00a0 y\t z</p><input type=submit value=' Log  in '></main>")
	f.Add("<p>\xff\xfe é  Ünïcode\u2003words</p><script>x</script>", "<article>a</article><article>b c</article>")
	gs, err := ParseVariantGroups("sign in, sign-in | log in, login\ne-mail | email")
	if err != nil {
		f.Fatal(err)
	}
	finder := NewVariantFinder(gs)
	f.Fuzz(func(t *testing.T, first, second string) {
		var reused Analysis
		for _, src := range []string{first, second} {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
			if err != nil {
				return
			}
			reused.RedoDocument(doc)
			fresh := AnalyseDocument(doc)
			for _, b := range fresh.Blocks {
				if b.Text == "" || strings.Join(strings.Fields(b.Text), " ") != b.Text {
					t.Fatalf("block %q is not collapsed text", b.Text)
				}
			}
			if !reflect.DeepEqual(reused.Words, fresh.Words) || !reflect.DeepEqual(reused.Sentences, fresh.Sentences) ||
				reused.Stats != fresh.Stats || reused.Fingerprint != fresh.Fingerprint || len(reused.Blocks) != len(fresh.Blocks) {
				t.Fatalf("a redone analysis differs from a fresh one for %q", src)
			}
			if fresh.Fingerprint.Words != len(fresh.Words) {
				t.Fatalf("fingerprint of %d words, analysis of %d", fresh.Fingerprint.Words, len(fresh.Words))
			}
			finder.CountPage(doc.Selection, &reused, map[string]int{})
			reused.Release()
		}
	})
}

// FuzzAddToken checks addToken's shortcut for plain words against the
// general path: splitting the token with appendTokenWords.
func FuzzAddToken(f *testing.F) {
	for _, s := range []string{"word", "word,", "end.", "www.", "e-mail", "3.14", "don't", "(x)", "a", ".", "http://x.y", "a@b.c", "x@", "naïve", "ab\u00a0",
		"Abcdefgh.", "ABCDEFGHIJ,", "abcdefghijklmnopq", "Abcdefg!", "abcdefgh,i", "x,", ",x", "0123456789Az"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		a, b, link := nextToken(tok, 0)
		if a == b {
			return
		}
		var got wordList
		got.addToken(tok, a, b, link)
		var want wordList
		for _, sp := range appendTokenWords(nil, tok[a:b], a, link) {
			want.add(tok, sp.start, sp.end)
		}
		g, w := got.done(), want.done()
		if len(g) != len(w) {
			t.Fatalf("%q: %d words, want %d", tok, len(g), len(w))
		}
		for i := range g {
			if g[i] != w[i] {
				t.Fatalf("%q: word %d is %+v, want %+v", tok, i, g[i], w[i])
			}
		}
	})
}

// FuzzLinkFlag checks that nextToken's maybeLink loses no link: the
// words of a token are the same whether it is taken as a possible link
// or as nextToken says.
func FuzzLinkFlag(f *testing.F) {
	for _, s := range []string{"end.", "www.", "(www.", "“www.", "www.x", "a.b.", "x..", "http://x.y.", "a@b.", "e.g.", "U.S.", "3.14.", "end.\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); {
			a, b, link := nextToken(s, i)
			if a == b {
				return
			}
			got := appendTokenWords(nil, s[a:b], a, link)
			want := appendTokenWords(nil, s[a:b], a, true)
			if !slices.Equal(got, want) {
				t.Fatalf("%q: words %v with maybeLink %v, %v as a possible link", s[a:b], got, link, want)
			}
			i = b
		}
	})
}

// FuzzWordHash checks that a word's hash, taken while lower-casing it
// eight bytes at a time, is the hash of its lower-case form.
func FuzzWordHash(f *testing.F) {
	for _, s := range []string{"Hello World", "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz", "@[`{ A Z a z", "Naïve CAFÉ", "x", "Don’t", "0123456789 a1B2c3D4e5F6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var l wordList
		l.addText(s)
		for _, w := range l.done() {
			if w.hash != hashString(w.Lower) {
				t.Fatalf("%q: hash %x, want the hash of %q, %x", s[w.Start:w.End], w.hash, w.Lower, hashString(w.Lower))
			}
			if w.Lower != normWord(s[w.Start:w.End]) {
				t.Fatalf("%q: lower-case form %q", s[w.Start:w.End], w.Lower)
			}
		}
	})
}

// TestSyllableCacheSets counts words whose hashes share a set of the
// syllable cache: each count stays right, and the last two words of a set
// stay in it.
func TestSyllableCacheSets(t *testing.T) {
	var c syllableCache
	words := []string{"beautiful", "cat", "information", "dog", "cat", "beautiful", "1998"}
	for round := range 2 {
		for k, w := range words {
			h := uint64(len(c))*uint64(k+1) + 6 // all in set 6
			if got, want := c.count(w, h), Syllables(w); got != want {
				t.Fatalf("round %d: count(%q) = %d, want %d", round, w, got, want)
			}
		}
	}
	last := uint64(len(c))*uint64(len(words)) + 6
	before := uint64(len(c))*uint64(len(words)-1) + 6
	if c[6].hash != last || c[7].hash != before {
		t.Errorf("set 6 holds %x and %x, want the last two words' %x and %x", c[6].hash, c[7].hash, last, before)
	}
}
