package crawler

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ErrNotFetchable reports a URL whose scheme uxaudit never fetches
// (mailto:, tel:, javascript:, data:, file:, …).
var ErrNotFetchable = errors.New("scheme is not fetchable")

// Normalize resolves ref against base (which may be nil for an absolute ref)
// and returns the canonical form used to deduplicate fetches, plus the
// fragment that was stripped from it.
//
// The canonical form has a lower-case scheme and host, no default port, no
// dot segments, a path of at least "/", no fragment and no userinfo. Only
// http and https URLs are normalised; other schemes return ErrNotFetchable
// (wrapped) with the scheme in the error text. Normalising a normalised URL
// returns it unchanged.
func Normalize(base *url.URL, ref string) (canonical, fragment string, err error) {
	ref = strings.TrimSpace(ref)
	if ref == "" && base == nil {
		return "", "", errors.New("empty URL")
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", "", fmt.Errorf("parse %q: %w", ref, err)
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return normalizeURL(u)
}

// NormalizeURL is Normalize for an already parsed absolute URL.
func NormalizeURL(u *url.URL) (canonical string, err error) {
	c, _, err := normalizeURL(u)
	return c, err
}

func normalizeURL(u *url.URL) (string, string, error) {
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "http", "https":
	case "":
		return "", "", errors.New("relative URL without a base")
	default:
		return "", "", fmt.Errorf("%s: %w", scheme, ErrNotFetchable)
	}
	host := strings.ToLower(u.Host)
	if host == "" {
		return "", "", errors.New("URL has no host")
	}
	hostname, port := host, ""
	if h, p, err := net.SplitHostPort(host); err == nil {
		hostname, port = h, p
	} else if strings.HasSuffix(host, ":") { // "example.com:" means no port
		hostname = strings.TrimSuffix(host, ":")
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	hostname = strings.TrimRight(hostname, ".")
	if hostname == "" {
		return "", "", errors.New("URL has no host")
	}
	if strings.Contains(hostname, ":") { // IPv6 literal
		ip := strings.Trim(hostname, "[]")
		if net.ParseIP(ip) == nil {
			return "", "", fmt.Errorf("invalid IPv6 host %q", hostname)
		}
		hostname = "[" + ip + "]"
	}
	if port != "" {
		host = hostname + ":" + port
	} else {
		host = hostname
	}
	n := url.URL{
		Scheme:   scheme,
		Host:     host,
		RawQuery: escapeQuery(u.RawQuery),
		// ForceQuery keeps "?" distinct from "" only when a query is present.
	}
	p := removeDotSegments(u.EscapedPath())
	if p == "" {
		p = "/"
	}
	if err := setEscapedPath(&n, p); err != nil {
		return "", "", err
	}
	return n.String(), u.Fragment, nil
}

// escapeQuery percent-encodes the bytes net/url lets through in a raw
// query but a URL cannot hold (white space, controls, non-ASCII, quotes and
// brackets), so that the canonical form is a URL that normalises to
// itself ("?a b" is "?a%20b", not a query that trimming would drop).
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c > ' ' && c < 0x7f && !strings.ContainsRune(`"<>\^`+"`{|}", rune(c)) {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(q)+8), q[:i]...)
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	if b == nil {
		return q
	}
	return string(b)
}

func setEscapedPath(u *url.URL, escaped string) error {
	unescaped, err := url.PathUnescape(escaped)
	if err != nil {
		return fmt.Errorf("path %q: %w", escaped, err)
	}
	u.Path = unescaped
	u.RawPath = escaped
	// url.URL drops RawPath when it is the default encoding of Path.
	if u.EscapedPath() != escaped {
		u.RawPath = ""
	}
	return nil
}

// removeDotSegments implements RFC 3986 section 5.2.4 on an escaped path.
func removeDotSegments(p string) string {
	// A dot segment follows a "/" or starts the path ("page.html" has
	// none).
	if !strings.Contains(p, "/.") && !strings.HasPrefix(p, ".") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if strings.HasPrefix(p, "/") && !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}

