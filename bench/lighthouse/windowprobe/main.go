// Command windowprobe measures how the tab a page loads in affects its first
// contentful paint. The browser pass opened every page in a new tab of its
// own window (chromedp's default: in a shared window only the active tab
// gets frames) until it kept one tab per worker; Lighthouse loads its page
// in one tab. windowprobe loads the
// same URLs in several modes, in one Chromium started with the browser
// pass's flags and its mobile device, and prints the FCP of every load and
// the medians:
//
//	new     a new tab in a new window for every load (the old browser pass)
//	shared  a new tab in the browser's window for every load
//	reuse   one tab in a window of its own, kept for every load, via about:blank
//	first   the tab the browser starts with, kept for every load, via about:blank
//	fresh   a new tab for every load in a window of its own browser context,
//	        opened (newWindow=false) before the previous load's tab closes,
//	        so that it is the window's only tab and the active one
//
// Every load goes through about:blank and waits for it to be in place (as
// the browser pass does; -nowait does not wait). Loads alternate between the
// modes, or run mode by mode with -blocks. -gap pauses after each load.
//
// Every load also reports document.visibilityState and whether a
// requestAnimationFrame callback ran within a second (a tab that is not the
// active tab of its window gets no frames), and the window it is in.
// -parallel runs a second worker meanwhile, as a second render worker: it
// loads the same URLs in fresh tabs of its own browser context, without
// pause, until the measured loads are done, and its loads are checked too.
//
//	windowprobe [-n 10] [-modes new,reuse] [-blocks] [-nowait] [-gap 0] [-parallel] [-chrome /usr/bin/chromium] http://127.0.0.1:PORT/stable ...
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

var allModes = []string{"new", "shared", "reuse", "first", "fresh"}

func main() {
	n := flag.Int("n", 10, "loads per URL and mode")
	chrome := flag.String("chrome", "/usr/bin/chromium", "Chromium to run")
	modes := flag.String("modes", "new,reuse", "comma-separated modes: "+strings.Join(allModes, ", "))
	blocks := flag.Bool("blocks", false, "load n times in each mode, mode after mode (default: alternate)")
	gap := flag.Duration("gap", 0, "pause after each load, before the next")
	nowait := flag.Bool("nowait", false, "navigate to the page as soon as Page.navigate to about:blank answers")
	parallel := flag.Bool("parallel", false, "a second worker loads the URLs in fresh tabs meanwhile")
	flag.Parse()
	for _, u := range flag.Args() {
		p, err := url.Parse(u)
		if err != nil || p.Hostname() != "127.0.0.1" {
			fmt.Fprintf(os.Stderr, "windowprobe: %q: only http://127.0.0.1 URLs\n", u)
			os.Exit(2)
		}
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: windowprobe [-n 10] [-modes new,reuse] URL...")
		os.Exit(2)
	}
	ms := strings.Split(*modes, ",")
	for _, m := range ms {
		if !contains(allModes, m) {
			fmt.Fprintf(os.Stderr, "windowprobe: unknown mode %q\n", m)
			os.Exit(2)
		}
	}
	if err := run(ms, *n, *chrome, *blocks, *nowait, *parallel, *gap, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "windowprobe:", err)
		os.Exit(1)
	}
}

func run(modes []string, n int, chrome string, blocks, nowait, parallel bool, gap time.Duration, urls []string) error {
	// The browser pass's flags (crawler/browser.launch).
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("mute-audio", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("no-default-browser-check", true))
	if os.Geteuid() == 0 {
		flags = append(flags, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc) // its tab is the browser's first
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		return err
	}
	// The kept tab of "reuse", opened once.
	reused, closeReused := chromedp.NewContext(bctx)
	defer closeReused()
	if err := chromedp.Do(reused); err != nil {
		return err
	}
	fresh := &freshWorker{bctx: bctx}
	defer fresh.close()
	var other chan []sight
	stopOther := make(chan struct{})
	if parallel {
		other = make(chan []sight, 1)
		go func() {
			w := &freshWorker{bctx: bctx}
			defer w.close()
			var seen []sight
			defer func() { other <- seen }()
			for i := 0; ; i++ {
				select {
				case <-stopOther:
					return
				default:
				}
				r, err := w.load(urls[i%len(urls)], nowait)
				if err != nil {
					fmt.Fprintln(os.Stderr, "windowprobe: parallel worker:", err)
					return
				}
				seen = append(seen, r.sight)
			}
		}()
	}
	sights := map[string][]sight{}
	for _, u := range urls {
		var order []string
		for i := 0; i < n; i++ {
			order = append(order, modes...)
		}
		if blocks {
			rank := func(m string) int {
				for i, x := range modes {
					if x == m {
						return i
					}
				}
				return 0
			}
			sort.SliceStable(order, func(i, j int) bool { return rank(order[i]) < rank(order[j]) })
		}
		fcps := map[string][]float64{}
		for _, mode := range order {
			var r result
			var err error
			switch mode {
			case "new", "shared":
				r, err = loadInNewTab(bctx, u, mode == "new", nowait)
			case "reuse":
				r, err = load(reused, u, nowait)
			case "first":
				r, err = load(bctx, u, nowait)
			case "fresh":
				r, err = fresh.load(u, nowait)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", mode, err)
			}
			fcps[mode] = append(fcps[mode], r.fcp)
			sights[mode] = append(sights[mode], r.sight)
			time.Sleep(gap)
		}
		for _, mode := range modes {
			fmt.Printf("%s  %-6s  FCP median %4.0f ms  loads %s\n", u, mode, median(fcps[mode]), list(fcps[mode]))
		}
	}
	for _, mode := range modes {
		fmt.Printf("%-6s  %s\n", mode, summary(sights[mode]))
	}
	if parallel {
		close(stopOther)
		fmt.Printf("%-6s  %s\n", "other", summary(<-other))
	}
	return nil
}

