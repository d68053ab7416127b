package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/crawler/browser"
	"github.com/uxaudit/uxaudit/internal/audit"
	"github.com/uxaudit/uxaudit/report"
)

// auditFlags are the flags of 'uxaudit audit'.
type auditFlags struct {
	out            string
	formats        []string
	maxPages       int
	maxDepth       int
	patternCap     int
	timeout        time.Duration
	requestTimeout time.Duration
	maxBody        string
	concurrency    int
	delay          time.Duration
	rate           float64
	retries        int
	include        []string
	exclude        []string
	subdomains     bool
	ignoreRobots   bool
	noSitemap      bool
	noExternal     bool
	userAgent      string
	headers        []string
	cookies        []string
	basicAuth      string
	insecure       bool

	noBrowser         bool
	chromePath        string
	renderConcurrency int
	renderMax         int
	renderSample      bool
	device            string
	throttle          bool
	runs              int
	pageTimeout       time.Duration

	readingGrade float64

	nightly nightlyFlags // --baseline, --fail-on, --history, --login-* (baseline.go)

	cfg configFlags // --config, --disable, --enable, --terms
}

func (f *auditFlags) register(cmd *cobra.Command, defaultOut string) {
	d := crawler.DefaultOptions()
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "out", "o", defaultOut, "folder to write the report files into")
	fl.StringSliceVar(&f.formats, "format", []string{"html", "json"}, "report formats to write: html, json, csv, md, junit (comma-separated or repeated)")
	fl.IntVar(&f.maxPages, "max-pages", d.MaxPages, "most in-scope pages to fetch (0: no limit)")
	fl.IntVar(&f.maxDepth, "max-depth", d.MaxDepth, "most clicks from the start URL to follow (-1: no limit)")
	fl.IntVar(&f.patternCap, "pattern-cap", d.PatternCap, "most URLs crawled that differ only in query values, e.g. a calendar (0: no cap)")
	fl.DurationVar(&f.timeout, "timeout", 30*time.Minute, "total time for the audit; what was gathered by then is reported")
	fl.DurationVar(&f.requestTimeout, "request-timeout", d.RequestTimeout, "time for one request, body included")
	fl.StringVar(&f.maxBody, "max-body", "8MiB", "largest body read per page; longer pages are cut and reported")
	fl.IntVarP(&f.concurrency, "concurrency", "c", d.Concurrency, "parallel requests to the site (external checks get as many again)")
	fl.DurationVar(&f.delay, "delay", 0, "pause between requests to one host (e.g. 500ms); implies one request at a time per host")
	fl.Float64Var(&f.rate, "rate", 0, "most requests per second to one host (0: no limit)")
	fl.IntVar(&f.retries, "retries", d.Retries, "extra attempts after a timeout, reset, 429 or 503")
	fl.StringArrayVar(&f.include, "include", nil, "only crawl in-scope URLs matching this regular expression (repeatable)")
	fl.StringArrayVar(&f.exclude, "exclude", nil, "never fetch in-scope URLs matching this regular expression (repeatable)")
	fl.BoolVar(&f.subdomains, "allow-subdomains", false, "crawl subdomains of the start URL's host too")
	fl.BoolVar(&f.ignoreRobots, "ignore-robots", false, "ignore robots.txt (only on sites you are allowed to audit)")
	fl.BoolVar(&f.noSitemap, "no-sitemap", false, "do not seed the crawl from robots.txt sitemaps or /sitemap.xml")
	fl.BoolVar(&f.noExternal, "no-external", false, "do not check links to other hosts")
	fl.StringVar(&f.userAgent, "user-agent", d.UserAgent, "User-Agent header, also used to match robots.txt groups")
	fl.StringArrayVarP(&f.headers, "header", "H", nil, "extra request header 'Name: value' for the audited hosts only (repeatable)")
	fl.StringArrayVar(&f.cookies, "cookie", nil, "cookie 'name=value' for the audited hosts only (repeatable)")
	fl.StringVar(&f.basicAuth, "basic-auth", "", "HTTP basic auth 'user:password' for the audited hosts only")
	fl.BoolVarP(&f.insecure, "insecure", "k", false, "accept invalid TLS certificates (self-signed staging servers)")

	fl.BoolVar(&f.noBrowser, "no-browser", false, "skip the browser pass (speed and layout-stability checks become not applicable)")
	fl.StringVar(&f.chromePath, "chrome-path", "", "Chromium or Chrome to run (default: $CHROME_PATH, else chromium on PATH)")
	fl.IntVar(&f.renderConcurrency, "render-concurrency", 2, "browser tabs at once; more is faster but makes timings noisier")
	fl.IntVar(&f.renderMax, "render-max", 0, "most pages loaded in the browser (0: every HTML page)")
	fl.BoolVar(&f.renderSample, "render-sample", false, "with --render-max below the page count, spread the rendered pages over the site's URL patterns")
	fl.StringVar(&f.device, "device", "mobile", "emulated device: mobile (412×823, touch) or desktop (1350×940)")
	fl.BoolVar(&f.throttle, "throttle", false, "apply Lighthouse's slow 4G network and 4× CPU slowdown in the browser")
	fl.IntVar(&f.runs, "runs", 1, "loads per page in the browser; the median run is kept")
	fl.DurationVar(&f.pageTimeout, "page-timeout", 30*time.Second, "time for one page to load and settle in the browser")
	fl.Float64Var(&f.readingGrade, "reading-grade", 9, "target US school grade of the main content (Flesch-Kincaid); pages above it are reported")
	f.cfg.register(fl)
	f.nightly.register(fl)
}

