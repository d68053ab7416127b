package hostile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

func start(t *testing.T) *Server {
	t.Helper()
	s := New()
	if _, err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// client does not follow redirects, does not decompress, and gives up
// after timeout.
func client(t *testing.T, timeout time.Duration) *http.Client {
	t.Helper()
	tr := &http.Transport{DisableCompression: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{
		Transport:     tr,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func get(t *testing.T, c *http.Client, url string, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", resp.Request.URL, err)
	}
	return b
}

var titleRE = regexp.MustCompile(`(?s)<title>(.*?)</title>`)

func hrefs(t *testing.T, body []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func TestTrapsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, tr := range Traps() {
		if tr.Name == "" || seen[tr.Name] {
			t.Errorf("trap name %q empty or duplicated", tr.Name)
		}
		seen[tr.Name] = true
		if (tr.Path == "") == (tr.Listener == "") {
			t.Errorf("%s: want exactly one of Path and Listener", tr.Name)
		}
		if tr.About == "" {
			t.Errorf("%s: no About", tr.Name)
		}
	}
}

func TestIndexLinksEveryTrap(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	resp := get(t, c, s.URL()+"/")
	links := hrefs(t, readAll(t, resp))
	for _, tr := range Traps() {
		want := tr.Path
		if tr.Listener != "" {
			want = s.ListenerURL(tr.Listener)
			if !strings.HasPrefix(want, "http://127.0.0.1:") {
				t.Errorf("%s: listener URL %q", tr.Name, want)
			}
		}
		found := false
		for _, l := range links {
			found = found || l == want
		}
		if !found {
			t.Errorf("index does not link to %s (%s)", tr.Name, want)
		}
	}
	if got := s.Hits("/"); got != 1 {
		t.Errorf("Hits(/) = %d, want 1", got)
	}
}

func TestIndexWithoutStartOmitsRawTraps(t *testing.T) {
	s := New()
	defer s.Close()
	req, _ := http.NewRequest(http.MethodGet, "http://hostile.test/", nil)
	rec := &recorder{header: http.Header{}}
	s.Handler().ServeHTTP(rec, req)
	if rec.status != 0 && rec.status != 200 {
		t.Fatalf("status %d", rec.status)
	}
	if strings.Contains(rec.body.String(), "raw-blackhole") {
		t.Error("index links to a raw listener that does not exist")
	}
	if !strings.Contains(rec.body.String(), `href="/redirect/loop-a"`) {
		t.Error("index misses the HTTP traps")
	}
}

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) WriteHeader(s int)           { r.status = s }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }

func TestRobots(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	body := string(readAll(t, get(t, c, s.URL()+"/robots.txt")))
	if !strings.Contains(body, "User-agent: *") || !strings.Contains(body, "Disallow: /private/") {
		t.Errorf("robots.txt = %q", body)
	}
	if r := get(t, c, s.URL()+"/private/secret.html"); r.StatusCode != 200 {
		t.Errorf("private page status %d", r.StatusCode)
	}
	if n := s.HitsUnder("/private/"); n != 1 {
		t.Errorf("HitsUnder(/private/) = %d, want 1", n)
	}
	if n := s.Hits("/sitemap.xml"); n != 0 {
		t.Errorf("sitemap hits before any request: %d", n)
	}
	if r := get(t, c, s.URL()+"/sitemap.xml"); r.StatusCode != 404 {
		t.Errorf("/sitemap.xml status %d, want 404", r.StatusCode)
	}
}

func TestRedirects(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	loc := func(path string) (int, string) {
		r := get(t, c, s.URL()+path)
		return r.StatusCode, r.Header.Get("Location")
	}
	if st, l := loc("/redirect/loop-a"); st != 301 || l != "/redirect/loop-b" {
		t.Errorf("loop-a: %d %q", st, l)
	}
	if st, l := loc("/redirect/loop-b"); st != 301 || l != "/redirect/loop-a" {
		t.Errorf("loop-b: %d %q", st, l)
	}
	path, hops := "/redirect/chain/25", 0
	for ; hops < 30; hops++ {
		st, l := loc(path)
		if st == 200 {
			break
		}
		if st != 301 {
			t.Fatalf("%s: status %d", path, st)
		}
		path = l
	}
	if hops != 25 {
		t.Errorf("chain: %d hops, want 25", hops)
	}
	if st, l := loc("/redirect/javascript"); st != 302 || l != "javascript:alert(1)" {
		t.Errorf("javascript: %d %q", st, l)
	}
	if st, l := loc("/redirect/file"); st != 302 || l != "file:///etc/passwd" {
		t.Errorf("file: %d %q", st, l)
	}
}

func TestEndlessBodyStopsWhenTheClientLeaves(t *testing.T) {
	s := start(t)
	c := client(t, 10*time.Second)
	resp := get(t, c, s.URL()+"/body/endless")
	if resp.ContentLength != -1 {
		t.Errorf("Content-Length %d, want none", resp.ContentLength)
	}
	n, err := io.CopyN(io.Discard, resp.Body, 8<<20)
	if err != nil || n != 8<<20 {
		t.Fatalf("read %d bytes: %v", n, err)
	}
	resp.Body.Close()
	waitIdle(t, s)
}

// waitIdle waits until no handler of s is running (the handlers count
// themselves in the server's goroutines; a stream that ignored its client
// would keep one running).
func waitIdle(t *testing.T, s *Server) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if !handlerRunning() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("a handler is still running after its client went away")
}

