package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// TestSessionCookies: the cookies of Options go with every page load to
// the audited host, and not to another host the page loads from.
func TestSessionCookies(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	record := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[name+r.URL.Path] = r.Header.Get("Cookie")
			mu.Unlock()
			w.Header().Set("Content-Type", "image/svg+xml")
			fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`)
		}
	}
	// The other host must differ by name, not port: cookies ignore ports.
	other := httptest.NewServer(record("other"))
	defer other.Close()
	otherURL := "http://localhost:" + other.Listener.Addr().(*net.TCPAddr).String()[len("127.0.0.1:"):]
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/logo.svg" {
			record("site")(w, r)
			return
		}
		mu.Lock()
		seen["site"+r.URL.Path] = r.Header.Get("Cookie")
		mu.Unlock()
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Account</title><h1>Account</h1>
<img src="/logo.svg" width="10" height="10"><img src="%s/pixel.svg" width="10" height="10">`, otherURL)
	}))
	defer site.Close()

	b := startBrowser(t, Options{
		PageTimeout: 15 * time.Second, Quiet: 300 * time.Millisecond,
		Cookies: []*http.Cookie{{Name: "sid", Value: "session-abc"}}, CookieURL: site.URL + "/",
	})
	defer b.Close()
	v, err := b.Render(context.Background(), site.URL+"/account")
	if err != nil || v.Error != "" {
		t.Fatalf("render: %v %+v", err, v)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, k := range []string{"site/account", "site/logo.svg"} {
		if seen[k] != "sid=session-abc" {
			t.Errorf("%s got cookies %q, want the session", k, seen[k])
		}
	}
	if c, ok := seen["other/pixel.svg"]; !ok || c != "" {
		t.Errorf("the other host: loaded %v, cookies %q", ok, c)
	}
}
