// Command sitegen serves a deterministic synthetic website for benchmarking
// link-audit crawlers.
//
// Every response is generated on the fly from (-seed, URL), so the server
// keeps almost no state and two runs with the same flags serve byte-identical
// sites. It only ever binds a loopback address.
//
// Site layout (N = -pages):
//
//	/                                home page
//	/section-K/page-N.html           content pages, K = N/500 (0 <= N < pages)
//	/section-K/missing-J.html        broken link targets (404), 0 <= J < -broken
//	/moved/page-N.html               301 -> /section-K/page-N.html
//	/legacy/page-N.html              301 -> /moved/page-N.html (2-hop chain)
//	/img/photo-J.png                 images; J < 100 exist, 100 <= J < 110 are 404
//	/static/site.css                 the one stylesheet
//	/robots.txt, /sitemap.xml        allow-all robots file and full sitemap
//	/__stats                         JSON request counters (linked from nowhere)
//	/__reset                         same, then zeroes the counters
//
// On start it prints exactly one line "READY http://127.0.0.1:PORT/" to stdout.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/bits"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	pagesPerSection = 500
	navLinks        = 8 // <nav> links, identical on every page
	footerLinks     = 4 // internal <footer> links (mailto: not counted)
	goodImages      = 100
	brokenImages    = 10
	totalImages     = goodImages + brokenImages
)

type site struct {
	pages     int
	links     int // internal <a> links per page (nav + main + footer; the header logo is one more)
	seed      uint64
	broken    int
	redirects int
	latency   time.Duration // wait before every answer (-latency)
	markup    bool          // framework-style markup around the same content (-markup)

	brokenStride   int // a page links to a broken target when n%brokenStride == 0
	redirectStride int // a page links to a redirect source when n%redirectStride == 1

	images [goodImages][]byte
	css    []byte

	faultPct float64
	faultMu  sync.Mutex
	faultRNG *rand.Rand

	bufPool sync.Pool

	st stats
}

type stats struct {
	requests, html, status2xx, status3xx, status4xx, status5xx atomic.Int64
	fault503, faultReset, faultDelay, bytes                    atomic.Int64

	// served has bit n+1 set once page n was served with 200 (bit 0 = home),
	// so the number of distinct pages a crawler reached can be read back.
	served []atomic.Uint64
}

func (st *stats) all() []*atomic.Int64 {
	return []*atomic.Int64{&st.requests, &st.html, &st.status2xx, &st.status3xx, &st.status4xx,
		&st.status5xx, &st.fault503, &st.faultReset, &st.faultDelay, &st.bytes}
}

func main() {
	pages := flag.Int("pages", 10000, "number of content pages")
	links := flag.Int("links", 40, "internal links per page (nav + main + footer)")
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	seed := flag.Uint64("seed", 1, "seed for the generated site")
	broken := flag.Int("broken", 300, "number of distinct link targets that answer 404")
	redirects := flag.Int("redirects", 200, "number of pages reachable through a 301 (every 4th as a 2-hop chain)")
	faults := flag.Float64("faults", 0, "percentage of page/asset requests that get a fault: 503+Retry-After, connection reset, or a 2 s delay")
	latency := flag.Duration("latency", 0, "time every answer waits before it is written, as an application server's think time (0: none)")
	markup := flag.Bool("markup", false, "wrap the same text and links in the markup of a framework-built page: wrapper divs, inline SVG icons, an inline style, script and JSON-LD (about 4x the bytes, 2x the elements)")
	flag.Parse()

	if *pages < 1 || *links < navLinks+footerLinks+2 || *broken < 0 || *redirects < 0 || *faults < 0 || *faults > 100 || *latency < 0 {
		fmt.Fprintf(os.Stderr, "sitegen: invalid flags (need pages>=1, links>=%d, broken>=0, redirects>=0, 0<=faults<=100, latency>=0)\n", navLinks+footerLinks+2)
		os.Exit(2)
	}
	if *redirects > *pages {
		*redirects = *pages
	}
	if err := checkLoopback(*addr); err != nil {
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(2)
	}

	s := newSite(*pages, *links, *seed, *broken, *redirects, *faults)
	s.latency = *latency
	s.markup = *markup

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitegen:", err)
		os.Exit(1)
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          nil,
	}

	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, os.Interrupt, syscall.SIGTERM)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	fmt.Printf("READY http://%s/\n", ln.Addr().String())
	os.Stdout.Sync()

	why := ""
	select {
	case sig := <-sigc:
		why = "got " + sig.String()
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "sitegen:", err)
			os.Exit(1)
		}
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close()
	}
	fmt.Fprintf(os.Stderr, "sitegen: %s at %s, stopped; %s\n", why, time.Now().Format(time.RFC3339), s.statsJSON())
}

