// Package crawler gathers the artifacts of a site audit: it walks a site
// with colly, follows redirects by hand so every hop is recorded, times each
// exchange, extracts links and checks external targets. colly types never
// leave this package.
package crawler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"
	"github.com/rs/zerolog"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Options configures a crawl. The zero value is not useful: start from
// DefaultOptions.
type Options struct {
	Seeds           []string         // start URLs; the first one defines the scope
	AllowSubdomains bool             // subdomains of the seeds' hosts are in scope
	Include         []*regexp.Regexp // in-scope URLs must match one of these (if any)
	Exclude         []*regexp.Regexp // in-scope URLs matching any of these are not fetched
	IgnoreRobots    bool
	NoSitemap       bool
	NoExternal      bool // do not check out-of-scope links
	UserAgent       string

	MaxPages       int           // in-scope page fetches (0: no limit)
	MaxDepth       int           // clicks from a seed (negative: no limit)
	RequestTimeout time.Duration // per attempt, including the body
	MaxBodyBytes   int           // body cap; longer bodies are cut and marked Truncated
	MaxHops        int           // redirect hops followed per chain
	PatternCap     int           // most URLs crawled per query pattern (0: no cap); repeating paths are never crawled
	Concurrency    int           // in-scope workers (external checks get as many again)
	Delay          time.Duration // pause between requests to one host
	Rate           float64       // requests per second per host (0: unlimited)
	Retries        int           // extra attempts on timeouts, resets, 429 and 503
	MaxRetryWait   time.Duration // longest Retry-After honoured

	Header    http.Header // sent to in-scope hosts only
	Cookies   []*http.Cookie
	BasicUser string
	BasicPass string
	BasicAuth bool
	Insecure  bool // accept any TLS certificate
	// AllowPrivate overrides whether private, loopback and link-local
	// addresses may be reached; nil decides from the start URLs (allowed
	// when one of them is on such an address, as staging often is).
	AllowPrivate *bool

	Logger zerolog.Logger
	// OnPage is called from the workers for every parsed HTML page while
	// its Doc and Body are set; it must not keep them.
	OnPage func(ctx context.Context, p *Page)
}

// DefaultOptions returns the defaults used by the CLI.
func DefaultOptions() Options {
	return Options{
		UserAgent:      "uxaudit/dev (+https://github.com/uxaudit/uxaudit)",
		MaxPages:       10000,
		MaxDepth:       -1,
		RequestTimeout: 15 * time.Second,
		MaxBodyBytes:   8 << 20,
		MaxHops:        10,
		PatternCap:     200,
		Concurrency:    8,
		Retries:        2,
		MaxRetryWait:   30 * time.Second,
		Logger:         zerolog.Nop(),
	}
}

// Site is everything a crawl gathered.
type Site struct {
	Seeds   []string          // canonical start URLs
	Hosts   []string          // in-scope hosts
	Fetches map[string]*Fetch // every URL fetched or checked, by canonical URL
	Pages   []*Page           // parsed HTML documents, sorted by URL
	Sitemap []string          // URLs listed in the sitemaps, sorted
	Robots  string            // the robots.txt URL consulted, if any
	// ErrorPage is the answer to a URL that cannot exist; nil when it was
	// not probed (robots.txt, or the audit ended first).
	ErrorPage *ErrorProbe
	MaxHops   int    // redirect hops followed per chain
	CapHits   int    // distinct in-scope URLs left out by the page cap
	Traps     []Trap // URL patterns whose crawl was cut (spider traps)
	Partial   bool   // the crawl was stopped before it finished
	Reason    string // why the crawl is partial
	Started   time.Time
	Finished  time.Time
}

// Page returns the parsed page for a canonical URL, or nil.
func (s *Site) Page(u string) *Page {
	i := sort.Search(len(s.Pages), func(i int) bool { return s.Pages[i].URL >= u })
	if i < len(s.Pages) && s.Pages[i].URL == u {
		return s.Pages[i]
	}
	return nil
}

