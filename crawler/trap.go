package crawler

import (
	"net/url"
	"sort"
	"strings"
)

// Trap is a URL pattern whose crawl was cut short: many URLs that differ only
// in query values (a calendar, faceted search), or paths that repeat a
// segment (/a/a/a/…, from relative links that resolve ever deeper).
type Trap struct {
	Pattern  string   `json:"pattern"`
	Kind     string   `json:"kind"`    // "query-variants" or "repeating-path"
	Crawled  int      `json:"crawled"` // URLs of the pattern that were crawled
	Skipped  int      `json:"skipped"` // URLs of the pattern left out
	Examples []string `json:"examples"`
}

// maxSegmentRepeats is how often one path segment may appear before the
// path counts as a trap.
const maxSegmentRepeats = 3

// trapPattern returns the pattern a URL belongs to and whether it is a
// repeating path. URLs without a query and without repeats have no pattern.
func trapPattern(u string) (pattern, kind string) {
	pu, err := url.Parse(u)
	if err != nil {
		return "", ""
	}
	segs := strings.Split(strings.Trim(pu.EscapedPath(), "/"), "/")
	counts := map[string]int{}
	for _, s := range segs {
		if s == "" {
			continue
		}
		if counts[s]++; counts[s] >= maxSegmentRepeats {
			return pu.Host + "/…/" + s + "/" + s + "/…", "repeating-path"
		}
	}
	if pu.RawQuery == "" {
		return "", ""
	}
	keys := make([]string, 0, 4)
	for k := range pu.Query() {
		keys = append(keys, k+"=")
	}
	sort.Strings(keys)
	return pu.Host + pu.EscapedPath() + "?" + strings.Join(keys, "&"), "query-variants"
}

// trapCheck counts a page URL against its pattern; it reports false when
// the URL must not be crawled. c.mu must be held.
func (c *Crawler) trapCheck(u string) bool {
	pattern, kind := trapPattern(u)
	if pattern == "" {
		return true
	}
	t := c.traps[pattern]
	if t == nil {
		t = &Trap{Pattern: pattern, Kind: kind}
		c.traps[pattern] = t
	}
	limit := c.opts.PatternCap
	if kind == "repeating-path" {
		limit = 0 // never worth crawling
	}
	if limit <= 0 && kind == "query-variants" {
		t.Crawled++
		return true // no cap
	}
	if t.Crawled < limit {
		t.Crawled++
		return true
	}
	t.Skipped++
	if len(t.Examples) < 3 {
		t.Examples = append(t.Examples, u)
	}
	return false
}

// trapList returns the patterns that were cut, sorted. c.mu must be held.
func (c *Crawler) trapList() []Trap {
	var out []Trap
	for _, t := range c.traps {
		if t.Skipped > 0 {
			out = append(out, *t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pattern < out[j].Pattern })
	return out
}
