package crawler

import (
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// The HTTP stack under colly is a chain of small RoundTripper decorators,
// outermost first: trace (timings) → retry (backoff, Retry-After, per-attempt
// timeout) → pace (per-host rate) → credentials (only to in-scope hosts) →
// http.Transport.

// exchangeHeader carries the id of a request's exchange record from the
// crawler through colly to the trace decorator, which removes it before the
// request leaves the process.
const exchangeHeader = "X-Uxaudit-Exchange"

// exchange collects what the decorators observe about one logical request.
type exchange struct {
	mu       sync.Mutex
	start    time.Time
	dnsStart time.Time
	conStart time.Time
	tlsStart time.Time
	timing   Timing
	attempts int
	bytes    int64
	done     bool
	// compressed is set when the body came gzip-encoded: a body cut at
	// the cap was then cut after decompression.
	compressed bool
}

func (e *exchange) set(f func(e *exchange)) {
	e.mu.Lock()
	f(e)
	e.mu.Unlock()
}

func (e *exchange) clientTrace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		DNSStart: func(httptrace.DNSStartInfo) { e.set(func(e *exchange) { e.dnsStart = time.Now() }) },
		DNSDone: func(httptrace.DNSDoneInfo) {
			e.set(func(e *exchange) { e.timing.DNS = time.Since(e.dnsStart) })
		},
		ConnectStart: func(string, string) { e.set(func(e *exchange) { e.conStart = time.Now() }) },
		ConnectDone: func(string, string, error) {
			e.set(func(e *exchange) { e.timing.Connect = time.Since(e.conStart) })
		},
		TLSHandshakeStart: func() { e.set(func(e *exchange) { e.tlsStart = time.Now() }) },
		TLSHandshakeDone: func(tls.ConnectionState, error) {
			e.set(func(e *exchange) { e.timing.TLS = time.Since(e.tlsStart) })
		},
		GotFirstResponseByte: func() {
			e.set(func(e *exchange) { e.timing.TTFB = time.Since(e.start) })
		},
	}
}

// finish records the end of the body.
func (e *exchange) finish() {
	e.set(func(e *exchange) {
		if e.done {
			return
		}
		e.done = true
		e.timing.Total = time.Since(e.start)
		if e.timing.TTFB > 0 {
			e.timing.Download = e.timing.Total - e.timing.TTFB
		}
	})
}

func (e *exchange) snapshot() (Timing, int, int64, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.timing, e.attempts, e.bytes, e.compressed
}

// exchanges maps ids to exchange records for the trace decorator.
type exchanges struct {
	next atomic.Uint64
	m    sync.Map
}

func (x *exchanges) add() (string, *exchange) {
	id := strconv.FormatUint(x.next.Add(1), 36)
	e := &exchange{}
	x.m.Store(id, e)
	return id, e
}

func (x *exchanges) remove(id string) { x.m.Delete(id) }

type exchangeKey struct{}

func exchangeFrom(ctx context.Context) *exchange {
	e, _ := ctx.Value(exchangeKey{}).(*exchange)
	return e
}

// traceTransport attaches httptrace timing to requests that carry an
// exchange id, and measures the body download.
type traceTransport struct {
	next http.RoundTripper
	ex   *exchanges
}

func (t *traceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	id := req.Header.Get(exchangeHeader)
	if id == "" {
		return t.next.RoundTrip(req)
	}
	v, ok := t.ex.m.Load(id)
	ctx := req.Context()
	var e *exchange
	if ok {
		e = v.(*exchange)
		ctx = httptrace.WithClientTrace(ctx, e.clientTrace())
		ctx = context.WithValue(ctx, exchangeKey{}, e)
		e.set(func(e *exchange) { e.start = time.Now() })
	}
	r := req.Clone(ctx)
	r.Header.Del(exchangeHeader)
	resp, err := t.next.RoundTrip(r)
	if e != nil {
		if err != nil || resp == nil {
			e.finish()
		} else {
			resp.Body = &countingBody{ReadCloser: resp.Body, e: e}
		}
	}
	return resp, err
}

// countingBody counts body bytes and marks the end of the download.
type countingBody struct {
	io.ReadCloser
	e *exchange
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.e.set(func(e *exchange) { e.bytes += int64(n) })
	}
	if err != nil {
		b.e.finish()
	}
	return n, err
}

