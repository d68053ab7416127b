package audit

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/internal/hostile"
	"github.com/uxaudit/uxaudit/report"
)

// The hostile-site test is the contract of "the audit always finishes, and
// says why": an audit of internal/hostile, with bounds fit for CI, must
// return in time and in bounded memory, must not request what robots.txt
// forbids, must read correctly declared character sets right, and must
// account for every trap. Each trap then has the finding a correct crawler
// reports. Those uxaudit does not produce yet are listed in hostileGaps:
// they are skipped with a TODO (and logged) instead of failing, and one that
// starts to hold is logged so that it can leave the list.

const (
	hostileBudget    = 60 * time.Second // the audit's own timeout
	hostileGrace     = 10 * time.Second // on top of it, before the test calls it a hang
	hostileHeapLimit = 500 << 20        // peak Go heap during the audit
	hostileMaxBody   = 1 << 20          // MaxBodyBytes of the audit
	hostileMaxPages  = 500              // MaxPages of the audit
	hostileTimeout   = 5 * time.Second  // RequestTimeout of the audit: generous, CI runs packages in parallel
	hostileRetryWait = 3 * time.Second  // MaxRetryWait of the audit
	hostileSample    = 10 * time.Millisecond
)

// hostileGaps lists the expectations ("trap/expectation") that uxaudit does
// not meet yet, with what is missing. Keep it in step with the code: a gap
// that closes is logged by the test.
var hostileGaps = map[string]string{}

// hostileView indexes a result for the trap expectations.
type hostileView struct {
	res     *report.Result
	pages   map[string]*report.PageResult
	targets map[string]*report.TargetResult
}

func newHostileView(res *report.Result) *hostileView {
	v := &hostileView{res: res, pages: map[string]*report.PageResult{}, targets: map[string]*report.TargetResult{}}
	for i := range res.Pages {
		v.pages[res.Pages[i].URL] = &res.Pages[i]
	}
	for i := range res.Targets {
		v.targets[res.Targets[i].URL] = &res.Targets[i]
	}
	return v
}

// about returns the findings on the URL or with it as their target.
func (v *hostileView) about(u string) []checks.Finding {
	var out []checks.Finding
	for _, f := range v.res.Findings {
		if f.URL == u || f.Target == u {
			out = append(out, f)
		}
	}
	return out
}

// mentioning returns the findings whose target, examples or message
// mention s (site-level findings such as crawl traps).
func (v *hostileView) mentioning(s string) []checks.Finding {
	var out []checks.Finding
	for _, f := range v.res.Findings {
		if strings.Contains(f.Target, s) || strings.Contains(f.Message, s) ||
			slices.ContainsFunc(f.Evidence.Items, func(it string) bool { return strings.Contains(it, s) }) {
			out = append(out, f)
		}
	}
	return out
}

// has reports whether one of fs is by check (any check when "") with an
// evidence kind or verdict among kinds.
func has(fs []checks.Finding, check string, kinds ...string) bool {
	for _, f := range fs {
		if check != "" && f.Check != check {
			continue
		}
		if slices.Contains(kinds, f.Evidence.Kind) || slices.Contains(kinds, f.Evidence.Verdict) {
			return true
		}
	}
	return false
}

