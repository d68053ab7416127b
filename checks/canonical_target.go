package checks

import (
	"context"
	"fmt"
	"net/http"

	"github.com/uxaudit/uxaudit/crawler"
)

// CanonicalTarget reports canonical links that point at a URL that does not
// answer 200 directly.
type CanonicalTarget struct{}

// Meta implements Check.
func (CanonicalTarget) Meta() Meta {
	return Meta{
		ID:           "canonical-target",
		Title:        "Canonical links point at live pages",
		FailureTitle: "Canonical links point at broken or redirecting URLs",
		Description: "Search engines send visitors to the canonical URL: if it is broken or redirects, people land " +
			"on an error or wait for an extra hop. Point the canonical link at the page's own final URL.",
		Category: "structure", Mode: Binary, Scope: SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (c CanonicalTarget) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	var res Result
	for _, p := range s.Pages {
		if p.Canonical == "" {
			continue
		}
		res.Checked++
		ch := s.Chain(p.Canonical, s.MaxHops)
		f := ch.Final
		ev := Evidence{Kind: "canonical-target", Tag: "link", Hops: ch.Hops}
		var msg string
		sev := Medium
		switch {
		case f == nil:
			continue // not fetched (out of bounds or not checked)
		case ch.Loop || ch.TooLong:
			msg, sev = "The canonical URL never resolves: its redirects loop or go on too long", High
		case f.ErrKind == crawler.ErrRobots || f.ErrKind == crawler.ErrCanceled:
			continue
		case f.ErrKind != crawler.ErrNone:
			msg, sev = fmt.Sprintf("The canonical URL fails to load: %s", f.ErrKind), High
		case f.Status >= 400:
			ev.Status = f.Status
			msg, sev = fmt.Sprintf("The canonical URL answers %d %s", f.Status, http.StatusText(f.Status)), High
		case len(ch.Hops) > 0:
			msg = fmt.Sprintf("The canonical URL redirects to %s; use the final URL", f.URL)
		default:
			continue
		}
		res.Findings = append(res.Findings, NewFinding(c.Meta().ID, p.URL, p.Canonical, "canonical-target", sev, msg, ev))
	}
	return res, nil
}
