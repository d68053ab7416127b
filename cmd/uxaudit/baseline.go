package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/pflag"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/audit"
	"github.com/uxaudit/uxaudit/internal/history"
	"github.com/uxaudit/uxaudit/report"
)

// exitRegression is the exit code of an audit that ran and found what
// --fail-on asks to fail on. It is the same code as a failed budget: the
// audit ran, and the gate says no.
const exitRegression = 1

// What --fail-on accepts.
const (
	failOnNew     = "new"     // a new finding above info that is not metric noise
	failOnMetrics = "metrics" // a numeric check's site value worse by more than the noise
)

// nightlyFlags are the flags for unattended runs: the comparison with a
// baseline, the gate on it, the history of runs, and the login.
type nightlyFlags struct {
	baseline string
	failOn   []string
	history  string
	login    loginFlags
}

func (n *nightlyFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&n.baseline, "baseline", "", "compare with an earlier result.json: new, fixed and persisting findings, score and metric changes")
	fl.StringSliceVar(&n.failOn, "fail-on", nil, "with --baseline, exit 1 on: new (a new finding above info), metrics (a metric worse beyond its noise); comma-separated")
	fl.StringVar(&n.history, "history", "", "record this run in a history file (e.g. uxaudit-history.db); see 'uxaudit history'")
	n.login.register(fl)
}

// nightlyRun carries what prepare set up to the end of the audit.
type nightlyRun struct {
	flags    *nightlyFlags
	baseline *report.Result
	log      zerolog.Logger
}

// prepare validates the flags, reads the baseline and checks the history
// file before anything is crawled, then logs in when asked, adding the
// session cookies to the crawl's and the browser's cookies.
func (n *nightlyFlags) prepare(ctx context.Context, log zerolog.Logger, o *crawler.Options, render *audit.Render) (*nightlyRun, error) {
	run := &nightlyRun{flags: n, log: log}
	for _, v := range n.failOn {
		if v != failOnNew && v != failOnMetrics {
			return nil, usageError{fmt.Errorf("--fail-on must be new or metrics, not %q", v)}
		}
	}
	if len(n.failOn) > 0 && n.baseline == "" {
		return nil, usageError{errors.New("--fail-on needs --baseline: the result.json to compare with")}
	}
	if n.baseline != "" {
		b, err := report.ReadResult(n.baseline)
		if err != nil {
			return nil, usageError{fmt.Errorf("--baseline: %w", err)}
		}
		run.baseline = b
	}
	if n.history != "" {
		s, err := history.Open(ctx, n.history)
		if err != nil {
			return nil, usageError{fmt.Errorf("--history: %w", err)}
		}
		if err := s.Close(); err != nil {
			return nil, err
		}
	}
	if err := n.login.apply(ctx, log, o); err != nil {
		return nil, err
	}
	if len(o.Cookies) > 0 && len(o.Seeds) > 0 {
		render.Browser.Cookies, render.Browser.CookieURL = o.Cookies, o.Seeds[0]
	}
	return run, nil
}

// compare attaches the baseline comparison to the result, and records the
// nightly settings (secrets redacted) in its configuration.
func (r *nightlyRun) compare(res *report.Result) {
	if r == nil {
		return
	}
	if s, ok := res.Config.(settings); ok {
		res.Config = settingsWithNightly{settings: s, nightlySettings: r.flags.settings()}
	}
	if r.baseline != nil {
		res.Baseline = report.Diff(r.baseline, res, r.flags.baseline)
	}
}

// nightlySettings are the recorded settings of these flags.
type nightlySettings struct {
	Baseline string         `json:"baseline,omitempty"`
	FailOn   []string       `json:"fail_on,omitempty"`
	History  string         `json:"history,omitempty"`
	Login    *loginSettings `json:"login,omitempty"`
}

// settingsWithNightly adds them to the audit's settings, in one JSON object.
type settingsWithNightly struct {
	settings
	nightlySettings
}

func (n *nightlyFlags) settings() nightlySettings {
	return nightlySettings{Baseline: n.baseline, FailOn: n.failOn, History: n.history, Login: n.login.settings()}
}

// afterNightly records the run in the history and sets the exit code when
// the baseline gate fails. out is the report folder.
func (a *app) afterNightly(ctx context.Context, r *nightlyRun, res *report.Result, out string) error {
	if r == nil {
		return nil
	}
	if r.flags.history != "" {
		if err := recordRun(ctx, r.flags.history, res, out); err != nil {
			return err
		}
	}
	if reasons := r.gate(res.Baseline); len(reasons) > 0 {
		for _, why := range reasons {
			a.log.Warn().Msg("--fail-on: " + why)
		}
		if a.exitCode == exitOK {
			a.exitCode = exitRegression
		}
	}
	return nil
}

