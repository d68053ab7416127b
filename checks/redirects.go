package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
)

// Redirects reports internal links that go through redirects: loops, chains
// of two or more hops, https-to-http downgrades, temporary redirects and
// links that point at a redirect instead of its final URL.
type Redirects struct{}

// Meta implements Check.
func (Redirects) Meta() Meta {
	return Meta{
		ID:           "redirects",
		Title:        "Internal links point at their final URLs",
		FailureTitle: "Internal links go through redirects",
		Description: "Every redirect costs a round trip before the page starts loading, chains multiply it, " +
			"loops never load, and a downgrade to http exposes the visit. Link to the final URL directly, " +
			"collapse chains into one permanent (301/308) redirect, and keep every hop on https.",
		Category: "redirects",
		Mode:     Binary,
		Scope:    SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (Redirects) CheckSite(ctx context.Context, s *crawler.Site) (Result, error) {
	res := Result{Checked: len(s.Pages)}
	inScope := make(map[string]bool, len(s.Hosts))
	for _, h := range s.Hosts {
		inScope[h] = true
	}
	seen := map[string]bool{}
	for _, p := range s.Pages {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		clear(seen)
		for i := range p.Links {
			l := &p.Links[i]
			if !l.Fetchable() || seen[l.URL] || !inScope[crawler.Host(l.URL)] {
				continue
			}
			seen[l.URL] = true
			if f, ok := redirectFinding(s, p, l); ok {
				res.Findings = append(res.Findings, f)
			}
		}
	}
	return res, nil
}

func redirectFinding(s *crawler.Site, p *crawler.Page, l *crawler.Link) (Finding, bool) {
	ch := s.Chain(l.URL, s.MaxHops)
	if len(ch.Hops) == 0 {
		return Finding{}, false
	}
	ev := Evidence{LinkText: l.Text, Tag: l.Tag, Attr: l.Attr.String(), Section: l.Section.String(), Hops: ch.Hops}
	what := describeLink(l)
	n := len(ch.Hops)
	var (
		sev  Severity
		kind string
		msg  string
	)
	downgrade, temporary := false, false
	for _, h := range ch.Hops {
		if strings.HasPrefix(h.URL, "https:") && strings.HasPrefix(h.Location, "http:") {
			downgrade = true
		}
		if h.Status == 302 || h.Status == 303 || h.Status == 307 {
			temporary = true
		}
	}
	switch {
	case ch.Final != nil && ch.Final.ErrKind == crawler.ErrScheme:
		sev, kind = High, "redirect-to-other-scheme"
		msg = fmt.Sprintf("%s to %s redirects to a URL no browser should follow (%s): %s", what, l.URL, ch.Final.Err, hopPath(ch.Hops))
	case ch.Loop:
		sev, kind = High, "redirect-loop"
		msg = fmt.Sprintf("%s to %s enters a redirect loop: %s", what, l.URL, hopPath(ch.Hops))
	case ch.TooLong:
		sev, kind = High, "too-many-redirects"
		msg = fmt.Sprintf("%s to %s goes through more than %d redirects", what, l.URL, s.MaxHops)
	case downgrade:
		sev, kind = High, "https-downgrade"
		msg = fmt.Sprintf("%s to %s is redirected from https to http: %s", what, l.URL, hopPath(ch.Hops))
	case n >= 2:
		sev, kind = Medium, "redirect-chain"
		msg = fmt.Sprintf("%s to %s goes through a chain of %d redirects: %s", what, l.URL, n, hopPath(ch.Hops))
	case temporary:
		sev, kind = Low, "temporary-redirect"
		msg = fmt.Sprintf("%s to %s uses a temporary %d redirect to %s; link to the final URL, or make the redirect permanent",
			what, l.URL, ch.Hops[0].Status, ch.Hops[0].Location)
	default:
		sev, kind = Low, "link-to-redirect"
		msg = fmt.Sprintf("%s to %s points at a %d redirect; link to %s directly",
			what, l.URL, ch.Hops[0].Status, ch.Hops[0].Location)
	}
	ev.Kind = kind
	return NewFinding("redirects", p.URL, l.URL, kind, sev, msg, ev), true
}

// hopPath renders a chain as "a (301) → b (302) → c".
func hopPath(hops []crawler.Hop) string {
	var b strings.Builder
	for _, h := range hops {
		fmt.Fprintf(&b, "%s (%d) → ", h.URL, h.Status)
	}
	b.WriteString(hops[len(hops)-1].Location)
	return b.String()
}