// result is what one load saw.
type result struct {
	fcp float64
	sight
}

// sight is whether a loaded page could be seen: its visibility, whether an
// animation frame ran, its window and how many tabs that window had.
type sight struct {
	Visibility string `json:"visibility"`
	Frame      bool   `json:"frame"`
	window     int64
	tabs       int // page targets in the tab's browser context
}

func summary(ss []sight) string {
	vis, frames, windows, most := 0, 0, map[int64]bool{}, 0
	for _, s := range ss {
		if s.Visibility == "visible" {
			vis++
		}
		if s.Frame {
			frames++
		}
		windows[s.window] = true
		most = max(most, s.tabs)
	}
	return fmt.Sprintf("loads %d: visible %d, animation frame %d, windows %d, most tabs in the context %d", len(ss), vis, frames, len(windows), most)
}

// freshWorker loads every page in a new tab of its own browser context: the
// first tab opens the context's window, each next one opens in that window
// (newWindow=false picks the last active window of the tab's browser
// context, and there is only this one), and the previous tab closes once
// the new one is open, so the window never empties.
type freshWorker struct {
	bctx     context.Context
	id       cdp.BrowserContextID
	closeCur context.CancelFunc
}

func (w *freshWorker) load(u string, nowait bool) (result, error) {
	if w.id == "" {
		res, err := chromedp.CallBrowser(w.bctx, target.CreateBrowserContext, target.CreateBrowserContextParams{})
		if err != nil {
			return result{}, err
		}
		w.id = res.BrowserContextID
	}
	tab, closeTab := chromedp.NewContext(w.bctx, chromedp.WithExistingBrowserContext(w.id), chromedp.WithNewWindow(false))
	if err := chromedp.Do(tab); err != nil {
		closeTab()
		return result{}, err
	}
	if w.closeCur != nil {
		w.closeCur()
	}
	w.closeCur = closeTab
	return load(tab, u, nowait)
}

func (w *freshWorker) close() {
	if w.closeCur != nil {
		w.closeCur()
	}
}

// loadInNewTab opens a tab (in a window of its own or the browser's), loads
// u and closes the tab.
func loadInNewTab(bctx context.Context, u string, newWindow, nowait bool) (result, error) {
	tab, closeTab := chromedp.NewContext(bctx, chromedp.WithNewWindow(newWindow))
	defer closeTab()
	if err := chromedp.Do(tab); err != nil {
		return result{}, err
	}
	return load(tab, u, nowait)
}

// load loads u with the mobile device in the tab of ctx, which has run
// before, through about:blank, and reads its FCP and what it could see.
func load(tab context.Context, u string, nowait bool) (result, error) {
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: "about:blank"}); err != nil {
		return result{}, err
	}
	// Page.navigate answers before about:blank commits; a navigation sent
	// then started its clock early (+~400 ms FCP in a kept tab). Wait for
	// the blank document, as the browser pass does (tab.leave), unless
	// -nowait.
	for !nowait {
		blank, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`location.href === 'about:blank' && document.readyState === 'complete'`))
		if err == nil && blank {
			break
		}
		select {
		case <-ctx.Done():
			return result{}, fmt.Errorf("wait for about:blank (%v): %w", err, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 412, Height: 823, DeviceScaleFactor: 1.75, Mobile: true,
	}); err != nil {
		return result{}, err
	}
	navAt := time.Now().UnixMilli() - 20 // older documents are the previous load's
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: u}); err != nil {
		return result{}, err
	}
	// Poll for the paint entry (an evaluation may meet the old document, or
	// none while the new one commits: try again).
	for {
		fcp, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
			`location.href === 'about:blank' || performance.timeOrigin < `+fmt.Sprint(navAt)+` ? 0 : (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime`))
		if err == nil && fcp > 0 {
			r := result{fcp: fcp}
			r.sight, err = see(ctx)
			return r, err
		}
		select {
		case <-ctx.Done():
			return result{}, fmt.Errorf("%s: no first contentful paint (%v): %w", u, err, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// see reports the visibility of the page in the tab of ctx, whether it gets
// an animation frame within a second, its window and the page targets of
// its browser context.
func see(ctx context.Context) (sight, error) {
	s, err := chromedp.Run(ctx, chromedp.Evaluate[sight](`new Promise(done => {
  const visibility = document.visibilityState;
  const t = setTimeout(() => done({visibility, frame: false}), 1000);
  requestAnimationFrame(() => { clearTimeout(t); done({visibility, frame: true}); });
})`, chromedp.EvalAwaitPromise))
	if err != nil {
		return s, fmt.Errorf("visibility: %w", err)
	}
	c := chromedp.FromContext(ctx)
	win, err := chromedp.CallBrowser(ctx, browser.GetWindowForTarget, browser.GetWindowForTargetParams{TargetID: c.Target.TargetID})
	if err != nil {
		return s, fmt.Errorf("window: %w", err)
	}
	s.window = int64(win.WindowID)
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		return s, err
	}
	var bc cdp.BrowserContextID
	for _, in := range infos {
		if in.TargetID == c.Target.TargetID {
			bc = in.BrowserContextID
		}
	}
	for _, in := range infos {
		if in.Type == "page" && in.BrowserContextID == bc {
			s.tabs++
		}
	}
	return s, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func list(xs []float64) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.0f", x)
	}
	return b.String()
}
