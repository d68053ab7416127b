package checks

import (
	"context"
	"fmt"
	"net/http"

	"github.com/uxaudit/uxaudit/crawler"
)

// BrokenLinks reports links and resources whose target fails or answers an
// error status, and fragment links whose target has no such anchor.
type BrokenLinks struct{}

// Meta implements Check.
func (BrokenLinks) Meta() Meta {
	return Meta{
		ID:           "broken-links",
		Title:        "Links and resources work",
		FailureTitle: "Pages have broken links or resources",
		Description: "A broken link is a dead end: users lose their way and their trust, and a missing " +
			"image, script or stylesheet breaks the page itself. Fix the target, or update or remove the link; " +
			"for #fragment links, add the id to the target page or correct the link.",
		Category: "links",
		Mode:     Binary,
		Scope:    SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (BrokenLinks) CheckSite(ctx context.Context, s *crawler.Site) (Result, error) {
	res := Result{Checked: len(s.Pages)}
	for _, p := range s.Pages {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		for i := range p.Links {
			if f, ok := brokenLink(s, p, &p.Links[i]); ok {
				res.Findings = append(res.Findings, f)
			}
		}
	}
	return res, nil
}

// Verdicts of a failed link. Only broken and server-error count against the
// score; the others are reported at Info severity, so that nobody is woken
// for a bot wall or a server that asked to slow down.
const (
	VerdictBroken      = "broken"       // 404/410 and other 4xx, DNS, refused, TLS, loops
	VerdictServerError = "server-error" // 5xx after the retries
	VerdictRateLimited = "rate-limited" // 429 after honouring Retry-After within the budget
	VerdictBlocked     = "blocked"      // 403/999 to the crawler, but 2xx to a browser-like request
	VerdictTimeout     = "timeout"      // no answer within the request timeout, retries included
	VerdictFlaky       = "flaky"        // failed, then answered on a retry
)

func brokenLink(s *crawler.Site, p *crawler.Page, l *crawler.Link) (Finding, bool) {
	ev := Evidence{LinkText: l.Text, Tag: l.Tag, Attr: l.Attr.String(), Section: l.Section.String()}
	if l.Scheme() == "invalid" {
		what := describeLink(l)
		ev.Kind, ev.Verdict = "invalid-url", VerdictBroken
		return NewFinding("broken-links", p.URL, l.URL, "invalid", Medium,
			fmt.Sprintf("%s has an invalid URL %q", what, l.URL), ev), true
	}
	if !l.Fetchable() {
		return Finding{}, false
	}
	ch := s.Chain(l.URL, s.MaxHops)
	f := ch.Final
	if !ch.Loop && !ch.TooLong && (f == nil || f.OK() && l.Fragment() == "" && f.Attempts <= 1) {
		return Finding{}, false // the common case: a link that works
	}
	what := describeLink(l)
	ev.Hops = ch.Hops
	sev := High
	if f != nil && f.Kind == crawler.KindExternal {
		sev = Medium
	}
	finding := func(verdict, msg string) (Finding, bool) {
		ev.Verdict = verdict
		if verdict != VerdictBroken && verdict != VerdictServerError {
			sev = Info
		}
		return NewFinding("broken-links", p.URL, l.URL, "", sev, msg, ev), true
	}
	switch {
	case ch.Loop:
		ev.Kind = "redirect-loop"
		return finding(VerdictBroken, fmt.Sprintf("%s to %s never resolves: its redirects loop", what, l.URL))
	case ch.TooLong:
		ev.Kind = "too-many-redirects"
		return finding(VerdictBroken, fmt.Sprintf("%s to %s does not resolve within %d redirects", what, l.URL, s.MaxHops))
	case f == nil:
		return Finding{}, false // never fetched: excluded, capped or not checked
	}
	switch f.ErrKind {
	case crawler.ErrNone:
	case crawler.ErrRobots, crawler.ErrCanceled:
		return Finding{}, false
	case crawler.ErrTimeout:
		ev.Kind, ev.Error = string(f.ErrKind), f.Err
		return finding(VerdictTimeout, fmt.Sprintf("%s to %s timed out (%d attempts)", what, l.URL, max(f.Attempts, 1)))
	default:
		ev.Kind, ev.Error = string(f.ErrKind), f.Err
		return finding(VerdictBroken, fmt.Sprintf("%s to %s failed: %s", what, l.URL, f.ErrKind))
	}
	if f.Status >= 400 {
		ev.Kind, ev.Status = "status", f.Status
		status := fmt.Sprintf("%d %s", f.Status, http.StatusText(f.Status))
		switch {
		case f.Status == http.StatusTooManyRequests:
			return finding(VerdictRateLimited, fmt.Sprintf("%s to %s was rate-limited (%s after %d attempts); not counted as broken", what, l.URL, status, max(f.Attempts, 1)))
		case f.Status == http.StatusServiceUnavailable && f.RetryAfter:
			// A 503 with Retry-After is the server asking to come back
			// later (maintenance, overload): transient, like a 429.
			return finding(VerdictRateLimited, fmt.Sprintf("%s to %s was temporarily unavailable (%s with Retry-After, %d attempts); not counted as broken", what, l.URL, status, max(f.Attempts, 1)))
		case (f.Status == http.StatusForbidden || f.Status == 999) && f.BrowserStatus >= 200 && f.BrowserStatus < 400:
			return finding(VerdictBlocked, fmt.Sprintf("%s to %s answers %d to crawlers but %d to a browser (a bot wall); not counted as broken", what, l.URL, f.Status, f.BrowserStatus))
		case f.Status >= 500:
			return finding(VerdictServerError, fmt.Sprintf("%s to %s fails with a server error: %s", what, l.URL, status))
		}
		return finding(VerdictBroken, fmt.Sprintf("%s to %s is broken: %s", what, l.URL, status))
	}
	if f.OK() && f.Attempts > 1 && l.Fragment() == "" {
		ev.Kind = "flaky"
		return finding(VerdictFlaky, fmt.Sprintf("%s to %s failed at first and answered on attempt %d", what, l.URL, f.Attempts))
	}
	if l.Fragment() == "" || !f.OK() || isSpecialFragment(l.Fragment()) {
		return Finding{}, false
	}
	target := s.Page(f.URL)
	if target == nil || target.HasAnchor(l.Fragment()) {
		return Finding{}, false
	}
	ev.Kind, ev.Fragment, ev.Verdict = "missing-fragment", l.Fragment(), VerdictBroken
	return NewFinding("broken-links", p.URL, l.URL+"#"+l.Fragment(), "fragment", Low,
		fmt.Sprintf("%s to %s#%s points at an anchor that does not exist on that page", what, l.URL, l.Fragment()), ev), true
}

// isSpecialFragment reports fragments that need no anchor: "#top" and the
// routes of single-page apps ("#/x", "#!x").
func isSpecialFragment(frag string) bool {
	return frag == "top" || frag[0] == '/' || frag[0] == '!' || frag[0] == ':'
}

func describeLink(l *crawler.Link) string {
	kind := "Link"
	switch l.Tag {
	case "img", "source", "picture":
		kind = "Image"
	case "script":
		kind = "Script"
	case "link":
		switch l.Rel() {
		case "stylesheet":
			kind = "Stylesheet"
		case "icon", "shortcut icon", "apple-touch-icon":
			kind = "Icon"
		default:
			kind = fmt.Sprintf("<link rel=%q>", l.Rel())
		}
	case "iframe", "frame":
		kind = "Frame"
	case "video", "audio", "track", "embed", "object":
		kind = "Media"
	}
	if l.Text != "" {
		return fmt.Sprintf("%s %q", kind, l.Text)
	}
	return kind
}