// Stats is a live view of a crawl's progress.
type Stats struct {
	Pages   int64 // HTML pages parsed
	Fetches int64 // exchanges completed
	Errors  int64 // exchanges that failed or answered 4xx/5xx
	Queued  int   // jobs waiting
}

// Crawler runs one crawl. Create it with New; it is not reusable.
type Crawler struct {
	opts   Options
	log    zerolog.Logger
	scope  *scope
	intern *interner
	// scratch holds *extractScratch: extract's working memory, reused
	// by the workers from page to page.
	scratch sync.Pool
	front   *frontier
	ex      *exchanges

	internal *colly.Collector // in-scope fetches: robots.txt honoured
	external *colly.Collector // external checks: no robots.txt

	mu      sync.Mutex
	fetches map[string]*Fetch
	pages   []*Page
	pageN   int                 // claimed in-scope page fetches
	capped  map[uint64]struct{} // hashes of the URLs left out by the page cap
	traps   map[string]*Trap    // URL patterns seen, by pattern

	nPages, nFetches, nErrors atomic.Int64
}

// New validates the options and prepares a crawl.
func New(opts Options) (*Crawler, error) {
	if len(opts.Seeds) == 0 {
		return nil, errors.New("no start URL")
	}
	if opts.Concurrency < 1 {
		return nil, fmt.Errorf("concurrency must be at least 1, got %d", opts.Concurrency)
	}
	if opts.RequestTimeout <= 0 {
		return nil, fmt.Errorf("request timeout must be positive, got %s", opts.RequestTimeout)
	}
	if opts.MaxHops < 1 {
		opts.MaxHops = 10
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 8 << 20
	}
	c := &Crawler{
		opts:    opts,
		log:     opts.Logger,
		intern:  newInterner(),
		front:   newFrontier(),
		ex:      &exchanges{},
		fetches: make(map[string]*Fetch),
		capped:  make(map[uint64]struct{}),
		traps:   make(map[string]*Trap),
	}
	var seeds []string
	for _, s := range opts.Seeds {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("invalid start URL %q: want an absolute http or https URL", s)
		}
		canon, err := NormalizeURL(u)
		if err != nil {
			return nil, fmt.Errorf("invalid start URL %q: %w", s, err)
		}
		seeds = append(seeds, canon)
	}
	c.opts.Seeds = seeds
	c.scope = newScope(seeds, opts.AllowSubdomains)
	return c, nil
}

// Stats returns the crawl's progress so far; safe to call concurrently.
func (c *Crawler) Stats() Stats {
	return Stats{
		Pages:   c.nPages.Load(),
		Fetches: c.nFetches.Load(),
		Errors:  c.nErrors.Load(),
		Queued:  c.front.pending(),
	}
}

// Run crawls until the frontier is empty, the page cap is reached or ctx
// ends; a crawl stopped by ctx returns what it gathered, marked Partial,
// and no error.
func (c *Crawler) Run(ctx context.Context) (*Site, error) {
	site := &Site{Seeds: c.opts.Seeds, MaxHops: c.opts.MaxHops, Started: time.Now()}
	if err := c.setup(ctx); err != nil {
		return nil, err
	}
	for _, s := range c.opts.Seeds {
		c.enqueue(s, KindPage, 0)
	}
	if !c.opts.NoSitemap {
		site.Robots, site.Sitemap = c.discoverSitemaps(ctx)
		for _, u := range site.Sitemap {
			c.enqueue(u, KindPage, 0)
		}
	}

	stop := context.AfterFunc(ctx, c.front.close)
	defer stop()
	var wg sync.WaitGroup
	for i := 0; i < c.opts.Concurrency; i++ {
		wg.Add(2)
		go func() { defer wg.Done(); c.work(ctx, queueInternal) }()
		go func() { defer wg.Done(); c.work(ctx, queueExternal) }()
	}
	wg.Wait()
	if ctx.Err() == nil {
		site.ErrorPage = c.probeErrorPage(ctx)
	}

	site.Finished = time.Now()
	if err := ctx.Err(); err != nil {
		site.Partial = true
		site.Reason = reason(ctx)
	}
	c.mu.Lock()
	if site.Partial {
		for _, f := range c.fetches {
			if f.Method == "" { // queued, never attempted
				f.ErrKind, f.Err = ErrCanceled, "not fetched: the audit ended first"
			}
		}
	}
	site.Fetches = c.fetches
	site.Pages = c.pages
	site.CapHits = len(c.capped)
	site.Traps = c.trapList()
	site.Hosts = c.scope.list()
	c.mu.Unlock()
	sort.Slice(site.Pages, func(i, j int) bool { return site.Pages[i].URL < site.Pages[j].URL })
	return site, nil
}

