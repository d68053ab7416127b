package crawler_test

// End-to-end tests of the crawler against real HTTP servers on 127.0.0.1
// (net/http/httptest). Every handler honours r.Context() so that closing a
// server never waits for a sleeping handler.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/uxaudit/uxaudit/crawler"
)

// request is what a test server saw of one request.
type request struct {
	Method string
	Path   string
	Header http.Header
}

// server is an httptest server that records every request it receives.
type server struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []request
}

// newServer starts a loopback server running h and records its requests.
func newServer(t *testing.T, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone()})
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// count returns how many requests for path the server received with method
// ("" for any method).
func (s *server) count(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.reqs {
		if r.Path == path && (method == "" || r.Method == method) {
			n++
		}
	}
	return n
}

// countPrefix returns how many requests had a path starting with prefix.
func (s *server) countPrefix(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.reqs {
		if strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

// requests returns a copy of the requests received so far.
func (s *server) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reqs)
}

// paths returns the sorted set of paths requested.
// paths lists the distinct paths requested, leaving out the error-page
// probe every crawl makes once at its end (see TestErrorPageProbe).
func (s *server) paths() []string {
	var out []string
	for _, r := range s.requests() {
		if strings.HasPrefix(r.Path, "/uxaudit-missing-") {
			continue
		}
		if !slices.Contains(out, r.Path) {
			out = append(out, r.Path)
		}
	}
	slices.Sort(out)
	return out
}

// page renders a small HTML document linking to hrefs.
func page(title string, hrefs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title></head><body>\n", title)
	for _, h := range hrefs {
		fmt.Fprintf(&b, "<a href=%q>link</a>\n", h)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

func writeHTML(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte(body))
}

// sleep waits for d or until the request is cancelled; it reports whether
// the full time elapsed.
func sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// options returns DefaultOptions with short timeouts for seed.
func options(seed string) crawler.Options {
	o := crawler.DefaultOptions()
	o.Seeds = []string{seed}
	o.RequestTimeout = 3 * time.Second
	o.MaxRetryWait = time.Second
	o.Concurrency = 4
	return o
}

// crawl runs a crawl with a safety timeout and returns the site and how
// long Run took.
func crawl(t *testing.T, o crawler.Options) (*crawler.Site, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return crawlCtx(t, ctx, o)
}

func crawlCtx(t *testing.T, ctx context.Context, o crawler.Options) (*crawler.Site, time.Duration) {
	t.Helper()
	c, err := crawler.New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	start := time.Now()
	site, err := c.Run(ctx)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return site, time.Since(start)
}

// fetch returns the Fetch recorded for u, failing the test if there is none.
func fetch(t *testing.T, site *crawler.Site, u string) *crawler.Fetch {
	t.Helper()
	f := site.Fetches[u]
	if f == nil {
		t.Fatalf("no fetch recorded for %s; have %v", u, fetchURLs(site))
	}
	return f
}

func fetchURLs(site *crawler.Site) []string {
	var out []string
	for u := range site.Fetches {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

func countKind(site *crawler.Site, k crawler.Kind) int {
	n := 0
	for _, f := range site.Fetches {
		if f.Kind == k {
			n++
		}
	}
	return n
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name         string
		status       func(n int) int // status of the n-th request (1-based)
		retryAfter   string
		retries      int
		wantStatus   int
		wantAttempts int
		wantAfter    bool // Fetch.RetryAfter
	}{
		{
			name: "503 then 200 is retried",
			status: func(n int) int {
				if n == 1 {
					return 503
				}
				return 200
			},
			// Retry-After: 0 means "now": the backoff applies.
			retryAfter: "0", retries: 2, wantStatus: 200, wantAttempts: 2,
		},
		{
			name:       "429 asking for more than MaxRetryWait is not retried",
			status:     func(int) int { return 429 },
			retryAfter: "120", retries: 2, wantStatus: 429, wantAttempts: 1, wantAfter: true,
		},
		{
			name:       "Retries 0 makes a single attempt",
			status:     func(int) int { return 503 },
			retryAfter: "0", retries: 0, wantStatus: 503, wantAttempts: 1, wantAfter: true,
		},
		{
			name:       "retries are bounded",
			status:     func(int) int { return 503 },
			retryAfter: "0", retries: 2, wantStatus: 503, wantAttempts: 3, wantAfter: true,
		},
		{
			name:    "a 503 without Retry-After is a plain server error",
			status:  func(int) int { return 503 },
			retries: 1, wantStatus: 503, wantAttempts: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			n := 0
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/":
					writeHTML(w, page("home", "/flaky"))
				case "/flaky":
					mu.Lock()
					n++
					st := tt.status(n)
					mu.Unlock()
					if st != 200 {
						if tt.retryAfter != "" {
							w.Header().Set("Retry-After", tt.retryAfter)
						}
						http.Error(w, "busy", st)
						return
					}
					writeHTML(w, page("flaky"))
				default:
					http.NotFound(w, r)
				}
			})
			o := options(srv.URL + "/")
			o.Retries = tt.retries
			o.MaxRetryWait = time.Second
			site, _ := crawl(t, o)
			f := fetch(t, site, srv.URL+"/flaky")
			if f.Status != tt.wantStatus || f.Attempts != tt.wantAttempts {
				t.Errorf("/flaky: status %d after %d attempts, want %d after %d", f.Status, f.Attempts, tt.wantStatus, tt.wantAttempts)
			}
			if f.RetryAfter != tt.wantAfter {
				t.Errorf("/flaky: RetryAfter = %v, want %v", f.RetryAfter, tt.wantAfter)
			}
			if got := srv.count("GET", "/flaky"); got != tt.wantAttempts {
				t.Errorf("server saw %d GET /flaky, want %d", got, tt.wantAttempts)
			}
			if (site.Page(srv.URL+"/flaky") != nil) != (tt.wantStatus == 200) {
				t.Errorf("page parsed = %v, want %v", site.Page(srv.URL+"/flaky") != nil, tt.wantStatus == 200)
			}
		})
	}
}

