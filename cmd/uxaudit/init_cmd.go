package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/uxaudit/uxaudit/internal/config"
)

// starterConfig is the file 'uxaudit init' writes; docs/budgets.yaml is
// the same text (a test keeps them equal).
const starterConfig = `# uxaudit configuration, read by 'uxaudit audit' and 'uxaudit demo' from the
# working directory (or from --config FILE). Flags given on the command line
# override this file. Unknown keys and bad values are errors naming the line.
#
# Every flag of 'uxaudit audit' can be set here under its own name. The
# lines starting with '#' show the defaults: remove the '#' to change one.

# ── Crawl ──────────────────────────────────────────────────────────────────
# out: uxaudit-report          # folder for the report files
# format: [html, json]         # report formats: html, json, csv, md, junit
# max-pages: 10000             # most in-scope pages fetched (0: no limit)
# max-depth: -1                # most clicks from a start URL (-1: no limit)
# pattern-cap: 200             # most URLs differing only in query values (0: no cap)
# timeout: 30m                 # total time for the audit
# request-timeout: 15s         # time for one request
# max-body: 8MiB               # largest body read per page
# concurrency: 8               # parallel requests to the site
# delay: 0s                    # pause after each request to a host
# rate: 0                      # most requests per second to a host (0: no limit)
# retries: 2                   # extra attempts after a timeout, reset, 429 or 503
# include: []                  # only crawl URLs matching these regular expressions
# exclude: ['/logout']         # never fetch URLs matching these regular expressions
# allow-subdomains: false
# ignore-robots: false         # only on sites you are allowed to audit
# no-sitemap: false
# no-external: false           # do not check links to other hosts
# user-agent: uxaudit/dev (+https://github.com/uxaudit/uxaudit)
# insecure: false              # accept self-signed certificates
#
# Keep secrets out of this file: give header, cookie and basic-auth on the
# command line (from your CI's secret store), not here.
# header: []
# cookie: []
# basic-auth: ""

# ── Behind a login ─────────────────────────────────────────────────────────
# login-url: ""                # the page with the login form, posted once before the crawl
# login-field: []              # form fields 'name=value'; 'name=env:VAR' reads $VAR
# login-success-selector: ""   # CSS selector the page after login must match
# login-success-url: ""        # URL (or path) the login must land on

# ── Baseline and history ───────────────────────────────────────────────────
# baseline: ""                 # an earlier result.json to compare with
# fail-on: []                  # with baseline: exit 1 on new, metrics
# history: ""                  # record each run in this file, e.g. uxaudit-history.db

# ── Browser pass (speed and layout stability) ──────────────────────────────
# no-browser: false
# chrome-path: ""              # default: $CHROME_PATH, else chromium on PATH
# render-concurrency: 2        # browser tabs at once; more is faster, noisier
# render-max: 0                # most pages rendered (0: every HTML page)
# render-sample: false         # spread rendered pages over the URL patterns
# device: mobile               # mobile or desktop
# throttle: false              # Lighthouse's slow 4G and 4x CPU slowdown
# runs: 1                      # loads per page; the median run is kept
# page-timeout: 30s

# ── Logs ───────────────────────────────────────────────────────────────────
# log-format: auto             # auto, text or json
# quiet: false
# verbose: false
# memory-limit: 160MiB

# ── Checks ─────────────────────────────────────────────────────────────────
# 'uxaudit checks' lists their IDs.
# disable: [passive-voice]     # checks not to run ('all' for every check)
# enable: []                   # checks to run even when disabled
# reading-grade: 9             # target US school grade of the main content
#
# terms: terms.yaml            # banned or discouraged terms, read from a file
#                              # next to this one, or listed here:
# terms:
#   - term: whitelist
#     replacement: allowlist
#     reason: clearer and inclusive
#   - term: simply
#     severity: info           # high, medium, low (default), or info: discouraged
#
# checks:
#   readability:
#     long-sentence: 25        # words above which a sentence is named
#   plain-language:
#     extra:                   # more pairs, besides the built-in ones
#       leverage: use
#       going forward: from now on
#     file: plain-words.txt    # or a file of "phrase => replacement" lines

# ── Categories' weights in the overall score ───────────────────────────────
# categories:
#   links: 3
#   redirects: 1
#   speed: 3
#   stability: 2
#   content: 2
#   wording: 1
#   structure: 2
#   accessibility: 2
#   site: 1

# ── Budgets ────────────────────────────────────────────────────────────────
# The audit exits with code 1 when one fails, and the summary says which
# and by how much. A budget nothing could measure (a metric without the
# browser pass, a path no audited page matches) fails too.
budgets:
  # score: 80                  # minimum overall UX score, 0-100
  # categories:                # minimum category scores, 0-100
  #   links: 90
  #   accessibility: 85
  metrics:                     # maximum at the site's 75th percentile
    largest-contentful-paint: 2500   # ms
    layout-shift: 0.1
    # total-blocking-time: 200       # ms
    # server-response-time: 800      # ms
    # page-weight: 2000000           # bytes
  findings:                    # most findings per severity or per check
    broken-links: 0
    # high: 0
  # paths:                     # the same keys, on the pages whose path matches
  #   - path: /checkout/*      # '*' matches anything, slashes too
  #     metrics:
  #       largest-contentful-paint: 2000
  #     findings:
  #       high: 0
  #   - path: /blog/*
  #     score: 70
`

func (a *app) initCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starting configuration (" + config.DefaultFile + ")",
		Long: `Write a commented configuration file, ` + config.DefaultFile + ` by default, with every
setting of 'uxaudit audit' and a few budgets to start from. It refuses to
overwrite an existing file unless --force is given.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := config.DefaultFile
			if len(args) == 1 {
				path = args[0]
			}
			flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
			if force {
				flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			}
			f, err := os.OpenFile(path, flags, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return usageError{fmt.Errorf("%s exists; give --force to overwrite it", path)}
			}
			if err != nil {
				return fmt.Errorf("writing the configuration: %w", err)
			}
			if _, err := f.WriteString(starterConfig); err != nil {
				_ = f.Close()
				return fmt.Errorf("writing %s: %w", path, err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("writing %s: %w", path, err)
			}
			fmt.Fprintf(a.stdout, "Wrote %s: edit it, then run 'uxaudit audit URL'.\n", path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite the file if it exists")
	return cmd
}
