// Command floor is the benchmark "floor": the least work a same-origin link
// crawler can do. It fetches every same-origin URL exactly once (deduplicated
// on the URL without its fragment) with a fixed pool of workers, tokenizes
// HTML for href/src attributes, resolves and queues the same-origin ones, and
// does nothing else. Non-HTML resources are fetched with GET and discarded.
// Redirects are not followed automatically: the Location is queued like any
// other link, so each URL is still fetched once.
//
// Usage: floor -concurrency 8 http://127.0.0.1:PORT/
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"
)

type crawler struct {
	origin *url.URL
	client *http.Client

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []string
	seen    map[string]struct{}
	pending int // queued + in flight

	// counters, guarded by mu
	fetched, htmlPages, other int
	byClass                   [6]int // index = status/100
	transportErrs             int
	bytes                     int64
	firstErr                  error
}

func main() {
	conc := flag.Int("concurrency", 8, "number of fetch workers")
	timeout := flag.Duration("timeout", 30*time.Second, "per-request timeout")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: floor [-concurrency N] [-timeout D] URL\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *conc < 1 {
		flag.Usage()
		os.Exit(2)
	}
	start, err := url.Parse(flag.Arg(0))
	if err != nil || (start.Scheme != "http" && start.Scheme != "https") || start.Host == "" {
		fmt.Fprintf(os.Stderr, "floor: bad start URL %q\n", flag.Arg(0))
		os.Exit(2)
	}
	start.Fragment, start.RawFragment = "", ""
	if start.Path == "" {
		start.Path = "/"
	}

	c := newCrawler(start, *conc, *timeout)
	wall := c.run(*conc)

	errs := c.transportErrs + c.byClass[4] + c.byClass[5]
	fmt.Printf("pages fetched: %d (html %d, other %d)\n", c.fetched, c.htmlPages, c.other)
	fmt.Printf("status: 2xx %d, 3xx %d, 4xx %d, 5xx %d; transport errors %d\n",
		c.byClass[2], c.byClass[3], c.byClass[4], c.byClass[5], c.transportErrs)
	fmt.Printf("errors: %d\n", errs)
	fmt.Printf("bytes: %d\n", c.bytes)
	fmt.Printf("wall time: %.3fs (%.0f fetches/s, %.0f html pages/s)\n",
		wall.Seconds(), float64(c.fetched)/wall.Seconds(), float64(c.htmlPages)/wall.Seconds())
	if c.firstErr != nil {
		fmt.Fprintln(os.Stderr, "floor: first transport error:", c.firstErr)
	}
	if c.fetched == 0 || c.fetched == c.transportErrs {
		os.Exit(1)
	}
}

func newCrawler(start *url.URL, conc int, timeout time.Duration) *crawler {
	tr := &http.Transport{
		Proxy:               nil, // never go through a proxy
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conc * 2,
		MaxIdleConnsPerHost: conc * 2,
		IdleConnTimeout:     90 * time.Second,
	}
	c := &crawler{
		origin: start,
		client: &http.Client{
			Transport: tr,
			Timeout:   timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
		seen: make(map[string]struct{}, 1<<14),
	}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// run crawls from the start URL with conc workers and returns the wall time.
func (c *crawler) run(conc int) time.Duration {
	t0 := time.Now()
	c.enqueue([]string{c.origin.String()})
	var wg sync.WaitGroup
	for i := 0; i < conc; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.worker()
		}()
	}
	wg.Wait()
	return time.Since(t0)
}

// enqueue adds the not-yet-seen URLs to the queue under one lock.
func (c *crawler) enqueue(urls []string) {
	c.mu.Lock()
	added := 0
	for _, u := range urls {
		if _, ok := c.seen[u]; ok {
			continue
		}
		c.seen[u] = struct{}{}
		c.queue = append(c.queue, u)
		added++
	}
	c.pending += added
	c.mu.Unlock()
	if added == 1 {
		c.cond.Signal()
	} else if added > 1 {
		c.cond.Broadcast()
	}
}

// next blocks until a URL is available, or returns false when the crawl is
// finished (nothing queued and nothing in flight).
func (c *crawler) next() (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.queue) == 0 {
		if c.pending == 0 {
			return "", false
		}
		c.cond.Wait()
	}
	u := c.queue[0]
	c.queue[0] = ""
	c.queue = c.queue[1:]
	if len(c.queue) == 0 {
		c.queue = c.queue[:0:0] // let the drained backing array go
	}
	return u, true
}

func (c *crawler) done() {
	c.mu.Lock()
	c.pending--
	finished := c.pending == 0
	c.mu.Unlock()
	if finished {
		c.cond.Broadcast()
	}
}

func (c *crawler) worker() {
	var found []string
	for {
		u, ok := c.next()
		if !ok {
			return
		}
		found = c.fetch(u, found[:0])
		c.enqueue(found)
		c.done()
	}
}

// fetch GETs u and appends the same-origin links it finds to found.
func (c *crawler) fetch(raw string, found []string) []string {
	base, _ := url.Parse(raw)
	resp, err := c.client.Get(raw)
	if err != nil {
		c.mu.Lock()
		c.fetched++
		c.transportErrs++
		if c.firstErr == nil {
			c.firstErr = err
		}
		c.mu.Unlock()
		return found
	}
	defer resp.Body.Close()

	isHTML := resp.StatusCode < 300 && strings.Contains(strings.ToLower(resp.Header.Get("Content-Type")), "text/html")
	var n int64
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc := resp.Header.Get("Location"); loc != "" {
			found = c.appendLink(found, base, loc)
		}
	}
	if isHTML {
		cr := &countingReader{r: resp.Body}
		found = c.extract(found, base, cr)
		n = cr.n
	}
	m, err := io.Copy(io.Discard, resp.Body)
	n += m

	c.mu.Lock()
	c.fetched++
	c.bytes += n
	if cls := resp.StatusCode / 100; cls >= 0 && cls < len(c.byClass) {
		c.byClass[cls]++
	}
	if isHTML {
		c.htmlPages++
	} else {
		c.other++
	}
	if err != nil && !errors.Is(err, io.EOF) {
		c.transportErrs++
		if c.firstErr == nil {
			c.firstErr = err
		}
	}
	c.mu.Unlock()
	return found
}

var (
	hrefKey = []byte("href")
	srcKey  = []byte("src")
)

// extract tokenizes an HTML body and collects href/src attribute values.
func (c *crawler) extract(found []string, base *url.URL, r io.Reader) []string {
	z := html.NewTokenizer(r)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return found
		case html.StartTagToken, html.SelfClosingTagToken:
			_, hasAttr := z.TagName()
			for hasAttr {
				var key, val []byte
				key, val, hasAttr = z.TagAttr()
				if bytes.Equal(key, hrefKey) || bytes.Equal(key, srcKey) {
					found = c.appendLink(found, base, string(val))
				}
			}
		}
	}
}

// appendLink resolves ref against base and appends it, without fragment,
// when it is same-origin http(s).
func (c *crawler) appendLink(found []string, base *url.URL, ref string) []string {
	ref = strings.TrimSpace(ref)
	if ref == "" || ref[0] == '#' {
		return found // same document
	}
	u, err := base.Parse(ref)
	if err != nil {
		return found
	}
	if u.Scheme != c.origin.Scheme || u.Host != c.origin.Host {
		return found
	}
	u.Fragment, u.RawFragment = "", ""
	return append(found, u.String())
}

type countingReader struct {
	r io.Reader
	n int64
}

func (cr *countingReader) Read(p []byte) (int, error) {
	n, err := cr.r.Read(p)
	cr.n += int64(n)
	return n, err
}