func TestBodyCap(t *testing.T) {
	// /big is ~300 KB: a link at the top, 300 KB of text, a link at the end.
	big := `<!doctype html><html><head><title>big</title></head><body><a href="/early">early</a><p>` +
		strings.Repeat("lorem ipsum ", 300<<10/12) + `</p><a href="/late">late</a></body></html>`
	tests := []struct {
		name          string
		maxBody       int
		wantTruncated bool
		wantLate      int // GETs of /late
	}{
		{"capped at 64 KiB", 64 << 10, true, 0},
		{"under the cap", 1 << 20, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/big":
					writeHTML(w, big)
				case "/early", "/late":
					writeHTML(w, page(r.URL.Path))
				default:
					http.NotFound(w, r)
				}
			})
			o := options(srv.URL + "/big")
			o.MaxBodyBytes = tt.maxBody
			site, _ := crawl(t, o)
			f := fetch(t, site, srv.URL+"/big")
			if f.Status != 200 || f.Truncated != tt.wantTruncated {
				t.Errorf("/big: status %d truncated %v, want 200 truncated %v", f.Status, f.Truncated, tt.wantTruncated)
			}
			p := site.Page(srv.URL + "/big")
			if p == nil || p.Title != "big" {
				t.Fatalf("/big not parsed: %+v", p)
			}
			if got := srv.count("GET", "/early"); got != 1 {
				t.Errorf("link before the cut: %d GET /early, want 1", got)
			}
			if got := srv.count("GET", "/late"); got != tt.wantLate {
				t.Errorf("link after the cut: %d GET /late, want %d", got, tt.wantLate)
			}
		})
	}
}

func TestRequestTimeout(t *testing.T) {
	tests := []struct {
		name    string
		timeout time.Duration
		retries int
		handler http.HandlerFunc
	}{
		{
			name: "slow headers", timeout: 200 * time.Millisecond, retries: 0,
			handler: func(w http.ResponseWriter, r *http.Request) {
				if sleep(r, 3*time.Second) {
					writeHTML(w, page("slow"))
				}
			},
		},
		{
			// Headers come at once, then a byte every 300 ms for 5 s: the
			// timeout must cover the body too.
			name: "slow drip", timeout: 500 * time.Millisecond, retries: 2,
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusOK)
				fl := w.(http.Flusher)
				fl.Flush()
				for i := 0; i < 5000/300; i++ {
					if _, err := w.Write([]byte("x")); err != nil {
						return
					}
					fl.Flush()
					if !sleep(r, 300*time.Millisecond) {
						return
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/slow" {
					tt.handler(w, r)
					return
				}
				http.NotFound(w, r)
			})
			o := options(srv.URL + "/slow")
			o.RequestTimeout = tt.timeout
			o.Retries = tt.retries
			site, took := crawl(t, o)
			f := fetch(t, site, srv.URL+"/slow")
			if f.ErrKind != crawler.ErrTimeout {
				t.Errorf("/slow: ErrKind %q (%s), status %d; want %q", f.ErrKind, f.Err, f.Status, crawler.ErrTimeout)
			}
			if site.Page(srv.URL+"/slow") != nil {
				t.Errorf("/slow was parsed despite the timeout")
			}
			if took > 2500*time.Millisecond {
				t.Errorf("crawl took %s, want well under the handler's 3-5 s", took)
			}
		})
	}
}

func TestMaxPages(t *testing.T) {
	// Page /p/k links to 20 new pages /p/(20k+1) … /p/(20k+20).
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		k, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/p/"))
		if err != nil || !strings.HasPrefix(r.URL.Path, "/p/") {
			http.NotFound(w, r)
			return
		}
		var links []string
		for i := 1; i <= 20; i++ {
			links = append(links, fmt.Sprintf("/p/%d", 20*k+i))
		}
		writeHTML(w, page(r.URL.Path, links...))
	})
	o := options(srv.URL + "/p/0")
	o.MaxPages = 15
	site, _ := crawl(t, o)
	if got := countKind(site, crawler.KindPage); got != 15 {
		t.Errorf("%d page fetches, want 15", got)
	}
	if got := len(site.Pages); got != 15 {
		t.Errorf("%d pages parsed, want 15", got)
	}
	if got := srv.countPrefix("/p/"); got != 15 {
		t.Errorf("server saw %d page requests, want 15", got)
	}
	if site.CapHits == 0 {
		t.Errorf("CapHits = 0, want > 0")
	}
}

func TestMaxDepth(t *testing.T) {
	// A linear chain /0 → /1 → /2 → … → /9; each page also loads an image.
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		switch _, err := fmt.Sscanf(r.URL.Path, "/%d", &n); {
		case strings.HasPrefix(r.URL.Path, "/img/"):
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n"))
		case err == nil && n < 10:
			writeHTML(w, fmt.Sprintf(`<html><head><title>%d</title></head><body><img src="/img/%d.png"><a href="/%d">next</a></body></html>`, n, n, n+1))
		default:
			http.NotFound(w, r)
		}
	})
	o := options(srv.URL + "/0")
	o.MaxDepth = 1
	site, _ := crawl(t, o)
	var pages []string
	for _, f := range site.Fetches {
		if f.Kind == crawler.KindPage {
			pages = append(pages, strings.TrimPrefix(f.URL, srv.URL))
		}
	}
	slices.Sort(pages)
	if want := []string{"/0", "/1"}; !slices.Equal(pages, want) {
		t.Errorf("page fetches %v, want %v", pages, want)
	}
	for _, p := range []string{"/2", "/3"} {
		if n := srv.count("", p); n != 0 {
			t.Errorf("%s requested %d times beyond MaxDepth", p, n)
		}
	}
	if f := fetch(t, site, srv.URL+"/1"); f.Depth != 1 || !f.OK() {
		t.Errorf("/1: depth %d ok %v, want depth 1 ok", f.Depth, f.OK())
	}
	// Resources of the last page in depth are still checked.
	if f := fetch(t, site, srv.URL+"/img/1.png"); f.Kind != crawler.KindResource || f.Status != 200 {
		t.Errorf("/img/1.png: kind %v status %d, want resource 200", f.Kind, f.Status)
	}
}

