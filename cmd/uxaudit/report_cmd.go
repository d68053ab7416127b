package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/uxaudit/uxaudit/report"
)

// outputFormats reads --format of audit and demo.
func (f *auditFlags) outputFormats() ([]report.Format, error) {
	return parseFormatFlag(f.formats)
}

// parseFormatFlag reads the values of a --format flag; an unknown format is
// a usage error that names it.
func parseFormatFlag(values []string) ([]report.Format, error) {
	formats, err := report.ParseFormats(values)
	if err != nil {
		return nil, usageError{fmt.Errorf("--format: %w", err)}
	}
	return formats, nil
}

// reportCmd is 'uxaudit report': it writes the report files again from a
// saved result.json, without crawling.
func (a *app) reportCmd() *cobra.Command {
	var (
		out     string
		formats []string
	)
	cmd := &cobra.Command{
		Use:   "report RESULT.json",
		Short: "Write the report again, in any format, from a saved result.json",
		Long: `Read a result.json written by 'uxaudit audit' (or demo) and write the report in
the formats asked for, without crawling: the scorecard again after an upgrade
of uxaudit, or the CSV, Markdown or JUnit files of an audit that did not ask
for them.

The files go into --out, by default the folder that holds RESULT.json.`,
		Example: `  uxaudit report uxaudit-report/result.json --format md,junit
  uxaudit report nightly/result.json --out ./rendered --format html,csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("report needs one result.json, e.g. uxaudit report uxaudit-report/result.json")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			fs, err := parseFormatFlag(formats)
			if err != nil {
				return err
			}
			res, err := readResult(args[0])
			if err != nil {
				return err
			}
			dir := out
			if dir == "" {
				dir = filepath.Dir(args[0])
			}
			paths, err := report.WriteFiles(dir, res, report.WriteOptions{Formats: fs})
			if err != nil {
				return err
			}
			for _, p := range paths {
				fmt.Fprintf(a.stdout, "Wrote %s\n", p)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "", "folder to write into (default: the folder of RESULT.json)")
	fl.StringSliceVar(&formats, "format", []string{"html"}, "report formats to write: html, json, csv, md, junit (comma-separated or repeated)")
	return cmd
}

// readResult reads a saved result.json.
func readResult(path string) (*report.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read result: %w", err)
	}
	defer f.Close()
	res, err := report.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return res, nil
}
