package hostile

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html/charset"
)

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("/{$}", s.index)
	m.HandleFunc("/robots.txt", robots)

	m.HandleFunc("/redirect/loop-a", redirectTo("/redirect/loop-b", http.StatusMovedPermanently))
	m.HandleFunc("/redirect/loop-b", redirectTo("/redirect/loop-a", http.StatusMovedPermanently))
	m.HandleFunc("/redirect/chain/{n}", chain)
	m.HandleFunc("/redirect/javascript", redirectTo("javascript:alert(1)", http.StatusFound))
	m.HandleFunc("/redirect/file", redirectTo("file:///etc/passwd", http.StatusFound))

	m.HandleFunc("/body/endless", s.endless)
	m.HandleFunc("/body/drip", s.drip)
	m.HandleFunc("/body/gzip-bomb", s.gzipBomb)
	m.HandleFunc("/body/bomb.gz", s.gzipFile)
	m.HandleFunc("/body/huge.html", s.huge)
	m.HandleFunc("/body/blob", s.blob)

	m.HandleFunc("/conn/reset", s.hijackReset)
	m.HandleFunc("/conn/hang", s.hijackHang)

	m.HandleFunc("/charset/invalid-utf8", serveBytes("text/html; charset=utf-8", invalidUTF8Page))
	m.HandleFunc("/charset/windows-1252", serveBytes("text/html; charset=windows-1252", windows1252Page))
	m.HandleFunc("/charset/shift-jis", serveBytes("text/html; charset=Shift_JIS", shiftJISPage))

	m.HandleFunc("/html/malformed", serveBytes("text/html; charset=utf-8", []byte(malformedPage)))
	m.HandleFunc(MalformedLinkPath, plain("Reached from the malformed page"))
	m.HandleFunc(SwallowedPath, plain("Swallowed link: no browser follows it"))
	m.HandleFunc("/html/deep", s.deep)
	m.HandleFunc("/html/links/{$}", s.manyLinks)
	m.HandleFunc("/html/links/{t}", plain("A target of the many-links page"))

	m.HandleFunc("/calendar", calendar)
	m.HandleFunc("/a/", repeating)
	m.HandleFunc("/private/", plain("Private: robots.txt disallows this"))

	m.HandleFunc("/flaky/503", s.flap(http.StatusServiceUnavailable))
	m.HandleFunc("/flaky/429", s.flap(http.StatusTooManyRequests))
	m.HandleFunc("/botwall", botWall)

	m.HandleFunc("/", notFound)
	s.mux = m
}

// page renders a small, valid HTML page; body is raw HTML.
func page(title, body string) []byte {
	return []byte("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<title>" + html.EscapeString(title) + "</title>\n</head>\n<body>\n<h1>" +
		html.EscapeString(title) + "</h1>\n" + body + "\n</body>\n</html>\n")
}

func writePage(w http.ResponseWriter, status int, title, body string) {
	b := page(title, body)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func plain(title string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		writePage(w, http.StatusOK, title, "<p>"+html.EscapeString(title)+".</p>")
	}
}

func serveBytes(contentType string, b []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		_, _ = w.Write(b)
	}
}

func notFound(w http.ResponseWriter, r *http.Request) {
	writePage(w, http.StatusNotFound, "Not found", `<p>No such page. <a href="/">Home</a></p>`)
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("<p>Every link below is a trap.</p>\n<ul>\n")
	for _, t := range Traps() {
		href := t.Path
		if t.Listener != "" {
			href = s.ListenerURL(t.Listener)
			if href == "" {
				continue // not started: no raw listener
			}
		}
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a>: %s</li>\n",
			html.EscapeString(href), html.EscapeString(t.Name), html.EscapeString(t.About))
	}
	b.WriteString("</ul>")
	writePage(w, http.StatusOK, "Hostile site", b.String())
}

func robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
}

// --- redirects ---

func redirectTo(loc string, status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// Set by hand: http.Redirect would clean the javascript: and file:
		// targets up.
		w.Header().Set("Location", loc)
		w.WriteHeader(status)
	}
}

// chain serves /redirect/chain/N: a 301 to N-1, and a page at 0.
func chain(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	switch {
	case err != nil || n < 0 || n > 1000:
		notFound(w, r)
	case n == 0:
		writePage(w, http.StatusOK, "End of the redirect chain", "<p>25 hops later.</p>")
	default:
		redirectTo("/redirect/chain/"+strconv.Itoa(n-1), http.StatusMovedPermanently)(w, r)
	}
}