func TestIncludeExclude(t *testing.T) {
	links := []string{"/blog/a", "/blog/b", "/blog/private/x", "/admin/x", "/shop/y", "/blog/go"}
	tests := []struct {
		name     string
		include  []string
		exclude  []string
		want     []string // requested paths among links and redirect targets
		unwanted []string
	}{
		{
			name: "exclude", exclude: []string{`/admin/`, `/blog/private/`},
			want:     []string{"/blog/a", "/blog/b", "/shop/y", "/blog/go"},
			unwanted: []string{"/admin/x", "/blog/private/x", "/admin/target"},
		},
		{
			name: "include and exclude", include: []string{`/blog/`}, exclude: []string{`/blog/private/`},
			want:     []string{"/blog/a", "/blog/b", "/blog/go"},
			unwanted: []string{"/admin/x", "/blog/private/x", "/shop/y", "/admin/target"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/":
					writeHTML(w, page("home", links...))
				case "/blog/go":
					// A redirect into an excluded area is not followed either.
					http.Redirect(w, r, "/admin/target", http.StatusFound)
				case "/robots.txt", "/sitemap.xml":
					http.NotFound(w, r)
				default:
					writeHTML(w, page(r.URL.Path))
				}
			})
			o := options(srv.URL + "/")
			for _, s := range tt.include {
				o.Include = append(o.Include, regexp.MustCompile(s))
			}
			for _, s := range tt.exclude {
				o.Exclude = append(o.Exclude, regexp.MustCompile(s))
			}
			site, _ := crawl(t, o)
			if n := srv.count("GET", "/"); n != 1 {
				t.Errorf("seed requested %d times, want 1 (seeds are always included)", n)
			}
			for _, p := range tt.want {
				if n := srv.count("GET", p); n != 1 {
					t.Errorf("%s requested %d times, want 1", p, n)
				}
			}
			for _, p := range tt.unwanted {
				if n := srv.count("", p); n != 0 {
					t.Errorf("filtered %s requested %d times", p, n)
				}
				if site.Fetches[srv.URL+p] != nil {
					t.Errorf("filtered %s has a fetch record", p)
				}
			}
		})
	}
}

func TestCredentialsStayOnAuditedHost(t *testing.T) {
	// b is another host:port: out of scope. It refuses HEAD so that both the
	// HEAD check and the GET fallback reach it.
	b := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		writeHTML(w, page("b"))
	})
	a := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			writeHTML(w, page("a", "/about", b.URL+"/x", "/go")+`<img src="`+b.URL+`/pic.png">`)
		case "/about":
			writeHTML(w, page("about"))
		case "/go":
			http.Redirect(w, r, b.URL+"/y", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	})
	o := options(a.URL + "/")
	o.Header = http.Header{"X-Secret": {"s3cret"}}
	o.Cookies = []*http.Cookie{{Name: "sid", Value: "c00kie"}}
	o.BasicAuth, o.BasicUser, o.BasicPass = true, "user", "pass"
	site, _ := crawl(t, o)

	areqs := a.requests()
	if len(areqs) < 4 { // robots.txt, sitemap.xml, /, /about, /go
		t.Fatalf("audited server saw only %d requests", len(areqs))
	}
	for _, r := range areqs {
		if got := r.Header.Get("X-Secret"); got != "s3cret" {
			t.Errorf("A %s %s: X-Secret %q, want s3cret", r.Method, r.Path, got)
		}
		if got := r.Header.Get("Cookie"); !strings.Contains(got, "sid=c00kie") {
			t.Errorf("A %s %s: Cookie %q, want sid=c00kie", r.Method, r.Path, got)
		}
		hr := &http.Request{Header: r.Header}
		if u, p, ok := hr.BasicAuth(); !ok || u != "user" || p != "pass" {
			t.Errorf("A %s %s: basic auth %q/%q/%v, want user/pass", r.Method, r.Path, u, p, ok)
		}
	}
	for _, p := range []string{"/x", "/y", "/pic.png"} {
		for _, m := range []string{"HEAD", "GET"} {
			if b.count(m, p) == 0 {
				t.Errorf("B never saw %s %s", m, p)
			}
		}
		if f := fetch(t, site, b.URL+p); f.Kind != crawler.KindExternal || f.Method != "GET" || f.Status != 200 {
			t.Errorf("B %s: kind %v method %s status %d, want external GET 200", p, f.Kind, f.Method, f.Status)
		}
	}
	for _, r := range b.requests() {
		for _, h := range []string{"X-Secret", "Cookie", "Authorization"} {
			if v := r.Header.Get(h); v != "" {
				t.Errorf("B %s %s received %s: %q", r.Method, r.Path, h, v)
			}
		}
	}
	// The internal bookkeeping header never leaves the process.
	for _, r := range append(areqs, b.requests()...) {
		for k := range r.Header {
			if strings.HasPrefix(strings.ToLower(k), "x-uxaudit") {
				t.Errorf("%s %s carried internal header %s", r.Method, r.Path, k)
			}
		}
	}
}