// gate says why --fail-on fails, or nothing when it passes.
func (r *nightlyRun) gate(d *report.BaselineDiff) []string {
	if d == nil {
		return nil
	}
	var why []string
	for _, v := range r.flags.failOn {
		switch {
		case v == failOnNew && d.Regressed():
			why = append(why, fmt.Sprintf("%d new finding(s) since the baseline", d.Counts.Regressions))
		case v == failOnMetrics && d.MetricsWorse():
			why = append(why, fmt.Sprintf("%d metric(s) worse than the baseline beyond their noise", d.Counts.MetricsWorse))
		}
	}
	return why
}

// recordRun adds the audit to the history file.
func recordRun(ctx context.Context, path string, res *report.Result, out string) error {
	s, err := history.Open(ctx, path)
	if err != nil {
		return err
	}
	run := historyRun(res, out)
	_, err = s.Add(ctx, run)
	return errors.Join(err, s.Close())
}

// historyRun is what the history keeps of an audit.
func historyRun(res *report.Result, out string) history.Run {
	r := history.Run{
		Time: res.StartedAt, DurationMS: res.DurationMS, Site: res.Site, Tool: res.Tool.Version,
		Partial: res.Partial, Score: res.Score,
		Counts: history.Counts{
			Pages: res.Summary.Pages, URLs: res.Summary.URLs, BrokenLinks: res.Summary.BrokenLinks,
			PagesWithError: res.Summary.PagesWithError, Findings: res.Summary.Findings, BySeverity: res.Summary.BySeverity,
		},
	}
	for _, c := range res.Categories {
		r.Categories = append(r.Categories, history.CategoryScore{ID: c.ID, Title: c.Title, Score: c.Score})
	}
	if d := res.Baseline; d != nil {
		r.Counts.New, r.Counts.Fixed = &d.Counts.New, &d.Counts.Fixed
	}
	p := filepath.Join(out, "result.json")
	if _, err := os.Stat(p); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		r.ResultPath = p
	}
	return r
}

// maxSummaryFindings is how many new findings the summary lists.
const maxSummaryFindings = 5

// printBaseline prints the comparison with the baseline: counts, the first
// new findings, the score change and the metrics beyond their noise.
func printBaseline(w io.Writer, d *report.BaselineDiff) {
	if d == nil {
		return
	}
	c := d.Counts
	switch {
	case c.New == 0:
		fmt.Fprintf(w, "  Since baseline     no new findings, %d fixed, %d persisting\n", c.Fixed, c.Persisting)
	case c.Regressions == 0:
		fmt.Fprintf(w, "  Since baseline     %d new (none counted: info or metric noise), %d fixed, %d persisting\n", c.New, c.Fixed, c.Persisting)
	default:
		fmt.Fprintf(w, "  Since baseline     %d new, %d fixed, %d persisting\n", c.Regressions, c.Fixed, c.Persisting)
	}
	shown := 0
	for _, f := range d.New {
		if !f.Regression {
			continue
		}
		if shown == maxSummaryFindings {
			fmt.Fprintf(w, "    … and %d more (see the report)\n", c.Regressions-shown)
			break
		}
		where := f.URL
		if where == "" {
			where = f.Target
		}
		fmt.Fprintf(w, "    + %-6s %s %s: %s\n", f.Severity, f.Check, where, oneLine(f.Message, 100))
		shown++
	}
	if d.Score.Delta != nil && *d.Score.Delta != 0 {
		fmt.Fprintf(w, "  Score change       %+d (from %d/100)\n", int(math.Round(*d.Score.Delta*100)), int(math.Round(*d.Score.Baseline*100)))
	}
	var worse []string
	for _, m := range d.Metrics {
		if m.Verdict == report.MetricWorse {
			worse = append(worse, fmt.Sprintf("%s %s → %s", m.Check, formatMetric(*m.Baseline, m.Unit), formatMetric(*m.Current, m.Unit)))
		}
	}
	if len(worse) > 0 {
		fmt.Fprintf(w, "  Metrics worse      %s\n", strings.Join(worse, " · "))
	}
}

func formatMetric(v float64, unit string) string {
	switch {
	case unit == "ms" && v >= 1000:
		return fmt.Sprintf("%.1f s", v/1000)
	case unit == "ms":
		return fmt.Sprintf("%.0f ms", v)
	case unit == "bytes":
		return fmt.Sprintf("%.0f KiB", v/1024)
	case unit == "":
		return fmt.Sprintf("%.3g", v)
	}
	return fmt.Sprintf("%.3g %s", v, unit)
}

// oneLine shortens a message to one line of at most n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
