package browser

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/uxaudit/uxaudit/crawler"
)

// One Chromium for the package's tests.
var (
	shared     *Browser
	sharedErr  error
	sharedOnce sync.Once
)

func browser(t *testing.T) *Browser {
	t.Helper()
	sharedOnce.Do(func() {
		shared, sharedErr = Start(context.Background(), Options{PageTimeout: 15 * time.Second, Quiet: 500 * time.Millisecond})
	})
	if sharedErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests must run in CI: %v", sharedErr)
		}
		t.Skipf("no browser here: %v", sharedErr)
	}
	return shared
}

// startBrowser starts a Chromium of the test's own with opts; the caller
// closes it. Without Chromium the test fails in CI and is skipped elsewhere.
func startBrowser(t *testing.T, opts Options) *Browser {
	t.Helper()
	b, err := Start(context.Background(), opts)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests must run in CI: %v", err)
		}
		t.Skipf("no browser here: %v", err)
	}
	return b
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		shared.Close()
	}
	os.Exit(code)
}

func pngOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

const para = `<p>Gardening is the practice of growing plants as part of horticulture. Ornamental plants are grown for their flowers and foliage; useful plants are grown for food and medicine.</p>`

// fixtureSite serves the pages the browser tests load.
func fixtureSite(t *testing.T) *httptest.Server {
	hero, small := pngOf(400, 300), pngOf(300, 200)
	mux := http.NewServeMux()
	page := func(path, head, body string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>%s</title>%s</head><body style="margin:0;font:16px sans-serif">%s</body></html>`, path, head, body)
		})
	}
	page("/stable", "", "<h1>Stable</h1>"+strings.Repeat(para, 6))
	page("/banner", "", `<h1>Banner</h1><main id="content">`+strings.Repeat(para, 6)+`</main>
<script>addEventListener('load', () => setTimeout(() => {
  const b = document.createElement('div'); b.id = 'cookie-banner';
  b.style.cssText = 'height:300px;background:#eee'; b.textContent = 'We use cookies';
  document.body.insertBefore(b, document.body.firstChild);
}, 300));</script>`)
	page("/late-image", "", `<h1>Late image</h1><img src="/img/slow-small.png" alt="late"><div id="below">`+strings.Repeat(para, 4)+`</div>`)
	page("/hero", "", `<h1 style="font-size:12px">Hero</h1><img id="hero" src="/img/slow-hero.png" width="400" height="300" alt="hero">`)
	page("/busy", "", "<h1>Busy</h1>"+para+`<script>requestAnimationFrame(() => setTimeout(() => {
  const end = performance.now() + 300; while (performance.now() < end) {}
}, 100));</script>`)
	page("/errors", `<script src="/missing.js"></script>`, "<h1>Errors</h1>"+para+`<script>console.error('boom', 42);
setTimeout(() => { throw new Error('kaput'); }, 0);</script>`)
	page("/hang", `<link rel="stylesheet" href="/never">`, "<h1>Hang</h1>"+para)
	mux.HandleFunc("/img/slow-hero.png", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(1500 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(hero)
	})
	mux.HandleFunc("/img/slow-small.png", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(700 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(small)
	})
	mux.HandleFunc("/never", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func render(t *testing.T, b *Browser, url string) *crawler.Vitals {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	v, err := b.Render(ctx, url)
	if err != nil {
		t.Fatalf("Render(%s): %v", url, err)
	}
	return v
}

func TestVitals(t *testing.T) {
	b := browser(t)
	srv := fixtureSite(t)

	t.Run("stable", func(t *testing.T) {
		v := render(t, b, srv.URL+"/stable")
		if v.Error != "" || !v.Settled {
			t.Fatalf("error %q settled %v", v.Error, v.Settled)
		}
		if v.CLS >= 0.01 {
			t.Errorf("CLS = %.3f, want < 0.01", v.CLS)
		}
		if v.FCP <= 0 || v.LCP < v.FCP || v.TTFB <= 0 || v.TTFB > v.FCP {
			t.Errorf("TTFB %.0f FCP %.0f LCP %.0f: want 0 < TTFB ≤ FCP ≤ LCP", v.TTFB, v.FCP, v.LCP)
		}
		if v.Requests != 1 || v.TransferBytes < 500 || v.ByType["Document"].Requests != 1 {
			t.Errorf("requests %d, bytes %d, by type %v", v.Requests, v.TransferBytes, v.ByType)
		}
		if v.DOMNodes < 10 || len(v.Screenshot) < 1000 || !bytes.HasPrefix(v.Screenshot, []byte{0xff, 0xd8}) {
			t.Errorf("DOM nodes %d, screenshot %d bytes", v.DOMNodes, len(v.Screenshot))
		}
		if len(v.ConsoleErrors)+len(v.Exceptions)+len(v.FailedRequests) != 0 {
			t.Errorf("errors on a clean page: %v %v %v", v.ConsoleErrors, v.Exceptions, v.FailedRequests)
		}
	})

	t.Run("banner inserted after load", func(t *testing.T) {
		v := render(t, b, srv.URL+"/banner")
		if v.CLS <= 0.1 {
			t.Fatalf("CLS = %.3f, want > 0.1 (shifts %+v)", v.CLS, v.Shifts)
		}
		if !anyCause(v, "div#cookie-banner") {
			t.Errorf("the banner is not named as the cause: %+v", v.Shifts)
		}
	})

	t.Run("image without dimensions loads late", func(t *testing.T) {
		v := render(t, b, srv.URL+"/late-image")
		if v.CLS <= 0.05 {
			t.Fatalf("CLS = %.3f, want > 0.05 (shifts %+v)", v.CLS, v.Shifts)
		}
		if !anyCause(v, "img") {
			t.Errorf("the image is not named as the cause: %+v", v.Shifts)
		}
	})

	t.Run("slow hero image", func(t *testing.T) {
		v := render(t, b, srv.URL+"/hero")
		if v.LCP < 1500 || v.LCP > 6000 {
			t.Errorf("LCP = %.0f ms, want ≥ 1500", v.LCP)
		}
		if !strings.Contains(v.LCPElement, "img#hero") || !strings.HasSuffix(v.LCPURL, "/img/slow-hero.png") {
			t.Errorf("LCP element %q (%s), want img#hero", v.LCPElement, v.LCPURL)
		}
		if v.ByType["Image"].Requests != 1 || v.ByType["Image"].Bytes < 1000 || v.Largest[0].Type != "Image" {
			t.Errorf("by type %v, largest %v", v.ByType, v.Largest)
		}
	})

	t.Run("busy main thread", func(t *testing.T) {
		v := render(t, b, srv.URL+"/busy")
		if v.TBT < 200 || v.TBT > 1000 {
			t.Errorf("TBT = %.0f ms, want ≥ 200", v.TBT)
		}
	})

	t.Run("console error, exception and 404 script", func(t *testing.T) {
		v := render(t, b, srv.URL+"/errors")
		if len(v.ConsoleErrors) != 1 || !strings.Contains(v.ConsoleErrors[0], "boom 42") {
			t.Errorf("console errors = %q", v.ConsoleErrors)
		}
		if len(v.Exceptions) != 1 || !strings.Contains(v.Exceptions[0], "kaput") {
			t.Errorf("exceptions = %q", v.Exceptions)
		}
		if len(v.FailedRequests) != 1 || v.FailedRequests[0].Status != 404 || !strings.HasSuffix(v.FailedRequests[0].URL, "/missing.js") {
			t.Errorf("failed requests = %+v", v.FailedRequests)
		}
	})
}

func anyCause(v *crawler.Vitals, sel string) bool {
	for _, s := range v.Shifts {
		for _, c := range s.Causes {
			if strings.Contains(c, sel) {
				return true
			}
		}
	}
	return false
}

func TestPageThatNeverSettles(t *testing.T) {
	srv := fixtureSite(t)
	// 4 s: short beside a page that never ends, long enough for the
	// stable page afterwards on a loaded CI machine.
	b := startBrowser(t, Options{PageTimeout: 4 * time.Second})
	defer b.Close()
	start := time.Now()
	v := render(t, b, srv.URL+"/hang")
	if v.ErrorKind != "timeout" || v.Settled {
		t.Errorf("error kind %q settled %v, want a timeout", v.ErrorKind, v.Settled)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("took %s with a 4 s page deadline", d)
	}
	// The browser is still usable afterwards.
	if v := render(t, b, srv.URL+"/stable"); v.Error != "" {
		t.Errorf("after a timeout: %s", v.Error)
	}
}

func TestNavigationError(t *testing.T) {
	b := browser(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	closed := srv.URL
	srv.Close() // nothing listens on that port now
	v := render(t, b, closed+"/nothing-listens-here")
	if v.ErrorKind != "navigation" || !strings.Contains(v.Error, "ERR_CONNECTION_REFUSED") {
		t.Errorf("error %q (%s)", v.Error, v.ErrorKind)
	}
}

func TestMissingBrowser(t *testing.T) {
	if _, err := Start(context.Background(), Options{ExecPath: "/nonexistent/chromium"}); err == nil || !strings.Contains(err.Error(), "no Chromium") {
		t.Errorf("err = %v", err)
	}
}

func TestRunsKeepTheMedian(t *testing.T) {
	runs := []*crawler.Vitals{{LCP: 300, FCP: 1}, {LCP: 100, FCP: 1}, {LCP: 200, FCP: 2}}
	m := median(runs)
	if m.LCP != 200 || m.Runs != 3 {
		t.Errorf("median = %+v", m)
	}
	if len(m.PerRun) != 3 || m.PerRun[0].LCP != 300 || m.PerRun[1].LCP != 100 || m.PerRun[2].LCP != 200 {
		t.Errorf("per-run values, in load order = %+v", m.PerRun)
	}
	if one := median([]*crawler.Vitals{{LCP: 5}}); one.PerRun != nil {
		t.Errorf("a single load keeps no per-run values: %+v", one.PerRun)
	}
}

func TestTabCrash(t *testing.T) {
	b := browser(t)
	srv := fixtureSite(t)
	v := render(t, b, "chrome://crash")
	t.Logf("crash: %s (%s)", v.Error, v.ErrorKind)
	if v.ErrorKind != "crash" {
		t.Errorf("a crashing tab: error %q (%s), want a crash", v.Error, v.ErrorKind)
	}
	// The browser goes on.
	if v := render(t, b, srv.URL+"/stable"); v.Error != "" {
		t.Errorf("after a tab crash: %s", v.Error)
	}
}

func TestBrowserDiesAndIsRestarted(t *testing.T) {
	srv := fixtureSite(t)
	b := startBrowser(t, Options{PageTimeout: 10 * time.Second, Quiet: 300 * time.Millisecond})
	defer b.Close()
	if v := render(t, b, srv.URL+"/stable"); v.Error != "" {
		t.Fatalf("first render: %s", v.Error)
	}
	ctx, _ := b.current()
	proc := chromedp.FromContext(ctx).Browser.Process()
	if proc == nil {
		t.Fatal("no browser process")
	}
	if err := proc.Kill(); err != nil {
		t.Fatal(err)
	}
	_, _ = proc.Wait()
	v := render(t, b, srv.URL+"/stable")
	if v.Error != "" || v.FCP <= 0 {
		t.Errorf("after the browser died: error %q, FCP %.0f", v.Error, v.FCP)
	}
	if _, gen := b.current(); gen != 1 {
		t.Errorf("generation %d, want one restart", gen)
	}
}

func TestThrottleAndRuns(t *testing.T) {
	srv := fixtureSite(t)
	b := startBrowser(t, Options{Throttle: true, Runs: 2, Device: Desktop, Quiet: 300 * time.Millisecond})
	defer b.Close()
	v := render(t, b, srv.URL+"/stable")
	if v.Error != "" || v.Runs != 2 {
		t.Fatalf("error %q, runs %d", v.Error, v.Runs)
	}
	// Slow 4G adds 562.5 ms of latency to the document request. DevTools
	// applies it after navigation timing stamps responseStart, so it shows
	// in the paints, not in TTFB.
	if v.FCP < 560 {
		t.Errorf("throttled FCP %.0f ms: want at least the 562.5 ms of added latency", v.FCP)
	}
}
