package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
)

// maxPassiveExamples is the number of examples a passive-voice finding
// lists.
const maxPassiveExamples = 5

// PassiveVoice measures the share of sentences in the passive voice, and
// counts very long words, in the main content of each page. It is
// informative: the passive has its uses, but many passives hide who does
// what.
type PassiveVoice struct{}

// Meta implements Check.
func (PassiveVoice) Meta() Meta {
	return Meta{
		ID:           "passive-voice",
		Title:        "Sentences say who does what",
		FailureTitle: "Many sentences use the passive voice",
		Description: "\"Your order will be dispatched\" leaves readers guessing who acts and takes longer to read than " +
			"\"We will send your order\"; very long words slow reading too. Prefer the active voice and name who does " +
			"what, especially in instructions.",
		Category: "wording", Mode: Informative, Scope: PageScope, Unit: "%",
	}
}

func (PassiveVoice) readsText() bool { return true }

// CheckPage implements PageCheck.
func (c PassiveVoice) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	a, na := englishText(p)
	if na != nil {
		return *na, nil
	}
	sentences, passives := a.Stats.Sentences, a.Passives
	if sentences == 0 {
		return Result{NotApplicable: true, Reason: "the main content has no sentence of three words or more"}, nil
	}
	var examples []string
	for _, s := range a.Sentences {
		if len(examples) == maxPassiveExamples {
			break
		}
		if s.Words >= text.MinSentenceWords && s.Passive != "" {
			examples = append(examples, fmt.Sprintf("%q in: %s", collapseSpace(s.Passive), shorten(s.Text, 200)))
		}
	}
	long := a.LongWords
	value := 100 * float64(passives) / float64(sentences)
	res := Result{Value: &value}
	if passives == 0 && len(long) == 0 {
		return res, nil
	}
	var parts []string
	if passives > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d sentences use the passive voice", passives, sentences))
	}
	if len(long) > 0 {
		verb := "are"
		if len(long) == 1 {
			verb = "is"
		}
		parts = append(parts, fmt.Sprintf("%s %s over %d letters long", plural(len(long), "word"), verb, text.LongWordLetters))
		if len(examples) == maxPassiveExamples {
			examples = examples[:maxPassiveExamples-1]
		}
		examples = append(examples, "Long words: "+strings.Join(long[:min(len(long), 5)], ", "))
	}
	res.Findings = []Finding{NewFinding("passive-voice", p.URL, "", "passive-voice", Info,
		strings.Join(parts, "; "), Evidence{Kind: "passive-voice", Value: value, Unit: "%", Items: examples})}
	return res, nil
}
