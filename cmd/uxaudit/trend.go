package main

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/uxaudit/uxaudit/internal/history"
	"github.com/uxaudit/uxaudit/report"
)

// trendRuns is how many audits the report's trend draws, this one
// included.
const trendRuns = 20

// htmlOptions are the optional inputs of report.html: with --history, the
// trend of the site's last audits. A history that cannot be read is
// logged and leaves the trend out: the report matters more than its chart.
func (a *app) htmlOptions(ctx context.Context, n *nightlyRun, formats []report.Format, res *report.Result, out string) report.HTMLOptions {
	if n == nil || n.flags.history == "" || !slices.Contains(formats, report.FormatHTML) {
		return report.HTMLOptions{}
	}
	// An interrupted audit still writes its report, with its trend.
	t, err := reportTrend(context.WithoutCancel(ctx), n.flags.history, res, out)
	if err != nil {
		a.log.Warn().Err(err).Msg("the report is written without its trend")
		return report.HTMLOptions{}
	}
	return report.HTMLOptions{Trend: t}
}

// reportTrend reads the site's last runs from the history file and adds
// this audit as the newest: it is recorded only after the report is
// written.
func reportTrend(ctx context.Context, path string, res *report.Result, out string) (*report.Trend, error) {
	runs := []history.Run{historyRun(res, out)}
	s, err := history.OpenReadOnly(ctx, path)
	switch {
	case err == nil:
		past, err := s.Runs(ctx, history.Query{Site: res.Site, Limit: trendRuns - 1})
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("trend: %w", err)
		}
		runs = append(runs, past...)
	case !errors.Is(err, history.ErrNoHistory):
		return nil, fmt.Errorf("trend: %w", err)
	}
	return trendOf(history.TrendOf(res.Site, runs)), nil
}

// trendOf converts the history's trend into the report's.
func trendOf(h history.Trend) *report.Trend {
	t := &report.Trend{}
	for _, r := range h.Runs {
		t.Runs = append(t.Runs, report.TrendRun{Time: r.Time, Score: r.Score})
	}
	for _, c := range h.Categories {
		t.Categories = append(t.Categories, report.TrendSeries{ID: c.ID, Title: c.Title, Scores: c.Scores})
	}
	return t
}
