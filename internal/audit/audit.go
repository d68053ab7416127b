// Package audit runs the pipeline: crawl (gathering artifacts, with page
// checks applied as pages arrive), site checks, then the scored result.
package audit

import (
	"context"
	"errors"
	"time"

	"github.com/rs/zerolog"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/crawler/browser"
	"github.com/uxaudit/uxaudit/report"
)

// Config is one audit's configuration.
type Config struct {
	Crawl    crawler.Options
	Checks   []checks.Check // nil: checks.All()
	Tool     report.Tool
	Settings any // the effective settings recorded in the result, redacted
	Render   Render
	Logger   zerolog.Logger
}

// Progress receives the crawl's progress; it is called from a ticker
// goroutine and must be quick.
type Progress func(crawler.Stats)

// Run audits a site. A crawl cut short by ctx (interrupt, timeout) still
// yields a result, marked partial; err is set only when no audit could run.
func Run(ctx context.Context, cfg Config, progress Progress) (*report.Result, error) {
	list := cfg.Checks
	if list == nil {
		list = checks.All()
	}
	var warnings []string
	var br *browser.Browser
	if cfg.Render.Enabled {
		b, err := browser.Start(ctx, cfg.Render.Browser)
		if err != nil {
			warnings = append(warnings, "no browser pass, so the speed and layout-stability checks that need it are not applicable: "+err.Error())
		} else {
			br = b
			defer br.Close()
		}
	}
	var available []checks.Artifact
	if br != nil {
		available = append(available, checks.ArtifactVitals)
	}
	runner := checks.NewRunner(list, available...)
	opts := cfg.Crawl
	gather := checks.NewTextGatherer(list)
	opts.OnPage = func(ctx context.Context, p *crawler.Page) {
		// The main content is analysed once for all the content checks;
		// its word count, hashes and wording variants are kept after the
		// DOM is dropped, for the site checks, and the rest released.
		gather.Gather(p)
		runner.RunPage(ctx, p)
		gather.Release(p)
	}
	c, err := crawler.New(opts)
	if err != nil {
		return nil, err
	}
	if progress != nil {
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					progress(c.Stats())
				}
			}
		}()
		defer func() { close(stop); <-done }()
	}
	site, err := c.Run(ctx)
	if err != nil {
		return nil, err
	}
	if len(site.Pages) == 0 {
		warnings = append(warnings, noPagesWarning(site))
	}
	if br != nil && ctx.Err() == nil {
		// The browser sends the crawl's headers and basic auth to the
		// hosts the crawl found in scope, and to no other.
		br.SetCredentials(&browser.Credentials{
			Header: cfg.Crawl.Header, Basic: cfg.Crawl.BasicAuth, BasicUser: cfg.Crawl.BasicUser, BasicPass: cfg.Crawl.BasicPass,
			Hosts: site.Hosts, Subdomains: cfg.Crawl.AllowSubdomains,
		})
		if w := renderPages(ctx, br, site, runner, cfg.Render, cfg.Logger); w != "" {
			warnings = append(warnings, w)
		}
		if ctx.Err() != nil && !site.Partial {
			site.Partial, site.Reason = true, "the audit stopped during the browser pass"
		}
		site.Finished = time.Now()
	}
	// Site checks run on what was gathered even when the crawl was cut short.
	runner.RunSite(context.WithoutCancel(ctx), site)
	return report.Build(report.Input{
		Tool:     cfg.Tool,
		Config:   cfg.Settings,
		Site:     site,
		Outcomes: runner.Outcomes(),
		Warnings: warnings,
	}), nil
}

// noPagesWarning explains an audit that parsed no HTML page.
func noPagesWarning(s *crawler.Site) string {
	for _, seed := range s.Seeds {
		f := s.Fetches[seed]
		switch {
		case f == nil:
			continue
		case f.ErrKind == crawler.ErrRobots:
			return "robots.txt disallows the start URL; nothing was audited (use --ignore-robots on a site you own)"
		case f.ErrKind != crawler.ErrNone:
			return "the start URL could not be fetched: " + f.Err
		case f.Status >= 400:
			return "the start URL answered with an error status; nothing was audited"
		}
	}
	return "no HTML page was found at the start URL"
}

// ErrInterrupted is the cause of a context canceled by the user.
var ErrInterrupted = errors.New("the audit was interrupted")
