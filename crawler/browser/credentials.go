package browser

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/uxaudit/uxaudit/crawler"
)

// Credentials are what the browser adds to its requests to the audited
// site's hosts, as the HTTP crawl does: custom headers and basic auth.
// Requests to any other host go out untouched, redirects included. (Cookies
// go through the browser's own jar, scoped to their host: Options.Cookies.)
type Credentials struct {
	Header     http.Header // extra request headers
	BasicUser  string
	BasicPass  string
	Basic      bool     // send BasicUser and BasicPass
	Hosts      []string // the in-scope hosts, as crawler.Site.Hosts lists them
	Subdomains bool     // subdomains of Hosts are in scope too
}

// empty reports whether there is nothing to add.
func (c *Credentials) empty() bool {
	return c == nil || len(c.Header) == 0 && !c.Basic
}

// headers returns the request's headers with the credentials added, for an
// in-scope request; ok is false when the request must go out unchanged.
func (c *Credentials) headers(rawURL string, h network.Headers) (out []*fetch.HeaderEntry, ok bool) {
	if c.empty() || !crawler.HostInScope(c.Hosts, c.Subdomains, rawURL) {
		return nil, false
	}
	set := map[string]string{}
	var order []string
	put := func(name, value string) {
		key := http.CanonicalHeaderKey(name)
		if _, seen := set[key]; !seen {
			order = append(order, key)
		}
		set[key] = value
	}
	for name, v := range h {
		put(name, fmt.Sprint(v))
	}
	for name, vs := range c.Header {
		put(name, strings.Join(vs, ", "))
	}
	if c.Basic {
		put("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(c.BasicUser+":"+c.BasicPass)))
	}
	for _, k := range order {
		out = append(out, &fetch.HeaderEntry{Name: k, Value: set[k]})
	}
	return out, true
}

// SetCredentials makes the browser add c to its requests to c's hosts. Call
// it before the first Render (pages already loading go on without); nil
// removes them.
func (b *Browser) SetCredentials(c *Credentials) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.creds = c
}

// interceptCredentials makes t, a tab about to load its page, add the
// browser's credentials to its requests bound for the audited hosts, pausing
// them for that; without credentials the tab's requests are not paused, so
// that the common case pays no interception cost.
func (b *Browser) interceptCredentials(ctx context.Context, t *tab) error {
	b.mu.Lock()
	c := b.creds
	b.mu.Unlock()
	if c.empty() {
		return nil
	}
	t.creds.Store(c)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		return fmt.Errorf("intercept requests: %w", err)
	}
	return nil
}

// continueRequest lets a paused request go on, with the credentials added
// when it is bound for an audited host. It runs in the tab's listener,
// which must not send commands itself (that would deadlock the event loop):
// the answer goes from a goroutine of its own.
func (t *tab) continueRequest(e *fetch.EventRequestPaused) {
	if e.Request == nil {
		return
	}
	p := fetch.ContinueRequestParams{RequestID: e.RequestID}
	if h, ok := t.creds.Load().headers(e.Request.URL, e.Request.Headers); ok {
		p.Headers = h
	}
	go func() { _, _ = chromedp.Call(t.ctx, fetch.ContinueRequest, p) }()
}
