package audit

import (
	"context"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/rs/zerolog"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/crawler/browser"
)

// Render configures the browser pass.
type Render struct {
	Enabled     bool
	Browser     browser.Options
	Concurrency int  // tabs at once
	Max         int  // most pages rendered (0: all)
	Sample      bool // with Max below the page count, spread over URL patterns
}

// maxScreenshots bounds the screenshots kept for the report.
const maxScreenshots = 200

// renderPages loads the chosen pages in the browser with a bounded pool of
// tabs, attaches their vitals and runs the rendered checks on each. It
// returns a warning when the browser stopped being usable.
func renderPages(ctx context.Context, br *browser.Browser, site *crawler.Site, runner *checks.Runner, cfg Render, log zerolog.Logger) string {
	pages := choosePages(site.Pages, cfg.Max, cfg.Sample)
	log.Info().Int("pages", len(pages)).Int("tabs", cfg.Concurrency).Msg("rendering pages in Chromium")
	work := make(chan *crawler.Page)
	var (
		mu      sync.Mutex
		shots   int
		warning string
	)
	var wg sync.WaitGroup
	for i := 0; i < max(cfg.Concurrency, 1); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				v, err := br.Render(ctx, p.URL)
				if err != nil {
					mu.Lock()
					if warning == "" && ctx.Err() == nil {
						warning = "the browser failed and could not be restarted; pages after it were not rendered: " + err.Error()
					}
					mu.Unlock()
					continue
				}
				mu.Lock()
				if shots >= maxScreenshots {
					v.Screenshot = nil
				} else if v.Screenshot != nil {
					shots++
				}
				mu.Unlock()
				p.Vitals = v
				runner.RunRendered(ctx, p)
				log.Debug().Str("url", p.URL).Float64("lcp_ms", v.LCP).Float64("cls", v.CLS).Str("error", v.Error).Msg("rendered")
			}
		}()
	}
	for _, p := range pages {
		mu.Lock()
		stop := warning != ""
		mu.Unlock()
		if stop || ctx.Err() != nil {
			break
		}
		select {
		case work <- p:
		case <-ctx.Done():
		}
	}
	close(work)
	wg.Wait()
	return warning
}

var (
	numberSegment = regexp.MustCompile(`^[0-9]+$|^[0-9a-f]{8,}$|^[0-9a-f-]{36}$`)
)

// templateKey guesses the template behind a URL: its path with the last
// segment and number-like segments as wildcards (/blog/2024/my-post →
// /blog/*/*).
func templateKey(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return u
	}
	segs := strings.Split(strings.Trim(pu.Path, "/"), "/")
	for i, s := range segs {
		if i == len(segs)-1 && s != "" || numberSegment.MatchString(s) {
			segs[i] = "*"
		}
	}
	key := "/" + strings.Join(segs, "/")
	if pu.RawQuery != "" {
		key += "?"
	}
	return key
}

// choosePages picks the pages to render: all of them, the first max, or
// with sample, one page per template first, round-robin across templates.
func choosePages(pages []*crawler.Page, limit int, sample bool) []*crawler.Page {
	if limit <= 0 || limit >= len(pages) {
		return pages
	}
	if !sample {
		return pages[:limit]
	}
	groups := map[string][]*crawler.Page{}
	var keys []string
	for _, p := range pages {
		k := templateKey(p.URL)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], p)
	}
	sort.Strings(keys)
	out := make([]*crawler.Page, 0, limit)
	for round := 0; len(out) < limit; round++ {
		added := false
		for _, k := range keys {
			if round < len(groups[k]) && len(out) < limit {
				out = append(out, groups[k][round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	return out
}
