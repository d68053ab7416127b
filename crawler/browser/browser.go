// Package browser is the rendered pass of the crawl: one headless Chromium,
// driven with chromedp, loads pages in a small pool of tabs and reports what
// a user would see: paint and layout-shift metrics, blocking time, network
// weight, console errors and a screenshot.
package browser

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/rs/zerolog"

	"github.com/uxaudit/uxaudit/crawler"
)

//go:embed observe.js
var observeJS string

//go:embed collect.js
var collectJS string

// ErrNoBrowser reports that no Chromium could be found.
var ErrNoBrowser = errors.New("no Chromium or Chrome found")

// Device is the emulated screen and user agent.
type Device struct {
	Name      string
	Width     int64
	Height    int64
	Scale     float64
	Mobile    bool
	UserAgent string
}

// Mobile is the default device: Lighthouse's mobile profile (a mid-range
// Android phone).
var Mobile = Device{
	Name: "mobile", Width: 412, Height: 823, Scale: 1.75, Mobile: true,
	UserAgent: "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 uxaudit",
}

// Desktop is Lighthouse's desktop profile.
var Desktop = Device{
	Name: "desktop", Width: 1350, Height: 940, Scale: 1,
	UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 uxaudit",
}

// Throttling as Lighthouse's devtools method applies its "slow 4G" profile:
// 150 ms RTT and 1.6 Mbps, with the devtools adjustment factors, and a 4×
// slower CPU.
const (
	throttleLatencyMs  = 150 * 3.75
	throttleDownloadBs = 1.6 * 1024 * 1024 * 0.9 / 8
	throttleUploadBs   = 750 * 1024 * 0.9 / 8
	throttleCPU        = 4
)

// Options configures the browser pass.
type Options struct {
	ExecPath    string        // Chromium to run; "" looks for one (CHROME_PATH, then the usual names)
	Device      Device        // zero value: Mobile
	Throttle    bool          // slow 4G and a 4× CPU slowdown
	PageTimeout time.Duration // per page load, settling included
	Quiet       time.Duration // the network must be idle this long after load
	Runs        int           // loads per page; the median run is kept
	Logger      zerolog.Logger
	// Cookies are set in every tab before it navigates, for CookieURL's
	// host only (the session of --login-url, and --cookie).
	Cookies   []*http.Cookie
	CookieURL string
	// Insecure accepts any TLS certificate (self-signed staging servers),
	// as the crawl's --insecure does.
	Insecure bool
}

