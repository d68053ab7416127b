package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/text"
)

// Term is a word or phrase a style guide bans, with what to write instead
// and why.
type Term struct {
	Term        string // "whitelist"
	Replacement string // "allowlist"; may be empty
	Reason      string // "clearer and inclusive"; may be empty
	// Severity of its findings: empty means Low. Info marks a term only
	// discouraged: reported, never counted against the score.
	Severity Severity
}

// Validate says what is wrong with a term, if anything: it must have a
// word, and its severity must be one of high, medium, low and info.
func (t Term) Validate() error {
	if text.WordCount(t.Term) == 0 {
		return fmt.Errorf("the term %q has no word to look for", t.Term)
	}
	switch t.Severity {
	case "", High, Medium, Low, Info:
		return nil
	}
	return fmt.Errorf("the term %q: severity must be high, medium, low or info, not %q", t.Term, t.Severity)
}

func (t Term) severity() Severity {
	if t.Severity == "" {
		return Low
	}
	return t.Severity
}

// BannedTerms reports the terms of a user's list (a style guide's banned
// or discouraged words, from --terms or the configuration) in the main
// content of each page, at each term's severity. Without terms it does
// not apply.
type BannedTerms struct {
	Terms []Term
}

// Meta implements Check.
func (BannedTerms) Meta() Meta {
	return Meta{
		ID:           "banned-terms",
		Title:        "Text avoids the terms the style guide bans",
		FailureTitle: "Text uses terms the style guide bans",
		Description: "A style guide bans terms that confuse, exclude or contradict the product's own words; each " +
			"one that slips through makes the site less consistent and less trustworthy. Replace it with the term " +
			"the guide gives.",
		Category: "wording", Mode: Binary, Scope: PageScope,
	}
}

func (c BannedTerms) readsText() bool { return len(c.Terms) > 0 }

// CheckPage implements PageCheck.
func (c BannedTerms) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	if docRoot(p) == nil && p.Text == nil {
		return notParsed, nil
	}
	if len(c.Terms) == 0 {
		return Result{NotApplicable: true, Reason: "no terms file given"}, nil
	}
	pairs := make([]Pair, len(c.Terms))
	for i, t := range c.Terms {
		pairs[i] = Pair{Phrase: t.Term, Replacement: t.Replacement}
	}
	m := newPairMatcher(pairs, text.PhraseOptions{})
	a := p.Text
	if a == nil {
		a = text.AnalyseDocument(p.Doc)
	}
	return Result{Findings: phraseFindings("banned-terms", p.URL, a, m, func(i int, pair Pair, found string, n int) (string, string, Severity) {
		t := c.Terms[i]
		kind, what := "banned-term", "a banned term"
		if t.severity() == Info {
			kind, what = "discouraged-term", "a discouraged term"
		}
		msg := fmt.Sprintf("%q is %s", found, what)
		if n > 1 {
			msg = fmt.Sprintf("%q is %s, used %d times", found, what, n)
		}
		if t.Reason != "" {
			msg += " (" + t.Reason + ")"
		}
		if pair.Replacement != "" {
			msg += fmt.Sprintf(": write %q instead", pair.Replacement)
		}
		return kind, msg, t.severity()
	})}, nil
}
