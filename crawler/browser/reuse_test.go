package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestTabsAreKept: pages rendered one after another load in one kept tab,
// two workers keep at most two, and what a page or the measurements change
// in the tab does not reach the next page: the viewport (measureLayout
// narrows it), the session cookie (a page deletes it) and the observer
// script (added once per tab, not once per page).
func TestTabsAreKept(t *testing.T) {
	var mu sync.Mutex
	var reports []url.Values
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/report":
			mu.Lock()
			reports = append(reports, r.URL.Query())
			mu.Unlock()
			w.Header().Set("Content-Type", "image/svg+xml")
			fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>`)
		case "/logout":
			fmt.Fprint(w, `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Bye</title>
<h1>Logged out</h1><script>document.cookie = 'sid=; Max-Age=0; path=/';</script>`)
		default:
			// Reports, while the page parses, what it sees of the tab.
			fmt.Fprint(w, `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Probe</title>
<h1>Probe</h1><script>
const q = new URLSearchParams({page: location.pathname, w: innerWidth, sw: screen.width, cookie: document.cookie, observer: typeof window.__uxaudit});
document.write('<img width="1" height="1" alt="" src="/report?' + q + '">');
</script>`)
		}
	}))
	defer site.Close()
	b, err := Start(context.Background(), Options{
		PageTimeout: 15 * time.Second, Quiet: 300 * time.Millisecond,
		Cookies: []*http.Cookie{{Name: "sid", Value: "session-abc"}}, CookieURL: site.URL + "/",
	})
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests must run in CI: %v", err)
		}
		t.Skipf("no browser here: %v", err)
	}
	defer b.Close()

	for _, p := range []string{"/a", "/logout", "/b", "/c"} {
		if v := render(t, b, site.URL+p); v.Error != "" {
			t.Fatalf("%s: %s", p, v.Error)
		}
	}
	b.mu.Lock()
	opened, idle := b.opened, len(b.idle)
	b.mu.Unlock()
	if opened != 1 || idle != 1 {
		t.Errorf("4 pages one after another opened %d tabs (%d kept), want 1", opened, idle)
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
	opened = b.opened
	b.mu.Unlock()
	if opened > 2 {
		t.Errorf("two workers opened %d tabs, want at most 2", opened)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(reports) != 9 {
		t.Errorf("%d probe reports, want 9: %v", len(reports), reports)
	}
	want := strconv.Itoa(int(Mobile.Width))
	for _, q := range reports {
		if q.Get("w") != want || q.Get("sw") != want {
			t.Errorf("%s saw a viewport of %s px (screen %s), want %s: the narrowing of the page before leaked", q.Get("page"), q.Get("w"), q.Get("sw"), want)
		}
		if q.Get("cookie") != "sid=session-abc" {
			t.Errorf("%s saw cookies %q, want the session", q.Get("page"), q.Get("cookie"))
		}
		if q.Get("observer") != "object" {
			t.Errorf("%s: observer %q, want it installed before the page's scripts", q.Get("page"), q.Get("observer"))
		}
	}

	// Chromium numbers a tab's new-document scripts 1, 2, …: one more
	// gets 2 when the observer was added once, whatever the pages.
	b.mu.Lock()
	kept := b.idle[0]
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(kept.ctx, 5*time.Second)
	defer cancel()
	res, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: "void 0"})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := strconv.Atoi(string(res.Identifier)); err != nil {
		t.Logf("script identifier %q is not a number; not checked", res.Identifier)
	} else if n != 2 {
		t.Errorf("a kept tab's next script is number %d, want 2 (the observer added once)", n)
	}
}