// checkList returns the checks to run with the flags' and the
// configuration's settings (see config.go).
func (f *auditFlags) checkList(conf *loadedConfig) ([]checks.Check, error) {
	if f.readingGrade < 1 || f.readingGrade > 20 {
		return nil, usageError{fmt.Errorf("--reading-grade must be between 1 and 20, not %g", f.readingGrade)}
	}
	return f.cfg.checkList(f.readingGrade, conf)
}

// render turns the browser flags into the render configuration.
func (f *auditFlags) render(log zerolog.Logger) (audit.Render, error) {
	r := audit.Render{Enabled: !f.noBrowser, Concurrency: f.renderConcurrency, Max: f.renderMax, Sample: f.renderSample}
	switch {
	case f.renderConcurrency < 1 || f.renderConcurrency > 32:
		return r, usageError{fmt.Errorf("--render-concurrency must be between 1 and 32, not %d", f.renderConcurrency)}
	case f.renderMax < 0:
		return r, usageError{fmt.Errorf("--render-max must be 0 or more, not %d", f.renderMax)}
	case f.runs < 1 || f.runs > 20:
		return r, usageError{fmt.Errorf("--runs must be between 1 and 20, not %d", f.runs)}
	case f.pageTimeout <= 0:
		return r, usageError{fmt.Errorf("--page-timeout must be positive, not %s", f.pageTimeout)}
	}
	var dev browser.Device
	switch f.device {
	case "mobile":
		dev = browser.Mobile
	case "desktop":
		dev = browser.Desktop
	default:
		return r, usageError{fmt.Errorf("--device must be mobile or desktop, not %q", f.device)}
	}
	r.Browser = browser.Options{
		ExecPath: f.chromePath, Device: dev, Throttle: f.throttle, PageTimeout: f.pageTimeout, Runs: f.runs, Logger: log,
		Insecure: f.insecure,
	}
	return r, nil
}

