package crawler

import (
	"sort"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/uxaudit/uxaudit/internal/text"
)

// Kind says how a URL was reached and so how it is fetched.
type Kind uint8

const (
	// KindPage is an in-scope navigation target (a, area, iframe, canonical,
	// a redirect hop): fetched with GET and parsed when it is HTML.
	KindPage Kind = iota
	// KindResource is an in-scope sub-resource (img, script, stylesheet, …):
	// fetched with GET, body discarded after the headers.
	KindResource
	// KindExternal is an out-of-scope target: checked with HEAD, falling back
	// to GET, never crawled.
	KindExternal
)

func (k Kind) String() string {
	switch k {
	case KindPage:
		return "page"
	case KindResource:
		return "resource"
	case KindExternal:
		return "external"
	}
	return "unknown"
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// ErrorKind classifies why a fetch failed.
type ErrorKind string

// Error kinds recorded on a Fetch.
const (
	ErrNone          ErrorKind = ""
	ErrTimeout       ErrorKind = "timeout"
	ErrDNS           ErrorKind = "dns"
	ErrRefused       ErrorKind = "refused"
	ErrReset         ErrorKind = "reset"
	ErrTLS           ErrorKind = "tls"
	ErrProtocol      ErrorKind = "protocol"
	ErrRobots        ErrorKind = "robots"          // not fetched: disallowed by robots.txt
	ErrScheme        ErrorKind = "scheme"          // redirect to a scheme that is never fetched
	ErrTooManyHops   ErrorKind = "too-many-hops"   // the redirect chain exceeded the hop limit here
	ErrCanceled      ErrorKind = "canceled"        // the audit ended before this fetch finished
	ErrNetwork       ErrorKind = "network"         // any other transport failure
	ErrInvalidTarget ErrorKind = "invalid-target"  // unparsable Location
	ErrPrivate       ErrorKind = "private-address" // refused: a private address while auditing a public site
	ErrParse         ErrorKind = "parse"           // the HTML could not be parsed (e.g. nested too deeply)
	ErrNotHTML       ErrorKind = "not-html"        // served as HTML, but the body is binary
)

// Timing is the time spent in each phase of one HTTP exchange, from
// net/http/httptrace. Phases that did not happen (a reused connection has no
// DNS, connect or TLS) are zero.
type Timing struct {
	DNS      time.Duration `json:"dns_ns"`
	Connect  time.Duration `json:"connect_ns"`
	TLS      time.Duration `json:"tls_ns"`
	TTFB     time.Duration `json:"ttfb_ns"`
	Download time.Duration `json:"download_ns"`
	Total    time.Duration `json:"total_ns"`
}

// Fetch is the outcome of the one HTTP exchange made for one canonical URL.
// A redirect is one Fetch with Location set; chains are followed through the
// Site's table of fetches (see Site.Chain).
type Fetch struct {
	URL         string `json:"url"`
	Kind        Kind   `json:"kind"`
	Method      string `json:"method,omitempty"`
	Status      int    `json:"status,omitempty"`
	Location    string `json:"location,omitempty"` // canonical redirect target
	ContentType string `json:"content_type,omitempty"`
	Bytes       int64  `json:"bytes,omitempty"`
	// Size is the body's full length: its Content-Length, else the bytes
	// read when the whole body was read; 0 when unknown (a body not read
	// and sent without Content-Length). A HEAD answer's Content-Length
	// counts too.
	Size        int64 `json:"size,omitempty"`
	Truncated   bool  `json:"truncated,omitempty"`    // the body was cut at the size limit
	Compressed  bool  `json:"compressed,omitempty"`   // the body came gzip-encoded; the limit applied after decompression
	BadEncoding bool  `json:"bad_encoding,omitempty"` // the body is not valid in its declared (or detected) charset
	Attempts    int   `json:"attempts,omitempty"`
	// BrowserStatus is the status of a re-check with a browser's headers,
	// made when the crawler got 403 or 999: a bot wall answers it with 2xx.
	BrowserStatus int `json:"browser_status,omitempty"`
	// RetryAfter reports that the last answer, a 429 or 503, carried a
	// Retry-After header: the server asked to come back later, so the
	// failure is transient rather than a break.
	RetryAfter bool      `json:"retry_after,omitempty"`
	ErrKind    ErrorKind `json:"error_kind,omitempty"`
	Err        string    `json:"error,omitempty"`
	Timing     Timing    `json:"timing"`
	Depth      int       `json:"depth"` // crawl depth at which it was first reached
}

// OK reports whether the exchange completed with a 2xx status.
func (f *Fetch) OK() bool { return f.ErrKind == ErrNone && f.Status >= 200 && f.Status < 300 }

// Redirect reports whether the fetch answered with a redirect status.
func (f *Fetch) Redirect() bool {
	switch f.Status {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

// Failed reports whether the exchange did not complete (network error,
// timeout) — not whether the status is an error.
func (f *Fetch) Failed() bool {
	return f.ErrKind != ErrNone && f.ErrKind != ErrRobots && f.ErrKind != ErrTooManyHops
}

// Page is the artifact set gathered for one HTML document. Doc and Body are
// present only while the page checks run; the crawler drops them afterwards so
// that memory grows with the number of URLs, not their size.
type Page struct {
	URL         string   // canonical URL that answered with this document
	Fetch       *Fetch   // the exchange that returned it
	Depth       int      // crawl depth (0 for seeds)
	Title       string   // text of <title>
	Description string   // content of <meta name=description>
	Canonical   string   // the <link rel=canonical> target, canonical form
	Lang        string   // <html lang>
	BaseURL     string   // effective base for relative links
	Charset     string   // declared or detected encoding of the body
	Links       []Link   // every link and resource reference, in document order
	IDs         []string // sorted element ids and a[name] values (fragment targets)

	// Vitals are the rendered pass's artifacts; nil when the page was not
	// rendered.
	Vitals *Vitals

	// Terms counts the wording variants the page uses ("Sign in", "Log
	// in", …), filled by the page hook for the site-wide consistency check.
	Terms map[string]int
	// Words, TextHash and Simhash describe the main content, filled by the
	// page hook for the duplicate and thin content checks.
	Words    int
	TextHash uint64
	Simhash  uint64

	// Text is the analysis of the main content (blocks, words, sentences,
	// readability counts), made once by the page hook for the content
	// checks. Like Doc, it is present only while the page checks run: it
	// holds the document's nodes and every word of the page.
	Text *text.Analysis

	Doc  *goquery.Document // parsed document; nil after the page checks ran
	Body []byte            // decoded body (UTF-8); nil after the page checks ran
}

// HasAnchor reports whether the page has an element with the given id or
// a[name].
func (p *Page) HasAnchor(name string) bool {
	i := sort.SearchStrings(p.IDs, name)
	return i < len(p.IDs) && p.IDs[i] == name
}
