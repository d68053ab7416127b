package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/config"
	"github.com/uxaudit/uxaudit/report"
)

// configFlags are the flags of audit and demo that choose the
// configuration, the checks and the terms.
type configFlags struct {
	path    string // --config
	disable []string
	enable  []string
	terms   string
}

func (c *configFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&c.path, "config", "", "configuration file (default: "+config.DefaultFile+" in the working directory, when there is one)")
	fl.StringSliceVar(&c.disable, "disable", nil, "check IDs not to run (comma-separated or repeated; 'all' for every check)")
	fl.StringSliceVar(&c.enable, "enable", nil, "check IDs to run even when disabled, e.g. by the configuration or --disable all")
	fl.StringVar(&c.terms, "terms", "", "terms file (YAML): banned or discouraged terms and their replacements, for banned-terms")
}

// loadedConfig is the configuration file an audit runs with, and where
// each flag it set is.
type loadedConfig struct {
	file  *config.File
	lines map[string]int // flag → line of the file that set it
}

// loadConfig reads the configuration file of a command that takes one
// (--config, else uxaudit.yaml in the working directory when present) and
// sets the flags it holds that the command line did not give. It records
// the file for the audit; a command without --config is left alone.
func (a *app) loadConfig(cmd *cobra.Command) error {
	fl := cmd.Flags()
	cf := fl.Lookup("config")
	if cf == nil {
		return nil
	}
	path := cf.Value.String()
	if path == "" {
		_, err := os.Stat(config.DefaultFile)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		} else if err != nil {
			return usageError{fmt.Errorf("reading %s: %w", config.DefaultFile, err)}
		}
		path = config.DefaultFile
	}
	isFlag := func(name string) bool {
		f := fl.Lookup(name)
		return f != nil && !f.Hidden && name != "config" && name != "help"
	}
	file, err := config.Load(path, isFlag)
	if err != nil {
		return usageError{err}
	}
	lc := &loadedConfig{file: file, lines: map[string]int{}}
	for _, s := range file.Settings {
		f := fl.Lookup(s.Name)
		if f.Changed { // the command line wins
			continue
		}
		if err := setFlag(f, s.Values); err != nil {
			return usageError{config.Errorf(path, s.Line, "%s: %v", s.Name, err)}
		}
		lc.lines[s.Name] = s.Line
	}
	// The reading grade is a flag and a readability option: one is enough.
	if g := file.Checks.ReadingGrade; g > 0 {
		switch f := fl.Lookup("reading-grade"); {
		case f == nil:
		case lc.lines["reading-grade"] > 0:
			return usageError{config.Errorf(path, file.Checks.GradeLine,
				"checks: readability: grade repeats reading-grade (line %d): keep one", lc.lines["reading-grade"])}
		case !f.Changed:
			_ = fl.Set("reading-grade", fmt.Sprint(g))
			lc.lines["reading-grade"] = file.Checks.GradeLine
		}
	}
	a.conf = lc
	return nil
}

// setFlag gives a flag the values of a configuration setting: one value,
// or a list for a repeatable flag.
func setFlag(f *pflag.Flag, values []string) error {
	sv, isSlice := f.Value.(pflag.SliceValue)
	switch {
	case isSlice:
		if err := sv.Replace(values); err != nil {
			return fmt.Errorf("invalid value %q: %w", strings.Join(values, ", "), err)
		}
		f.Changed = true
		return nil
	case len(values) != 1:
		return errors.New("takes one value, not a list")
	}
	if err := f.Value.Set(values[0]); err != nil {
		want := map[string]string{
			"int": "a whole number", "float64": "a number", "bool": "true or false",
			"duration": "a duration such as 30s or 5m",
		}[f.Value.Type()]
		if want == "" {
			return fmt.Errorf("invalid value %q: %w", values[0], err)
		}
		return fmt.Errorf("invalid value %q: want %s", values[0], want)
	}
	f.Changed = true
	return nil
}

// locate points a usage error about a flag that the configuration set at
// the file's line: "uxaudit.yaml:4: max-pages must be 0 or more, not -1".
func (a *app) locate(err error) error {
	var ue usageError
	if a.conf == nil || !errors.As(err, &ue) || config.IsError(err) {
		return err
	}
	msg := ue.Error()
	for name, line := range a.conf.lines {
		if strings.HasPrefix(msg, "--"+name+" ") {
			return usageError{config.Errorf(a.conf.file.Name, line, "%s", strings.TrimPrefix(msg, "--"))}
		}
	}
	return err
}

