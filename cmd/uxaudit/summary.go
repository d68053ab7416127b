package main

import (
	"fmt"
	"io"
	"math"
	"sync"
	"time"

	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/report"
)

// printSummary prints the one-screen summary of an audit.
func printSummary(w io.Writer, r *report.Result, path string) {
	fmt.Fprintf(w, "uxaudit %s audited %s in %.1fs", r.Tool.Version, r.Site, float64(r.DurationMS)/1000)
	if r.Partial {
		fmt.Fprintf(w, " (partial: %s)", r.PartialReason)
	}
	fmt.Fprintln(w)
	score := "–"
	if r.Score != nil {
		score = fmt.Sprintf("%d/100", int(math.Round(*r.Score*100)))
	}
	fmt.Fprintf(w, "  UX score           %s\n", score)
	fmt.Fprintf(w, "  Pages audited      %d (%d URLs checked)\n", r.Summary.Pages, r.Summary.URLs)
	fmt.Fprintf(w, "  Broken links       %d", r.Summary.BrokenLinks)
	if n := r.Summary.LinksNotCounted; n > 0 {
		fmt.Fprintf(w, " (and %d rate-limited, blocked, timed out or flaky, not counted)", n)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  Pages with errors  %d\n", r.Summary.PagesWithError)
	fmt.Fprintf(w, "  Redirect chains    %d\n", r.Summary.RedirectChains)
	if line := report.SpeedLine(r); line != "" {
		fmt.Fprintf(w, "  Speed (p75)        %s\n", line)
	}
	fmt.Fprintf(w, "  Findings           %d (high %d, medium %d, low %d)\n", r.Summary.Findings,
		r.Summary.BySeverity["high"], r.Summary.BySeverity["medium"], r.Summary.BySeverity["low"])
	if r.Summary.CapHits > 0 {
		fmt.Fprintf(w, "  Not crawled        %d URLs over --max-pages\n", r.Summary.CapHits)
	}
	printBudgets(w, r.Budgets)
	printBaseline(w, r.Baseline)
	fmt.Fprintf(w, "Report: %s\n", path)
}

// progressLine redraws one status line on a terminal.
type progressLine struct {
	mu    sync.Mutex
	w     io.Writer
	start time.Time
}

func newProgressLine(w io.Writer) *progressLine { return &progressLine{w: w, start: time.Now()} }

func (p *progressLine) update(s crawler.Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rate := float64(s.Pages) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r\033[Kpages %d · fetched %d · queued %d · errors %d · %.1f pages/s", s.Pages, s.Fetches, s.Queued, s.Errors, rate)
}

func (p *progressLine) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
}

// printBudgets says whether the budgets held and, for each that failed,
// by how much.
func printBudgets(w io.Writer, bs []report.BudgetResult) {
	if len(bs) == 0 {
		return
	}
	failed := report.FailedBudgets(bs)
	if len(failed) == 0 {
		fmt.Fprintf(w, "  Budgets            all %d hold\n", len(bs))
		return
	}
	fmt.Fprintf(w, "  Budgets            %d of %d failed\n", len(failed), len(bs))
	for _, b := range failed {
		fmt.Fprintf(w, "    ✗ %s\n", b.Message)
	}
}