// observed describes what the result holds about u, for messages.
func (v *hostileView) observed(u string) string {
	var parts []string
	if p := v.pages[u]; p != nil {
		s := fmt.Sprintf("page: status %d", p.Status)
		if p.ErrorKind != "" {
			s += ", error_kind " + p.ErrorKind
		}
		if p.Error != "" {
			s += fmt.Sprintf(", error %q", p.Error)
		}
		if p.Truncated {
			s += ", truncated"
		}
		s += fmt.Sprintf(", html %v, bytes %d", p.HTML, p.Bytes)
		parts = append(parts, s)
	}
	if t := v.targets[u]; t != nil {
		parts = append(parts, fmt.Sprintf("target (%s, %s): status %d, error_kind %q, attempts %d", t.Kind, t.Method, t.Status, t.ErrorKind, t.Attempts))
	}
	for _, f := range v.about(u) {
		if pageStructureChecks[f.Check] {
			continue // noise here: the traps are bare pages
		}
		s := f.Check + "/" + f.Evidence.Kind
		if f.Evidence.Verdict != "" {
			s += " verdict " + f.Evidence.Verdict
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", s, f.Severity))
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, "; ")
}

// pageStructureChecks are left out of the observations in messages.
var pageStructureChecks = map[string]bool{
	"document-title": true, "meta-description": true, "headings": true, "viewport": true, "canonical": true,
	"html-lang": true, "image-alt": true, "image-dimensions": true, "form-labels": true, "accessible-names": true,
	"duplicate-ids": true, "duplicate-metadata": true, "click-depth": true, "server-response-time": true,
}

// expectation is one thing a correct crawler reports about a trap.
type expectation struct {
	name string
	what string // what a correct crawler reports
	ok   func(v *hostileView, u string) bool
}

func finding(check, what string, kinds ...string) expectation {
	return expectation{name: "finding", what: what, ok: func(v *hostileView, u string) bool { return has(v.about(u), check, kinds...) }}
}

// hostileExpectations returns, per trap, what a correct crawler reports.
func hostileExpectations(srv *hostile.Server) map[string][]expectation {
	notAdvisedAsRedirect := expectation{
		name: "redirects-names-the-scheme",
		what: "the redirects check, if it reports the link, names the unfetchable scheme instead of calling it a temporary redirect to link to directly",
		ok: func(v *hostileView, u string) bool {
			return !has(v.about(u), "redirects", "temporary-redirect", "link-to-redirect")
		},
	}
	scheme := finding("broken-links", "broken-links reports the redirect to a non-http scheme (kind scheme)", "scheme")
	triaged := func(verdict string) expectation {
		return expectation{
			name: "http-status-triage",
			what: "http-status does not count the page as a plain client error, or names it " + verdict,
			ok: func(v *hostileView, u string) bool {
				return !has(v.about(u), "http-status", "client-error") || has(v.about(u), "http-status", verdict)
			},
		}
	}
	return map[string][]expectation{
		"redirect-loop": {{
			name: "finding", what: "broken-links and redirects both report a redirect-loop",
			ok: func(v *hostileView, u string) bool {
				return has(v.about(u), "broken-links", "redirect-loop") && has(v.about(u), "redirects", "redirect-loop")
			},
		}},
		"redirect-chain-25": {{
			name: "finding", what: "broken-links and redirects report too-many-redirects, and the hop where the crawler stopped has error_kind too-many-hops",
			ok: func(v *hostileView, u string) bool {
				stopped := slices.ContainsFunc(v.res.Pages, func(p report.PageResult) bool {
					return p.ErrorKind == string(crawler.ErrTooManyHops) && strings.Contains(p.URL, "/redirect/chain/")
				})
				return stopped && has(v.about(u), "broken-links", "too-many-redirects", "too-many-hops") &&
					has(v.about(u), "redirects", "too-many-redirects", "too-many-hops")
			},
		}},
		"redirect-javascript": {scheme, notAdvisedAsRedirect},
		"redirect-file":       {scheme, notAdvisedAsRedirect},
		"endless-body": {{
			name: "finding", what: "http-status reports body-truncated, and the page was cut at MaxBodyBytes",
			ok: func(v *hostileView, u string) bool {
				p := v.pages[u]
				return p != nil && p.Truncated && p.Bytes <= hostileMaxBody && has(v.about(u), "http-status", "body-truncated")
			},
		}},
		"slow-drip": {finding("http-status", "http-status reports a timeout", "timeout")},
		"gzip-bomb": {
			{
				name: "bounded", what: "the decompressed body is cut at MaxBodyBytes",
				ok: func(v *hostileView, u string) bool { p := v.pages[u]; return p != nil && p.Bytes <= hostileMaxBody },
			},
			finding("", "a finding names the decompression limit (kind decompression-limit)", "decompression-limit"),
		},
		"gzip-file": {{
			name: "checked", what: "the file is checked (200) and not taken for a page (its memory bound is TestHostileDecompressionBounds's)",
			ok: func(v *hostileView, u string) bool {
				p, t := v.pages[u], v.targets[u]
				return p != nil && p.Status == 200 && !p.HTML || t != nil && t.Status == 200
			},
		}},
		"huge-html": {finding("http-status", "http-status reports body-truncated", "body-truncated")},
		"binary-blob": {finding("", "a finding says the text/html body is binary (kind content-mismatch)",
			"content-mismatch", "not-html", "binary")},
		"reset-mid-body": {{
			name: "finding", what: "http-status and broken-links report a reset",
			ok: func(v *hostileView, u string) bool {
				return has(v.about(u), "http-status", "reset") && has(v.about(u), "broken-links", "reset")
			},
		}},
		"hang":          {finding("http-status", "http-status reports a timeout", "timeout")},
		"raw-blackhole": {finding("broken-links", "broken-links reports the external link as a timeout", "timeout")},
		"raw-reset":     {finding("broken-links", "broken-links reports the external link as a reset", "reset")},
		"invalid-utf8": {
			finding("", "a finding reports a body that is not valid in its declared charset (kind invalid-encoding)", "invalid-encoding"),
			{
				name: "title-is-valid-utf8", what: "the title kept in the result is valid UTF-8",
				ok: func(v *hostileView, u string) bool { p := v.pages[u]; return p != nil && utf8.ValidString(p.Title) },
			},
		},
		"windows-1252": {{
			name: "title", what: "the page is decoded from windows-1252: its title is " + hostile.Windows1252Title,
			ok: func(v *hostileView, u string) bool {
				p := v.pages[u]
				return p != nil && p.Title == hostile.Windows1252Title
			},
		}},
		"shift-jis": {{
			name: "title", what: "the page is decoded from Shift_JIS: its title is " + hostile.ShiftJISTitle,
			ok: func(v *hostileView, u string) bool {
				p := v.pages[u]
				return p != nil && p.Title == hostile.ShiftJISTitle
			},
		}},
		"malformed-html": {
			{
				name: "parsed", what: "the page is parsed as a browser would: its title read, the link before the script followed, none inside it",
				ok: func(v *hostileView, u string) bool {
					p := v.pages[u]
					ok := v.pages[strings.TrimSuffix(u, "/html/malformed")+hostile.MalformedLinkPath]
					return p != nil && p.HTML && p.Title == hostile.MalformedTitle && ok != nil && ok.Status == 200 &&
						srv.HitsUnder(hostile.SwallowedPath) == 0
				},
			},
			finding("", "a finding reports the unterminated <script> (kind malformed-html)", "malformed-html", "unterminated-script"),
		},
		"deep-dom": {{
			name: "finding", what: "a finding or error_kind says why the 100,000-deep page was not audited (kind dom-depth, or a parse error kind)",
			ok: func(v *hostileView, u string) bool {
				p := v.pages[u]
				return p != nil && p.ErrorKind != "" || has(v.about(u), "", "dom-depth", "dom-too-deep", "parse", "parse-error")
			},
		}},
		"many-links": {
			{
				name: "audited", what: "the page is audited and its distinct targets checked",
				ok: func(v *hostileView, u string) bool {
					p := v.pages[u]
					if p == nil || !p.HTML {
						return false
					}
					for i := 0; i < hostile.ManyLinkTargets; i++ {
						if t := v.pages[fmt.Sprintf("%st%d", u, i)]; t == nil || t.Status != 200 {
							return false
						}
					}
					return true
				},
			},
			finding("", "a finding reports the 50,000 links (kind too-many-links)", "too-many-links"),
		},
		"calendar": {{
			name: "finding", what: "crawl-traps reports the endless calendar",
			ok: func(v *hostileView, u string) bool {
				return has(v.mentioning("/calendar"), "crawl-traps", "query-variants", "crawl-trap")
			},
		}},
		"repeating-path": {{
			name: "finding", what: "crawl-traps reports the repeating path",
			ok: func(v *hostileView, u string) bool {
				return has(v.mentioning("/a/a/"), "crawl-traps", "repeating-path", "crawl-trap")
			},
		}},
		"robots-private": {{
			name: "not-fetched", what: "the page is recorded with error_kind robots and never requested",
			ok: func(v *hostileView, u string) bool {
				p := v.pages[u]
				return p != nil && p.ErrorKind == string(crawler.ErrRobots) && srv.HitsUnder("/private/") == 0
			},
		}},
		"flaky-503": {finding("", "the 503 with Retry-After is triaged as transient (verdict flaky or rate-limited), not as a hard server error",
			"flaky", "rate-limited")},
		"flaky-503-once":   {finding("broken-links", "broken-links triages the link as flaky (answered on the retry)", "flaky")},
		"rate-limited-429": {finding("broken-links", "broken-links triages the link as rate-limited", "rate-limited"), triaged("rate-limited")},
		"bot-wall":         {finding("broken-links", "broken-links triages the link as blocked (a bot wall)", "blocked"), triaged("blocked")},
	}
}

// memWatch samples the Go heap until stopped.
type memWatch struct {
	stop chan struct{}
	done chan struct{}
	peak uint64
}

func watchMemory() *memWatch {
	w := &memWatch{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		tk := time.NewTicker(hostileSample)
		defer tk.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			w.peak = max(w.peak, m.HeapAlloc)
			select {
			case <-w.stop:
				return
			case <-tk.C:
			}
		}
	}()
	return w
}