// checkList returns the checks to run, with their options: every
// registered check, less the disabled ones, plus the enabled ones.
func (c *configFlags) checkList(grade float64, conf *loadedConfig) ([]checks.Check, error) {
	all := checks.All()
	known := map[string]bool{"all": true}
	for _, ch := range all {
		known[ch.Meta().ID] = true
	}
	for _, l := range []struct {
		flag string
		ids  []string
	}{{"--disable", c.disable}, {"--enable", c.enable}} {
		for _, id := range l.ids {
			if !known[id] {
				return nil, usageError{fmt.Errorf("%s: unknown check %q (uxaudit checks lists them)", l.flag, id)}
			}
		}
	}
	var opts config.CheckOptions
	var terms []checks.Term
	if conf != nil {
		opts, terms = conf.file.Checks, conf.file.Terms
	}
	if c.terms != "" {
		var err error
		if terms, err = config.LoadTerms(c.terms); err != nil {
			return nil, usageError{fmt.Errorf("--terms: %w", err)}
		}
	}
	off := func(id string) bool {
		if slices.Contains(c.enable, id) || slices.Contains(c.enable, "all") {
			return false
		}
		return slices.Contains(c.disable, id) || slices.Contains(c.disable, "all")
	}
	var list []checks.Check
	for _, ch := range all {
		if off(ch.Meta().ID) {
			continue
		}
		switch v := ch.(type) {
		case checks.Readability:
			v.TargetGrade, v.LongSentence = grade, opts.LongSentence
			ch = v
		case checks.PlainLanguage:
			v.Extra = opts.PlainLanguage
			ch = v
		case checks.BannedTerms:
			v.Terms = terms
			ch = v
		}
		list = append(list, ch)
	}
	if len(list) == 0 {
		return nil, usageError{errors.New("--disable leaves no check to run")}
	}
	return list, nil
}

// disabled lists the checks left out, for the recorded settings.
func (c *configFlags) disabled(list []checks.Check) []string {
	on := map[string]bool{}
	for _, ch := range list {
		on[ch.Meta().ID] = true
	}
	var out []string
	for _, ch := range checks.All() {
		if id := ch.Meta().ID; !on[id] {
			out = append(out, id)
		}
	}
	return out
}

// applyConfig scores the result with the configuration's category
// weights and measures it against its budgets.
func (a *app) applyConfig(res *report.Result) {
	if a.conf == nil {
		return
	}
	if cats := a.conf.file.Categories; cats != nil {
		res.Reweight(cats)
	}
	res.Budgets = report.EvaluateBudgets(res, a.conf.file.Budgets)
}

// finish sets the exit code for failed budgets (unless another outcome
// set one already: an interrupt, a baseline gate) and logs the audit's
// summary as its last structured event.
func (a *app) finish(res *report.Result, path string) {
	failed := report.FailedBudgets(res.Budgets)
	if len(failed) > 0 && a.exitCode == exitOK {
		a.exitCode = exitBudget
	}
	ev := a.log.Info().
		Str("site", res.Site).
		Int64("duration_ms", res.DurationMS).
		Bool("partial", res.Partial).
		Int("pages", res.Summary.Pages).
		Int("urls", res.Summary.URLs).
		Int("broken_links", res.Summary.BrokenLinks).
		Int("pages_with_error", res.Summary.PagesWithError).
		Int("redirect_chains", res.Summary.RedirectChains).
		Int("findings", res.Summary.Findings).
		Interface("by_severity", res.Summary.BySeverity).
		Str("report", path)
	if res.Score != nil {
		ev = ev.Int("score", int(math.Round(*res.Score*100)))
	}
	if len(res.Budgets) > 0 {
		msgs := make([]string, len(failed))
		for i, b := range failed {
			msgs[i] = b.Message
		}
		ev = ev.Int("budgets", len(res.Budgets)).Int("budgets_failed", len(failed)).Strs("failed_budgets", msgs)
	}
	if b := res.Baseline; b != nil {
		ev = ev.Int("new", b.Counts.New).Int("fixed", b.Counts.Fixed).Int("regressions", b.Counts.Regressions).
			Int("metrics_worse", b.Counts.MetricsWorse)
	}
	ev.Int("exit_code", a.exitCode).Msg("audit finished")
}

// configName is the configuration file's name for the recorded settings,
// or "" without one.
func (a *app) configName() string {
	if a.conf == nil {
		return ""
	}
	return a.conf.file.Name
}

// settingsWith is the recorded settings with the configuration file, the
// checks left out and the terms file.
func (f *auditFlags) settingsWith(o crawler.Options, configFile string, list []checks.Check) settings {
	s := f.settings(o)
	s.ConfigFile, s.Disabled, s.Terms = configFile, f.cfg.disabled(list), f.cfg.terms
	return s
}
