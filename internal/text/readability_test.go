package text

import (
	"encoding/json"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestStats(t *testing.T) {
	st := Analyze("The cat sat on the mat. Hi. It was a very happy cat indeed.")
	// "Hi." is under MinSentenceWords and does not count.
	if st.Sentences != 2 || st.Words != 13 {
		t.Fatalf("stats %+v", st)
	}
	// cat sat on the mat: 6; it was a very happy cat indeed: 1+1+1+2+2+1+2 = 10.
	if st.Syllables != 16 {
		t.Errorf("syllables %d", st.Syllables)
	}
	wantFRE := 206.835 - 1.015*6.5 - 84.6*16.0/13
	if math.Abs(st.FleschReadingEase()-wantFRE) > 1e-9 {
		t.Errorf("FRE %v, want %v", st.FleschReadingEase(), wantFRE)
	}
	wantFK := 0.39*6.5 + 11.8*16.0/13 - 15.59
	if math.Abs(st.FleschKincaidGrade()-wantFK) > 1e-9 {
		t.Errorf("FK %v, want %v", st.FleschKincaidGrade(), wantFK)
	}
	var zero Stats
	if zero.FleschReadingEase() != 0 || zero.FleschKincaidGrade() != 0 || zero.WordsPerSentence() != 0 || zero.SyllablesPerWord() != 0 {
		t.Error("empty stats are not zero")
	}
}

func TestLongWords(t *testing.T) {
	got := LongWords("Internationalization and https://example.com/very-long-address-here and responsibility, " +
		"pollinator-friendly, characteristically-minded.")
	if len(got) != 2 || got[0] != "Internationalization" || got[1] != "characteristically-minded" {
		t.Errorf("LongWords = %q", got)
	}
	if st := Analyze("Internationalization is a characteristically long word."); st.LongWords != 2 {
		t.Errorf("LongWords in stats = %d", st.LongWords)
	}
}

// passage is one entry of testdata/readability.json: a passage written for
// this test and the figures text-readability computed for it (see
// testdata/README.md).
type passage struct {
	Name, Genre, Text string
	Reference         struct {
		FRE       float64 `json:"flesch_reading_ease"`
		Grade     float64 `json:"flesch_kincaid_grade"`
		Words     int     `json:"words"`
		Sentences int     `json:"sentences"`
		Syllables int     `json:"syllables"`
	}
}

// TestAgreementWithTextReadability checks our Flesch Reading Ease against
// the reference tool's on passages of every difficulty: within 6 points,
// and ranking the passages in the same order.
func TestAgreementWithTextReadability(t *testing.T) {
	b, err := os.ReadFile("testdata/readability.json")
	if err != nil {
		t.Fatal(err)
	}
	var ps []passage
	if err := json.Unmarshal(b, &ps); err != nil {
		t.Fatal(err)
	}
	if len(ps) < 8 {
		t.Fatalf("%d passages, want 8 or more", len(ps))
	}
	ours := map[string]float64{}
	for _, p := range ps {
		st := Analyze(p.Text)
		fre, grade := st.FleschReadingEase(), st.FleschKincaidGrade()
		ours[p.Name] = fre
		t.Logf("%-10s reference FRE %7.2f, ours %7.2f (%+.2f); grade %5.1f, ours %5.1f; words %d/%d, sentences %d/%d, syllables %d/%d",
			p.Name, p.Reference.FRE, fre, fre-p.Reference.FRE, p.Reference.Grade, grade,
			st.Words, p.Reference.Words, st.Sentences, p.Reference.Sentences, st.Syllables, p.Reference.Syllables)
		if math.Abs(fre-p.Reference.FRE) > 6 {
			t.Errorf("%s: Flesch Reading Ease %.2f, reference %.2f", p.Name, fre, p.Reference.FRE)
		}
		if math.Abs(grade-p.Reference.Grade) > 2 {
			t.Errorf("%s: Flesch-Kincaid grade %.1f, reference %.1f", p.Name, grade, p.Reference.Grade)
		}
	}
	byRef := make([]string, len(ps))
	byOurs := make([]string, len(ps))
	for i, p := range ps {
		byRef[i], byOurs[i] = p.Name, p.Name
	}
	ref := map[string]float64{}
	for _, p := range ps {
		ref[p.Name] = p.Reference.FRE
	}
	sort.SliceStable(byRef, func(i, j int) bool { return ref[byRef[i]] > ref[byRef[j]] })
	sort.SliceStable(byOurs, func(i, j int) bool { return ours[byOurs[i]] > ours[byOurs[j]] })
	for i := range byRef {
		if byRef[i] != byOurs[i] {
			t.Errorf("order differs: reference %v, ours %v", byRef, byOurs)
			break
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	s := strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "+
		"The configuration loader resolves environment variables before validating the schema.\n\n", 1000)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Analyze(s)
	}
}