// --- bodies ---

// pump writes chunk over and over (the last time cut to fit) until limit
// bytes are written, maxDur passes, the client goes away, a write fails or
// the server closes. It returns the bytes written.
func (s *Server) pump(w http.ResponseWriter, r *http.Request, chunk []byte, limit int64, maxDur time.Duration) int64 {
	deadline := time.Now().Add(maxDur)
	ctx := r.Context()
	var n int64
	for n < limit {
		if ctx.Err() != nil || s.closed() || time.Now().After(deadline) {
			break
		}
		c := chunk
		if rest := limit - n; int64(len(c)) > rest {
			c = c[:rest]
		}
		m, err := w.Write(c)
		n += int64(m)
		if err != nil {
			break
		}
	}
	return n
}

// filler is 32 KiB of HTML paragraphs, the stuff of the long bodies.
var filler = func() []byte {
	const p = "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n"
	return []byte(strings.Repeat(p, (32<<10)/len(p)+1)[:32<<10])
}()

const longHead = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n"

func (s *Server) endless(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if _, err := fmt.Fprintf(w, longHead, "Endless page"); err != nil {
		return
	}
	s.pump(w, r, filler, maxStreamBytes, maxStreamTime)
}

// HugeSize is the size of the huge HTML page, and BlobSize that of the
// binary blob.
const (
	HugeSize = 10 << 20
	BlobSize = 5 << 20
)

func (s *Server) huge(w http.ResponseWriter, r *http.Request) {
	head := fmt.Sprintf(longHead, "Huge page")
	const tail = "\n</body>\n</html>\n"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(HugeSize))
	if _, err := w.Write([]byte(head)); err != nil {
		return
	}
	body := int64(HugeSize - len(head) - len(tail))
	if s.pump(w, r, filler, body, maxStreamTime) == body {
		_, _ = w.Write([]byte(tail))
	}
}

// noise is 64 KiB of pseudo-random bytes (fixed seed), the blob's stuff.
var noise = func() []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}()

func (s *Server) blob(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Content-Length", strconv.Itoa(BlobSize))
	s.pump(w, r, noise, BlobSize, maxStreamTime)
}

// dripPage is what the slow drip sends, one byte at a time.
const dripPage = "<!doctype html><html lang=en><head><title>Slow drip</title></head><body><p>One byte every two seconds.</p></body></html>\n"