func reason(ctx context.Context) string {
	if errors.Is(context.Cause(ctx), context.DeadlineExceeded) {
		return "the audit timeout was reached"
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return cause.Error()
	}
	return "the audit was interrupted"
}

// setup builds the two colly collectors on the shared decorated transport.
func (c *Crawler) setup(ctx context.Context) error {
	o := c.opts
	allowPrivate := seedsArePrivate(ctx, o.Seeds)
	if o.AllowPrivate != nil {
		allowPrivate = *o.AllowPrivate
	}
	var rt http.RoundTripper = newBaseTransport(o.Insecure, o.Concurrency+2, allowPrivate)
	rt = &gunzipTransport{next: rt, limit: int64(o.MaxBodyBytes) + 1}
	rt = &credentialTransport{
		next: rt, inScope: c.scope.contains, header: o.Header, cookies: o.Cookies,
		user: o.BasicUser, pass: o.BasicPass, hasAuth: o.BasicAuth,
	}
	if o.Rate > 0 {
		rt = &paceTransport{next: rt, interval: time.Duration(float64(time.Second) / o.Rate), nextAt: map[string]time.Time{}}
	}
	rt = &hostLimitTransport{next: rt, delay: o.Delay, slots: map[string]chan struct{}{}, parallel: func(host string) int {
		switch {
		case o.Delay > 0:
			return 1
		case c.scope.contains(host):
			return o.Concurrency
		}
		return externalPerHost
	}}
	rt = &retryTransport{next: rt, retries: o.Retries, timeout: o.RequestTimeout, maxWait: o.MaxRetryWait, backoff: 250 * time.Millisecond}
	rt = &traceTransport{next: rt, ex: c.ex}

	col := colly.NewCollector(
		colly.UserAgent(o.UserAgent),
		colly.StdlibContext(ctx),
		colly.MaxBodySize(o.MaxBodyBytes+1), // one byte more tells truncation apart
		colly.ParseHTTPErrorResponse(),
		colly.AllowURLRevisit(), // dedupe is ours: colly marks redirect targets visited
	)
	col.IgnoreRobotsTxt = o.IgnoreRobots
	col.WithTransport(rt)
	// The retry decorator times each attempt; this is the outer bound.
	col.SetRequestTimeout(time.Duration(o.Retries+1)*o.RequestTimeout + o.MaxRetryWait + 5*time.Second)
	col.SetRedirectHandler(func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse })
	register(col)
	ext := col.Clone()
	ext.IgnoreRobotsTxt = true
	register(ext)
	c.internal, c.external = col, ext
	return nil
}

// externalPerHost is the most concurrent requests sent to one external host.
const externalPerHost = 2

// result is what the colly callbacks record for one request.
type result struct {
	mode   readMode
	status int
	header http.Header
	body   []byte
	err    error
}

// readMode says which response bodies a request reads.
type readMode uint8