func handlerRunning() bool {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	st := string(buf[:n])
	for _, fn := range []string{"hostile.(*Server).pump", "hostile.(*Server).drip", "hostile.(*Server).hold", "hostile.(*Server).manyLinks"} {
		if strings.Contains(st, fn) {
			return true
		}
	}
	return false
}

func TestSlowDrip(t *testing.T) {
	s := start(t)
	c := client(t, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 600*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/body/drip", nil)
	t0 := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("headers did not come at once: %v", err)
	}
	defer resp.Body.Close()
	b := make([]byte, 16)
	n, err := resp.Body.Read(b)
	if n != 1 || err != nil || b[0] != '<' {
		t.Fatalf("first read: %d %q %v", n, b[:n], err)
	}
	_, err = resp.Body.Read(b)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second byte came before 600 ms, or another error: %v", err)
	}
	if el := time.Since(t0); el > 2*time.Second {
		t.Errorf("took %s", el)
	}
	waitIdle(t, s)
}

func TestGzipBomb(t *testing.T) {
	s := start(t)
	c := client(t, 10*time.Second)
	head, body, tail := bombParts()
	if len(body) > 16<<10 {
		t.Errorf("bomb member is %d bytes: want about 8 KB", len(body))
	}
	// One member expands to 8 MiB of spaces.
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var spaces int64
	buf := make([]byte, 64<<10)
	for {
		n, err := zr.Read(buf)
		if len(bytes.Trim(buf[:n], " ")) > 0 {
			t.Fatal("bomb member holds something else than spaces")
		}
		spaces += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if spaces != bombMemberSize {
		t.Fatalf("member expands to %d bytes, want %d", spaces, bombMemberSize)
	}
	t.Logf("gzip bomb: member %d bytes (%d MiB of spaces), %d bytes on the wire, %d bytes expanded", len(body), bombMemberSize>>20, BombWireSize(), BombSize)
	if BombSize < 1<<30 {
		t.Errorf("BombSize %d, want at least 1 GiB", BombSize)
	}

	resp := get(t, c, s.URL()+"/body/gzip-bomb", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.ContentLength != int64(BombWireSize()) {
		t.Fatalf("Content-Encoding %q, Content-Length %d (want gzip, %d)",
			resp.Header.Get("Content-Encoding"), resp.ContentLength, BombWireSize())
	}
	wire := readAll(t, resp)
	if BombWireSize() > 2<<20 || len(wire) != BombWireSize() {
		t.Fatalf("read %d compressed bytes, want %d (under 2 MiB)", len(wire), BombWireSize())
	}
	// The wire is head + 128 × the member + tail: it expands to BombSize.
	want := append(append(bytes.Clone(head), bytes.Repeat(body, bombMembers)...), tail...)
	if !bytes.Equal(wire, want) {
		t.Fatal("wire bytes are not head + members + tail")
	}
	// And it is a valid gzip stream that starts with the page's head.
	zr, err = gzip.NewReader(bytes.NewReader(wire))
	if err != nil {
		t.Fatal(err)
	}
	first := make([]byte, len(bombHeadHTML)+100)
	if _, err := io.ReadFull(zr, first); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(first, []byte(bombHeadHTML)) {
		t.Errorf("bomb starts with %q", first)
	}

	plain := get(t, c, s.URL()+"/body/gzip-bomb")
	if plain.Header.Get("Content-Encoding") != "" || len(readAll(t, plain)) > 4<<10 {
		t.Error("a client that does not accept gzip still got the bomb")
	}
	if acceptsGzip(&http.Request{Header: http.Header{"Accept-Encoding": {"gzip;q=0, br"}}}) {
		t.Error("gzip;q=0 accepted")
	}
}

func TestGzipFile(t *testing.T) {
	s := start(t)
	c := client(t, 10*time.Second)
	_, body, _ := bombParts()
	resp := get(t, c, s.URL()+"/body/bomb.gz", "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Type") != "application/gzip" || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("Content-Type %q, Content-Encoding %q", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"))
	}
	wire := readAll(t, resp)
	if len(wire) >= 64<<10 || resp.ContentLength != int64(len(wire)) {
		t.Errorf("%d bytes (Content-Length %d): want under 64 KiB, the size crawlers read to keep a connection", len(wire), resp.ContentLength)
	}
	if n := bytes.Count(wire, body); n != 4 {
		t.Errorf("%d bomb members, want 4 (32 MiB)", n)
	}
	if r := get(t, c, s.URL()+"/body/bomb.gz?members=2"); r.ContentLength >= int64(3*len(body)) {
		t.Errorf("members=2: %d bytes", r.ContentLength)
	}
	if r := get(t, c, s.URL()+"/body/bomb.gz?members=0"); r.StatusCode != 400 {
		t.Errorf("members=0: %d", r.StatusCode)
	}
	if r := get(t, c, s.URL()+"/body/gzip-bomb?members=1", "Accept-Encoding", "gzip"); r.ContentLength >= int64(2*len(body)) {
		t.Errorf("gzip-bomb?members=1: %d bytes", r.ContentLength)
	}
}

func TestHugeAndBlob(t *testing.T) {
	s := start(t)
	c := client(t, 20*time.Second)
	huge := get(t, c, s.URL()+"/body/huge.html")
	b := readAll(t, huge)
	if len(b) != HugeSize || huge.ContentLength != HugeSize {
		t.Errorf("huge page: %d bytes, Content-Length %d, want %d", len(b), huge.ContentLength, HugeSize)
	}
	if !bytes.HasPrefix(b, []byte("<!doctype html>")) || !bytes.HasSuffix(b, []byte("</html>\n")) {
		t.Error("huge page is not a whole HTML document")
	}
	blob := get(t, c, s.URL()+"/body/blob")
	b = readAll(t, blob)
	if len(b) != BlobSize || blob.Header.Get("Content-Type") != "text/html" {
		t.Errorf("blob: %d bytes as %q", len(b), blob.Header.Get("Content-Type"))
	}
	if utf8.Valid(b) || strings.HasPrefix(http.DetectContentType(b), "text/") {
		t.Errorf("blob looks like text (%s)", http.DetectContentType(b))
	}
}

func isReset(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF)
}

func TestResetMidBody(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	url := s.URL() + "/conn/reset"
	resp := get(t, c, url)
	if resp.StatusCode != 200 || resp.ContentLength != 1<<20 {
		t.Fatalf("%s: status %d, length %d", url, resp.StatusCode, resp.ContentLength)
	}
	n, err := io.Copy(io.Discard, resp.Body)
	if !isReset(err) {
		t.Errorf("%s: body ended with %v, want a reset", url, err)
	}
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Logf("%s: %v (not ECONNRESET)", url, err)
	}
	if n == 0 || n >= 1<<20 {
		t.Errorf("%s: read %d bytes before the reset", url, n)
	}
	// The raw listener resets inside the headers: HEAD fails as GET does.
	for _, method := range []string{http.MethodHead, http.MethodGet} {
		req, _ := http.NewRequest(method, s.ListenerURL(ListenerReset), nil)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Errorf("raw reset, %s: status %d, want an error", method, resp.StatusCode)
		} else if !isReset(err) {
			t.Errorf("raw reset, %s: %v, want a reset", method, err)
		}
	}
	if s.Hits("tcp:"+ListenerReset) < 2 || s.Hits("/conn/reset") != 1 {
		t.Errorf("counters: %v", s.Counts())
	}
}