func (b *countingBody) Close() error {
	b.e.finish()
	return b.ReadCloser.Close()
}

// retryTransport gives every attempt its own timeout (covering the body
// read) and retries timeouts, resets, 429 and 503 with exponential backoff,
// honouring Retry-After up to maxWait.
type retryTransport struct {
	next    http.RoundTripper
	retries int
	timeout time.Duration
	maxWait time.Duration
	backoff time.Duration
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	parent := req.Context()
	for attempt := 0; ; attempt++ {
		actx, cancel := context.WithTimeout(parent, t.timeout)
		if e := exchangeFrom(parent); e != nil {
			e.set(func(e *exchange) { e.attempts = attempt + 1 })
		}
		r := req.WithContext(actx)
		resp, err := t.next.RoundTrip(r)
		canRetry := attempt < t.retries && parent.Err() == nil && (req.Body == nil || req.GetBody != nil)
		wait, retry := t.decide(resp, err, attempt)
		if !canRetry || !retry {
			if resp != nil {
				resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
			} else {
				cancel()
			}
			return resp, err
		}
		if resp != nil {
			_, _ = io.CopyN(io.Discard, resp.Body, 4<<10)
			resp.Body.Close()
		}
		cancel()
		if req.GetBody != nil {
			body, gerr := req.GetBody()
			if gerr != nil {
				return nil, gerr
			}
			req = req.Clone(parent)
			req.Body = body
		}
		timer := time.NewTimer(wait)
		select {
		case <-parent.Done():
			timer.Stop()
			return nil, parent.Err()
		case <-timer.C:
		}
	}
}

// decide says whether an attempt's outcome is worth retrying, and after how
// long.
func (t *retryTransport) decide(resp *http.Response, err error, attempt int) (time.Duration, bool) {
	backoff := t.backoff << attempt
	if err != nil {
		switch classify(err) {
		case ErrTimeout, ErrReset:
			return backoff, true
		}
		return 0, false
	}
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0, false
	}
	if ra, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		if ra > t.maxWait {
			return 0, false // the server asks for more patience than we have
		}
		if ra > backoff {
			return ra, true
		}
	}
	return backoff, true
}

// parseRetryAfter reads a Retry-After value in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// paceTransport spaces requests to each host at least interval apart.
type paceTransport struct {
	next     http.RoundTripper
	interval time.Duration
	mu       sync.Mutex
	nextAt   map[string]time.Time
}

func (t *paceTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.interval > 0 {
		t.mu.Lock()
		now := time.Now()
		at := t.nextAt[req.URL.Host]
		if at.Before(now) {
			at = now
		}
		t.nextAt[req.URL.Host] = at.Add(t.interval)
		t.mu.Unlock()
		if d := time.Until(at); d > 0 {
			timer := time.NewTimer(d)
			select {
			case <-req.Context().Done():
				timer.Stop()
				return nil, req.Context().Err()
			case <-timer.C:
			}
		}
	}
	return t.next.RoundTrip(req)
}

// credentialTransport adds the user's headers, cookies and basic auth to
// requests for in-scope hosts only, and strips any Authorization header from
// requests to other hosts.
type credentialTransport struct {
	next    http.RoundTripper
	inScope func(host string) bool
	header  http.Header
	cookies []*http.Cookie
	user    string
	pass    string
	hasAuth bool
}

func (t *credentialTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.inScope(req.URL.Host) {
		if req.Header.Get("Authorization") != "" {
			req = req.Clone(req.Context())
			req.Header.Del("Authorization")
		}
		return t.next.RoundTrip(req)
	}
	if len(t.header) == 0 && len(t.cookies) == 0 && !t.hasAuth {
		return t.next.RoundTrip(req)
	}
	req = req.Clone(req.Context())
	for k, vs := range t.header {
		req.Header.Del(k)
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	for _, c := range t.cookies {
		req.AddCookie(c)
	}
	if t.hasAuth {
		req.SetBasicAuth(t.user, t.pass)
	}
	return t.next.RoundTrip(req)
}

// classify maps a transport error to an ErrorKind.
func classify(err error) ErrorKind {
	if err == nil {
		return ErrNone
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case errors.Is(err, ErrPrivateAddress):
		return ErrPrivate
	case errors.Is(err, context.Canceled):
		return ErrCanceled
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, http.ErrHandlerTimeout):
		return ErrTimeout
	case errors.As(err, &dnsErr):
		return ErrDNS
	case errors.Is(err, syscall.ECONNREFUSED):
		return ErrRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.EPIPE):
		return ErrReset
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr),
		errors.As(err, &invalidErr), errors.As(err, &recordErr):
		return ErrTLS
	case errors.As(err, &netErr) && netErr.Timeout():
		return ErrTimeout
	case errors.Is(err, io.EOF):
		return ErrReset
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "connection reset"), strings.Contains(msg, "server closed"):
		return ErrReset
	case strings.Contains(msg, "tls:"), strings.Contains(msg, "x509:"):
		return ErrTLS
	case strings.Contains(msg, "malformed HTTP"), strings.Contains(msg, "http2:"):
		return ErrProtocol
	}
	return ErrNetwork
}