// Peak stops the sampling and returns the highest HeapAlloc seen.
func (w *memWatch) Peak() uint64 {
	close(w.stop)
	<-w.done
	return w.peak
}

// vmHWM returns the process's peak resident set from /proc ("" elsewhere).
func vmHWM() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// runHostile audits the hostile site with o and fails the test if the
// audit does not return within the budget and its grace.
func runHostile(t *testing.T, o crawler.Options) (*report.Result, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileBudget)
	defer cancel()
	type outcome struct {
		res *report.Result
		err error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		res, err := Run(ctx, Config{Crawl: o, Tool: report.Tool{Name: "uxaudit", Version: "test"}}, nil)
		done <- outcome{res, err}
	}()
	select {
	case out := <-done:
		if out.err != nil {
			t.Fatalf("Run: %v", out.err)
		}
		return out.res, time.Since(start)
	case <-time.After(hostileBudget + hostileGrace):
		t.Fatalf("the audit did not return within its %s timeout and %s of grace: it hangs", hostileBudget, hostileGrace)
	}
	return nil, 0
}

func hostileOptions(seed string) crawler.Options {
	o := crawler.DefaultOptions()
	o.Seeds = []string{seed}
	o.RequestTimeout = hostileTimeout
	o.Retries = 1
	o.MaxRetryWait = hostileRetryWait
	o.MaxBodyBytes = hostileMaxBody
	o.MaxPages = hostileMaxPages
	o.Concurrency = 8
	return o
}

