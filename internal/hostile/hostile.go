// Package hostile serves a "hostile site" on 127.0.0.1: one index page that
// links to a trap of every kind a crawler meets in the wild — redirect loops
// and overlong chains, redirects to other schemes, endless, slow, huge and
// compressed-bomb bodies, connections that reset or never answer, wrong and
// unusual character sets, malformed and absurd HTML, spider traps, robots.txt,
// rate limits, flapping servers and bot walls.
//
// Every trap is bounded so that the server stays light: bodies stop at a
// size and a time cap and as soon as the client goes away, held connections
// are capped in number and time, and Close ends everything. The server
// counts the requests it receives per path, so tests can assert what a
// crawler did (or did not) request.
//
// Use it as
//
//	s := hostile.New()
//	base, err := s.Start() // http://127.0.0.1:PORT
//	defer s.Close()
//
// Handler serves the HTTP traps alone (for httptest); the two traps that
// need raw TCP listeners (a server that never answers, one that resets the
// connection) exist only once Start has run.
package hostile

import (
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Trap describes one trap of the hostile site.
type Trap struct {
	// Name is a short unique name, e.g. "redirect-loop".
	Name string
	// Path is the trap's path (with its query, if any) on the main server;
	// empty for the traps served by a raw listener.
	Path string
	// Listener names the raw TCP listener that serves the trap
	// (ListenerBlackhole or ListenerReset); empty for HTTP traps.
	Listener string
	// Want is the kind of finding a correct crawler reports for the trap:
	// "redirect-loop", "too-many-hops", "scheme", "body-truncated",
	// "timeout", "reset", "decompression-limit", "content-mismatch",
	// "invalid-encoding", "malformed-html", "dom-depth", "too-many-links",
	// "crawl-trap", "robots", "flaky", "rate-limited" or "blocked". Empty
	// when a correct crawler reports nothing and must only read the page
	// right (the correctly declared character sets) or stay bounded (the
	// gzip file).
	Want string
	// About says what the trap does.
	About string
}

// Names of the raw listeners.
const (
	ListenerBlackhole = "blackhole" // accepts and never answers
	ListenerReset     = "reset"     // answers part of the headers, then resets
)

// Traps lists every trap the index links to, in index order. The returned
// slice is a fresh copy.
func Traps() []Trap {
	return []Trap{
		{Name: "redirect-loop", Path: "/redirect/loop-a", Want: "redirect-loop",
			About: "/redirect/loop-a → /redirect/loop-b → /redirect/loop-a, 301s forever"},
		{Name: "redirect-chain-25", Path: "/redirect/chain/25", Want: "too-many-hops",
			About: "a chain of 25 permanent redirects (/redirect/chain/25 → …/24 → … → …/0, a page)"},
		{Name: "redirect-javascript", Path: "/redirect/javascript", Want: "scheme",
			About: "a 302 to javascript:alert(1)"},
		{Name: "redirect-file", Path: "/redirect/file", Want: "scheme",
			About: "a 302 to file:///etc/passwd"},
		{Name: "endless-body", Path: "/body/endless", Want: "body-truncated",
			About: "an HTML body that never ends (stops at 2 GB, 60 s or when the client goes away)"},
		{Name: "slow-drip", Path: "/body/drip", Want: "timeout",
			About: "headers at once, then one byte of HTML every 2 s (for at most 60 s)"},
		{Name: "gzip-bomb", Path: "/body/gzip-bomb", Want: "decompression-limit",
			About: "about 1 MB of gzip that expands to 1 GiB of HTML, sent when the client accepts gzip"},
		{Name: "gzip-file", Path: "/body/bomb.gz", Want: "",
			About: "33 KB of gzip served as a file (application/gzip, no Content-Encoding) that expands to 32 MiB: a crawler must not expand it"},
		{Name: "huge-html", Path: "/body/huge.html", Want: "body-truncated",
			About: "a 10 MiB HTML page, streamed"},
		{Name: "binary-blob", Path: "/body/blob", Want: "content-mismatch",
			About: "5 MiB of random bytes served as text/html"},
		{Name: "reset-mid-body", Path: "/conn/reset", Want: "reset",
			About: "headers promising 1 MiB and 16 KiB of HTML, then a TCP reset (hijacked connection, SO_LINGER 0)"},
		{Name: "hang", Path: "/conn/hang", Want: "timeout",
			About: "reads the request and never answers (hijacked connection held for at most 60 s)"},
		{Name: "raw-blackhole", Listener: ListenerBlackhole, Want: "timeout",
			About: "a raw TCP listener that accepts and never answers (another port: an external link)"},
		{Name: "raw-reset", Listener: ListenerReset, Want: "reset",
			About: "a raw TCP listener that answers half a status line and headers, then resets (another port: an external link, checked with HEAD)"},
		{Name: "invalid-utf8", Path: "/charset/invalid-utf8", Want: "invalid-encoding",
			About: "declared UTF-8, written in windows-1252 with invalid UTF-8 sequences besides"},
		{Name: "windows-1252", Path: "/charset/windows-1252", Want: "",
			About: "a page in windows-1252, declared so in Content-Type; title " + fmt.Sprintf("%q", Windows1252Title)},
		{Name: "shift-jis", Path: "/charset/shift-jis", Want: "",
			About: "a page in Shift_JIS, declared so in Content-Type; title " + fmt.Sprintf("%q", ShiftJISTitle)},
		{Name: "malformed-html", Path: "/html/malformed", Want: "malformed-html",
			About: "unclosed and mis-nested tags, then an unterminated <script> that swallows the rest of the page (a link to " + SwallowedPath + " included)"},
		{Name: "deep-dom", Path: "/html/deep", Want: "dom-depth",
			About: "100,000 nested <div>s (about 500 KB, streamed, left unclosed)"},
		{Name: "many-links", Path: "/html/links/", Want: "too-many-links",
			About: "one page with 50,000 links to 10 distinct targets (/html/links/t0 … t9, small pages)"},
		{Name: "calendar", Path: "/calendar?month=2026-01", Want: "crawl-trap",
			About: "a calendar whose \"next month\" link never ends"},
		{Name: "repeating-path", Path: "/a/", Want: "crawl-trap",
			About: "a page at /a/ linking to a/ relatively: /a/a/, /a/a/a/, … (404 past 2,000 segments)"},
		{Name: "robots-private", Path: "/private/secret.html", Want: "robots",
			About: "a page under /private/, which robots.txt disallows"},
		{Name: "flaky-503", Path: "/flaky/503", Want: "flaky",
			About: "503 with Retry-After: 1 twice per URL, then 200"},
		{Name: "flaky-503-once", Path: "/flaky/503?fails=1", Want: "flaky",
			About: "503 with Retry-After: 1 once per URL, then 200 (recovers on the first retry)"},
		{Name: "rate-limited-429", Path: "/flaky/429", Want: "rate-limited",
			About: "429 with Retry-After: 1 twice per URL, then 200"},
		{Name: "bot-wall", Path: "/botwall", Want: "blocked",
			About: "403 unless the User-Agent contains \"Mozilla/\""},
	}
}

// Known content of the character-set traps.
const (
	// Windows1252Title and Windows1252Text are the title and first paragraph
	// of the windows-1252 page (every non-ASCII character of them is in
	// windows-1252, including the ones latin-1 lacks: € – — “ ” œ).
	Windows1252Title = "Café crème brûlée – €5 à la carte"
	Windows1252Text  = "Déjà vu: a naïve façade, “smart quotes” — and œuvres."
	// ShiftJISTitle and ShiftJISText are those of the Shift_JIS page.
	ShiftJISTitle = "日本語のページ：東京の天気"
	ShiftJISText  = "こんにちは、世界。今日は晴れです。"
	// InvalidUTF8Title is the title the invalid-UTF-8 page means: its bytes
	// are this text in windows-1252, served as UTF-8.
	InvalidUTF8Title = "Café naïve – €5"
	// MalformedTitle is the malformed page's title.
	MalformedTitle = "Malformed page"
	// MalformedLinkPath is linked by the malformed page before its
	// unterminated script: a crawler must find it.
	MalformedLinkPath = "/html/malformed-ok"
	// SwallowedPath is linked only from inside the malformed page's
	// unterminated script (and after it): no browser sees that link, so a
	// crawler must not request it.
	SwallowedPath = "/html/swallowed"
	// DeepDOMDepth is how many <div>s the deep page nests.
	DeepDOMDepth = 100000
	// ManyLinks is the number of links on the many-links page, and
	// ManyLinkTargets the number of distinct targets they point at.
	ManyLinks       = 50000
	ManyLinkTargets = 10
)

// Bounds of the traps.
const (
	maxStreamBytes   = 2 << 30 // endless body
	maxStreamTime    = 60 * time.Second
	maxHold          = 60 * time.Second // hang, blackhole
	maxHeld          = 64               // connections held at once (hang + blackhole)
	maxConns         = 256              // open connections to the main server
	maxCountedPaths  = 10000            // distinct paths counted one by one
	maxFlakyURLs     = 10000            // URLs whose failures are remembered
	maxRepeatSegment = 2000             // /a/a/…/a/ depth served
	dripEvery        = 2 * time.Second
	resetPause       = 50 * time.Millisecond // between the partial body and the reset
)

// OtherPaths is the counter key that collects requests for paths beyond
// the first maxCountedPaths distinct ones.
const OtherPaths = "(other paths)"

// Server is a hostile site. Create it with New; start it with Start, or
// serve Handler yourself.
type Server struct {
	mux *http.ServeMux

	mu     sync.Mutex
	counts map[string]int // requests per path, plus "tcp:<listener>" accepts
	total  int
	flaky  map[string]int // failures served per URL

	// Set by Start.
	srv     *http.Server
	base    string
	raw     map[string]net.Listener
	rawURL  map[string]string
	started bool

	done      chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup
	held      chan struct{}         // slots of held connections
	conns     map[net.Conn]struct{} // hijacked and raw connections, closed by Close
}

// New returns a hostile server, not yet listening.
func New() *Server {
	s := &Server{
		counts: map[string]int{},
		flaky:  map[string]int{},
		done:   make(chan struct{}),
		held:   make(chan struct{}, maxHeld),
		conns:  map[net.Conn]struct{}{},
		raw:    map[string]net.Listener{},
		rawURL: map[string]string{},
	}
	s.routes()
	// Compress the gzip bomb now, not on the first request: under the race
	// detector that takes seconds, which would eat a crawler's request
	// timeout.
	bombParts()
	return s
}

// Handler returns the HTTP traps (all but the raw-listener ones), counting
// every request.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count(r.URL.Path)
		s.mux.ServeHTTP(w, r)
	})
}