const (
	readHTML    readMode = iota // successful HTML documents only
	readHeaders                 // none (but small ones, to keep the connection)
	readAll                     // every body, up to the size cap
)

const ctxKey = "uxaudit.result"

// register installs the callbacks that copy colly's view of a response into
// the request's result; all further work happens in the worker.
func register(col *colly.Collector) {
	col.OnResponseHeaders(func(r *colly.Response) {
		res, ok := r.Ctx.GetAny(ctxKey).(*result)
		if !ok {
			return
		}
		res.status = r.StatusCode
		res.header = *r.Headers
		if !wantBody(res.mode, r.StatusCode, r.Headers) {
			r.Request.Abort()
		}
	})
	col.OnResponse(func(r *colly.Response) {
		if res, ok := r.Ctx.GetAny(ctxKey).(*result); ok {
			res.status = r.StatusCode
			res.header = *r.Headers
			res.body = r.Body
		}
	})
	col.OnError(func(r *colly.Response, err error) {
		if res, ok := r.Ctx.GetAny(ctxKey).(*result); ok && !errors.Is(err, colly.ErrAbortedAfterHeaders) {
			res.err = err
		}
	})
}

// wantBody says whether a response body is worth reading: successful HTML
// documents, and small bodies of anything else so that the connection can be
// reused. Other bodies are left unread.
func wantBody(mode readMode, status int, h *http.Header) bool {
	if mode == readAll {
		return true
	}
	if ct := strings.ToLower(h.Get("Content-Type")); strings.Contains(ct, "gzip") || strings.Contains(ct, "zip") {
		return false // never expand an archive just to keep a connection
	}
	if mode == readHTML && status < 300 {
		ct := h.Get("Content-Type")
		if isHTML(ct) || ct == "" {
			return true
		}
	}
	n, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64)
	return err == nil && n >= 0 && n <= smallBody
}

// smallBody is the largest body read only to keep a connection alive.
const smallBody = 64 << 10