func TestRedirectChains(t *testing.T) {
	codes := []int{301, 302, 307, 308}
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/r/%d", &n); err == nil {
			if n == 0 {
				writeHTML(w, page("end"))
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), codes[n%len(codes)])
			return
		}
		switch r.URL.Path {
		case "/":
			writeHTML(w, page("home", "/r/25", "/a"))
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/a", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	})
	o := options(srv.URL + "/")
	site, _ := crawl(t, o)
	if site.MaxHops != 10 {
		t.Fatalf("Site.MaxHops = %d, want the default 10", site.MaxHops)
	}

	t.Run("too long", func(t *testing.T) {
		if n := srv.countPrefix("/r/"); n > site.MaxHops+1 {
			t.Errorf("%d /r/ URLs requested, want at most %d", n, site.MaxHops+1)
		}
		if n := srv.count("", "/r/0"); n != 0 {
			t.Errorf("end of the 25-hop chain requested %d times", n)
		}
		ch := site.Chain(srv.URL+"/r/25", site.MaxHops)
		if !ch.TooLong || ch.Loop || len(ch.Hops) != 10 {
			t.Fatalf("chain: TooLong %v Loop %v with %d hops, want TooLong with 10", ch.TooLong, ch.Loop, len(ch.Hops))
		}
		for i, h := range ch.Hops {
			n := 25 - i
			want := crawler.Hop{URL: fmt.Sprintf("%s/r/%d", srv.URL, n), Status: codes[n%len(codes)], Location: fmt.Sprintf("%s/r/%d", srv.URL, n-1)}
			if h != want {
				t.Errorf("hop %d = %+v, want %+v", i, h, want)
			}
		}
		if ch.Final == nil || ch.Final.URL != srv.URL+"/r/15" {
			t.Errorf("chain final %+v, want /r/15", ch.Final)
		}
		if f := fetch(t, site, srv.URL+"/r/15"); f.ErrKind != crawler.ErrTooManyHops {
			t.Errorf("/r/15 ErrKind %q, want %q", f.ErrKind, crawler.ErrTooManyHops)
		}
	})

	t.Run("loop", func(t *testing.T) {
		ch := site.Chain(srv.URL+"/a", site.MaxHops)
		want := []crawler.Hop{
			{URL: srv.URL + "/a", Status: 302, Location: srv.URL + "/b"},
			{URL: srv.URL + "/b", Status: 301, Location: srv.URL + "/a"},
		}
		if !ch.Loop || ch.TooLong || !slices.Equal(ch.Hops, want) {
			t.Errorf("chain %+v, want a loop through %+v", ch, want)
		}
		if na, nb := srv.count("", "/a"), srv.count("", "/b"); na != 1 || nb != 1 {
			t.Errorf("loop requested /a %d and /b %d times, want once each", na, nb)
		}
	})
}

func TestRedirectToOtherScheme(t *testing.T) {
	tests := []struct{ name, location string }{
		{"javascript", "javascript:alert(1)"},
		{"file", "file:///etc/passwd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/":
					writeHTML(w, page("home", "/go"))
				case "/go":
					w.Header().Set("Location", tt.location)
					w.WriteHeader(http.StatusFound)
				default:
					http.NotFound(w, r)
				}
			})
			o := options(srv.URL + "/")
			o.NoSitemap, o.IgnoreRobots = true, true
			site, _ := crawl(t, o)
			f := fetch(t, site, srv.URL+"/go")
			if f.Status != 302 || f.ErrKind != crawler.ErrScheme || f.Location != tt.location {
				t.Errorf("/go: status %d ErrKind %q Location %q, want 302 %q %q", f.Status, f.ErrKind, f.Location, crawler.ErrScheme, tt.location)
			}
			if got, want := srv.paths(), []string{"/", "/go"}; !slices.Equal(got, want) {
				t.Errorf("server saw %v, want only %v", got, want)
			}
			if got := fetchURLs(site); len(got) != 2 {
				t.Errorf("fetches %v, want only / and /go", got)
			}
			ch := site.Chain(srv.URL+"/go", site.MaxHops)
			if len(ch.Hops) != 1 || ch.Hops[0].Location != tt.location || ch.Final != f || ch.Loop || ch.TooLong {
				t.Errorf("chain %+v, want one hop ending on /go", ch)
			}
		})
	}
}

