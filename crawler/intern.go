package crawler

import "sync"

// interner deduplicates strings that repeat across pages (link targets in a
// shared navigation, link texts, rels) so that a large crawl keeps one copy
// of each. It is safe for concurrent use.
type interner struct {
	mu sync.Mutex
	m  map[string]string
}

func newInterner() *interner { return &interner{m: make(map[string]string)} }

// get returns the canonical copy of s.
func (in *interner) get(s string) string {
	if s == "" || in == nil {
		return s
	}
	in.mu.Lock()
	if c, ok := in.m[s]; ok {
		in.mu.Unlock()
		return c
	}
	// Copy so that the interned string does not pin a larger buffer
	// (a substring of a page body).
	c := string([]byte(s))
	in.m[c] = c
	in.mu.Unlock()
	return c
}