// gapTracker applies the expectations, failing the unexpected misses and
// skipping the known gaps.
type gapTracker struct {
	mu   sync.Mutex
	gaps []string
}

func (g *gapTracker) check(t *testing.T, trap string, e expectation, ok bool, observed string) {
	t.Helper()
	key := trap + "/" + e.name
	missing, known := hostileGaps[key]
	switch {
	case ok && known:
		t.Logf("gap closed, remove %q from hostileGaps: %s", key, e.what)
	case ok:
	case known:
		g.mu.Lock()
		g.gaps = append(g.gaps, key+": "+missing)
		g.mu.Unlock()
		t.Skipf("TODO: %s. Observed: %s", missing, observed)
	default:
		t.Errorf("%s: want %s. Observed: %s", key, e.what, observed)
	}
}

func (g *gapTracker) log(t *testing.T) {
	t.Helper()
	if len(g.gaps) == 0 {
		return
	}
	gaps := slices.Clone(g.gaps)
	slices.Sort(gaps)
	t.Logf("%d known gaps (a correct crawler reports these; uxaudit does not yet):\n  %s", len(gaps), strings.Join(gaps, "\n  "))
}

// TestHostileSite audits the hostile site: the audit must finish, in
// bounded memory, without touching what robots.txt forbids, and report
// every trap with the finding a correct crawler gives it.
func TestHostileSite(t *testing.T) {
	if testing.Short() {
		t.Skip("audits the hostile site (several seconds)")
	}
	srv := hostile.New()
	base, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)

	runtime.GC()
	mem := watchMemory()
	res, took := runHostile(t, hostileOptions(base+"/"))
	peak := mem.Peak()
	t.Logf("audit of the hostile site: %s, peak heap %d MiB, VmHWM %s, %d requests to the site, %d pages, %d targets, %d findings, partial %v",
		took.Round(time.Millisecond), peak>>20, vmHWM(), srv.Total(), len(res.Pages), len(res.Targets), len(res.Findings), res.Partial)

	// What must hold whatever else the crawler gets wrong.
	if peak > hostileHeapLimit {
		t.Errorf("peak heap %d MiB during the audit, want under %d MiB", peak>>20, hostileHeapLimit>>20)
	}
	if n := srv.HitsUnder("/private/"); n != 0 {
		t.Errorf("robots.txt disallows /private/, yet it was requested %d times", n)
	}
	v := newHostileView(res)
	canon := func(u string) string {
		c, _, err := crawler.Normalize(nil, u)
		if err != nil {
			t.Fatalf("normalise %s: %v", u, err)
		}
		return c
	}
	for _, tr := range hostile.Traps() {
		u := canon(srv.TrapURL(tr))
		if v.pages[u] == nil && v.targets[u] == nil && len(v.about(u)) == 0 {
			t.Errorf("trap %s (%s) is nowhere in the result: no page, no target, no finding", tr.Name, u)
		}
	}
	for _, tt := range []struct{ path, title string }{
		{"/charset/windows-1252", hostile.Windows1252Title},
		{"/charset/shift-jis", hostile.ShiftJISTitle},
	} {
		if p := v.pages[canon(base+tt.path)]; p == nil || p.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.path, titleOf(p), tt.title)
		}
	}

	// What a correct crawler reports, trap by trap.
	exp := hostileExpectations(srv)
	var g gapTracker
	for _, tr := range hostile.Traps() {
		es, ok := exp[tr.Name]
		if !ok {
			t.Errorf("trap %s has no expectation: add one", tr.Name)
			continue
		}
		u := canon(srv.TrapURL(tr))
		t.Run(tr.Name, func(t *testing.T) {
			for _, e := range es {
				t.Run(e.name, func(t *testing.T) {
					g.check(t, tr.Name, e, e.ok(v, u), v.observed(u))
				})
			}
		})
	}
	g.log(t)
}