func TestDedupe(t *testing.T) {
	var srv *server
	srv = newServer(t, func(w http.ResponseWriter, r *http.Request) {
		host := strings.TrimPrefix(srv.URL, "http://")
		switch r.URL.Path {
		case "/":
			writeHTML(w, page("home",
				"/p", "/p#x", "/./p", srv.URL+"/p", "/q/../p", "HTTP://"+host+"/p", "p", "/p#",
				srv.URL+"/q/./../p", "/", "#top", srv.URL))
		case "/p":
			writeHTML(w, page("p", "/", "/p", "./p#y"))
		case "/sitemap.xml":
			// Sitemap URLs are normalised without a base: dot segments and
			// an upper-case scheme must still collapse.
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>%[1]s/q/../p</loc></url><url><loc>%[1]s/./p</loc></url><url><loc>HTTP://%[2]s/x/..</loc></url>
</urlset>`, srv.URL, host)
		default:
			http.NotFound(w, r)
		}
	})
	// The seed itself is written with a dot segment and a fragment.
	site, _ := crawl(t, options(strings.Replace(srv.URL, "http", "HTTP", 1)+"/x/../#top"))
	if want := []string{srv.URL + "/"}; !slices.Equal(site.Seeds, want) {
		t.Errorf("Seeds %v, want %v", site.Seeds, want)
	}
	if want := []string{srv.URL + "/", srv.URL + "/p"}; !slices.Equal(site.Sitemap, want) {
		t.Errorf("Sitemap %v, want %v", site.Sitemap, want)
	}
	if n := srv.count("GET", "/p"); n != 1 {
		t.Errorf("server saw %d GET /p, want 1", n)
	}
	if n := srv.count("GET", "/"); n != 1 {
		t.Errorf("server saw %d GET /, want 1", n)
	}
	for _, p := range srv.paths() {
		if p != "/" && p != "/p" && p != "/robots.txt" && p != "/sitemap.xml" {
			t.Errorf("unexpected request for %q", p)
		}
	}
	if f := fetch(t, site, srv.URL+"/p"); !f.OK() {
		t.Errorf("/p not fetched OK: %+v", f)
	}
	if got := fetchURLs(site); len(got) != 2 {
		t.Errorf("fetches %v, want only / and /p", got)
	}
}

func TestConcurrencyBound(t *testing.T) {
	var mu sync.Mutex
	inflight, peak := 0, 0
	var links []string
	for i := 0; i < 40; i++ {
		links = append(links, fmt.Sprintf("/c/%d", i))
	}
	// Every request, robots.txt and sitemaps included, counts: they all go
	// through the same per-host limit, so no tolerance is needed.
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inflight++
		peak = max(peak, inflight)
		mu.Unlock()
		ok := sleep(r, 50*time.Millisecond)
		mu.Lock()
		inflight--
		mu.Unlock()
		if !ok {
			return
		}
		switch {
		case r.URL.Path == "/":
			writeHTML(w, page("home", links...))
		case strings.HasPrefix(r.URL.Path, "/c/"):
			writeHTML(w, page(r.URL.Path))
		default:
			http.NotFound(w, r)
		}
	})
	o := options(srv.URL + "/")
	o.Concurrency = 3
	site, _ := crawl(t, o)
	if n := srv.countPrefix("/c/"); n != 40 {
		t.Errorf("server saw %d page requests, want 40", n)
	}
	if len(site.Pages) != 41 {
		t.Errorf("%d pages parsed, want 41", len(site.Pages))
	}
	mu.Lock()
	defer mu.Unlock()
	if peak > 3 {
		t.Errorf("peak of %d requests in flight, want at most 3", peak)
	}
	if peak < 2 {
		t.Errorf("peak of %d requests in flight: the crawl did not run in parallel", peak)
	}
}

func TestTimings(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			writeHTML(w, page("fast", "/slow"))
		case "/slow":
			if sleep(r, 100*time.Millisecond) {
				writeHTML(w, page("slow"))
			}
		default:
			http.NotFound(w, r)
		}
	})
	o := options(srv.URL + "/")
	// The seed is then the very first request, on a new connection.
	o.NoSitemap, o.IgnoreRobots = true, true
	site, _ := crawl(t, o)

	fast := fetch(t, site, srv.URL+"/").Timing
	if fast.Connect <= 0 {
		t.Errorf("first request: Connect %s, want > 0", fast.Connect)
	}
	if fast.TTFB <= 0 || fast.Total < fast.TTFB {
		t.Errorf("fast page: TTFB %s Total %s, want 0 < TTFB <= Total", fast.TTFB, fast.Total)
	}
	slow := fetch(t, site, srv.URL+"/slow").Timing
	if slow.TTFB < 100*time.Millisecond {
		t.Errorf("slow page: TTFB %s, want >= 100ms", slow.TTFB)
	}
	if slow.Total < slow.TTFB {
		t.Errorf("slow page: Total %s < TTFB %s", slow.Total, slow.TTFB)
	}
	if slow.Download != slow.Total-slow.TTFB {
		t.Errorf("slow page: Download %s, want Total-TTFB = %s", slow.Download, slow.Total-slow.TTFB)
	}
}

func shiftJIS(t *testing.T, s string) string {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encode %q to Shift_JIS: %v", s, err)
	}
	return b
}

func TestCharset(t *testing.T) {
	const ja = "日本語のページ"
	tests := []struct {
		name        string
		contentType string
		body        string
		wantTitle   string
		wantCharset string
	}{
		{
			name:        "meta windows-1252",
			contentType: "text/html",
			body:        "<!doctype html><html><head><meta charset=\"windows-1252\"><title>Caf\xe9 cr\xe8me</title></head><body>x</body></html>",
			wantTitle:   "Café crème", wantCharset: "windows-1252",
		},
		{
			name:        "header shift_jis",
			contentType: "text/html; charset=shift_jis",
			body:        "<!doctype html><html><head><title>" + shiftJIS(t, ja) + "</title></head><body>x</body></html>",
			wantTitle:   ja, wantCharset: "shift_jis",
		},
		{
			name:        "undeclared utf-8",
			contentType: "text/html",
			body:        "<!doctype html><html><head><title>Café crème</title></head><body>x</body></html>",
			wantTitle:   "Café crème", wantCharset: "utf-8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/" {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", tt.contentType)
				_, _ = w.Write([]byte(tt.body))
			})
			site, _ := crawl(t, options(srv.URL+"/"))
			p := site.Page(srv.URL + "/")
			if p == nil {
				t.Fatalf("page not parsed; fetch %+v", site.Fetches[srv.URL+"/"])
			}
			if p.Title != tt.wantTitle || p.Charset != tt.wantCharset {
				t.Errorf("title %q charset %q, want %q %q", p.Title, p.Charset, tt.wantTitle, tt.wantCharset)
			}
		})
	}
}

// The body size cap applies to the bytes received, whatever the length of
// their UTF-8 conversion.
func TestTruncationCountsBytesReceived(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(
		"<!doctype html><html><head><title>x</title></head><body><p>" + strings.Repeat("ab", 40000) +
			`</p><a href="/end">end</a></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name          string
		contentType   string
		body          string
		maxBody       int
		wantTruncated bool
		wantEnd       int // GETs of /end, linked at the very end
	}{
		{
			// 20 000 kana: 40 000 bytes of Shift_JIS, 60 000 of UTF-8.
			name:        "shift_jis under the cap",
			contentType: "text/html; charset=shift_jis",
			body: "<!doctype html><html><head><title>x</title></head><body><p>" +
				shiftJIS(t, strings.Repeat("あ", 20000)) + `</p><a href="/end">end</a></body></html>`,
			maxBody: 50000, wantTruncated: false, wantEnd: 1,
		},
		{
			// 160 KB of UTF-16 cut at 64 KiB: about 32 KiB of UTF-8.
			name:        "utf-16le over the cap",
			contentType: "text/html; charset=utf-16le",
			body:        utf16,
			maxBody:     64 << 10, wantTruncated: true, wantEnd: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/":
					w.Header().Set("Content-Type", tt.contentType)
					_, _ = w.Write([]byte(tt.body))
				case "/end":
					writeHTML(w, page("end"))
				default:
					http.NotFound(w, r)
				}
			})
			o := options(srv.URL + "/")
			o.MaxBodyBytes = tt.maxBody
			site, _ := crawl(t, o)
			if p := site.Page(srv.URL + "/"); p == nil || p.Title != "x" {
				t.Fatalf("page not parsed: %+v", p)
			}
			if f := fetch(t, site, srv.URL+"/"); f.Truncated != tt.wantTruncated {
				t.Errorf("%d-byte body, %d-byte cap: Truncated %v, want %v", len(tt.body), tt.maxBody, f.Truncated, tt.wantTruncated)
			}
			if n := srv.count("GET", "/end"); n != tt.wantEnd {
				t.Errorf("link at the end of the page requested %d times, want %d", n, tt.wantEnd)
			}
		})
	}
}

