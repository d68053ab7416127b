package text

import (
	"maps"
	"slices"
	"testing"
)

func TestMatcher(t *testing.T) {
	phrases := []string{"in order to", "utilize", "in order", "e-mail", "sign in", "FAQ", "commit", "methodology", "don’t"}
	m := NewMatcher(phrases, PhraseOptions{Inflect: true})
	tests := []struct {
		in   string
		want []string
	}{
		{"We utilize tools in order to dig.", []string{"utilize", "in order to"}},
		{"She utilized, he utilizes, they are utilizing; utilization is not matched.", []string{"utilized", "utilizes", "utilizing"}},
		{"In\n  ORDER   to win", []string{"In\n  ORDER   to"}},
		{"in order for", []string{"in order"}},
		{"Send an E-Mail or an email", []string{"E-Mail"}},
		{"Sign-in page; sign in here; signing in", []string{"sign in"}},
		{"FAQs and the FAQ", []string{"FAQ"}},
		{"committed commits commit", []string{"committed", "commits", "commit"}},
		{"Two methodologies.", []string{"methodologies"}},
		{"I don't know", []string{"don't"}},
		{"reutilize user", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, mt := range m.FindAll(tt.in) {
			got = append(got, tt.in[mt.Start:mt.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("FindAll(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	exact := NewMatcher([]string{"use"}, PhraseOptions{})
	if got := exact.FindAll("uses used use"); len(got) != 1 {
		t.Errorf("exact matcher found %v", got)
	}
	var nilM *Matcher
	if nilM.FindAll("x") != nil || NewMatcher([]string{"", "—"}, PhraseOptions{}).FindAll("x — y") != nil {
		t.Error("empty matchers found something")
	}
}

func TestMatcherFirstListedWins(t *testing.T) {
	m := NewMatcher([]string{"log in", "Log in"}, PhraseOptions{})
	if got := m.FindAll("Log in"); len(got) != 1 || got[0].Phrase != 0 {
		t.Errorf("FindAll = %+v", got)
	}
}

func TestInflections(t *testing.T) {
	for w, want := range map[string][]string{
		"commence": {"commence", "commences", "commenced", "commencing"},
		"modify":   {"modifies", "modified"},
		"submit":   {"submitted", "submitting", "submits"},
		"assist":   {"assisted", "assisting", "assists"},
		"access":   {"accesses", "accessed"},
	} {
		got := inflections(w)
		for _, f := range want {
			if !slices.Contains(got, f) {
				t.Errorf("inflections(%q) = %q, missing %q", w, got, f)
			}
		}
	}
}

func TestParseVariantGroups(t *testing.T) {
	gs, err := ParseVariantGroups(`# comment
sign in, sign-in | log in, login

 FAQ, FAQs | frequently asked questions
`)
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 2 || len(gs[0].Variants) != 2 || gs[0].Variants[1].Name != "log in" ||
		!slices.Equal(gs[1].Variants[0].Spellings, []string{"FAQ", "FAQs"}) {
		t.Errorf("groups = %+v", gs)
	}
	for _, bad := range []string{
		"only one variant",
		"a | b\nc | A",
		"a | , | b",
		"a | — | b",
	} {
		if _, err := ParseVariantGroups(bad); err == nil {
			t.Errorf("ParseVariantGroups(%q): no error", bad)
		}
	}
}

func TestFindVariants(t *testing.T) {
	gs, err := ParseVariantGroups("sign in, sign-in | log in, log-in | login\ne-mail | email\nwebsite | web site")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in   string
		want map[string]int
	}{
		{"Sign in to your account. Forgot how to sign-in? Log in with e-mail.", map[string]int{"sign in": 2, "log in": 1, "e-mail": 1}},
		{"LOGIN | Login | logins | blogin", map[string]int{"login": 2}},
		{"Our web site and website; Email us or e-mail us.", map[string]int{"web site": 1, "website": 1, "email": 1, "e-mail": 1}},
		{"Nothing to see", map[string]int{}},
	}
	for _, tt := range tests {
		if got := FindVariants(tt.in, gs); !maps.Equal(got, tt.want) {
			t.Errorf("FindVariants(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzMatcherIndex checks the matcher's index of phrase starts (first
// word, and first two words) against trying every phrase at every word.
func FuzzMatcherIndex(f *testing.F) {
	phrases := []string{"in order to", "in", "in addition to", "utilize", "a number of", "a", "log in", "log",
		"sign in", "at this point in time", "prior to", "e-mail", "check out", "commence", "in order"}
	m := NewMatcher(phrases, PhraseOptions{Inflect: true})
	var all []pattern
	seen := map[int]bool{}
	for _, ps := range m.byStart {
		for _, p := range ps {
			if !seen[p.id] {
				seen[p.id] = true
				all = append(all, p)
			}
		}
	}
	slices.SortFunc(all, func(a, b pattern) int { return a.id - b.id })
	for _, s := range []string{"In order to log in, sign in a number of times.", "utilizes in addition to a", "prior to commencing", "in in order in order to"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var l wordList
		l.addText(s)
		words := l.done()
		var want []Match
		for i := 0; i < len(words); {
			best, bestLen := -1, 0
			for _, p := range all {
				if len(p.toks) <= bestLen || i+len(p.toks) > len(words) {
					continue
				}
				ok := true
				for k, forms := range p.toks {
					if !sameForm(forms, words[i+k]) {
						ok = false
						break
					}
				}
				if ok {
					best, bestLen = p.id, len(p.toks)
				}
			}
			if best < 0 {
				i++
				continue
			}
			want = append(want, Match{Phrase: best, Start: words[i].Start, End: words[i+bestLen-1].End})
			i += bestLen
		}
		if got := m.FindAll(s); !slices.Equal(got, want) {
			t.Fatalf("FindAll(%q) = %v, want %v", s, got, want)
		}
	})
}
