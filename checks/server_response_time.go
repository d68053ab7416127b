package checks

import (
	"context"

	"github.com/uxaudit/uxaudit/crawler"
)

// ServerResponseTime measures the time to the first byte of each page. It
// reads the crawl's own timing of the exchange (DNS, connect, TLS and the
// server's think time), so it needs no browser.
type ServerResponseTime struct{}

// Meta implements Check.
func (ServerResponseTime) Meta() Meta {
	return Meta{
		ID:           "server-response-time",
		Title:        "The server answers quickly",
		FailureTitle: "The server answers slowly",
		Description: "Nothing can appear before the first byte of the page arrives, so a slow server delays " +
			"everything else. Cache rendered pages, speed up the slow queries behind them and serve from a CDN " +
			"close to users.",
		Category: "speed", Mode: Numeric, Scope: PageScope, Unit: "ms",
		// Core Web Vitals TTFB thresholds: good ≤ 0.8 s, poor > 1.8 s.
		Curve: &Curve{P10: 800, Median: 1800, Source: "web.dev TTFB thresholds: good ≤ 0.8 s, poor > 1.8 s"},
	}
}

// CheckPage implements PageCheck.
func (c ServerResponseTime) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	if p.Fetch == nil || p.Fetch.Timing.TTFB <= 0 {
		return Result{NotApplicable: true, Reason: "no timing for this page"}, nil
	}
	ttfb := float64(p.Fetch.Timing.TTFB.Microseconds()) / 1000
	return metric(c.Meta().ID, p.URL, ttfb, c.Meta(), func(val string) string {
		return "The server takes " + val + " to send the first byte of the page"
	}, Evidence{}), nil
}
