package checks

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
)

// Readability defaults.
const (
	defaultTargetGrade  = 9
	defaultLongSentence = 25
	// minReadabilityWords is the shortest main content the formulas are
	// meaningful on.
	minReadabilityWords = 100
	maxLongSentences    = 3
)

// Readability measures how hard the main content of each page is to read,
// as a Flesch–Kincaid grade, and names its longest sentences.
type Readability struct {
	// TargetGrade is the US school grade the content should not exceed;
	// zero means 9.
	TargetGrade float64
	// LongSentence is the number of words above which a sentence is named
	// as too long; zero means 25.
	LongSentence int
}

func (c Readability) target() float64 {
	if c.TargetGrade > 0 {
		return c.TargetGrade
	}
	return defaultTargetGrade
}

func (c Readability) longSentence() int {
	if c.LongSentence > 0 {
		return c.LongSentence
	}
	return defaultLongSentence
}

// Meta implements Check.
func (c Readability) Meta() Meta {
	m := c.scoring()
	m.Curve.Source = fmt.Sprintf("uxaudit's own choice: the target grade (%g) "+
		"scores 0.9 and four grades above it 0.5, as plain-language guides aim at grade 8 to 9", c.target())
	return m
}

// scoring is Meta without the curve's source, all that CheckPage reads:
// it runs for every page, the source's formatting once.
func (c Readability) scoring() Meta {
	t := c.target()
	return Meta{
		ID:           "readability",
		Title:        "Text is easy to read",
		FailureTitle: "Text is hard to read",
		Description: "People skim on screens, and long sentences full of long words make them give up or misread; " +
			"most adults read most easily at about grade 8 to 9. Split long sentences, put the main point first and " +
			"prefer short everyday words.",
		Category: "content", Mode: Numeric, Scope: PageScope, Unit: "grade",
		Curve: &Curve{P10: t, Median: t + 4},
	}
}

func (Readability) readsText() bool { return true }

// CheckPage implements PageCheck.
func (c Readability) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	a, na := englishText(p)
	if na != nil {
		return *na, nil
	}
	if n := len(a.Words); n < minReadabilityWords {
		return Result{NotApplicable: true, Reason: fmt.Sprintf("the main content has %d words, fewer than %d", n, minReadabilityWords)}, nil
	}
	var longs []text.Sentence
	for _, s := range a.Sentences {
		if s.Words > c.longSentence() {
			longs = append(longs, s)
		}
	}
	st := a.Stats
	if st.Sentences == 0 {
		return Result{NotApplicable: true, Reason: "the main content has no sentence of three words or more"}, nil
	}
	const id = "readability"
	m := c.scoring()
	grade := math.Round(st.FleschKincaidGrade()*10) / 10
	res := metric(id, p.URL, grade, m, func(string) string {
		return fmt.Sprintf("The main content reads at US school grade %.1f (Flesch–Kincaid), above the target of %g: "+
			"%.1f words a sentence and %.2f syllables a word", grade, c.target(), st.WordsPerSentence(), st.SyllablesPerWord())
	}, Evidence{})

	sort.SliceStable(longs, func(i, j int) bool { return longs[i].Words > longs[j].Words })
	for i, l := range longs {
		if i == maxLongSentences {
			break
		}
		sel := cssSelector(a.Blocks[l.Block].Node)
		msg := fmt.Sprintf("A sentence of %d words (over %d): %q", l.Words, c.longSentence(), shorten(l.Text, 120))
		if len(longs) > maxLongSentences && i == 0 {
			msg += fmt.Sprintf("; the page has %d sentences over %d words", len(longs), c.longSentence())
		}
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "long-sentence\x00"+l.Text, Low, msg,
			Evidence{Kind: "long-sentence", Selector: sel, Value: float64(l.Words), Unit: "words",
				Items: []string{shorten(l.Text, 300)}}))
	}
	return res, nil
}