// Start listens on 127.0.0.1 (a free port for the site and one for each raw
// listener) and returns the site's base URL, without a trailing slash.
func (s *Server) Start() (string, error) {
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return "", errors.New("hostile: already started")
	}
	s.started = true
	s.mu.Unlock()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	raws := map[string]net.Listener{}
	for _, name := range []string{ListenerBlackhole, ListenerReset} {
		rl, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			ln.Close()
			for _, l := range raws {
				l.Close()
			}
			return "", err
		}
		raws[name] = rl
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       30 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	s.mu.Lock()
	s.srv = srv
	s.base = "http://" + ln.Addr().String()
	for name, rl := range raws {
		s.raw[name] = rl
		s.rawURL[name] = "http://" + rl.Addr().String() + "/"
	}
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = srv.Serve(&limitListener{Listener: ln, sem: make(chan struct{}, maxConns), done: s.done})
	}()
	s.wg.Add(2)
	go func() { defer s.wg.Done(); s.acceptRaw(raws[ListenerBlackhole], ListenerBlackhole, s.serveBlackhole) }()
	go func() { defer s.wg.Done(); s.acceptRaw(raws[ListenerReset], ListenerReset, s.serveRawReset) }()
	return s.base, nil
}

// URL returns the base URL of the started site ("" before Start).
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.base
}

