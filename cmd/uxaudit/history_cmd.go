package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/uxaudit/uxaudit/internal/history"
)

// defaultHistory is the history file 'uxaudit history' reads by default.
const defaultHistory = "uxaudit-history.db"

func (a *app) historyCmd() *cobra.Command {
	var (
		path, site string
		limit      int
		asJSON     bool
	)
	cmd := &cobra.Command{
		Use:   "history",
		Short: "List past audits recorded with --history",
		Long: `List the audits recorded in a history file (written by 'uxaudit audit
--history FILE'), newest first: when, which site, the overall and category
scores (0-100), pages, findings, and what changed since the baseline.

A site is its host and path, whatever the port: runs of the demo, which
listens on a random port, are one site.`,
		Example: `  uxaudit history
  uxaudit history --history nightly/uxaudit-history.db --site https://staging.example.com --limit 10`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit < 0 {
				return usageError{fmt.Errorf("--limit must be 0 or more, not %d", limit)}
			}
			s, err := history.OpenReadOnly(cmd.Context(), path)
			if err != nil {
				if errors.Is(err, history.ErrNoHistory) {
					return usageError{fmt.Errorf("%w (record runs with 'uxaudit audit --history %s')", err, path)}
				}
				return err
			}
			defer s.Close()
			runs, err := s.Runs(cmd.Context(), history.Query{Site: site, Limit: limit})
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if runs == nil {
					runs = []history.Run{}
				}
				return enc.Encode(runs)
			}
			return printRuns(a.stdout, runs)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&path, "history", defaultHistory, "the history file")
	fl.StringVar(&site, "site", "", "only the runs of this site (its host and path)")
	fl.IntVar(&limit, "limit", 20, "the newest N runs (0: all)")
	fl.BoolVar(&asJSON, "json", false, "print the runs as JSON, with every category's score")
	return cmd
}

// printRuns prints runs as a table, with a column per category of the
// newest run.
func printRuns(w io.Writer, runs []history.Run) error {
	if len(runs) == 0 {
		_, err := fmt.Fprintln(w, "No runs recorded.")
		return err
	}
	var cats []string
	for _, c := range runs[0].Categories {
		cats = append(cats, c.ID)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "RUN\tTIME (UTC)\tSITE\tSCORE")
	for _, c := range cats {
		fmt.Fprintf(tw, "\t%s", c)
	}
	fmt.Fprintln(tw, "\tPAGES\tFINDINGS\tNEW\tFIXED\tRESULT")
	for _, r := range runs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s", r.ID, r.Time.UTC().Format("2006-01-02 15:04"), r.Site, score100(r.Score))
		byID := map[string]*float64{}
		for _, c := range r.Categories {
			byID[c.ID] = c.Score
		}
		for _, c := range cats {
			fmt.Fprintf(tw, "\t%s", score100(byID[c]))
		}
		partial := ""
		if r.Partial {
			partial = " (partial)"
		}
		fmt.Fprintf(tw, "\t%d%s\t%d\t%s\t%s\t%s\n", r.Counts.Pages, partial, r.Counts.Findings,
			optInt(r.Counts.New), optInt(r.Counts.Fixed), r.ResultPath)
	}
	return tw.Flush()
}

func score100(s *float64) string {
	if s == nil {
		return "–"
	}
	return strconv.Itoa(int(math.Round(*s * 100)))
}

func optInt(n *int) string {
	if n == nil {
		return "–"
	}
	return strconv.Itoa(*n)
}