func TestNeverAnswers(t *testing.T) {
	s := start(t)
	c := client(t, 300*time.Millisecond)
	for _, url := range []string{s.URL() + "/conn/hang", s.ListenerURL(ListenerBlackhole)} {
		t0 := time.Now()
		_, err := c.Get(url)
		var ne net.Error
		if err == nil || !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("%s: %v, want a timeout", url, err)
		}
		if el := time.Since(t0); el > 2*time.Second {
			t.Errorf("%s: gave up after %s", url, el)
		}
	}
	if s.Hits("tcp:"+ListenerBlackhole) != 1 {
		t.Errorf("blackhole accepts = %d", s.Hits("tcp:"+ListenerBlackhole))
	}
	waitIdle(t, s) // the client went away: the held connections are let go
}

func TestHeldConnectionsAreCapped(t *testing.T) {
	s := start(t)
	addr := strings.TrimSuffix(strings.TrimPrefix(s.ListenerURL(ListenerBlackhole), "http://"), "/")
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	// The ones over the cap are reset at once (sometimes so fast that the
	// dial itself fails).
	var closed atomic.Int64
	for i := 0; i < maxHeld+8; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			if !errors.Is(err, syscall.ECONNRESET) {
				t.Fatal(err)
			}
			closed.Add(1)
			continue
		}
		conns = append(conns, c)
	}
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
			if _, err := c.Read(make([]byte, 1)); err != nil && !isTimeout(err) {
				closed.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := closed.Load(); n != 8 {
		t.Errorf("%d connections were closed at once, want the 8 over the cap", n)
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func title(t *testing.T, b []byte) string {
	t.Helper()
	m := titleRE.FindSubmatch(b)
	if m == nil {
		t.Fatalf("no title in %q", b[:min(len(b), 200)])
	}
	return string(m[1])
}

func decodeAs(t *testing.T, b []byte, label string) []byte {
	t.Helper()
	enc, _ := charset.Lookup(label)
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCharsets(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	for _, tt := range []struct {
		path, label, ct, title, text string
	}{
		{"/charset/windows-1252", "windows-1252", "text/html; charset=windows-1252", Windows1252Title, Windows1252Text},
		{"/charset/shift-jis", "shift_jis", "text/html; charset=Shift_JIS", ShiftJISTitle, ShiftJISText},
	} {
		resp := get(t, c, s.URL()+tt.path)
		if got := resp.Header.Get("Content-Type"); got != tt.ct {
			t.Errorf("%s: Content-Type %q", tt.path, got)
		}
		raw := readAll(t, resp)
		if utf8.Valid(raw) {
			t.Errorf("%s: the bytes are valid UTF-8: not really %s", tt.path, tt.label)
		}
		// What a browser does: decode by the declared charset.
		r, err := charset.NewReader(bytes.NewReader(raw), tt.ct)
		if err != nil {
			t.Fatal(err)
		}
		dec, _ := io.ReadAll(r)
		if got := title(t, dec); got != tt.title {
			t.Errorf("%s: title %q, want %q", tt.path, got, tt.title)
		}
		if !bytes.Contains(dec, []byte("<p>"+tt.text+"</p>")) {
			t.Errorf("%s: text %q not found in %q", tt.path, tt.text, dec)
		}
	}

	resp := get(t, c, s.URL()+"/charset/invalid-utf8")
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("invalid-utf8: Content-Type %q", ct)
	}
	raw := readAll(t, resp)
	if utf8.Valid(raw) {
		t.Error("invalid-utf8 page is valid UTF-8")
	}
	if got := title(t, decodeAs(t, raw, "windows-1252")); got != InvalidUTF8Title {
		t.Errorf("invalid-utf8 read as windows-1252: title %q, want %q", got, InvalidUTF8Title)
	}
	for _, seq := range []string{"\xc3\x28", "\xff\xfe", "\xed\xa0\x80", "\xc0\xaf"} {
		if !bytes.Contains(raw, []byte(seq)) {
			t.Errorf("invalid-utf8 page lacks the sequence %q", seq)
		}
	}
}

func TestMalformedHTML(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	raw := readAll(t, get(t, c, s.URL()+"/html/malformed"))
	if bytes.Contains(raw, []byte("</script>")) {
		t.Fatal("the script is terminated")
	}
	links := hrefs(t, raw)
	if len(links) != 1 || links[0] != MalformedLinkPath {
		t.Errorf("an HTML5 parser finds links %q, want only %s", links, MalformedLinkPath)
	}
	if !bytes.Contains(raw, []byte(SwallowedPath)) {
		t.Error("the swallowed link is missing from the source")
	}
	for _, p := range []string{MalformedLinkPath, SwallowedPath} {
		if r := get(t, c, s.URL()+p); r.StatusCode != 200 {
			t.Errorf("%s: %d", p, r.StatusCode)
		}
	}
}

func TestDeepDOM(t *testing.T) {
	s := start(t)
	c := client(t, 10*time.Second)
	raw := readAll(t, get(t, c, s.URL()+"/html/deep"))
	if n := bytes.Count(raw, []byte("<div>")); n != DeepDOMDepth {
		t.Errorf("%d <div>s, want %d", n, DeepDOMDepth)
	}
	if bytes.Contains(raw, []byte("</div>")) {
		t.Error("the divs are closed: the page would be over 1 MiB")
	}
	if len(raw) > 1<<20 {
		t.Errorf("deep page is %d bytes: over a 1 MiB body cap", len(raw))
	}
}

func TestManyLinks(t *testing.T) {
	s := start(t)
	c := client(t, 10*time.Second)
	raw := readAll(t, get(t, c, s.URL()+"/html/links/"))
	if len(raw) > 1<<20 {
		t.Errorf("many-links page is %d bytes: over a 1 MiB body cap", len(raw))
	}
	links := hrefs(t, raw)
	distinct := map[string]bool{}
	for _, l := range links {
		distinct[l] = true
	}
	if len(links) != ManyLinks || len(distinct) != ManyLinkTargets {
		t.Errorf("%d links to %d targets, want %d to %d", len(links), len(distinct), ManyLinks, ManyLinkTargets)
	}
	for l := range distinct {
		if r := get(t, c, s.URL()+"/html/links/"+l); r.StatusCode != 200 {
			t.Errorf("target %s: %d", l, r.StatusCode)
		}
	}
}

func TestSpiderTraps(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	path := "/calendar?month=2026-11"
	for i := 0; i < 3; i++ {
		resp := get(t, c, s.URL()+path)
		raw := readAll(t, resp)
		links := hrefs(t, raw)
		if resp.StatusCode != 200 || len(links) != 1 {
			t.Fatalf("%s: %d, links %q", path, resp.StatusCode, links)
		}
		path = links[0]
	}
	if path != "/calendar?month=2027-02" {
		t.Errorf("three months after 2026-11: %s", path)
	}
	if r := get(t, c, s.URL()+"/calendar?month=2026-13"); r.StatusCode != 400 {
		t.Errorf("bad month: %d", r.StatusCode)
	}
	if s.Hits("/calendar") != 4 {
		t.Errorf("Hits(/calendar) = %d", s.Hits("/calendar"))
	}

	deep := "/" + strings.Repeat("a/", 5)
	resp := get(t, c, s.URL()+deep)
	if links := hrefs(t, readAll(t, resp)); resp.StatusCode != 200 || len(links) != 1 || links[0] != "a/" {
		t.Errorf("%s: %d %q", deep, resp.StatusCode, links)
	}
	for _, p := range []string{"/a/b/", "/a/a", "/" + strings.Repeat("a/", maxRepeatSegment+1)} {
		if r := get(t, c, s.URL()+p); r.StatusCode != 404 {
			t.Errorf("%.20s…: %d, want 404", p, r.StatusCode)
		}
	}
}

func TestFlakyAndRateLimited(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	for _, tt := range []struct {
		path   string
		status int
		fails  int
	}{
		{"/flaky/503", 503, 2},
		{"/flaky/503?fails=1", 503, 1},
		{"/flaky/429", 429, 2},
		{"/flaky/429?x=other-url", 429, 2},
	} {
		for i := 0; i <= tt.fails; i++ {
			resp := get(t, c, s.URL()+tt.path)
			want := tt.status
			if i == tt.fails {
				want = 200
			}
			if resp.StatusCode != want {
				t.Errorf("%s, request %d: %d, want %d", tt.path, i+1, resp.StatusCode, want)
			}
			if ra := resp.Header.Get("Retry-After"); (want != 200) != (ra == "1") {
				t.Errorf("%s, request %d: Retry-After %q", tt.path, i+1, ra)
			}
		}
	}
	if r := get(t, c, s.URL()+"/flaky/503?fails=9"); r.StatusCode != 400 {
		t.Errorf("fails=9: %d", r.StatusCode)
	}
}

func TestBotWall(t *testing.T) {
	s := start(t)
	c := client(t, 5*time.Second)
	for ua, want := range map[string]int{
		"uxaudit/dev (+https://github.com/uxaudit/uxaudit)": 403,
		"":         403,
		"curl/8.0": 403,
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126 Safari/537": 200,
	} {
		if r := get(t, c, s.URL()+"/botwall", "User-Agent", ua); r.StatusCode != want {
			t.Errorf("User-Agent %q: %d, want %d", ua, r.StatusCode, want)
		}
	}
}

func TestCountersAreSafeAndBounded(t *testing.T) {
	s := New()
	defer s.Close()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				s.count(fmt.Sprintf("/p/%d", i))
				_ = s.Hits("/p/1")
			}
		}()
	}
	wg.Wait()
	if s.Total() != 16000 || s.Hits("/p/1") != 8 || s.HitsUnder("/p/") != 16000 {
		t.Errorf("total %d, /p/1 %d, /p/ %d", s.Total(), s.Hits("/p/1"), s.HitsUnder("/p/"))
	}
	for i := 0; i < maxCountedPaths+10; i++ {
		s.count(fmt.Sprintf("/q/%d", i))
	}
	if len(s.Counts()) > maxCountedPaths+1 || s.Hits(OtherPaths) == 0 {
		t.Errorf("%d keys, %d in %s", len(s.Counts()), s.Hits(OtherPaths), OtherPaths)
	}
}