// checkLoopback refuses any listen address that is not on the loopback
// interface (an empty host would mean every interface).
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("bad -addr %q: %v", addr, err)
	}
	if host == "" {
		return fmt.Errorf("refusing -addr %q: host is empty (all interfaces); use 127.0.0.1", addr)
	}
	if host == "localhost" {
		ips, err := net.LookupIP(host)
		if err != nil || len(ips) == 0 {
			return fmt.Errorf("refusing -addr %q: cannot resolve localhost", addr)
		}
		for _, ip := range ips {
			if !ip.IsLoopback() {
				return fmt.Errorf("refusing -addr %q: localhost resolves to non-loopback %s", addr, ip)
			}
		}
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing -addr %q: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed", addr)
	}
	return nil
}

func newSite(pages, links int, seed uint64, broken, redirects int, faultPct float64) *site {
	s := &site{
		pages:     pages,
		links:     links,
		seed:      seed,
		broken:    broken,
		redirects: redirects,
		faultPct:  faultPct,
		faultRNG:  rand.New(rand.NewPCG(seed, 0xfa017)),
	}
	s.st.served = make([]atomic.Uint64, (pages+1+63)/64)
	// Each broken target / redirect source is referenced by ~4 pages.
	s.brokenStride, s.redirectStride = 1, 2
	if broken > 0 {
		s.brokenStride = max(1, pages/(4*broken))
	}
	if redirects > 0 {
		s.redirectStride = max(2, pages/(4*redirects))
	}
	s.bufPool.New = func() any { b := new(bytes.Buffer); b.Grow(12 << 10); return b }

	for j := range s.images {
		img := image.NewPaletted(image.Rect(0, 0, 16, 12), color.Palette{
			color.RGBA{uint8(j * 37), uint8(j * 91), uint8(255 - j*13), 255},
			color.RGBA{240, 240, 240, 255},
		})
		for y := 0; y < 12; y++ {
			for x := 0; x < 16; x++ {
				if (x+y+j)%3 == 0 {
					img.SetColorIndex(x, y, 1)
				}
			}
		}
		var b bytes.Buffer
		_ = png.Encode(&b, img)
		s.images[j] = b.Bytes()
	}
	s.css = []byte(siteCSS)
	return s
}

// ---------------------------------------------------------------------------
// Deterministic per-page randomness: a splitmix64 stream keyed by (seed, n).

type rng struct{ x uint64 }