func titleOf(p *report.PageResult) string {
	if p == nil {
		return "(no page)"
	}
	return p.Title
}

// TestHostileDecompressionBounds audits two small gzip bombs that the main
// hostile test cannot afford in full, and checks that the body cap bounds
// what is decompressed, not what is sent:
//   - accept-encoding: a gzip-encoded page (8 KB of gzip, 8 MiB of HTML)
//     fetched with the user header Accept-Encoding: gzip, which turns off
//     Go's transparent decompression;
//   - gzip-file: a 33 KB application/gzip file (32 MiB expanded), which a
//     crawler only needs to check.
func TestHostileDecompressionBounds(t *testing.T) {
	if testing.Short() {
		t.Skip("audits the hostile site")
	}
	srv := hostile.New()
	base, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	var g gapTracker

	t.Run("accept-encoding", func(t *testing.T) {
		u := base + "/body/gzip-bomb?members=1"
		o := hostileOptions(u)
		o.Header = http.Header{"Accept-Encoding": {"gzip"}}
		o.NoSitemap = true
		res, _ := runHostile(t, o)
		v := newHostileView(res)
		e := expectation{
			name: "bounded",
			what: "the 8 MiB decompressed body is cut at MaxBodyBytes (1 MiB): the page is truncated, or a finding names the decompression limit",
			ok: func(v *hostileView, u string) bool {
				p := v.pages[u]
				return p != nil && (p.Truncated || has(v.about(u), "", "decompression-limit"))
			},
		}
		g.check(t, "gzip-bomb-accept-encoding", e, e.ok(v, u), v.observed(u))
	})

	t.Run("gzip-file", func(t *testing.T) {
		u := base + "/body/bomb.gz"
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		mem := watchMemory()
		res, _ := runHostile(t, hostileOptions(u))
		peak := mem.Peak()
		growth := int64(peak) - int64(before.HeapAlloc)
		v := newHostileView(res)
		if p := v.pages[u]; p == nil || p.Status != 200 {
			t.Fatalf("the gzip file was not checked: %s", v.observed(u))
		}
		t.Logf("heap grew by %d MiB while checking a 33 KB gzip file of 32 MiB", growth>>20)
		e := expectation{
			name: "bounded",
			what: "checking the file does not expand it: the heap grows by less than 16 MiB",
			ok:   func(*hostileView, string) bool { return growth < 16<<20 },
		}
		g.check(t, "gzip-file", e, e.ok(v, u), fmt.Sprintf("heap grew by %d MiB; %s", growth>>20, v.observed(u)))
	})
	g.log(t)
}