// FindChrome returns the Chromium to run: explicit, else $CHROME_PATH, else
// the first of the usual names on PATH.
func FindChrome(explicit string) (string, error) {
	if explicit == "" {
		explicit = os.Getenv("CHROME_PATH")
	}
	if explicit != "" {
		p, err := exec.LookPath(explicit)
		if err != nil {
			return "", fmt.Errorf("%w at %s: %w", ErrNoBrowser, explicit, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w on PATH (install Debian's chromium, or set --chrome-path or CHROME_PATH)", ErrNoBrowser)
}

// Browser is one running Chromium shared by every page of an audit. Render
// is safe for concurrent use: each call uses a window no other call is
// using, and loads its page in a fresh tab there (see window), so an audit
// with N render workers has about N windows, each with one tab at a time.
type Browser struct {
	opts Options
	path string
	log  zerolog.Logger

	mu      sync.Mutex
	ctx     context.Context // the browser's chromedp context
	cancel  context.CancelFunc
	gen     int // incremented at every restart
	closed  bool
	version string
	creds   *Credentials // added to in-scope requests; see SetCredentials
	idle    []*window    // windows of the current browser waiting for a page
	opened  int          // tabs opened since Start (for tests)
}

// window is a render worker's window: a browser context of its own, whose
// window holds one tab at a time, a fresh one for every page. Chromium opens
// a tab created without a new window in the last active window of the tab's
// browser context; giving each window its own browser context is what makes
// that window this one (two workers sharing a window would hide one
// worker's tab: only the active tab of a window gets frames). The first tab
// opens the window; each next tab is opened before the previous one closes,
// so the window never empties, and the tab being loaded is the window's
// only tab and its active one.
//
// This is the closest condition to Lighthouse's (a fresh tab, so a fresh
// renderer, for each run) without the cost of a window per page; see
// bench/README.md, runs D to F. Each browser context has its own HTTP cache
// and cookie jar: pages share the cache of their worker's window.
type window struct {
	id   cdp.BrowserContextID
	gen  int  // the browser generation it belongs to
	next *tab // the fresh tab for the window's next page
}

// tab is one browser tab, for one page. Set when it opens (setupTab): the
// event listener, the observer script, the viewport, touch, focus, user
// agent and throttling; just before the page (preparePage): the session
// cookies and the credentials.
type tab struct {
	ctx    context.Context // the tab's chromedp context; no deadline
	bctx   context.Context // the browser's
	cancel context.CancelFunc

	state   atomic.Pointer[pageState]   // the page being loaded; nil before it
	creds   atomic.Pointer[Credentials] // what interceptCredentials adds
	crashed atomic.Bool                 // its renderer crashed
}

// handle runs in the tab's event loop: quick, and no commands.
func (t *tab) handle(ev any) {
	switch e := ev.(type) {
	case *fetch.EventRequestPaused:
		t.continueRequest(e)
		return
	case *inspector.EventTargetCrashed:
		t.crashed.Store(true)
	}
	if s := t.state.Load(); s != nil {
		s.handle(ev)
	}
}

// Start launches Chromium. The browser is not bound to ctx's deadline (a
// deadline on the first run would kill it); call Close when done.
func Start(ctx context.Context, opts Options) (*Browser, error) {
	if opts.Device.Name == "" {
		opts.Device = Mobile
	}
	if opts.PageTimeout <= 0 {
		opts.PageTimeout = 30 * time.Second
	}
	if opts.Quiet <= 0 {
		opts.Quiet = time.Second
	}
	if opts.Runs < 1 {
		opts.Runs = 1
	}
	path, err := FindChrome(opts.ExecPath)
	if err != nil {
		return nil, err
	}
	b := &Browser{opts: opts, path: path, log: opts.Logger}
	if err := b.launch(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *Browser) launch(ctx context.Context) error {
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(b.path),
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("no-default-browser-check", true),
	)
	if b.opts.Insecure {
		flags = append(flags, chromedp.Flag("ignore-certificate-errors", true))
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to start its sandbox as root (containers, CI).
		flags = append(flags, chromedp.NoSandbox)
	}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.WithoutCancel(ctx), flags...)
	bctx, bcancel := chromedp.NewContext(allocCtx)
	// Starting may be interrupted; the running browser must not be.
	stop := context.AfterFunc(ctx, bcancel)
	err := chromedp.Do(bctx) // no deadline: this run owns the browser's life
	if !stop() {
		err = errors.Join(err, ctx.Err())
	}
	if err != nil {
		bcancel()
		allocCancel()
		return fmt.Errorf("start %s: %w", b.path, err)
	}
	b.ctx = bctx
	b.cancel = func() { bcancel(); allocCancel() }
	return nil
}

// Close stops the browser.
func (b *Browser) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, w := range b.idle {
		w.next.cancel()
	}
	b.idle = nil
	if !b.closed && b.cancel != nil {
		b.cancel()
	}
	b.closed = true
}

// current returns the running browser's context and generation.
func (b *Browser) current() (context.Context, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ctx, b.gen
}

// restart replaces a browser that died, unless another caller already did.
func (b *Browser) restart(ctx context.Context, gen int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return errors.New("browser closed")
	}
	if gen != b.gen {
		return nil
	}
	b.log.Warn().Msg("the browser died; starting a new one")
	stale := b.idle
	b.idle = nil
	b.cancel()
	for _, w := range stale {
		w.next.cancel()
	}
	if err := b.launch(ctx); err != nil {
		return err
	}
	b.gen++
	return nil
}

// Render loads url Runs times and returns the median run's vitals. A page
// that fails to load, times out or crashes its tab returns vitals with Error
// set, not an error; the error is for a browser that cannot be used at all.
func (b *Browser) Render(ctx context.Context, url string) (*crawler.Vitals, error) {
	var runs []*crawler.Vitals
	for i := 0; i < b.opts.Runs && ctx.Err() == nil; i++ {
		v, err := b.renderRestarting(ctx, url)
		if err != nil {
			return nil, err
		}
		runs = append(runs, v)
		if v.Error != "" {
			break // a failing page fails the same way again
		}
	}
	if len(runs) == 0 {
		return nil, ctx.Err()
	}
	return median(runs), nil
}

func (b *Browser) renderRestarting(ctx context.Context, url string) (*crawler.Vitals, error) {
	bctx, gen := b.current()
	v, browserErr := b.renderInTab(ctx, bctx, gen, url)
	if browserErr == nil || ctx.Err() != nil {
		return v, nil
	}
	if err := b.restart(ctx, gen); err != nil {
		return nil, fmt.Errorf("restart browser after %v: %w", browserErr, err)
	}
	bctx, gen = b.current()
	v, browserErr = b.renderInTab(ctx, bctx, gen, url)
	if browserErr != nil {
		return nil, browserErr
	}
	return v, nil
}

// renderInTab loads url in a fresh tab of a window of the browser bctx of
// generation gen, and then opens the window's next tab.
func (b *Browser) renderInTab(ctx, bctx context.Context, gen int, url string) (v *crawler.Vitals, browserErr error) {
	w, err := b.acquire(bctx, gen)
	if err != nil {
		if bctx.Err() != nil || isBrowserGone(err) {
			return nil, err
		}
		return &crawler.Vitals{Runs: 1, Error: err.Error(), ErrorKind: "browser"}, nil
	}
	t := w.next
	w.next = nil
	v, browserErr = b.renderOnce(ctx, t, url)
	b.release(w, t, browserErr == nil && ctx.Err() == nil)
	return v, browserErr
}

// acquire returns an idle window of generation gen with its next tab open,
// or opens a window.
func (b *Browser) acquire(bctx context.Context, gen int) (*window, error) {
	b.mu.Lock()
	var w *window
	var stale []*window
	for len(b.idle) > 0 && w == nil {
		w = b.idle[len(b.idle)-1]
		b.idle = b.idle[:len(b.idle)-1]
		if w.gen != gen || w.next.ctx.Err() != nil || w.next.crashed.Load() {
			stale, w = append(stale, w), nil
		}
	}
	b.mu.Unlock()
	for _, s := range stale {
		s.next.cancel()
		if s.gen == gen {
			b.dispose(bctx, s)
		}
	}
	if w != nil {
		return w, nil
	}
	res, err := chromedp.CallBrowser(bctx, target.CreateBrowserContext, target.CreateBrowserContextParams{})
	if err != nil {
		return nil, fmt.Errorf("create a browser context: %w", err)
	}
	w = &window{id: res.BrowserContextID, gen: gen}
	if w.next, err = b.openTab(bctx, w); err != nil {
		b.dispose(bctx, w)
		return nil, err
	}
	return w, nil
}

// openTab opens a tab in w's window (the first opens the window) and sets
// it up for a page.
func (b *Browser) openTab(bctx context.Context, w *window) (*tab, error) {
	t := &tab{bctx: bctx}
	tctx, cancel := chromedp.NewContext(bctx, chromedp.WithExistingBrowserContext(w.id),
		chromedp.WithNewWindow(false), chromedp.WithListener(t.handle))
	t.ctx, t.cancel = tctx, cancel
	if err := chromedp.Do(tctx); err != nil { // opens the tab: no deadline here
		cancel()
		if bctx.Err() != nil || isBrowserGone(err) {
			return nil, err
		}
		return nil, fmt.Errorf("open tab: %w", err)
	}
	sctx, scancel := context.WithTimeout(tctx, b.opts.PageTimeout)
	defer scancel()
	if err := b.setupTab(sctx); err != nil {
		cancel()
		if bctx.Err() != nil || isBrowserGone(err) {
			return nil, err
		}
		return nil, fmt.Errorf("prepare tab: %w", err)
	}
	b.mu.Lock()
	b.opened++
	b.mu.Unlock()
	return t, nil
}

// release closes used, the tab of w's last page, once w's next tab is open
// (so that the window stays), and keeps w for the next page; when the
// browser is gone, the caller has given up or the next tab does not open,
// it closes used and drops w.
func (b *Browser) release(w *window, used *tab, fit bool) {
	used.state.Store(nil)
	if fit {
		next, err := b.openTab(used.bctx, w)
		if err != nil {
			b.log.Debug().Err(err).Msg("dropping a window whose next tab did not open")
			fit = false
		}
		w.next = next
	}
	used.cancel()
	b.mu.Lock()
	if fit && !b.closed && w.gen == b.gen {
		b.idle = append(b.idle, w)
		b.mu.Unlock()
		return
	}
	b.mu.Unlock()
	if w.next != nil {
		w.next.cancel()
	}
	b.dispose(used.bctx, w)
}

// dispose removes w's browser context, with its window, from a running
// browser; a dead browser took it along.
func (b *Browser) dispose(bctx context.Context, w *window) {
	if bctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithTimeout(bctx, 5*time.Second)
	defer cancel()
	if _, err := chromedp.CallBrowser(ctx, target.DisposeBrowserContext, target.DisposeBrowserContextParams{BrowserContextID: w.id}); err != nil {
		b.log.Debug().Err(err).Msg("dispose of a browser context")
	}
}

// median keeps the run with the median LCP (then FCP), as Lighthouse keeps a
// median run rather than mixing metrics of different loads.
func median(runs []*crawler.Vitals) *crawler.Vitals {
	var per []crawler.RunMetrics
	if len(runs) > 1 {
		for _, r := range runs {
			per = append(per, crawler.RunMetrics{
				TTFB: r.TTFB, FCP: r.FCP, LCP: r.LCP, TBT: r.TBT, CLS: r.CLS, TransferBytes: r.TransferBytes,
			})
		}
	}
	sort.SliceStable(runs, func(i, j int) bool {
		if runs[i].LCP != runs[j].LCP {
			return runs[i].LCP < runs[j].LCP
		}
		return runs[i].FCP < runs[j].FCP
	})
	m := runs[len(runs)/2]
	m.Runs, m.PerRun = len(runs), per
	return m
}

// collected is what collect.js returns.
type collected struct {
	TTFB       float64 `json:"ttfb"`
	FCP        float64 `json:"fcp"`
	LCP        float64 `json:"lcp"`
	LCPElement string  `json:"lcpElement"`
	LCPURL     string  `json:"lcpURL"`
	TBT        float64 `json:"tbt"`
	CLS        float64 `json:"cls"`
	Shifts     []struct {
		T       float64  `json:"t"`
		V       float64  `json:"v"`
		Sources []string `json:"sources"`
		Causes  []string `json:"causes"`
		Input   bool     `json:"input"`
	} `json:"shifts"`
	DOMNodes int             `json:"domNodes"`
	Layout   *crawler.Layout `json:"layout"` // tap targets, text sizes, contrast; see measureLayout
}

// renderOnce loads url in t, a fresh tab. browserErr is set
// when the browser itself is unusable (it died); page problems go into the
// vitals.
func (b *Browser) renderOnce(ctx context.Context, t *tab, url string) (v *crawler.Vitals, browserErr error) {
	v = &crawler.Vitals{Runs: 1}
	tab := t.ctx
	st := newPageState()
	t.state.Store(st)
	pctx, cancel := context.WithTimeout(tab, b.opts.PageTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()

	if err := b.preparePage(pctx, t); err != nil {
		if t.bctx.Err() != nil || isBrowserGone(err) {
			return nil, err
		}
		v.Error, v.ErrorKind = "prepare tab: "+err.Error(), "browser"
		return v, nil
	}
	nav, err := chromedp.Call(pctx, page.Navigate, page.NavigateParams{URL: url})
	switch {
	case err != nil && (t.bctx.Err() != nil || isBrowserGone(err)):
		// The browser died since the tab opened (its context ends then,
		// and pctx with it): not a page that failed to start loading.
		return nil, err
	case err != nil && pctx.Err() != nil:
		v.Error, v.ErrorKind = fmt.Sprintf("the page did not start loading within %s", b.opts.PageTimeout), "timeout"
		return v, nil
	case err != nil:
		v.Error, v.ErrorKind = "navigate: "+err.Error(), "navigation"
		return v, nil
	case nav.ErrorText != "":
		// A renderer that crashes aborts the navigation first; its crash
		// event follows.
		select {
		case <-st.crash:
			v.Error, v.ErrorKind = "the tab crashed while loading the page", "crash"
		case <-time.After(time.Second):
			v.Error, v.ErrorKind = "navigate: "+nav.ErrorText, "navigation"
		}
		return v, nil
	}
	v.Settled = st.settle(pctx, b.opts.Quiet)
	if v.Settled {
		// On a busy machine the first paint can come after the load event
		// and a quiet network: give it a few seconds more.
		waitForPaint(pctx, 5*time.Second)
	}
	if st.crashed() {
		v.Error, v.ErrorKind = "the tab crashed while loading the page", "crash"
		return v, nil
	}

	// Collect with a fresh deadline: the page's may be spent.
	cctx, ccancel := context.WithTimeout(tab, 5*time.Second)
	defer ccancel()
	stopC := context.AfterFunc(ctx, ccancel)
	defer stopC()
	if !v.Settled {
		// A page still loading answers nothing until it stops.
		_, _ = chromedp.Call(cctx, page.StopLoading, cdp.Empty{})
	}
	m, err := chromedp.Run(cctx, chromedp.Evaluate[collected](collectJS))
	if err != nil {
		if isBrowserGone(err) {
			return nil, err
		}
		v.Error, v.ErrorKind = "read metrics: "+err.Error(), "browser"
		return v, nil
	}
	if !v.Settled {
		v.Error, v.ErrorKind = fmt.Sprintf("the page did not settle within %s (network still busy); its metrics are as of then", b.opts.PageTimeout), "timeout"
	}
	v.TTFB, v.FCP, v.LCP, v.TBT, v.CLS = m.TTFB, m.FCP, m.LCP, m.TBT, m.CLS
	v.LCPElement, v.LCPURL, v.DOMNodes = m.LCPElement, m.LCPURL, m.DOMNodes
	for _, s := range m.Shifts {
		v.Shifts = append(v.Shifts, crawler.Shift{Time: s.T, Value: s.V, Sources: s.Sources, Causes: s.Causes, Input: s.Input})
	}
	st.fill(v)
	quality := int64(50)
	shot, err := chromedp.Call(cctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format: page.CaptureScreenshotFormatJpeg, Quality: &quality,
		Clip: &page.Viewport{Width: float64(b.opts.Device.Width), Height: float64(b.opts.Device.Height), Scale: 0.4 / b.opts.Device.Scale},
	})
	if err == nil {
		v.Screenshot = shot.Data
	}
	// Last: it narrows the viewport.
	v.Layout = b.measureLayout(cctx, m.Layout)
	return v, nil
}

// waitForPaint polls the page until it has painted content, for at most d.
func waitForPaint(ctx context.Context, d time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	for {
		painted, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(window.__uxaudit && window.__uxaudit.fcp > 0)`))
		if err != nil || painted {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// setupTab sets on a new tab the device's viewport, touch, focus, the user
// agent, throttling and the observer script.
func (b *Browser) setupTab(ctx context.Context) error {
	d := b.opts.Device
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: d.Width, Height: d.Height, DeviceScaleFactor: d.Scale, Mobile: d.Mobile,
	}); err != nil {
		return fmt.Errorf("device: %w", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: d.Mobile, MaxTouchPoints: 5}); err != nil {
		return fmt.Errorf("touch: %w", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		return fmt.Errorf("focus: %w", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: d.UserAgent}); err != nil {
		return fmt.Errorf("user agent: %w", err)
	}
	if b.opts.Throttle {
		if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: throttleCPU}); err != nil {
			return fmt.Errorf("cpu throttling: %w", err)
		}
		if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{
				Latency: throttleLatencyMs, DownloadThroughput: throttleDownloadBs, UploadThroughput: throttleUploadBs,
			}},
		}); err != nil {
			return fmt.Errorf("network throttling: %w", err)
		}
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: observeJS}); err != nil {
		return fmt.Errorf("observer: %w", err)
	}
	return nil
}

// preparePage sets, just before t loads its page, what may have changed
// since t opened: the session cookies (the window's browser context keeps
// its cookie jar from page to page, and a page may have overwritten or
// deleted them) and the credentials (SetCredentials may have changed them).
func (b *Browser) preparePage(ctx context.Context, t *tab) error {
	if len(b.opts.Cookies) > 0 {
		params := network.SetCookiesParams{}
		for _, c := range b.opts.Cookies {
			params.Cookies = append(params.Cookies, &network.CookieParam{Name: c.Name, Value: c.Value, URL: b.opts.CookieURL})
		}
		if _, err := chromedp.Call(ctx, network.SetCookies, params); err != nil {
			return fmt.Errorf("cookies: %w", err)
		}
	}
	return b.interceptCredentials(ctx, t)
}

func isBrowserGone(err error) bool {
	var exit *exec.ExitError
	return errors.As(err, &exit) ||
		strings.Contains(err.Error(), "websocket") || strings.Contains(err.Error(), "broken pipe") ||
		strings.Contains(err.Error(), "file already closed")
}

// pageState follows one page load's events, in order, from its tab's
// listener.
type pageState struct {
	mu         sync.Mutex
	loaded     chan struct{}
	crash      chan struct{}
	navigated  bool // the main frame committed a document other than about:blank
	isLoaded   bool
	isCrashed  bool
	loadAt     time.Time
	lastNet    time.Time
	inflight   map[network.RequestID]*request
	requests   []*request
	console    []string
	exceptions []string
}

type request struct {
	url    string
	typ    string
	status int
	bytes  int64
	failed string
	done   bool
}

func newPageState() *pageState {
	return &pageState{
		loaded: make(chan struct{}), crash: make(chan struct{}),
		inflight: map[network.RequestID]*request{}, lastNet: time.Now(),
	}
}

// handle runs in the tab's event loop: quick, and no commands.
func (s *pageState) handle(ev any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		s.lastNet = now
		if r, ok := s.inflight[e.RequestID]; ok { // a redirect: same request, new URL
			r.url = e.Request.URL
			return
		}
		r := &request{url: e.Request.URL, typ: string(e.Type)}
		s.inflight[e.RequestID] = r
		s.requests = append(s.requests, r)
	case *network.EventResponseReceived:
		if r, ok := s.inflight[e.RequestID]; ok {
			r.status, r.url = int(e.Response.Status), e.Response.URL
			if e.Type != "" {
				r.typ = string(e.Type)
			}
		}
	case *network.EventLoadingFinished:
		s.lastNet = now
		if r, ok := s.inflight[e.RequestID]; ok {
			r.bytes, r.done = int64(e.EncodedDataLength), true
			delete(s.inflight, e.RequestID)
		}
	case *network.EventLoadingFailed:
		s.lastNet = now
		if r, ok := s.inflight[e.RequestID]; ok {
			r.done = true
			if !e.Canceled {
				r.failed = e.ErrorText
				if e.BlockedReason != "" {
					r.failed += " (" + string(e.BlockedReason) + ")"
				}
			}
			delete(s.inflight, e.RequestID)
		}
	case *page.EventFrameNavigated:
		// A load event before this one is the new tab's about:blank.
		if e.Frame != nil && e.Frame.ParentID == "" && e.Frame.URL != "about:blank" {
			s.navigated = true
		}
	case *page.EventLoadEventFired:
		if s.navigated && !s.isLoaded {
			s.isLoaded, s.loadAt = true, now
			close(s.loaded)
		}
	case *runtime.EventExceptionThrown:
		s.exceptions = append(s.exceptions, exceptionText(e.ExceptionDetails))
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			s.console = append(s.console, consoleText(e.Args))
		}
	case *inspector.EventTargetCrashed:
		if !s.isCrashed {
			s.isCrashed = true
			close(s.crash)
		}
	}
}

// settle waits for the load event and then for the network to be idle for
// quiet, or for ctx to end. It reports whether the page settled.
func (s *pageState) settle(ctx context.Context, quiet time.Duration) bool {
	select {
	case <-s.loaded:
	case <-s.crash:
		return false
	case <-ctx.Done():
		return false
	}
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		s.mu.Lock()
		idle := len(s.inflight) == 0 && time.Since(s.lastNet) >= quiet && time.Since(s.loadAt) >= quiet
		s.mu.Unlock()
		if idle {
			return true
		}
		select {
		case <-t.C:
		case <-s.crash:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

func (s *pageState) crashed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.isCrashed
}

// fill copies the network and console observations into v.
func (s *pageState) fill(v *crawler.Vitals) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v.ByType = map[string]crawler.ResourceStat{}
	var all []crawler.Resource
	for _, r := range s.requests {
		if strings.HasPrefix(r.url, "data:") || r.typ == "Other" && strings.HasSuffix(r.url, "/favicon.ico") {
			continue // inline data, and the favicon the browser asks for by itself
		}
		v.Requests++
		v.TransferBytes += r.bytes
		st := v.ByType[r.typ]
		st.Requests++
		st.Bytes += r.bytes
		v.ByType[r.typ] = st
		all = append(all, crawler.Resource{URL: r.url, Type: r.typ, Bytes: r.bytes})
		if r.failed != "" || r.status >= 400 {
			v.FailedRequests = append(v.FailedRequests, crawler.FailedRequest{URL: r.url, Type: r.typ, Status: r.status, Error: r.failed})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Bytes > all[j].Bytes })
	if len(all) > 5 {
		all = all[:5]
	}
	v.Largest = all
	v.ConsoleErrors = append([]string(nil), s.console...)
	v.Exceptions = append([]string(nil), s.exceptions...)
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "exception"
	}
	text := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		text = d.Exception.Description
		if i := strings.IndexByte(text, '\n'); i > 0 {
			text = text[:i]
		}
	}
	if d.URL != "" {
		text += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
	}
	return text
}

func consoleText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a == nil:
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	s := strings.Join(parts, " ")
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return s
}