// newBaseTransport returns the http.Transport at the bottom of the stack.
// Unless allowPrivate, it refuses to connect to private addresses.
func newBaseTransport(insecure bool, perHost int, allowPrivate bool) *http.Transport {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	guardDialer(dialer, allowPrivate)
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   perHost,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		// #nosec G402 -- opt-in with --insecure for self-signed staging servers.
		TLSClientConfig: &tls.Config{InsecureSkipVerify: insecure},
	}
}

// hostLimitTransport bounds concurrent requests per host and, with a delay,
// holds a host's slot for that long after each response. It replaces colly's
// LimitRule, whose rules cannot be added safely once a crawl runs (the rule
// is published before it is initialised) and whose glob rules share one pool
// of slots among all the hosts they match.
type hostLimitTransport struct {
	next     http.RoundTripper
	parallel func(host string) int
	delay    time.Duration
	mu       sync.Mutex
	slots    map[string]chan struct{}
}

func (t *hostLimitTransport) slot(host string) chan struct{} {
	t.mu.Lock()
	defer t.mu.Unlock()
	s, ok := t.slots[host]
	if !ok {
		s = make(chan struct{}, max(t.parallel(host), 1))
		t.slots[host] = s
	}
	return s
}

func (t *hostLimitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s := t.slot(req.URL.Host)
	select {
	case s <- struct{}{}:
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			if t.delay > 0 {
				time.AfterFunc(t.delay, func() { <-s })
				return
			}
			<-s
		})
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp == nil {
		release()
		return resp, err
	}
	resp.Body = &releaseBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

type releaseBody struct {
	io.ReadCloser
	release func()
}

func (b *releaseBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		b.release()
	}
	return n, err
}

func (b *releaseBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// gunzipTransport bounds decompression. Go's transport decompresses gzip
// lazily, so the body cap bounds it; but when a request sets its own
// Accept-Encoding, or a gzip file comes without Content-Encoding (colly then
// gunzips it whole, after its size limit), nothing would. This decorator
// takes such bodies over: it decompresses them itself, at most limit bytes,
// and marks the response uncompressed so that colly leaves it alone.
type gunzipTransport struct {
	next  http.RoundTripper
	limit int64
}

func (t *gunzipTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil || resp == nil || resp.Uncompressed {
		if e := exchangeFrom(req.Context()); e != nil && resp != nil && resp.Uncompressed {
			e.set(func(e *exchange) { e.compressed = true })
		}
		return resp, err
	}
	enc := strings.ToLower(resp.Header.Get("Content-Encoding"))
	ct := strings.ToLower(resp.Header.Get("Content-Type"))
	gz := strings.Contains(enc, "gzip") ||
		enc == "" && (strings.Contains(ct, "gzip") || strings.HasSuffix(strings.ToLower(req.URL.Path), ".gz"))
	if !gz || req.Method == http.MethodHead {
		return resp, nil
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		resp.Body.Close()
		return nil, fmt.Errorf("gzip body: %w", err)
	}
	if e := exchangeFrom(req.Context()); e != nil {
		e.set(func(e *exchange) { e.compressed = true })
	}
	resp.Body = &gunzipBody{Reader: io.LimitReader(zr, t.limit), raw: resp.Body}
	resp.Header.Del("Content-Encoding")
	resp.Header.Del("Content-Length")
	resp.ContentLength = -1
	resp.Uncompressed = true
	return resp, nil
}

type gunzipBody struct {
	io.Reader
	raw io.ReadCloser
}

func (b *gunzipBody) Close() error { return b.raw.Close() }