// options validates the flags and turns them into crawler options.
func (f *auditFlags) options(seeds []string) (crawler.Options, error) {
	o := crawler.DefaultOptions()
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return o, usageError{fmt.Errorf("invalid URL %q: give an absolute http:// or https:// URL", s)}
		}
	}
	o.Seeds = seeds
	bad := func(format string, args ...any) (crawler.Options, error) {
		return o, usageError{fmt.Errorf(format, args...)}
	}
	switch {
	case f.maxPages < 0:
		return bad("--max-pages must be 0 or more, not %d", f.maxPages)
	case f.concurrency < 1 || f.concurrency > 256:
		return bad("--concurrency must be between 1 and 256, not %d", f.concurrency)
	case f.timeout <= 0:
		return bad("--timeout must be positive, not %s", f.timeout)
	case f.requestTimeout <= 0:
		return bad("--request-timeout must be positive, not %s", f.requestTimeout)
	case f.delay < 0:
		return bad("--delay must not be negative")
	case f.rate < 0:
		return bad("--rate must not be negative")
	case f.retries < 0 || f.retries > 10:
		return bad("--retries must be between 0 and 10, not %d", f.retries)
	}
	body, err := parseSize(f.maxBody)
	if err != nil || body < 1024 {
		return bad("--max-body must be a size of at least 1KiB such as 8MiB, not %q", f.maxBody)
	}
	if f.patternCap < 0 {
		return bad("--pattern-cap must be 0 or more, not %d", f.patternCap)
	}
	o.MaxPages, o.MaxDepth, o.PatternCap = f.maxPages, f.maxDepth, f.patternCap
	o.RequestTimeout, o.MaxBodyBytes = f.requestTimeout, int(body)
	o.Concurrency, o.Delay, o.Rate, o.Retries = f.concurrency, f.delay, f.rate, f.retries
	o.AllowSubdomains, o.IgnoreRobots, o.NoSitemap, o.NoExternal = f.subdomains, f.ignoreRobots, f.noSitemap, f.noExternal
	o.UserAgent, o.Insecure = f.userAgent, f.insecure
	if o.Include, err = compileAll("--include", f.include); err != nil {
		return o, err
	}
	if o.Exclude, err = compileAll("--exclude", f.exclude); err != nil {
		return o, err
	}
	o.Header = http.Header{}
	for _, h := range f.headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return bad("--header must look like 'Name: value', not %q", h)
		}
		o.Header.Add(name, strings.TrimSpace(value))
	}
	for _, c := range f.cookies {
		cs, err := http.ParseCookie(c)
		if err != nil {
			return bad("--cookie must look like 'name=value', not %q: %v", c, err)
		}
		o.Cookies = append(o.Cookies, cs...)
	}
	if f.basicAuth != "" {
		user, pass, ok := strings.Cut(f.basicAuth, ":")
		if !ok || user == "" {
			return bad("--basic-auth must look like 'user:password'")
		}
		o.BasicUser, o.BasicPass, o.BasicAuth = user, pass, true
	}
	return o, nil
}

func compileAll(flag string, exprs []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, usageError{fmt.Errorf("%s %q is not a valid regular expression: %w", flag, e, err)}
		}
		out = append(out, re)
	}
	return out, nil
}

// parseSize reads sizes such as 512KiB, 8MiB, 10MB or 1048576.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("invalid size %q", s)
	}
	return n * mult, nil
}

// settings is the effective configuration recorded in result.json, with
// credentials redacted.
type settings struct {
	Seeds          []string `json:"seeds"`
	MaxPages       int      `json:"max_pages"`
	MaxDepth       int      `json:"max_depth"`
	PatternCap     int      `json:"pattern_cap"`
	Timeout        string   `json:"timeout"`
	RequestTimeout string   `json:"request_timeout"`
	MaxBodyBytes   int      `json:"max_body_bytes"`
	Concurrency    int      `json:"concurrency"`
	Delay          string   `json:"delay"`
	Rate           float64  `json:"rate"`
	Retries        int      `json:"retries"`
	Include        []string `json:"include,omitempty"`
	Exclude        []string `json:"exclude,omitempty"`
	Subdomains     bool     `json:"allow_subdomains"`
	IgnoreRobots   bool     `json:"ignore_robots"`
	NoSitemap      bool     `json:"no_sitemap"`
	NoExternal     bool     `json:"no_external"`
	UserAgent      string   `json:"user_agent"`
	Headers        []string `json:"headers,omitempty"`
	Cookies        []string `json:"cookies,omitempty"`
	BasicAuth      string   `json:"basic_auth,omitempty"`
	Insecure       bool     `json:"insecure"`
	Browser        bool     `json:"browser"`
	Device         string   `json:"device,omitempty"`
	Throttle       bool     `json:"throttle,omitempty"`
	Runs           int      `json:"runs,omitempty"`
	RenderMax      int      `json:"render_max,omitempty"`
	RenderSample   bool     `json:"render_sample,omitempty"`
	RenderTabs     int      `json:"render_concurrency,omitempty"`
	ReadingGrade   float64  `json:"reading_grade"`
	ConfigFile     string   `json:"config_file,omitempty"`
	Disabled       []string `json:"disabled_checks,omitempty"`
	Terms          string   `json:"terms_file,omitempty"`
}

const redacted = "[redacted]"