func newRNG(seed, n uint64) rng {
	r := rng{seed*0x9e3779b97f4a7c15 ^ (n+1)*0xbf58476d1ce4e5b9}
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.x += 0x9e3779b97f4a7c15
	z := r.x
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a value in [0, n) (n > 0).
func (r *rng) intn(n int) int { return int((r.next() >> 1) % uint64(n)) }

// ---------------------------------------------------------------------------
// HTTP handling.

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/__stats" || p == "/__reset" {
		// Benchmark control endpoints: not counted, never faulted.
		body := []byte(s.statsJSON() + "\n")
		if p == "/__reset" {
			for _, c := range s.st.all() {
				c.Store(0)
			}
			for i := range s.st.served {
				s.st.served[i].Store(0)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
		return
	}
	s.st.requests.Add(1)
	if s.latency > 0 {
		t := time.NewTimer(s.latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	switch p {
	case "/robots.txt":
		s.robots(w, r)
		return
	case "/sitemap.xml":
		s.sitemap(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		s.write(w, http.StatusMethodNotAllowed, nil)
		return
	}
	if s.faultPct > 0 && s.fault(w, r) {
		return
	}

	switch {
	case p == "/":
		s.page(w, r, -1)
	case p == "/static/site.css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		s.write(w, http.StatusOK, s.css)
	case strings.HasPrefix(p, "/img/photo-") && strings.HasSuffix(p, ".png"):
		j, ok := atoiStrict(p[len("/img/photo-") : len(p)-len(".png")])
		if !ok || j >= goodImages {
			s.notFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		s.write(w, http.StatusOK, s.images[j])
	case strings.HasPrefix(p, "/section-"):
		s.sectionPath(w, r, p)
	case strings.HasPrefix(p, "/moved/page-") && strings.HasSuffix(p, ".html"):
		n, ok := atoiStrict(p[len("/moved/page-") : len(p)-len(".html")])
		if !ok || n >= s.pages || s.redirectIndex(n) < 0 {
			s.notFound(w, r)
			return
		}
		s.redirect(w, s.pagePath(n))
	case strings.HasPrefix(p, "/legacy/page-") && strings.HasSuffix(p, ".html"):
		n, ok := atoiStrict(p[len("/legacy/page-") : len(p)-len(".html")])
		if !ok || n >= s.pages {
			s.notFound(w, r)
			return
		}
		if ri := s.redirectIndex(n); ri < 0 || ri%4 != 0 {
			s.notFound(w, r)
			return
		}
		s.redirect(w, "/moved/page-"+strconv.Itoa(n)+".html")
	default:
		s.notFound(w, r)
	}
}

// sectionPath handles /section-K/page-N.html (and 404s everything else there,
// including the /section-K/missing-J.html broken targets).
func (s *site) sectionPath(w http.ResponseWriter, r *http.Request, p string) {
	rest := p[len("/section-"):]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		s.notFound(w, r)
		return
	}
	k, ok := atoiStrict(rest[:slash])
	file := rest[slash+1:]
	if !ok || !strings.HasPrefix(file, "page-") || !strings.HasSuffix(file, ".html") {
		s.notFound(w, r)
		return
	}
	n, ok := atoiStrict(file[len("page-") : len(file)-len(".html")])
	if !ok || n >= s.pages || n/pagesPerSection != k {
		s.notFound(w, r)
		return
	}
	s.page(w, r, n)
}

func (s *site) write(w http.ResponseWriter, code int, body []byte) {
	switch {
	case code < 300:
		s.st.status2xx.Add(1)
	case code < 400:
		s.st.status3xx.Add(1)
	case code < 500:
		s.st.status4xx.Add(1)
	default:
		s.st.status5xx.Add(1)
	}
	h := w.Header()
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	if len(body) > 0 {
		n, _ := w.Write(body)
		s.st.bytes.Add(int64(n))
	}
}

func (s *site) redirect(w http.ResponseWriter, to string) {
	w.Header().Set("Location", to)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	s.write(w, http.StatusMovedPermanently, []byte(`<!doctype html><title>Moved</title><a href="`+to+`">Moved Permanently</a>`+"\n"))
}

func (s *site) notFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	s.write(w, http.StatusNotFound, []byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>404 Not Found</h1><p><a href="/">Back to the home page</a></p></body></html>`+"\n"))
}

// fault decides, with the shared seeded RNG, whether this request gets a
// fault. It reports true when the response has been fully handled.
func (s *site) fault(w http.ResponseWriter, r *http.Request) bool {
	s.faultMu.Lock()
	hit := s.faultRNG.Float64()*100 < s.faultPct
	kind := s.faultRNG.IntN(3)
	s.faultMu.Unlock()
	if !hit {
		return false
	}
	switch kind {
	case 0:
		s.st.fault503.Add(1)
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		s.write(w, http.StatusServiceUnavailable, []byte("503 Service Unavailable (injected)\n"))
		return true
	case 1:
		s.st.faultReset.Add(1)
		hj, ok := w.(http.Hijacker)
		if !ok {
			s.write(w, http.StatusServiceUnavailable, nil)
			return true
		}
		conn, _, err := hj.Hijack()
		if err != nil {
			return true
		}
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // close with RST
		}
		conn.Close()
		return true
	default:
		s.st.faultDelay.Add(1)
		t := time.NewTimer(2 * time.Second)
		defer t.Stop()
		select {
		case <-t.C:
			return false // then serve normally
		case <-r.Context().Done():
			return true
		}
	}
}

func (s *site) statsJSON() string {
	st := &s.st
	distinct := 0
	for i := range st.served {
		distinct += bits.OnesCount64(st.served[i].Load())
	}
	return fmt.Sprintf(`{"requests":%d,"html_pages":%d,"distinct_pages":%d,"2xx":%d,"3xx":%d,"4xx":%d,"5xx":%d,"fault_503":%d,"fault_reset":%d,"fault_delay":%d,"bytes":%d}`,
		st.requests.Load(), st.html.Load(), distinct, st.status2xx.Load(), st.status3xx.Load(), st.status4xx.Load(), st.status5xx.Load(),
		st.fault503.Load(), st.faultReset.Load(), st.faultDelay.Load(), st.bytes.Load())
}

func (s *site) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	body := "User-agent: *\nAllow: /\n\nSitemap: http://" + r.Host + "/sitemap.xml\n"
	s.write(w, http.StatusOK, []byte(body))
}

func (s *site) sitemap(w http.ResponseWriter, r *http.Request) {
	base := "http://" + r.Host
	b := s.bufPool.Get().(*bytes.Buffer)
	defer s.putBuf(b)
	b.Reset()
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	b.WriteString("<url><loc>" + base + "/</loc></url>\n")
	var tmp []byte
	for n := 0; n < s.pages; n++ {
		b.WriteString("<url><loc>")
		b.WriteString(base)
		tmp = s.appendPagePath(tmp[:0], n)
		b.Write(tmp)
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	s.write(w, http.StatusOK, b.Bytes())
}

func (s *site) putBuf(b *bytes.Buffer) {
	if b.Cap() <= 64<<10 {
		s.bufPool.Put(b)
	}
}

// ---------------------------------------------------------------------------
// Link graph.

// pagePath returns "/section-K/page-N.html" for page n.
func (s *site) pagePath(n int) string { return string(s.appendPagePath(nil, n)) }

// appendPagePath appends pagePath(n) to dst.
func (s *site) appendPagePath(dst []byte, n int) []byte {
	dst = append(dst, "/section-"...)
	dst = strconv.AppendInt(dst, int64(n/pagesPerSection), 10)
	dst = append(dst, "/page-"...)
	dst = strconv.AppendInt(dst, int64(n), 10)
	return append(dst, ".html"...)
}

// navPage is the k-th fixed <nav> target (k = 0..navLinks-2).
func (s *site) navPage(k int) int { return k * s.pages / (navLinks - 1) }

// redirectTarget is the page behind redirect source r (0 <= r < redirects).
func (s *site) redirectTarget(r int) int { return r * s.pages / s.redirects }

// redirectIndex inverts redirectTarget: the r whose target is page n, or -1.
func (s *site) redirectIndex(n int) int {
	if s.redirects == 0 {
		return -1
	}
	r := (n*s.redirects + s.pages - 1) / s.pages // ceil(n*R/N)
	if r < s.redirects && s.redirectTarget(r) == n {
		return r
	}
	return -1
}

// href appends an href from page `from` (-1 = home) to page `to`, written in
// one of several equivalent styles so crawlers must resolve URLs properly.
func (s *site) appendHref(dst []byte, from, to int, style int) []byte {
	if from >= 0 && style%3 == 1 && from/pagesPerSection == to/pagesPerSection {
		// same-directory relative link
		dst = append(dst, "page-"...)
		dst = strconv.AppendInt(dst, int64(to), 10)
		return append(dst, ".html"...)
	}
	if from >= 0 && style%3 == 2 {
		dst = append(dst, "../section-"...)
		dst = strconv.AppendInt(dst, int64(to/pagesPerSection), 10)
		dst = append(dst, "/page-"...)
		dst = strconv.AppendInt(dst, int64(to), 10)
		return append(dst, ".html"...)
	}
	return s.appendPagePath(dst, to)
}

// mainLinks returns the hrefs of the <main> links of page n (-1 = home).
func (s *site) mainLinks(dst [][]byte, n int, rg *rng) [][]byte {
	count := s.links - navLinks - footerLinks
	add := func(b []byte) { dst = append(dst, b) }
	if n < 0 {
		// Home: every section's first page, then random pages.
		for k := 0; k*pagesPerSection < s.pages && len(dst) < count; k++ {
			add(s.appendPagePath(nil, k*pagesPerSection))
		}
		for len(dst) < count {
			add(s.appendPagePath(nil, rg.intn(s.pages)))
		}
		return dst
	}
	// The chain n -> n+1 makes every page reachable from page 0 (in the nav).
	if n+1 < s.pages {
		add(s.appendHref(nil, n, n+1, 1))
	}
	if n > 0 {
		add(s.appendHref(nil, n, n-1, 0))
	}
	// A link with a fragment (same URL once the fragment is dropped).
	frag := s.appendHref(nil, n, rg.intn(s.pages), rg.intn(3))
	frag = append(frag, "#part-"...)
	frag = strconv.AppendInt(frag, int64(rg.intn(4)+1), 10)
	add(frag)
	if s.broken > 0 && n%s.brokenStride == 0 {
		j := (n / s.brokenStride) % s.broken
		b := append([]byte("/section-"), strconv.Itoa(j%max(1, (s.pages+pagesPerSection-1)/pagesPerSection))...)
		b = append(b, "/missing-"...)
		b = strconv.AppendInt(b, int64(j), 10)
		add(append(b, ".html"...))
	}
	if s.redirects > 0 && n%s.redirectStride == 1 {
		r := (n / s.redirectStride) % s.redirects
		t := s.redirectTarget(r)
		prefix := "/moved/page-"
		if r%4 == 0 {
			prefix = "/legacy/page-"
		}
		b := append([]byte(prefix), strconv.Itoa(t)...)
		add(append(b, ".html"...))
	}
	for len(dst) < count {
		var to int
		if rg.intn(2) == 0 { // locality: half the links stay in the section
			base := n / pagesPerSection * pagesPerSection
			to = base + rg.intn(min(pagesPerSection, s.pages-base))
		} else {
			to = rg.intn(s.pages)
		}
		add(s.appendHref(nil, n, to, rg.intn(3)))
	}
	return dst
}

// ---------------------------------------------------------------------------
// Page rendering.

func (s *site) page(w http.ResponseWriter, r *http.Request, n int) {
	rg := newRNG(s.seed, uint64(n+1))
	b := s.bufPool.Get().(*bytes.Buffer)
	defer s.putBuf(b)
	b.Reset()

	var title string
	if n < 0 {
		title = "Acme Widgets — Home"
	} else {
		title = titleWords(&rg) + " — Section " + strconv.Itoa(n/pagesPerSection) + " — Acme Widgets"
	}
	var self []byte
	if n < 0 {
		self = []byte("/")
	} else {
		self = s.appendPagePath(nil, n)
	}

	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	b.WriteString(title)
	b.WriteString("</title>\n<meta name=\"description\" content=\"")
	sentence(b, &rg, 12, false)
	b.WriteString("\">\n<link rel=\"canonical\" href=\"http://")
	b.WriteString(r.Host)
	b.Write(self)
	b.WriteString("\">\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n")
	// pad counts the bytes -markup added, so that the text stops where the
	// plain page's does.
	pad := 0
	if s.markup {
		mark := b.Len()
		b.WriteString("<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:title\" content=\"")
		b.WriteString(title)
		b.WriteString("\">\n<meta name=\"theme-color\" content=\"#1a4fa0\">\n<style>")
		b.WriteString(markupCSS)
		b.WriteString("</style>\n<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"WebPage\",\"name\":\"")
		b.WriteString(title)
		b.WriteString("\",\"isPartOf\":{\"@type\":\"WebSite\",\"name\":\"Acme Widgets\"}}</script>\n")
		pad += b.Len() - mark
	}
	b.WriteString("</head>\n<body>\n")
	if s.markup {
		b.WriteString(markupOpen)
		pad += len(markupOpen)
	}

	// Header + nav: identical on every page.
	b.WriteString("<header class=\"site-header\" id=\"top\">\n<a class=\"logo\" href=\"/\">Acme Widgets</a>\n<nav aria-label=\"Main\">\n<ul>\n<li><a href=\"/\">Home</a></li>\n")
	for k := 0; k < navLinks-1; k++ {
		if s.markup {
			const open, plainOpen = "<li class=\"nav__item\"><a class=\"nav__link\" data-track=\"nav\" href=\"", "<li><a href=\""
			const label, end, plainEnd = "<span class=\"nav__label\">", "</span></a></li>\n", "</a></li>\n"
			b.WriteString(open)
			b.Write(s.appendPagePath(nil, s.navPage(k)))
			b.WriteString("\">")
			b.WriteString(markupIcon)
			b.WriteString(label)
			b.WriteString(navNames[k])
			b.WriteString(end)
			pad += len(open) - len(plainOpen) + len(markupIcon) + len(label) + len(end) - len(plainEnd)
			continue
		}
		b.WriteString("<li><a href=\"")
		b.Write(s.appendPagePath(nil, s.navPage(k)))
		b.WriteString("\">")
		b.WriteString(navNames[k])
		b.WriteString("</a></li>\n")
	}
	b.WriteString("</ul>\n</nav>\n</header>\n")

	// Main content.
	links := s.mainLinks(make([][]byte, 0, s.links), n, &rg)
	target := 6000 + rg.intn(3500) - 900 // leave room for the footer
	b.WriteString("<main>\n<article>\n<h1>")
	b.WriteString(title)
	b.WriteString("</h1>\n")
	img := func(j int) {
		b.WriteString("<figure><img src=\"/img/photo-")
		b.WriteString(strconv.Itoa(j))
		b.WriteString(".png\" alt=\"")
		sentence(b, &rg, 4, false)
		b.WriteString("\" width=\"320\" height=\"240\" loading=\"lazy\"><figcaption>")
		sentence(b, &rg, 6, true)
		b.WriteString("</figcaption></figure>\n")
	}
	img(max(n, 0) % totalImages)

	li := 0
	inline := len(links) / 2
	for part := 1; li < inline || b.Len()-pad < target; part++ {
		if part%3 == 1 {
			b.WriteString("<h2 id=\"part-")
			b.WriteString(strconv.Itoa(part/3 + 1))
			b.WriteString("\">")
			b.WriteString(titleWords(&rg))
			b.WriteString("</h2>\n")
		}
		if part == 3 {
			img(rg.intn(goodImages))
		}
		if s.markup {
			b.WriteString(markupBlock)
			pad += len(markupBlock)
		}
		b.WriteString("<p>")
		sentences := 3 + rg.intn(3)
		for si := 0; si < sentences; si++ {
			sentence(b, &rg, 8+rg.intn(12), true)
			if li < inline && si%2 == 0 {
				if s.markup {
					b.WriteString(" See <a class=\"link link--inline\" data-track=\"inline\" href=\"")
					pad += len(` class="link link--inline" data-track="inline"`)
				} else {
					b.WriteString(" See <a href=\"")
				}
				b.Write(links[li])
				b.WriteString("\">")
				sentence(b, &rg, 2+rg.intn(3), false)
				b.WriteString("</a>.")
				li++
			}
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
		if s.markup {
			b.WriteString(markupBlockEnd)
			pad += len(markupBlockEnd)
		}
	}
	b.WriteString("</article>\n<aside class=\"related\">\n<h2>Related pages</h2>\n<ul>\n")
	for ; li < len(links); li++ {
		if s.markup {
			b.WriteString("<li class=\"related__item\"><div class=\"card\"><a class=\"card__link\" data-track=\"related\" href=\"")
			b.Write(links[li])
			b.WriteString("\">")
			b.WriteString(markupIcon)
			b.WriteString("<span class=\"card__title\">")
			sentence(b, &rg, 3, false)
			b.WriteString("</span></a></div></li>\n")
			continue
		}
		b.WriteString("<li><a href=\"")
		b.Write(links[li])
		b.WriteString("\">")
		sentence(b, &rg, 3, false)
		b.WriteString("</a></li>\n")
	}
	b.WriteString("</ul>\n</aside>\n</main>\n")

	// Footer: the same few links everywhere.
	b.WriteString("<footer class=\"site-footer\">\n<p>&copy; 2025 Acme Widgets. All rights reserved.</p>\n<ul>\n<li><a href=\"/\">Home</a></li>\n<li><a href=\"/sitemap.xml\">Sitemap</a></li>\n<li><a href=\"")
	b.Write(s.appendPagePath(nil, s.pages-1))
	b.WriteString("\">Archive</a></li>\n<li><a href=\"#top\">Back to top</a></li>\n<li><a href=\"mailto:webmaster@example.invalid\">Contact</a></li>\n</ul>\n</footer>\n")
	if s.markup {
		b.WriteString(markupTail)
	}
	b.WriteString("</body>\n</html>\n")

	s.st.html.Add(1)
	s.st.served[(n+1)/64].Or(1 << uint((n+1)%64))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Last-Modified", "Mon, 06 Jan 2025 12:00:00 GMT")
	s.write(w, http.StatusOK, b.Bytes())
}

var navNames = [navLinks - 1]string{"Products", "Solutions", "Pricing", "Docs", "Blog", "Company", "Support"}

var words = strings.Fields(`widget gadget sprocket flange bracket module system network
	customer service quality delivery design engineer factory supply chain order
	product market price value report annual review process update release
	feature support team project plan budget growth strategy platform cloud data
	analysis metric dashboard user account setting profile security privacy policy
	document guide tutorial example reference manual install configure deploy
	monitor scale performance latency throughput reliable robust simple modern
	fast efficient flexible secure open standard custom premium basic advanced
	north south east west river mountain valley city harbor bridge tower garden
	morning evening season winter summer autumn spring weekly monthly yearly
	the a of and to in for with on by from at as is are was were be has have
	will can may should new old small large early late first last next other`)

func titleWords(rg *rng) string {
	n := 2 + rg.intn(3)
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(' ')
		}
		w := words[rg.intn(100)] // the first 100 words are nouns/adjectives
		sb.WriteString(strings.ToUpper(w[:1]))
		sb.WriteString(w[1:])
	}
	return sb.String()
}

// sentence writes n words; with capitalise it starts upper-case and ends with '.'.
func sentence(b *bytes.Buffer, rg *rng, n int, capitalise bool) {
	for i := 0; i < n; i++ {
		w := words[rg.intn(len(words))]
		if i > 0 {
			b.WriteByte(' ')
		}
		if i == 0 && capitalise {
			b.WriteByte(w[0] - 'a' + 'A')
			b.WriteString(w[1:])
		} else {
			b.WriteString(w)
		}
	}
	if capitalise {
		b.WriteByte('.')
	}
}

// atoiStrict parses a non-negative decimal without sign or leading zeros.
func atoiStrict(s string) (int, bool) {
	if s == "" || len(s) > 9 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

const siteCSS = `:root{--fg:#1d2430;--bg:#fff;--accent:#0b5fff;--muted:#5b6472}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
.site-header{display:flex;align-items:center;justify-content:space-between;padding:1rem 2rem;border-bottom:1px solid #e3e6ea}
.site-header nav ul{display:flex;gap:1.25rem;list-style:none;margin:0;padding:0}
.logo{font-weight:700;text-decoration:none;font-size:1.25rem}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,1fr);gap:2rem;max-width:72rem;margin:2rem auto;padding:0 2rem}
figure{margin:1.5rem 0}
figure img{max-width:100%;height:auto;background:#eef1f4}
figcaption{color:var(--muted);font-size:.875rem}
.related ul{padding-left:1rem}
.site-footer{border-top:1px solid #e3e6ea;padding:2rem;color:var(--muted);font-size:.875rem}
.site-footer ul{display:flex;gap:1rem;list-style:none;padding:0}
@media (max-width:48rem){main{grid-template-columns:1fr}.site-header{flex-direction:column}}
`

// The markup that -markup adds around the same text and links, written
// once: a stylesheet and a script inlined as build tools do, an SVG icon
// in each nav and related link (aria-hidden, so no text), and a hidden
// consent dialog. None
// holds a URL the crawler would fetch, a word of visible text or a draw
// from the page's random stream, so the site's pages, links and findings
// stay those of the plain site.
var (
	markupCSS = func() string {
		var b strings.Builder
		for i := range 48 {
			fmt.Fprintf(&b, ".c%d{display:flex;margin:0 auto;padding:%dpx %dpx;color:#1f2933;font:400 1rem/1.5 system-ui,sans-serif}", i, i%5*4, i%7*4)
		}
		return b.String()
	}()
	markupOpen     = "<div id=\"app\" class=\"app-root\" data-build=\"2025.01.06\">\n<div class=\"layout layout--default\">\n"
	markupBlock    = "<div class=\"block block--text\" data-block=\"paragraph\"><div class=\"block__inner\"><div class=\"prose prose--lg\">"
	markupBlockEnd = "</div></div></div>\n"
	markupIcon     = `<svg class="icon icon--nav" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"><path d="M3 12l2-2 7-7 7 7 2 2M5 10v10a1 1 0 001 1h3m10-11l2 2m-2-2v10a1 1 0 01-1 1h-3m-6 0a1 1 0 001-1v-4a1 1 0 011-1h2a1 1 0 011 1v4a1 1 0 001 1m-6 0h6"/></svg>`
	markupTail     = func() string {
		var b strings.Builder
		b.WriteString("</div>\n</div>\n<div class=\"consent\" role=\"dialog\" aria-label=\"Cookie consent\" hidden><div class=\"consent__inner\"><p class=\"consent__text\">We use cookies to improve this site.</p><button type=\"button\" class=\"btn btn--primary\">Accept</button></div></div>\n<script>window.__STATE__={\"items\":[")
		for i := range 160 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":%d,"key":"widget-%d","rank":%d,"flags":[%d,%d]}`, i, i, i*7%101, i%3, i%5)
		}
		b.WriteString("]};(function(w,d){var q=w.__q||[];w.track=function(e,p){q.push([e,p,Date.now()])};d.addEventListener('click',function(ev){var t=ev.target.closest('[data-track]');if(t)w.track(t.dataset.track,{h:t.getAttribute('href')})})})(window,document);</script>\n")
		return b.String()
	}()
)
