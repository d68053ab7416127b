package browser

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// TestCredentialsStayOnTheAuditedHost: the browser adds the custom headers
// and basic auth to the audited host's page and resources, and sends them to
// no other host, redirects to it included.
func TestCredentialsStayOnTheAuditedHost(t *testing.T) {
	b := browser(t)
	var mu sync.Mutex
	seen := map[string]string{} // host+path → "auth|header"
	note := func(name string, r *http.Request) {
		mu.Lock()
		seen[name+r.URL.Path] = r.Header.Get("Authorization") + "|" + r.Header.Get("X-Staging")
		mu.Unlock()
	}
	svg := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "image/svg+xml")
		fmt.Fprint(w, `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`)
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		note("other", r)
		svg(w)
	}))
	defer other.Close()
	// The other host differs by name: localhost, not 127.0.0.1.
	otherURL := "http://localhost:" + fmt.Sprint(other.Listener.Addr().(*net.TCPAddr).Port)
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		note("site", r)
		if u, p, ok := r.BasicAuth(); !ok || u != "ux" || p != "s3cret" {
			w.Header().Set("WWW-Authenticate", `Basic realm="staging"`)
			http.Error(w, "log in", http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/":
			fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Staging</title><h1>Staging</h1>
<img src="/logo.svg" width="10" height="10"><img src="%[1]s/pixel.svg" width="10" height="10">
<img src="/away.svg" width="10" height="10">`, otherURL)
		case "/away.svg":
			http.Redirect(w, r, otherURL+"/redirected.svg", http.StatusFound)
		default:
			svg(w)
		}
	}))
	defer site.Close()

	b.SetCredentials(&Credentials{
		Header: http.Header{"X-Staging": {"yes"}}, Basic: true, BasicUser: "ux", BasicPass: "s3cret",
		Hosts: []string{site.Listener.Addr().String()}, // as Site.Hosts: with the port
	})
	defer b.SetCredentials(nil)
	v := render(t, b, site.URL+"/")
	if v.Error != "" || len(v.FailedRequests) != 0 {
		t.Fatalf("render: %s; failed requests %v", v.Error, v.FailedRequests)
	}
	mu.Lock()
	defer mu.Unlock()
	auth := "Basic dXg6czNjcmV0|yes"
	for _, k := range []string{"site/", "site/logo.svg", "site/away.svg"} {
		if seen[k] != auth {
			t.Errorf("%s got %q, want the credentials", k, seen[k])
		}
	}
	for _, k := range []string{"other/pixel.svg", "other/redirected.svg"} {
		got, ok := seen[k]
		if !ok {
			t.Errorf("%s was not requested", k)
		} else if got != "|" {
			t.Errorf("%s got %q: credentials leaked to another host", k, got)
		}
	}
}

func TestCredentialsScope(t *testing.T) {
	c := &Credentials{Header: http.Header{"X-A": {"1"}}, Hosts: []string{"example.com"}, Subdomains: true}
	for u, want := range map[string]bool{
		"https://example.com/x":   true,
		"http://www.example.com/": true, "http://www.example.com:8080/": false,
		"https://badexample.com/":      false,
		"https://example.com.evil.io/": false,
		"data:text/plain,hi":           false,
		"::bad":                        false,
	} {
		if _, got := c.headers(u, nil); got != want {
			t.Errorf("%s: in scope %v, want %v", u, got, want)
		}
	}
	c.Subdomains = false
	if _, got := c.headers("https://www.example.com/", nil); got {
		t.Error("a subdomain is out of scope without Subdomains")
	}
	if _, got := (*Credentials)(nil).headers("https://example.com/", nil); got {
		t.Error("no credentials: nothing to add")
	}
}
