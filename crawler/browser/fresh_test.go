package browser

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// TestFreshTabPerPage: every page loads in a fresh tab (a target of its
// own), in its worker's own window, where it is the only tab and the active
// one (visible, with animation frames) even while another worker renders;
// and nothing of a page reaches the next one: the viewport (measureLayout
// narrows it), the session cookie (a page deletes it from the window's
// jar), session storage; the observer script is in place for every page.
func TestFreshTabPerPage(t *testing.T) {
	type report struct {
		q        url.Values
		target   target.ID
		bcontext string
		tabs     int // page targets of the tab's browser context
	}
	var (
		mu      sync.Mutex
		reports []report
		framed  = map[string]chan struct{}{}
		shared  atomic.Pointer[Browser] // for the server's handler
	)
	// framedCh is closed when the page's animation frame has reported.
	framedCh := func(page string) chan struct{} {
		mu.Lock()
		defer mu.Unlock()
		if framed[page] == nil {
			framed[page] = make(chan struct{})
		}
		return framed[page]
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/report":
			q := r.URL.Query()
			rep := report{q: q}
			bctx, _ := shared.Load().current()
			infos, err := chromedp.Targets(bctx)
			if err != nil {
				t.Errorf("targets: %v", err)
			}
			for _, in := range infos {
				if in.Type == "page" && in.URL == "http://"+r.Host+q.Get("page") {
					rep.target, rep.bcontext = in.TargetID, string(in.BrowserContextID)
				}
			}
			for _, in := range infos {
				if in.Type == "page" && string(in.BrowserContextID) == rep.bcontext {
					rep.tabs++
				}
			}
			mu.Lock()
			reports = append(reports, rep)
			mu.Unlock()
			close(framedCh(q.Get("page")))
			w.Header().Set("Content-Type", "image/svg+xml")
			fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>`)
		case "/hold":
			// Holds the page's load event until its animation frame has
			// reported (or 10 s), so that the report comes before the page
			// settles on a busy machine.
			select {
			case <-framedCh(r.URL.Query().Get("page")):
			case <-time.After(10 * time.Second):
			}
			w.Header().Set("Content-Type", "image/svg+xml")
			fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>`)
		case "/logout":
			fmt.Fprint(w, `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Bye</title>
<h1>Logged out</h1><script>document.cookie = 'sid=; Max-Age=0; path=/';</script>`)
		default:
			// Reports, at its first animation frame, what it sees of the tab.
			fmt.Fprint(w, `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Probe</title>
<h1>Probe</h1><script>
const q = new URLSearchParams({page: location.pathname, w: innerWidth, sw: screen.width, cookie: document.cookie,
  observer: typeof window.__uxaudit, seen: sessionStorage.getItem('seen') || '', visibility: document.visibilityState});
sessionStorage.setItem('seen', location.pathname);
requestAnimationFrame(() => {
  q.set('frameVisibility', document.visibilityState);
  new Image().src = '/report?' + q;
});
document.write('<img width="1" height="1" alt="" src="/hold?page=' + encodeURIComponent(location.pathname) + '">');
</script>`)
		}
	}))
	defer site.Close()
	b := startBrowser(t, Options{
		PageTimeout: 20 * time.Second, Quiet: 300 * time.Millisecond,
		Cookies: []*http.Cookie{{Name: "sid", Value: "session-abc"}}, CookieURL: site.URL + "/",
	})
	defer b.Close()
	shared.Store(b)

	for _, p := range []string{"/a", "/logout", "/b", "/c"} {
		if v := render(t, b, site.URL+p); v.Error != "" {
			t.Fatalf("%s: %s", p, v.Error)
		}
	}
	b.mu.Lock()
	opened, idle := b.opened, len(b.idle)
	b.mu.Unlock()
	// A tab per page, and the next page's tab, opened as the page closes.
	if opened != 5 || idle != 1 {
		t.Errorf("4 pages one after another opened %d tabs (%d windows kept), want 5 tabs in 1 window", opened, idle)
	}

	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				if v := render(t, b, fmt.Sprintf("%s/w%d-%d", site.URL, w, i)); v.Error != "" {
					t.Errorf("worker %d page %d: %s", w, i, v.Error)
				}
			}
		}()
	}
	wg.Wait()
	b.mu.Lock()
	idle = len(b.idle)
	b.mu.Unlock()
	if idle > 2 {
		t.Errorf("two workers kept %d windows, want at most 2", idle)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(reports) != 9 {
		t.Errorf("%d probe reports, want 9 (a page without an animation frame does not report): %v", len(reports), reports)
	}
	want := strconv.Itoa(int(Mobile.Width))
	targets, contexts := map[target.ID]string{}, map[string]bool{}
	for _, r := range reports {
		q, page := r.q, r.q.Get("page")
		if q.Get("w") != want || q.Get("sw") != want {
			t.Errorf("%s saw a viewport of %s px (screen %s), want %s", page, q.Get("w"), q.Get("sw"), want)
		}
		if q.Get("cookie") != "sid=session-abc" {
			t.Errorf("%s saw cookies %q, want the session", page, q.Get("cookie"))
		}
		if q.Get("observer") != "object" {
			t.Errorf("%s: observer %q, want it installed before the page's scripts", page, q.Get("observer"))
		}
		if q.Get("seen") != "" {
			t.Errorf("%s found session storage left by %s: not a fresh tab", page, q.Get("seen"))
		}
		if q.Get("visibility") != "visible" || q.Get("frameVisibility") != "visible" {
			t.Errorf("%s was %s (%s at its first frame), want visible", page, q.Get("visibility"), q.Get("frameVisibility"))
		}
		switch {
		case r.target == "":
			t.Errorf("%s: no page target found for it", page)
		case targets[r.target] != "":
			t.Errorf("%s loaded in the tab of %s, want a fresh tab", page, targets[r.target])
		default:
			targets[r.target] = page
		}
		if r.tabs != 1 {
			t.Errorf("%s: its window had %d tabs, want 1", page, r.tabs)
		}
		contexts[r.bcontext] = true
	}
	if len(contexts) > 2 {
		t.Errorf("pages loaded in %d windows (browser contexts), want at most 2", len(contexts))
	}
}