func (f *auditFlags) settings(o crawler.Options) settings {
	s := settings{
		Seeds: o.Seeds, MaxPages: o.MaxPages, MaxDepth: o.MaxDepth, PatternCap: o.PatternCap, Timeout: f.timeout.String(),
		RequestTimeout: o.RequestTimeout.String(), MaxBodyBytes: o.MaxBodyBytes, Concurrency: o.Concurrency,
		Delay: o.Delay.String(), Rate: o.Rate, Retries: o.Retries, Include: f.include, Exclude: f.exclude,
		Subdomains: o.AllowSubdomains, IgnoreRobots: o.IgnoreRobots, NoSitemap: o.NoSitemap, NoExternal: o.NoExternal,
		UserAgent: o.UserAgent, Insecure: o.Insecure,
	}
	for name := range o.Header {
		s.Headers = append(s.Headers, name+": "+redacted)
	}
	for _, c := range o.Cookies {
		s.Cookies = append(s.Cookies, c.Name+"="+redacted)
	}
	if o.BasicAuth {
		s.BasicAuth = o.BasicUser + ":" + redacted
	}
	s.ReadingGrade = f.readingGrade
	if s.Browser = !f.noBrowser; s.Browser {
		s.Device, s.Throttle, s.Runs = f.device, f.throttle, f.runs
		s.RenderMax, s.RenderSample, s.RenderTabs = f.renderMax, f.renderSample, f.renderConcurrency
	}
	return s
}

func (a *app) auditCmd() *cobra.Command {
	var f auditFlags
	cmd := &cobra.Command{
		Use:   "audit URL [URL...]",
		Short: "Crawl a site and write its UX report",
		Long: `Crawl the site at URL (same host; more start URLs may follow), check every
page, and write result.json and report.html into --out.

Settings may come from uxaudit.yaml in the working directory (or --config
FILE); flags given here win. 'uxaudit init' writes a commented one.

Exit codes: 0 the audit ran and every budget held; 1 a budget (or a
--fail-on gate) failed; 2 bad usage or a fatal error; 130 interrupted (the
report of what was gathered is still written, marked partial).`,
		Example: `  uxaudit audit https://staging.example.com --out ./uxaudit-report
  uxaudit audit http://localhost:8080 --basic-auth user:pass --max-pages 500
  uxaudit audit https://example.com --exclude '/logout' --no-external`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("audit needs a URL, e.g. uxaudit audit https://example.com")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := f.options(args)
			if err != nil {
				return err
			}
			return a.audit(cmd.Context(), &f, o)
		},
	}
	f.register(cmd, "uxaudit-report")
	return cmd
}

// audit runs an audit, writes the report and prints the summary.
func (a *app) audit(ctx context.Context, f *auditFlags, o crawler.Options) error {
	o.Logger = a.log
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	var prog audit.Progress
	var line *progressLine
	if !a.quiet && isTerminal(a.stderr) {
		line = newProgressLine(a.stderr)
		prog = line.update
	}
	formats, err := f.outputFormats()
	if err != nil {
		return err
	}
	render, err := f.render(a.log)
	if err != nil {
		return err
	}
	list, err := f.checkList(a.conf)
	if err != nil {
		return err
	}
	nightly, err := f.nightly.prepare(ctx, a.log, &o, &render)
	if err != nil {
		return err
	}
	a.log.Info().Strs("seeds", o.Seeds).Int("concurrency", o.Concurrency).Bool("browser", render.Enabled).Msg("audit started")
	res, err := audit.Run(ctx, audit.Config{
		Crawl:    o,
		Tool:     report.Tool{Name: "uxaudit", Version: toolVersion()},
		Settings: f.settingsWith(o, a.configName(), list),
		Render:   render,
		Logger:   a.log,
		Checks:   list,
	}, prog)
	if line != nil {
		line.clear()
	}
	if err != nil {
		return err
	}
	a.applyConfig(res)
	nightly.compare(res)
	paths, err := report.WriteFiles(f.out, res, report.WriteOptions{Formats: formats, HTML: a.htmlOptions(ctx, nightly, formats, res, f.out)})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		a.log.Warn().Msg(w)
	}
	printSummary(a.stdout, res, paths[0])
	if err := a.afterNightly(ctx, nightly, res, f.out); err != nil {
		return err
	}
	if res.Partial && errors.Is(context.Cause(ctx), audit.ErrInterrupted) {
		a.exitCode = exitInterrupted
	}
	a.finish(res, paths[0])
	return nil
}