func TestCloseEndsEverything(t *testing.T) {
	s := New()
	base, err := s.Start()
	if err != nil {
		t.Fatal(err)
	}
	c := client(t, 0)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for _, url := range []string{base + "/conn/hang", s.ListenerURL(ListenerBlackhole), base + "/body/drip", base + "/body/endless"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := c.Get(url)
			if err != nil {
				errs <- nil // ended before the headers: fine
				return
			}
			defer resp.Body.Close()
			_, err = io.Copy(io.Discard, resp.Body)
			errs <- err
		}()
	}
	time.Sleep(300 * time.Millisecond)
	t0 := time.Now()
	s.Close()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("clients still blocked 5 s after Close")
	}
	if el := time.Since(t0); el > 2*time.Second {
		t.Errorf("Close and its effects took %s", el)
	}
	if handlerRunning() {
		t.Error("a trap still runs after Close")
	}
	if _, err := c.Get(base + "/"); err == nil {
		t.Error("the server still answers after Close")
	}
}

// TestServerMemoryStaysSmall reads the heavy traps in full (or for many
// megabytes) and checks that the server's heap does not grow with what it
// sends. Client and server share the process, but the client only ever
// holds a small buffer.
func TestServerMemoryStaysSmall(t *testing.T) {
	s := start(t)
	c := client(t, 30*time.Second)
	_ = BombWireSize() // build the bomb before the baseline
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tk := time.NewTicker(5 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tk.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc)
			}
		}
	}()
	read := func(path string, limit int64, header ...string) int64 {
		req, _ := http.NewRequest(http.MethodGet, s.URL()+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return 0
		}
		n, err := io.CopyN(io.Discard, bufio.NewReaderSize(resp.Body, 32<<10), limit)
		if err != nil && err != io.EOF {
			t.Errorf("%s: %v", path, err)
		}
		resp.Body.Close()
		return n
	}
	var wg sync.WaitGroup
	for _, p := range []struct {
		path  string
		limit int64
		hdr   []string
	}{
		{"/body/endless", 32 << 20, nil},
		{"/body/huge.html", HugeSize, nil},
		{"/body/blob", BlobSize, nil},
		{"/body/gzip-bomb", 4 << 20, []string{"Accept-Encoding", "gzip"}},
		{"/html/deep", 1 << 20, nil},
		{"/html/links/", 1 << 20, nil},
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if n := read(p.path, p.limit, p.hdr...); n < min(p.limit, 400<<10) {
				t.Errorf("%s: read only %d bytes", p.path, n)
			}
		}()
	}
	wg.Wait()
	close(stop)
	<-sampled
	growth := int64(peak) - int64(base)
	t.Logf("heap: base %d KiB, peak %d KiB, growth %d KiB", base>>10, peak>>10, growth>>10)
	if growth > 32<<20 {
		t.Errorf("heap grew by %d MiB while serving the heavy traps: want under 32 MiB", growth>>20)
	}
}
