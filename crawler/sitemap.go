package crawler

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"sort"

	"github.com/temoto/robotstxt"
)

// Bounds of sitemap discovery.
const (
	maxSitemaps    = 50
	maxSitemapURLs = 50000
)

type sitemapDoc struct {
	URLs     []sitemapLoc `xml:"url"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc string `xml:"loc"`
}

// discoverSitemaps reads the first seed's robots.txt for Sitemap: lines
// (falling back to /sitemap.xml), follows sitemap indexes, and returns the
// robots.txt URL and the in-scope page URLs listed, sorted.
func (c *Crawler) discoverSitemaps(ctx context.Context) (robotsURL string, pages []string) {
	seed, err := url.Parse(c.opts.Seeds[0])
	if err != nil {
		return "", nil
	}
	root := &url.URL{Scheme: seed.Scheme, Host: seed.Host}
	robotsURL = root.JoinPath("robots.txt").String()
	var queue []string
	if status, body := c.get(ctx, robotsURL); status != 0 {
		if rd, err := robotstxt.FromStatusAndBytes(status, body); err == nil {
			queue = append(queue, rd.Sitemaps...)
		}
	}
	if len(queue) == 0 {
		queue = append(queue, root.JoinPath("sitemap.xml").String())
	}
	limit := maxSitemapURLs
	if c.opts.MaxPages > 0 && c.opts.MaxPages < limit {
		limit = c.opts.MaxPages
	}
	seen := map[string]bool{}
	found := map[string]bool{}
	for n := 0; len(queue) > 0 && n < maxSitemaps && len(found) < limit && ctx.Err() == nil; n++ {
		sm := queue[0]
		queue = queue[1:]
		canon, _, err := Normalize(nil, sm)
		if err != nil || seen[canon] {
			continue
		}
		seen[canon] = true
		status, body := c.get(ctx, canon)
		if status != http.StatusOK || len(body) == 0 {
			c.log.Debug().Str("url", canon).Int("status", status).Msg("no sitemap")
			continue
		}
		var doc sitemapDoc
		if err := xml.Unmarshal(body, &doc); err != nil {
			c.log.Warn().Str("url", canon).Err(err).Msg("unreadable sitemap")
			continue
		}
		for _, s := range doc.Sitemaps {
			queue = append(queue, s.Loc)
		}
		for _, u := range doc.URLs {
			p, _, err := Normalize(nil, u.Loc)
			if err != nil || !c.scope.contains(Host(p)) || len(found) >= limit {
				continue
			}
			found[p] = true
		}
	}
	for u := range found {
		pages = append(pages, u)
	}
	sort.Strings(pages)
	return robotsURL, pages
}

// get fetches a URL through the in-scope collector outside the crawl's
// bookkeeping (robots.txt, sitemaps) and returns its status and body.
func (c *Crawler) get(ctx context.Context, u string) (int, []byte) {
	f := &Fetch{URL: u, Kind: KindPage, Method: http.MethodGet}
	res := c.do(c.internal, f, readAll)
	if res.err != nil || ctx.Err() != nil {
		return 0, nil
	}
	if len(res.body) > c.opts.MaxBodyBytes {
		res.body = res.body[:c.opts.MaxBodyBytes]
	}
	return res.status, res.body
}