func TestCancel(t *testing.T) {
	var links []string
	for i := 0; i < 200; i++ {
		links = append(links, fmt.Sprintf("/s/%d", i))
	}
	handler := func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			writeHTML(w, page("home", links...))
		case strings.HasPrefix(r.URL.Path, "/s/"):
			if sleep(r, 100*time.Millisecond) {
				writeHTML(w, page(r.URL.Path))
			}
		default:
			http.NotFound(w, r)
		}
	}
	tests := []struct {
		name       string
		ctx        func() (context.Context, func())
		wantReason string
	}{
		{
			name: "cancel",
			ctx: func() (context.Context, func()) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(300*time.Millisecond, cancel)
				return ctx, cancel
			},
			wantReason: "the audit was interrupted",
		},
		{
			name: "deadline",
			ctx: func() (context.Context, func()) {
				return context.WithTimeout(context.Background(), 300*time.Millisecond)
			},
			wantReason: "the audit timeout was reached",
		},
		{
			name: "cause",
			ctx: func() (context.Context, func()) {
				ctx, cancel := context.WithCancelCause(context.Background())
				time.AfterFunc(300*time.Millisecond, func() { cancel(errors.New("disk full")) })
				return ctx, func() { cancel(nil) }
			},
			wantReason: "disk full",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, handler)
			ctx, cancel := tt.ctx()
			defer cancel()
			site, took := crawlCtx(t, ctx, options(srv.URL+"/"))
			if took > 2*time.Second {
				t.Errorf("Run returned %s after the start, want within 2 s", took)
			}
			if !site.Partial || site.Reason != tt.wantReason {
				t.Errorf("Partial %v Reason %q, want true %q", site.Partial, site.Reason, tt.wantReason)
			}
			if len(site.Pages) < 2 || len(site.Pages) >= 201 {
				t.Errorf("%d pages gathered, want some but not all", len(site.Pages))
			}
			if site.Page(srv.URL+"/") == nil {
				t.Errorf("the seed page was not kept")
			}
			if n := srv.countPrefix("/s/"); n >= 200 {
				t.Errorf("all %d slow pages were requested despite the cancellation", n)
			}
		})
	}
}

