// Command windowprobe measures what opening each page in a new browser
// window costs its first contentful paint. The browser pass opens every page
// in a new tab of its own window (chromedp's default: in a shared window
// only the active tab gets frames); Lighthouse loads pages in the tab its
// browser starts with. windowprobe loads the same URLs both ways (alternately,
// or in two blocks with -blocks), in one Chromium started with the browser
// pass's flags and its mobile device, and prints the FCP of every load and
// the medians. -gap pauses after closing each tab, to tell the cost of a
// window from that of tearing down the previous one during the next load.
//
//	windowprobe [-n 10] [-blocks] [-gap 0] [-chrome /usr/bin/chromium] http://127.0.0.1:PORT/stable ...
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

func main() {
	n := flag.Int("n", 10, "loads per URL and mode")
	chrome := flag.String("chrome", "/usr/bin/chromium", "Chromium to run")
	blocks := flag.Bool("blocks", false, "load n times in new windows, then n times in a shared window (default: alternate)")
	gap := flag.Duration("gap", 0, "pause after closing each tab, before the next load")
	flag.Parse()
	for _, u := range flag.Args() {
		p, err := url.Parse(u)
		if err != nil || p.Hostname() != "127.0.0.1" {
			fmt.Fprintf(os.Stderr, "windowprobe: %q: only http://127.0.0.1 URLs\n", u)
			os.Exit(2)
		}
	}
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: windowprobe [-n 10] URL...")
		os.Exit(2)
	}
	// The browser pass's flags (crawler/browser.launch).
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(*chrome), chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("mute-audio", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("no-default-browser-check", true))
	if os.Geteuid() == 0 {
		flags = append(flags, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		fmt.Fprintln(os.Stderr, "windowprobe:", err)
		os.Exit(1)
	}
	for _, u := range flag.Args() {
		var order []bool // newWindow, load by load
		for i := 0; i < *n; i++ {
			order = append(order, true, false)
		}
		if *blocks {
			sort.SliceStable(order, func(i, j int) bool { return order[i] && !order[j] })
		}
		fcps := map[bool][]float64{}
		for _, newWindow := range order {
			fcp, err := load(bctx, u, newWindow)
			if err != nil {
				fmt.Fprintln(os.Stderr, "windowprobe:", err)
				os.Exit(1)
			}
			fcps[newWindow] = append(fcps[newWindow], fcp)
			time.Sleep(*gap)
		}
		for _, newWindow := range []bool{true, false} {
			mode := "tab in a shared window"
			if newWindow {
				mode = "tab in a new window   "
			}
			fmt.Printf("%s  %s  FCP median %4.0f ms  loads %s\n", u, mode, median(fcps[newWindow]), list(fcps[newWindow]))
		}
	}
}

// load opens a tab, loads u with the mobile device, and reads its FCP.
func load(bctx context.Context, u string, newWindow bool) (float64, error) {
	tab, closeTab := chromedp.NewContext(bctx, chromedp.WithNewWindow(newWindow))
	defer closeTab()
	if err := chromedp.Do(tab); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 412, Height: 823, DeviceScaleFactor: 1.75, Mobile: true,
	}); err != nil {
		return 0, err
	}
	if _, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: u}); err != nil {
		return 0, err
	}
	// Poll for the paint entry (an evaluation may meet the old document, or
	// none while the new one commits: try again).
	for {
		fcp, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
			`location.href === 'about:blank' ? 0 : (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime`))
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

func median(xs []float64) float64 {
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
