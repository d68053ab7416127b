package checks

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"github.com/uxaudit/uxaudit/crawler"
)

// HTTPStatus reports in-scope pages that answer 4xx or 5xx, fail to load,
// or are larger than the body limit.
type HTTPStatus struct{}

// Meta implements Check.
func (HTTPStatus) Meta() Meta {
	return Meta{
		ID:           "http-status",
		Title:        "Pages load",
		FailureTitle: "Pages fail to load or answer with an error",
		Description: "A page that answers an error status or does not load is one users cannot use at all. " +
			"Restore or redirect missing pages, fix server errors, and look at timeouts and resets in the server logs.",
		Category: "links",
		Mode:     Binary,
		Scope:    SiteScope,
	}
}

// CheckSite implements SiteCheck.
func (HTTPStatus) CheckSite(ctx context.Context, s *crawler.Site) (Result, error) {
	var res Result
	urls := make([]string, 0, len(s.Fetches))
	for u, f := range s.Fetches {
		if f.Kind == crawler.KindPage {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	for _, u := range urls {
		f := s.Fetches[u]
		switch f.ErrKind {
		case crawler.ErrRobots, crawler.ErrCanceled, crawler.ErrScheme, crawler.ErrTooManyHops, crawler.ErrInvalidTarget:
			continue // not fetched, or a redirect problem reported by redirects
		}
		res.Checked++
		ev := Evidence{Status: f.Status, Error: f.Err}
		switch {
		case f.ErrKind == crawler.ErrParse || f.ErrKind == crawler.ErrNotHTML:
			ev.Kind = string(f.ErrKind)
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Medium,
				"The page loaded but could not be audited: "+f.Err, ev))
		case f.ErrKind != crawler.ErrNone:
			ev.Kind = string(f.ErrKind)
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, High,
				fmt.Sprintf("The page failed to load: %s (%s)", f.ErrKind, f.Err), ev))
		case f.Status == http.StatusTooManyRequests:
			ev.Kind, ev.Verdict = "rate-limited", "rate-limited"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Info,
				"The server rate-limited the crawler (429) even after honouring Retry-After; the page was not audited", ev))
		case f.Status == http.StatusServiceUnavailable && f.RetryAfter:
			ev.Kind, ev.Verdict = "unavailable", "rate-limited"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Info,
				"The page was temporarily unavailable (503 with Retry-After) even after honouring Retry-After; it was not audited: audit it again later", ev))
		case (f.Status == http.StatusForbidden || f.Status == 999) && f.BrowserStatus >= 200 && f.BrowserStatus < 400:
			ev.Kind, ev.Verdict = "blocked", "blocked"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Info,
				fmt.Sprintf("The page answers %d to crawlers but %d to a browser (a bot wall); it was not audited", f.Status, f.BrowserStatus), ev))
		case f.Status >= 500:
			ev.Kind = "server-error"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, High,
				fmt.Sprintf("The page answers %d %s", f.Status, http.StatusText(f.Status)), ev))
		case f.Status >= 400:
			ev.Kind = "client-error"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Medium,
				fmt.Sprintf("The page answers %d %s", f.Status, http.StatusText(f.Status)), ev))
		case f.Truncated && f.Compressed:
			ev.Kind = "decompression-limit"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Medium,
				"The compressed page expands past the body size limit (a decompression bomb, or a huge page); only its beginning was audited", ev))
		case f.Truncated:
			ev.Kind = "body-truncated"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Low,
				"The page is larger than the body size limit; only its beginning was audited", ev))
		case f.BadEncoding:
			ev.Kind = "invalid-encoding"
			res.Findings = append(res.Findings, NewFinding("http-status", u, "", ev.Kind, Low,
				"The page's bytes are not valid in its declared character set: some text shows as garbage", ev))
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
	}
	return res, nil
}
