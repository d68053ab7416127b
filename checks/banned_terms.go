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
}

// BannedTerms reports the terms of a user's list (a style guide's banned
// or outdated words) in the main content of each page. Without terms it
// does not apply.
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

// CheckPage implements PageCheck.
func (c BannedTerms) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	if docRoot(p) == nil {
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
	content := text.Text(text.MainContent(p.Doc))
	return Result{Findings: phraseFindings("banned-terms", p.URL, content, m, func(i int, pair Pair, found string, n int) (string, string, Severity) {
		msg := fmt.Sprintf("%q is a banned term", found)
		if n > 1 {
			msg = fmt.Sprintf("%q is a banned term, used %d times", found, n)
		}
		if r := c.Terms[i].Reason; r != "" {
			msg += " (" + r + ")"
		}
		if pair.Replacement != "" {
			msg += fmt.Sprintf(": write %q instead", pair.Replacement)
		}
		return "banned-term", msg, Low
	})}, nil
}
