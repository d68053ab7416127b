package crawler

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/url"

	"golang.org/x/net/html"
)

// ErrorProbe is what the site answered for a URL that cannot exist: the
// page users see after a broken link.
type ErrorProbe struct {
	URL         string `json:"url"`
	Status      int    `json:"status"`
	ContentType string `json:"content_type,omitempty"`
	// Links counts the page's links into the site: a way back for a user
	// who landed on it.
	Links int    `json:"links"`
	Err   string `json:"error,omitempty"`
}

// ErrorProbePrefix starts the path of the error-page probe; a random suffix
// follows, so the path cannot exist on the site.
const ErrorProbePrefix = "/uxaudit-missing-"

// probeErrorPage requests a random path on the first seed's host.
func (c *Crawler) probeErrorPage(ctx context.Context) *ErrorProbe {
	seed, err := url.Parse(c.opts.Seeds[0])
	if err != nil {
		return nil
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	u := (&url.URL{Scheme: seed.Scheme, Host: seed.Host, Path: ErrorProbePrefix + hex.EncodeToString(b[:])}).String()
	if !c.allowed(u) {
		return nil
	}
	f := &Fetch{URL: u, Kind: KindPage, Method: http.MethodGet}
	res := c.do(c.internal, f, readAll)
	p := &ErrorProbe{URL: u, Status: res.status}
	if res.header != nil {
		p.ContentType = res.header.Get("Content-Type")
	}
	switch {
	case res.err != nil && classifyColly(res.err) == ErrRobots:
		return nil // the site asks robots to stay out of this path: no probe
	case res.err != nil || ctx.Err() != nil:
		if res.err != nil {
			p.Err = res.err.Error()
		}
		return p
	}
	if len(res.body) > 0 && (isHTML(p.ContentType) || looksHTML(res.body)) {
		decoded, _ := decode(res.body, p.ContentType)
		if root, err := html.Parse(bytes.NewReader(decoded)); err == nil {
			base, _ := url.Parse(u)
			for _, l := range extract(root, base, nil, nil).Links {
				if !l.Resource && l.Fetchable() && l.URL != u && c.scope.contains(Host(l.URL)) {
					p.Links++
				}
			}
		}
	}
	return p
}