func (s *Server) drip(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(maxStreamTime)
	for i := 0; i < len(dripPage) && time.Now().Before(deadline); i++ {
		if i > 0 && !s.sleep(r.Context().Done(), dripEvery) {
			return
		}
		if _, err := w.Write([]byte{dripPage[i]}); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// The gzip bomb: deflate cannot compress better than about 1032:1, so
// 1 GiB needs about 1 MB of gzip. It is sent as one gzip stream of several
// members: a small one with the page's head, bombMembers copies of one
// member holding 8 MiB of spaces (about 8 KB compressed, the only bomb
// bytes kept in memory), and a small one closing the page. Multi-member
// streams are valid gzip; Go's gzip.Reader reads them by default.
const (
	bombMemberSize = 8 << 20
	bombMembers    = 128 // × 8 MiB = 1 GiB
	// BombSize is how many bytes the gzip bomb expands to.
	BombSize = bombMembers*bombMemberSize + len(bombHeadHTML) + len(bombTailHTML)
)

const (
	bombHeadHTML = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Gzip bomb</title>\n</head>\n<body>\n<p>"
	bombTailHTML = "</p>\n</body>\n</html>\n"
)

var bomb struct {
	once             sync.Once
	head, body, tail []byte // gzip members
}

func bombParts() (head, body, tail []byte) {
	bomb.once.Do(func() {
		member := func(write func(*gzip.Writer)) []byte {
			var b bytes.Buffer
			zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
			if err != nil {
				panic(err)
			}
			write(zw)
			if err := zw.Close(); err != nil {
				panic(err)
			}
			return bytes.Clone(b.Bytes())
		}
		bomb.head = member(func(zw *gzip.Writer) { _, _ = zw.Write([]byte(bombHeadHTML)) })
		bomb.tail = member(func(zw *gzip.Writer) { _, _ = zw.Write([]byte(bombTailHTML)) })
		spaces := bytes.Repeat([]byte{' '}, 64<<10)
		bomb.body = member(func(zw *gzip.Writer) {
			for n := 0; n < bombMemberSize; n += len(spaces) {
				_, _ = zw.Write(spaces)
			}
		})
	})
	return bomb.head, bomb.body, bomb.tail
}

// BombWireSize is the number of compressed bytes the gzip bomb sends.
func BombWireSize() int {
	h, b, t := bombParts()
	return len(h) + bombMembers*len(b) + len(t)
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// gzipBomb serves the bomb; ?members=N (1 to 128) sends a smaller one,
// expanding to N × 8 MiB.
func (s *Server) gzipBomb(w http.ResponseWriter, r *http.Request) {
	members := bombMembers
	if v := r.URL.Query().Get("members"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > bombMembers {
			writePage(w, http.StatusBadRequest, "Bad members", "<p>members is 1 to 128.</p>")
			return
		}
		members = n
	}
	if !acceptsGzip(r) {
		writePage(w, http.StatusOK, "Gzip bomb", "<p>Ask with Accept-Encoding: gzip to get the bomb.</p>")
		return
	}
	head, body, tail := bombParts()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Vary", "Accept-Encoding")
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+members*len(body)+len(tail)))
	if _, err := w.Write(head); err != nil {
		return
	}
	n := int64(members * len(body))
	if s.pump(w, r, body, n, maxStreamTime) == n {
		_, _ = w.Write(tail)
	}
}

// gzipFile serves the bomb as a file: Content-Type application/gzip and no
// Content-Encoding, whatever the client accepts. ?members=N (1 to 128,
// default 4: 33 KB on the wire, under the 64 KiB crawlers may read to keep a
// connection) sets its size: N × 8 MiB expanded.
func (s *Server) gzipFile(w http.ResponseWriter, r *http.Request) {
	members := 4
	if v := r.URL.Query().Get("members"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > bombMembers {
			writePage(w, http.StatusBadRequest, "Bad members", "<p>members is 1 to 128.</p>")
			return
		}
		members = n
	}
	head, body, tail := bombParts()
	w.Header().Set("Content-Type", "application/gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+members*len(body)+len(tail)))
	if _, err := w.Write(head); err != nil {
		return
	}
	n := int64(members * len(body))
	if s.pump(w, r, body, n, maxStreamTime) == n {
		_, _ = w.Write(tail)
	}
}

// --- connections ---

func (s *Server) hijackReset(w http.ResponseWriter, r *http.Request) {
	if c, ok := hijack(w); ok {
		s.resetAfter(c, partialResponse)
	}
}

func (s *Server) hijackHang(w http.ResponseWriter, r *http.Request) {
	if c, ok := hijack(w); ok {
		s.hold(c)
	}
}

// --- character sets ---

func encode(label, s string) []byte {
	enc, _ := charset.Lookup(label)
	if enc == nil {
		panic("hostile: unknown charset " + label)
	}
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic("hostile: encode " + label + ": " + err.Error())
	}
	return b
}

func charsetPage(title, text string) string {
	return "<!doctype html>\n<html>\n<head>\n<title>" + title + "</title>\n</head>\n<body>\n<h1>" +
		title + "</h1>\n<p>" + text + "</p>\n</body>\n</html>\n"
}

var (
	windows1252Page = encode("windows-1252", charsetPage(Windows1252Title, Windows1252Text))
	shiftJISPage    = encode("shift_jis", charsetPage(ShiftJISTitle, ShiftJISText))
	// invalidUTF8Page is windows-1252 text served as UTF-8, with invalid
	// UTF-8 sequences besides: a lone continuation byte, a truncated
	// two-byte sequence, 0xFF 0xFE, an encoded surrogate and an overlong
	// slash.
	invalidUTF8Page = append(encode("windows-1252", charsetPage(InvalidUTF8Title, "Smörgåsbord")),
		[]byte("<p>\x80 \xc3\x28 \xff\xfe \xed\xa0\x80 \xc0\xaf</p>\n")...)
)

// --- HTML ---

const malformedPage = `<!DOCTYPE html>
<html lang=en>
<head>
<title>` + MalformedTitle + `</title>
<body>
<div class=outer><p>An unclosed paragraph <b>bold <i>mis-nested</b> italic</i>
<table><tr><td>a cell<td>another cell
<ul><li>one<li>two
<p><a href="` + MalformedLinkPath + `">a link that works</a>
<p>Attribute soup: <span class="a" class="b" id=x id=y>dup</span>
<script>
  var s = "<a href='` + SwallowedPath + `'>not a link</a>";
  document.write(s);
<p>Everything from here on is inside the script: <a href="` + SwallowedPath + `?after">this link</a> too.
</div>
</body>
</html>
`

func (s *Server) deep(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if _, err := fmt.Fprintf(w, longHead, "Deep DOM"); err != nil {
		return
	}
	chunk := []byte(strings.Repeat("<div>", 1000))
	if s.pump(w, r, chunk, int64(DeepDOMDepth*len("<div>")), maxStreamTime) != int64(DeepDOMDepth*len("<div>")) {
		return
	}
	_, _ = w.Write([]byte("<p>The bottom, 100,000 elements down.</p>\n</body>\n</html>\n"))
}

func (s *Server) manyLinks(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if _, err := fmt.Fprintf(w, longHead, "Many links"); err != nil {
		return
	}
	var b bytes.Buffer
	for i := 0; i < ManyLinks; i++ {
		t := i % ManyLinkTargets
		fmt.Fprintf(&b, "<a href=t%d>t%d</a>\n", t, t)
		if b.Len() >= 32<<10 || i == ManyLinks-1 {
			if _, err := w.Write(b.Bytes()); err != nil || r.Context().Err() != nil || s.closed() {
				return
			}
			b.Reset()
		}
	}
	_, _ = w.Write([]byte("</body>\n</html>\n"))
}

// --- spider traps ---

// calendar serves /calendar?month=YYYY-MM with a "next month" link, always.
func calendar(w http.ResponseWriter, r *http.Request) {
	m := r.URL.Query().Get("month")
	if m == "" {
		m = "2026-01"
	}
	ys, ms, ok := strings.Cut(m, "-")
	y, err1 := strconv.Atoi(ys)
	mo, err2 := strconv.Atoi(ms)
	if !ok || err1 != nil || err2 != nil || y < 1 || y > 1_000_000 || mo < 1 || mo > 12 {
		writePage(w, http.StatusBadRequest, "Bad month", "<p>Use ?month=YYYY-MM.</p>")
		return
	}
	ny, nm := y, mo+1
	if nm > 12 {
		ny, nm = y+1, 1
	}
	next := fmt.Sprintf("/calendar?month=%04d-%02d", ny, nm)
	writePage(w, http.StatusOK, fmt.Sprintf("Calendar %04d-%02d", y, mo),
		fmt.Sprintf("<p>No events this month.</p>\n<p><a href=\"%s\">Next month</a></p>", next))
}

// repeating serves /a/, /a/a/, … each linking to "a/" relatively.
func repeating(w http.ResponseWriter, r *http.Request) {
	segs := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	for _, seg := range segs {
		if seg != "a" {
			notFound(w, r)
			return
		}
	}
	if len(segs) > maxRepeatSegment || !strings.HasSuffix(r.URL.Path, "/") {
		notFound(w, r)
		return
	}
	writePage(w, http.StatusOK, fmt.Sprintf("Level %d", len(segs)),
		`<p>Deeper and deeper.</p>`+"\n"+`<p><a href="a/">One level down</a></p>`)
}

// --- rate limits, flapping, bot walls ---

// flap answers status with Retry-After: 1 for the first ?fails= requests of
// each URL (default 2, at most 5), then 200.
func (s *Server) flap(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fails := 2
		if v := r.URL.Query().Get("fails"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 5 {
				writePage(w, http.StatusBadRequest, "Bad fails", "<p>fails is 0 to 5.</p>")
				return
			}
			fails = n
		}
		key := r.URL.RequestURI()
		s.mu.Lock()
		if len(s.flaky) >= maxFlakyURLs {
			clear(s.flaky)
		}
		served := s.flaky[key]
		if served < fails {
			s.flaky[key] = served + 1
		}
		s.mu.Unlock()
		if served < fails {
			w.Header().Set("Retry-After", "1")
			writePage(w, status, http.StatusText(status), "<p>Try again in a second.</p>")
			return
		}
		writePage(w, http.StatusOK, "Flaky page, served at last",
			fmt.Sprintf("<p>Served after %d refusals with %d.</p>", fails, status))
	}
}

// botWall answers 403 unless the User-Agent looks like a browser's.
func botWall(w http.ResponseWriter, r *http.Request) {
	if !strings.Contains(r.UserAgent(), "Mozilla/") {
		writePage(w, http.StatusForbidden, "Access denied", "<p>Bots are not welcome here.</p>")
		return
	}
	writePage(w, http.StatusOK, "Welcome, browser", "<p>The content behind the bot wall.</p>")
}