// ListenerURL returns the URL of a raw listener ("" before Start).
func (s *Server) ListenerURL(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rawURL[name]
}

// TrapURL returns the absolute URL of a trap on the started server.
func (s *Server) TrapURL(t Trap) string {
	if t.Listener != "" {
		return s.ListenerURL(t.Listener)
	}
	return s.URL() + t.Path
}

// Close stops the listeners, ends every trap in progress (streams, held
// and hijacked connections) and waits for the server's own goroutines.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.mu.Lock()
		srv := s.srv
		for _, l := range s.raw {
			l.Close()
		}
		for c := range s.conns {
			c.Close()
		}
		s.mu.Unlock()
		if srv != nil {
			srv.Close()
		}
	})
	s.wg.Wait()
}

// Hits returns how many requests (of any method) reached the URL path.
// For a raw listener, Hits("tcp:"+name) is the number of connections it
// accepted.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[path]
}

// HitsUnder returns how many requests reached paths starting with prefix.
func (s *Server) HitsUnder(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, c := range s.counts {
		if strings.HasPrefix(p, prefix) {
			n += c
		}
	}
	return n
}

// Total returns the number of requests and raw connections received.
func (s *Server) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// Counts returns a copy of the per-path counters.
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// Paths returns the counted paths, sorted.
func (s *Server) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.counts))
	for k := range s.counts {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *Server) count(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total++
	if _, ok := s.counts[key]; !ok && len(s.counts) >= maxCountedPaths {
		key = OtherPaths
	}
	s.counts[key]++
}

// closed reports whether Close was called.
func (s *Server) closed() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// sleep waits for d, the end of ctx (done) or Close; it reports whether the
// whole d elapsed.
func (s *Server) sleep(done <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-done:
		return false
	case <-s.done:
		return false
	}
}