// Host returns the lower-case host[:port] of a canonical URL, or "". It
// slices the host out of the canonical form rather than parsing the URL: it
// is called for every link of every page.
func Host(canonical string) string {
	_, rest, ok := strings.Cut(canonical, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if strings.ContainsAny(rest, "@%") { // not canonical or escaped: let net/url decide
		u, err := url.Parse(canonical)
		if err != nil {
			return ""
		}
		return u.Host
	}
	return rest
}

// resolver normalises the links of one page. It takes a fast path for the
// most common form, an absolute path made of plain characters
// ("/products/seeds.html?page=2#top"), which it turns into origin + path
// without parsing; FuzzResolverFastPath checks that it agrees with Normalize.
type resolver struct {
	base   *url.URL
	origin string // "scheme://host" of base, canonical; "" disables the fast path
	// dir is base's path up to its last "/", when it is made of plain
	// characters without dot segments or empty segments; "" disables the
	// fast path for relative paths.
	dir string
}

func newResolver(base *url.URL) resolver {
	r := resolver{base: base}
	if canon, err := NormalizeURL(base); err == nil {
		if u, err := url.Parse(canon); err == nil {
			r.origin = u.Scheme + "://" + u.Host
			// Relative references resolve against base's path as it is
			// written, not its canonical form.
			if p := base.EscapedPath(); strings.HasPrefix(p, "/") && plainURL(p) && !strings.ContainsAny(p, "?#") &&
				!strings.Contains(p, "//") && !strings.Contains(p, "/.") {
				r.dir = p[:strings.LastIndexByte(p, '/')+1]
			}
		}
	}
	return r
}

// plainURL reports whether s is made of plainURLByte bytes only.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainURLByte(s[i]) {
			return false
		}
	}
	return true
}

func (r resolver) resolve(raw string) (canonical, fragment string, err error) {
	if c, f, ok := r.fast(raw); ok {
		return c, f, nil
	}
	return Normalize(r.base, raw)
}

// fast handles raw when it is made of plain characters (no percent
// signs) and is an absolute path without dot segments ("/…", not "//…"),
// or a relative path ("page-2.html", "../docs/") against a plain base path.
func (r resolver) fast(raw string) (canonical, fragment string, ok bool) {
	b, frag, ok := r.appendFast(nil, raw)
	return string(b), frag, ok
}

// appendFast is fast, appending the canonical URL to dst so that a caller
// that only looks the URL up (see interner.getBytes) builds no string.
func (r resolver) appendFast(dst []byte, raw string) (canonical []byte, fragment string, ok bool) {
	if r.origin == "" || len(raw) == 0 || !plainURL(raw) {
		return dst, "", false
	}
	pathQuery, frag, _ := strings.Cut(raw, "#")
	path, query, hasQuery := strings.Cut(pathQuery, "?")
	n := len(dst)
	dst = append(dst, r.origin...)
	switch {
	case raw[0] == '/':
		if len(raw) > 1 && raw[1] == '/' || strings.Contains(path, "/.") {
			return dst[:n], "", false
		}
		dst = append(dst, path...)
	case r.dir == "" || path == "" || strings.IndexByte(path, ':') >= 0 || strings.Contains(path, "//"):
		// Only a fragment or a query, a first segment that may be a
		// scheme, empty segments (where net/url departs from RFC 3986
		// when removing dot segments): net/url decides.
		return dst[:n], "", false
	case strings.Contains(path, "/.") || strings.HasPrefix(path, "."):
		// RFC 3986 section 5.2: the base path up to its last "/", then
		// the reference's path, then its dot segments removed.
		dst = append(dst, removeDotSegments(r.dir+path)...)
	default:
		dst = append(append(dst, r.dir...), path...)
	}
	if hasQuery && query != "" {
		dst = append(append(dst, '?'), query...)
	}
	return dst, frag, true
}

// plainURLByte reports bytes that net/url keeps as they are in a path,
// query or fragment.
func plainURLByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@', '/', '?', '#':
		return true
	}
	return false
}