func isHTML(contentType string) bool {
	mt, _, _ := strings.Cut(contentType, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// work drains one queue until the crawl is over.
func (c *Crawler) work(ctx context.Context, q int) {
	for {
		j, ok := c.front.pop(q)
		if !ok {
			return
		}
		c.process(ctx, j.fetch)
		c.front.done()
	}
}

// enqueue claims a URL for fetching; it reports false when the URL is
// already known, out of bounds or filtered.
func (c *Crawler) enqueue(u string, kind Kind, depth int) bool {
	if kind != KindExternal && !c.scope.contains(Host(u)) {
		kind = KindExternal
	}
	if kind == KindExternal && c.opts.NoExternal {
		return false
	}
	if kind != KindExternal && !c.allowed(u) {
		return false
	}
	c.mu.Lock()
	if _, seen := c.fetches[u]; seen {
		c.mu.Unlock()
		return false
	}
	if kind == KindPage && c.opts.MaxPages > 0 && c.pageN >= c.opts.MaxPages {
		c.capURL(u)
		c.mu.Unlock()
		return false
	}
	if kind == KindPage && !slices.Contains(c.opts.Seeds, u) && !c.trapCheck(u) {
		c.mu.Unlock()
		return false
	}
	if kind == KindPage {
		c.pageN++
	}
	f := &Fetch{URL: u, Kind: kind, Depth: depth}
	c.fetches[u] = f
	c.mu.Unlock()
	q := queueInternal
	if kind == KindExternal {
		q = queueExternal
	}
	c.front.push(q, job{fetch: f})
	return true
}

func (c *Crawler) allowed(u string) bool {
	for _, re := range c.opts.Exclude {
		if re.MatchString(u) {
			return false
		}
	}
	if len(c.opts.Include) == 0 {
		return true
	}
	for _, re := range c.opts.Include {
		if re.MatchString(u) {
			return true
		}
	}
	// Seeds are always allowed, so an include pattern never empties a crawl.
	return slices.Contains(c.opts.Seeds, u)
}

// claimHop claims the next hop of a redirect chain followed by the same
// worker. It reports false when another chain or page already has it.
func (c *Crawler) claimHop(u string, depth int) (*Fetch, bool) {
	if !c.allowed(u) {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, seen := c.fetches[u]; seen {
		return nil, false
	}
	if c.opts.MaxPages > 0 && c.pageN >= c.opts.MaxPages {
		c.capURL(u)
		return nil, false
	}
	f := &Fetch{URL: u, Kind: KindPage, Depth: depth}
	c.fetches[u] = f
	c.pageN++
	return f, true
}

// capURL records a URL left out by the page cap; c.mu must be held.
func (c *Crawler) capURL(u string) {
	h := fnv.New64a()
	h.Write([]byte(u))
	c.capped[h.Sum64()] = struct{}{}
}

// process fetches one claimed URL, follows its redirect chain by hand while
// the hops are new, and parses the HTML it ends on.
func (c *Crawler) process(ctx context.Context, f *Fetch) {
	seed := f.Depth == 0 && slices.Contains(c.opts.Seeds, f.URL)
	for hop := 0; ; hop++ {
		body := c.fetch(ctx, f)
		if f.Redirect() && f.ErrKind == ErrNone && f.Location != "" {
			if hop+1 > c.opts.MaxHops {
				f.ErrKind, f.Err = ErrTooManyHops, fmt.Sprintf("stopped after %d redirect hops", c.opts.MaxHops)
				return
			}
			if seed && f.Kind == KindPage && !c.scope.contains(Host(f.Location)) {
				// A start URL that redirects to another host (example.com →
				// www.example.com) moves the audit there.
				c.scope.add(Host(f.Location))
			}
			if f.Kind == KindExternal && c.scope.contains(Host(f.Location)) {
				// An external chain (a link shortener) leading back into
				// the site: the target is a page to crawl, not a link to
				// check.
				c.enqueue(f.Location, KindPage, f.Depth)
				return
			}
			if f.Kind == KindExternal || !c.scope.contains(Host(f.Location)) {
				if f.Kind == KindExternal {
					next, ok := c.claimExternalHop(f.Location, f.Depth)
					if !ok {
						return
					}
					f = next
					continue
				}
				c.enqueue(f.Location, KindExternal, f.Depth)
				return
			}
			next, ok := c.claimHop(f.Location, f.Depth)
			if !ok {
				return
			}
			if f.Kind == KindResource {
				next.Kind = KindResource
			}
			f = next
			continue
		}
		if body != nil {
			c.parse(ctx, f, body)
		}
		return
	}
}

func (c *Crawler) claimExternalHop(u string, depth int) (*Fetch, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, seen := c.fetches[u]; seen {
		return nil, false
	}
	f := &Fetch{URL: u, Kind: KindExternal, Depth: depth}
	c.fetches[u] = f
	return f, true
}

// fetch performs the exchange for f through colly and fills f in. It returns
// the body of an HTML page worth parsing, else nil.
func (c *Crawler) fetch(ctx context.Context, f *Fetch) []byte {
	col := c.internal
	f.Method = http.MethodGet
	if f.Kind == KindExternal {
		col = c.external
		f.Method = http.MethodHead
	}
	mode := readHTML
	if f.Kind != KindPage {
		mode = readHeaders
	}
	res := c.do(col, f, mode)
	if f.Kind == KindExternal && res.err == nil && headRefused(res.status) {
		// Some servers refuse HEAD: ask again with GET, headers only.
		f.Method = http.MethodGet
		res = c.do(col, f, readHeaders)
	}
	c.nFetches.Add(1)
	f.Status = res.status
	if res.header != nil {
		f.ContentType = res.header.Get("Content-Type")
		f.RetryAfter = (f.Status == http.StatusTooManyRequests || f.Status == http.StatusServiceUnavailable) &&
			res.header.Get("Retry-After") != ""
		if n, err := strconv.ParseInt(res.header.Get("Content-Length"), 10, 64); err == nil && n >= 0 {
			f.Size = n
		}
		if f.Redirect() {
			c.setLocation(f, res.header.Get("Location"))
		}
	}
	if res.err != nil {
		f.ErrKind, f.Err = classifyColly(res.err), res.err.Error()
		if ctx.Err() != nil && f.ErrKind != ErrRobots {
			f.ErrKind = ErrCanceled
		}
	}
	if (f.Status == http.StatusForbidden || f.Status == 999) && ctx.Err() == nil {
		// Bot walls answer 403 (or LinkedIn's 999) to crawlers only: ask
		// once more as a browser would, to tell them from real refusals.
		probe := &Fetch{URL: f.URL, Kind: f.Kind, Method: http.MethodGet}
		f.BrowserStatus = c.do(col, probe, readHeaders, browserLike).status
	}
	if f.ErrKind != ErrNone && f.ErrKind != ErrRobots || f.Status >= 400 {
		c.nErrors.Add(1)
	}
	if f.Size == 0 && res.body != nil && !f.Truncated && f.Method != http.MethodHead {
		f.Size = f.Bytes
	}
	ev := c.log.Debug().Str("url", f.URL).Str("method", f.Method).Int("status", f.Status)
	if f.Err != "" {
		ev = ev.Str("error", f.Err)
	}
	ev.Dur("ttfb", f.Timing.TTFB).Msg("fetched")
	if res.body == nil || f.Kind != KindPage || f.ErrKind != ErrNone || f.Status >= 300 {
		return nil
	}
	if !isHTML(f.ContentType) && !(f.ContentType == "" && looksHTML(res.body)) {
		return nil
	}
	if isBinary(res.body) {
		f.ErrKind, f.Err = ErrNotHTML, fmt.Sprintf("served as %s but the body is binary (%s)", f.ContentType, http.DetectContentType(res.body))
		return nil
	}
	return res.body
}

// isBinary reports a body that no HTML document could be: control bytes a
// text never holds, in its first 512 bytes.
func isBinary(b []byte) bool {
	if len(b) > 512 {
		b = b[:512]
	}
	for _, c := range b {
		if c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b) {
			return true
		}
	}
	return false
}

func headRefused(status int) bool {
	switch status {
	case http.StatusMethodNotAllowed, http.StatusForbidden, http.StatusNotImplemented,
		http.StatusBadRequest, http.StatusNotFound:
		return true
	}
	return false
}

func looksHTML(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html")
}

// do runs one request through a collector, synchronously.
// browserLike marks a request sent with a browser's headers.
const browserLike = true

// browserUA is the User-Agent of the browser-like re-check of 403 answers.
const browserUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"

func (c *Crawler) do(col *colly.Collector, f *Fetch, mode readMode, asBrowser ...bool) *result {
	res := &result{mode: mode}
	id, e := c.ex.add()
	defer c.ex.remove(id)
	cctx := colly.NewContext()
	cctx.Put(ctxKey, res)
	hdr := http.Header{}
	hdr.Set(exchangeHeader, id)
	hdr.Set("User-Agent", c.opts.UserAgent)
	if f.Kind == KindPage {
		hdr.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
	}
	if len(asBrowser) > 0 && asBrowser[0] {
		hdr.Set("User-Agent", browserUA)
		hdr.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
		hdr.Set("Accept-Language", "en-US,en;q=0.9")
	}
	err := col.Request(f.Method, f.URL, nil, cctx, hdr)
	if err != nil && res.err == nil && !errors.Is(err, colly.ErrAbortedAfterHeaders) {
		res.err = err
	}
	e.finish()
	f.Timing, f.Attempts, f.Bytes, f.Compressed = e.snapshot()
	// colly reads one byte past the cap, so a body that reached it was cut.
	// This counts the bytes received: colly may since have converted the
	// body to UTF-8, which changes its length.
	if f.Bytes > int64(c.opts.MaxBodyBytes) && res.body != nil {
		f.Bytes, f.Truncated = int64(c.opts.MaxBodyBytes), true
	}
	return res
}

func classifyColly(err error) ErrorKind {
	if errors.Is(err, colly.ErrRobotsTxtBlocked) {
		return ErrRobots
	}
	return classify(err)
}

// setLocation resolves a redirect's Location against the URL that sent it.
func (c *Crawler) setLocation(f *Fetch, loc string) {
	if strings.TrimSpace(loc) == "" {
		return
	}
	base, err := url.Parse(f.URL)
	if err != nil {
		return
	}
	canon, _, err := Normalize(base, loc)
	switch {
	case err == nil:
		f.Location = c.intern.get(canon)
	case errors.Is(err, ErrNotFetchable):
		f.Location = strings.TrimSpace(loc)
		f.ErrKind, f.Err = ErrScheme, fmt.Sprintf("redirect to a %s URL, not followed", schemeOf(loc))
	default:
		f.Location = strings.TrimSpace(loc)
		f.ErrKind, f.Err = ErrInvalidTarget, fmt.Sprintf("invalid Location %q: %v", loc, err)
	}
}

// parse decodes and parses an HTML body, extracts its artifacts, runs the
// page hook, then drops the body and DOM and queues the page's links.
func (c *Crawler) parse(ctx context.Context, f *Fetch, body []byte) {
	decoded, cs := decode(body, f.ContentType)
	if !utf8.Valid(decoded) {
		f.BadEncoding = true // the declared or detected charset does not fit the bytes
	}
	root, err := html.Parse(bytes.NewReader(decoded))
	if err != nil {
		f.ErrKind, f.Err = ErrParse, "the HTML could not be parsed: "+err.Error()
		return
	}
	pageURL, _ := url.Parse(f.URL)
	scratch, _ := c.scratch.Get().(*extractScratch)
	if scratch == nil {
		scratch = new(extractScratch)
	}
	ex := extract(root, pageURL, c.intern, scratch)
	c.scratch.Put(scratch)
	p := &Page{
		URL: f.URL, Fetch: f, Depth: f.Depth,
		Title: ex.Title, Description: ex.Description, Canonical: ex.Canonical,
		Lang: ex.Lang, BaseURL: ex.Base.String(), Charset: cs,
		Links: ex.Links, IDs: ex.IDs,
		Doc: goquery.NewDocumentFromNode(root), Body: decoded,
	}
	if c.opts.OnPage != nil {
		c.opts.OnPage(ctx, p)
	}
	p.Doc, p.Body = nil, nil
	c.nPages.Add(1)
	c.mu.Lock()
	c.pages = append(c.pages, p)
	c.mu.Unlock()

	next := f.Depth + 1
	follow := c.opts.MaxDepth < 0 || next <= c.opts.MaxDepth
	for i := range p.Links {
		l := &p.Links[i]
		if !l.Fetchable() {
			continue
		}
		switch {
		case !c.scope.contains(Host(l.URL)):
			c.enqueue(l.URL, KindExternal, next)
		case l.Resource:
			c.enqueue(l.URL, KindResource, next)
		case follow:
			c.enqueue(l.URL, KindPage, next)
		}
	}
}

// decode converts a body to UTF-8: colly already converted bodies whose
// Content-Type names a charset; otherwise a BOM or <meta charset> decides,
// and undeclared bodies that are valid UTF-8 stay as they are.
func decode(body []byte, contentType string) ([]byte, string) {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return body, strings.ToLower(params["charset"])
	}
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && name == "windows-1252" && utf8.Valid(body) {
		return body, "utf-8"
	}
	if name == "utf-8" {
		return body, name
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body, name
	}
	return out, name
}