func TestSitemapsAndRobots(t *testing.T) {
	newSite := func(t *testing.T) *server {
		var srv *server
		srv = newServer(t, func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/robots.txt":
				fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n\nSitemap: %s/sitemap_index.xml\n", srv.URL)
			case "/sitemap_index.xml":
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%[1]s/sm1.xml</loc></sitemap><sitemap><loc>%[1]s/sm2.xml</loc></sitemap>
</sitemapindex>`, srv.URL)
			case "/sm1.xml":
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%[1]s/</loc></url><url><loc>%[1]s/about</loc></url></urlset>`, srv.URL)
			case "/sm2.xml":
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/orphan</loc></url></urlset>`, srv.URL)
			case "/":
				writeHTML(w, page("home", "/about", "/private/x"))
			case "/about", "/orphan", "/private/x":
				writeHTML(w, page(r.URL.Path))
			default:
				http.NotFound(w, r)
			}
		})
		return srv
	}

	t.Run("sitemap index", func(t *testing.T) {
		srv := newSite(t)
		site, _ := crawl(t, options(srv.URL+"/"))
		if n := srv.count("GET", "/orphan"); n != 1 {
			t.Errorf("/orphan requested %d times, want 1", n)
		}
		if f := fetch(t, site, srv.URL+"/orphan"); !f.OK() || f.Kind != crawler.KindPage {
			t.Errorf("/orphan: %+v, want an OK page fetch", f)
		}
		want := []string{srv.URL + "/", srv.URL + "/about", srv.URL + "/orphan"}
		if !slices.Equal(site.Sitemap, want) {
			t.Errorf("Sitemap %v, want %v", site.Sitemap, want)
		}
		if site.Robots != srv.URL+"/robots.txt" {
			t.Errorf("Robots %q, want %q", site.Robots, srv.URL+"/robots.txt")
		}
		if n := srv.count("", "/private/x"); n != 0 {
			t.Errorf("disallowed /private/x requested %d times", n)
		}
		if f := fetch(t, site, srv.URL+"/private/x"); f.ErrKind != crawler.ErrRobots || f.Status != 0 {
			t.Errorf("/private/x: ErrKind %q status %d, want %q and no status", f.ErrKind, f.Status, crawler.ErrRobots)
		}
	})

	t.Run("NoSitemap", func(t *testing.T) {
		srv := newSite(t)
		o := options(srv.URL + "/")
		o.NoSitemap = true
		site, _ := crawl(t, o)
		if n := srv.count("", "/orphan"); n != 0 {
			t.Errorf("/orphan requested %d times with NoSitemap", n)
		}
		if n := srv.count("", "/sitemap_index.xml"); n != 0 {
			t.Errorf("sitemap index requested %d times with NoSitemap", n)
		}
		if len(site.Sitemap) != 0 || site.Fetches[srv.URL+"/orphan"] != nil {
			t.Errorf("Sitemap %v, /orphan fetch %+v; want neither", site.Sitemap, site.Fetches[srv.URL+"/orphan"])
		}
		if n := srv.count("GET", "/about"); n != 1 {
			t.Errorf("linked /about requested %d times, want 1", n)
		}
	})

	t.Run("IgnoreRobots", func(t *testing.T) {
		srv := newSite(t)
		o := options(srv.URL + "/")
		o.IgnoreRobots = true
		site, _ := crawl(t, o)
		if n := srv.count("GET", "/private/x"); n != 1 {
			t.Errorf("/private/x requested %d times with IgnoreRobots, want 1", n)
		}
		if f := fetch(t, site, srv.URL+"/private/x"); !f.OK() {
			t.Errorf("/private/x: ErrKind %q status %d, want OK", f.ErrKind, f.Status)
		}
	})
}

func TestExternalChecks(t *testing.T) {
	for _, noExternal := range []bool{false, true} {
		t.Run(fmt.Sprintf("NoExternal=%v", noExternal), func(t *testing.T) {
			b := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodHead {
					http.Error(w, "no HEAD here", http.StatusMethodNotAllowed)
					return
				}
				switch r.URL.Path {
				case "/page":
					writeHTML(w, page("external", "/inner"))
				default:
					writeHTML(w, page(r.URL.Path))
				}
			})
			a := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					writeHTML(w, page("home", b.URL+"/page"))
					return
				}
				http.NotFound(w, r)
			})
			o := options(a.URL + "/")
			o.NoExternal = noExternal
			site, _ := crawl(t, o)
			target := b.URL + "/page"
			if noExternal {
				if n := len(b.requests()); n != 0 {
					t.Errorf("NoExternal: other server received %d requests", n)
				}
				if site.Fetches[target] != nil {
					t.Errorf("NoExternal: %s has a fetch record", target)
				}
				return
			}
			f := fetch(t, site, target)
			if f.Kind != crawler.KindExternal || f.Method != http.MethodGet || f.Status != 200 || !f.OK() {
				t.Errorf("%s: kind %v method %s status %d err %q, want external GET 200", target, f.Kind, f.Method, f.Status, f.Err)
			}
			if nh, ng := b.count("HEAD", "/page"), b.count("GET", "/page"); nh != 1 || ng != 1 {
				t.Errorf("other server saw %d HEAD and %d GET /page, want 1 and 1", nh, ng)
			}
			if n := b.count("", "/inner"); n != 0 {
				t.Errorf("external page was crawled: /inner requested %d times", n)
			}
			if site.Page(target) != nil {
				t.Errorf("external page was parsed")
			}
			if n := b.count("", "/robots.txt"); n != 0 {
				t.Errorf("robots.txt of an external host requested %d times", n)
			}
		})
	}
}

// An in-scope page first reached through an external redirect (a link
// shortener on another host pointing back at the audited site) is still
// crawled as a page.
func TestExternalRedirectBackIntoScope(t *testing.T) {
	var a *server
	b := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, a.URL+"/target", http.StatusMovedPermanently)
	})
	a = newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			// /target is also linked from a slow page, so the external
			// check reaches it first.
			writeHTML(w, page("home", b.URL+"/short", "/slow"))
		case "/slow":
			if sleep(r, 300*time.Millisecond) {
				writeHTML(w, page("slow", "/target"))
			}
		case "/target":
			writeHTML(w, page("target", "/child"))
		case "/child":
			writeHTML(w, page("child"))
		default:
			http.NotFound(w, r)
		}
	})
	site, _ := crawl(t, options(a.URL+"/"))
	f := fetch(t, site, a.URL+"/target")
	if f.Kind != crawler.KindPage || f.Method != http.MethodGet || site.Page(a.URL+"/target") == nil {
		t.Errorf("/target: kind %v method %s parsed %v, want a parsed page", f.Kind, f.Method, site.Page(a.URL+"/target") != nil)
	}
	if n := a.count("GET", "/child"); n != 1 {
		t.Errorf("/target's links not followed: /child requested %d times, want 1", n)
	}
	if ch := site.Chain(b.URL+"/short", site.MaxHops); ch.Final != f || len(ch.Hops) != 1 {
		t.Errorf("chain from the shortener %+v, want one hop to /target", ch)
	}
}

func TestOnPage(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			writeHTML(w, page("home", "/a", "/b", "/notes.txt")+`<img src="/logo.png">`)
		case "/a", "/b":
			writeHTML(w, page("page "+r.URL.Path, "/", "/a"))
		case "/notes.txt":
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte("<a href=/hidden>not html</a>"))
		case "/logo.png":
			w.Header().Set("Content-Type", "image/png")
			_, _ = w.Write([]byte("\x89PNG\r\n\x1a\n"))
		default:
			http.NotFound(w, r)
		}
	})
	var mu sync.Mutex
	calls := map[string]int{}
	o := options(srv.URL + "/")
	o.OnPage = func(ctx context.Context, p *crawler.Page) {
		mu.Lock()
		defer mu.Unlock()
		calls[p.URL]++
		if ctx == nil || p.Doc == nil || len(p.Body) == 0 {
			t.Errorf("OnPage(%s): ctx %v Doc %v, %d body bytes; want all set", p.URL, ctx != nil, p.Doc != nil, len(p.Body))
			return
		}
		if got := p.Doc.Find("title").Text(); got != p.Title {
			t.Errorf("OnPage(%s): Doc title %q, Page.Title %q", p.URL, got, p.Title)
		}
		if !strings.Contains(string(p.Body), "<title>"+p.Title+"</title>") {
			t.Errorf("OnPage(%s): body does not hold the page: %.80q", p.URL, p.Body)
		}
	}
	site, _ := crawl(t, o)
	want := map[string]int{srv.URL + "/": 1, srv.URL + "/a": 1, srv.URL + "/b": 1}
	mu.Lock()
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("OnPage calls %v, want %v", calls, want)
	}
	mu.Unlock()
	if len(site.Pages) != len(want) {
		t.Errorf("%d pages, want %d", len(site.Pages), len(want))
	}
	for _, p := range site.Pages {
		if p.Doc != nil || p.Body != nil {
			t.Errorf("%s kept its Doc (%v) or Body (%d bytes) after Run", p.URL, p.Doc != nil, len(p.Body))
		}
	}
	if n := srv.count("", "/hidden"); n != 0 {
		t.Errorf("link inside a text/plain body followed")
	}
}

func TestErrorPageProbe(t *testing.T) {
	for _, tt := range []struct {
		name      string
		status    int
		body      string
		wantLinks int
	}{
		{"404 with a way back", 404, page("Not found", "/", "/help", "https://elsewhere.example/"), 2},
		{"soft 404", 200, page("Oops"), 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					fmt.Fprint(w, page("Home"))
					return
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			})
			o := options(srv.URL + "/")
			o.NoSitemap, o.IgnoreRobots = true, true
			site, _ := crawl(t, o)
			p := site.ErrorPage
			if p == nil || p.Status != tt.status || p.Links != tt.wantLinks || !strings.Contains(p.URL, "/uxaudit-missing-") {
				t.Errorf("probe = %+v, want status %d with %d links back", p, tt.status, tt.wantLinks)
			}
			if _, ok := site.Fetches[p.URL]; ok {
				t.Error("the probe must not count as a page of the site")
			}
		})
	}
}

func TestSpiderTraps(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			fmt.Fprint(w, page("Home", "/calendar?month=1", "deeper/"))
		case r.URL.Path == "/calendar":
			m, _ := strconv.Atoi(r.URL.Query().Get("month"))
			fmt.Fprint(w, page("Month", fmt.Sprintf("/calendar?month=%d", m+1)))
		case strings.HasSuffix(r.URL.Path, "/"):
			fmt.Fprint(w, page("Deeper", "deeper/")) // resolves one level deeper each time
		default:
			http.NotFound(w, r)
		}
	})
	o := options(srv.URL + "/")
	o.NoSitemap, o.IgnoreRobots, o.PatternCap = true, true, 25
	site, _ := crawl(t, o)
	if n := srv.count("GET", "/calendar"); n != 25 {
		t.Errorf("calendar pages fetched: %d, want the cap of 25", n)
	}
	if len(site.Traps) != 2 {
		t.Fatalf("traps = %+v, want the calendar and the repeating path", site.Traps)
	}
	for _, tr := range site.Traps {
		switch tr.Kind {
		case "query-variants":
			if !strings.HasSuffix(tr.Pattern, "/calendar?month=") || tr.Crawled != 25 || tr.Skipped != 1 || len(tr.Examples) != 1 {
				t.Errorf("calendar trap = %+v", tr)
			}
		case "repeating-path":
			if !strings.Contains(tr.Pattern, "deeper/deeper") || tr.Skipped == 0 {
				t.Errorf("path trap = %+v", tr)
			}
		}
	}
	for _, p := range srv.paths() {
		if strings.Count(p, "deeper") >= 3 {
			t.Errorf("fetched %s, a path repeating a segment 3 times", p)
		}
	}
}

func TestBotWallRecheck(t *testing.T) {
	wall := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.UserAgent(), "Mozilla/") {
			http.Error(w, "bots go away", http.StatusForbidden)
			return
		}
		fmt.Fprint(w, "ok")
	})
	site := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Home", wall.URL+"/profile", wall.URL+"/forbidden"))
	})
	o := options(site.URL + "/")
	o.NoSitemap, o.IgnoreRobots = true, true
	s, _ := crawl(t, o)
	f := fetch(t, s, wall.URL+"/profile")
	if f.Status != 403 || f.BrowserStatus != 200 {
		t.Errorf("bot wall: status %d, browser status %d; want 403 then 200", f.Status, f.BrowserStatus)
	}
}
