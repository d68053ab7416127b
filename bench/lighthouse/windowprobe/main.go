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
//
// Every load goes through about:blank and waits for it to be in place (as
// the browser pass does; -nowait does not wait). Loads alternate between the
// modes, or run mode by mode with -blocks. -gap pauses after each load.
//
//	windowprobe [-n 10] [-modes new,reuse] [-blocks] [-nowait] [-gap 0] [-chrome /usr/bin/chromium] http://127.0.0.1:PORT/stable ...
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

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var allModes = []string{"new", "shared", "reuse", "first"}

func main() {
	n := flag.Int("n", 10, "loads per URL and mode")
	chrome := flag.String("chrome", "/usr/bin/chromium", "Chromium to run")
	modes := flag.String("modes", "new,reuse", "comma-separated modes: "+strings.Join(allModes, ", "))
	blocks := flag.Bool("blocks", false, "load n times in each mode, mode after mode (default: alternate)")
	gap := flag.Duration("gap", 0, "pause after each load, before the next")
	nowait := flag.Bool("nowait", false, "navigate to the page as soon as Page.navigate to about:blank answers")
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
	if err := run(ms, *n, *chrome, *blocks, *nowait, *gap, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "windowprobe:", err)
		os.Exit(1)
	}
}

func run(modes []string, n int, chrome string, blocks, nowait bool, gap time.Duration, urls []string) error {
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
			var fcp float64
			var err error
			switch mode {
			case "new", "shared":
				fcp, err = loadInNewTab(bctx, u, mode == "new", nowait)
			case "reuse":
				fcp, err = load(reused, u, nowait)
			case "first":
				fcp, err = load(bctx, u, nowait)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", mode, err)
			}
			fcps[mode] = append(fcps[mode], fcp)
			time.Sleep(gap)
		}
		for _, mode := range modes {
			fmt.Printf("%s  %-6s  FCP median %4.0f ms  loads %s\n", u, mode, median(fcps[mode]), list(fcps[mode]))
		}
	}
	return nil
}

// loadInNewTab opens a tab (in a window of its own or the browser's), loads
// u and closes the tab.
func loadInNewTab(bctx context.Context, u string, newWindow, nowait bool) (float64, error) {
	tab, closeTab := chromedp.NewContext(bctx, chromedp.WithNewWindow(newWindow))
	defer closeTab()
	if err := chromedp.Do(tab); err != nil {
		return 0, err
	}
	return load(tab, u, nowait)
}

// load loads u with the mobile device in the tab of ctx, which has run
// before, through about:blank, and reads its FCP.
func load(tab context.Context, u string, nowait bool) (float64, error) {
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: "about:blank"}); err != nil {
		return 0, err
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
			return 0, fmt.Errorf("wait for about:blank (%v): %w", err, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 412, Height: 823, DeviceScaleFactor: 1.75, Mobile: true,
	}); err != nil {
		return 0, err
	}
	navAt := time.Now().UnixMilli() - 20 // older documents are the previous load's
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: u}); err != nil {
		return 0, err
	}
	// Poll for the paint entry (an evaluation may meet the old document, or
	// none while the new one commits: try again).
	for {
		fcp, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
			`location.href === 'about:blank' || performance.timeOrigin < `+fmt.Sprint(navAt)+` ? 0 : (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime`))
		if err == nil && fcp > 0 {
			return fcp, nil
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("%s: no first contentful paint (%v): %w", u, err, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
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
