package crawler

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// interner deduplicates strings that repeat across pages (link targets in a
// shared navigation, link texts, rels) so that a large crawl keeps one copy
// of each. It is safe for concurrent use; its shards keep the workers from
// queueing on one lock.
type interner struct {
	seed   maphash.Seed
	shards [64]internShard
	// recent serves share: the strings seen last, one per slot.
	recent [1 << 12]atomic.Pointer[string]
	// recentMore serves shareMore likewise.
	recentMore [1 << 10]atomic.Pointer[linkMore]
}

type internShard struct {
	mu sync.Mutex
	m  map[string]string
}

func newInterner() *interner {
	in := &interner{seed: maphash.MakeSeed()}
	for i := range in.shards {
		in.shards[i].m = make(map[string]string)
	}
	return in
}

// get returns the canonical copy of s.
func (in *interner) get(s string) string {
	if s == "" || in == nil {
		return s
	}
	sh := &in.shards[maphash.String(in.seed, s)%uint64(len(in.shards))]
	sh.mu.Lock()
	if c, ok := sh.m[s]; ok {
		sh.mu.Unlock()
		return c
	}
	// Copy so that the interned string does not pin a larger buffer
	// (a substring of a page body).
	c := string([]byte(s))
	sh.m[c] = c
	sh.mu.Unlock()
	return c
}

// getBytes is get for the string of b, built only when it is new.
func (in *interner) getBytes(b []byte) string {
	// maphash.Bytes of b is maphash.String of its string: the same shard.
	sh := &in.shards[maphash.Bytes(in.seed, b)%uint64(len(in.shards))]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if c, ok := sh.m[string(b)]; ok {
		return c
	}
	c := string(b)
	sh.m[c] = c
	return c
}

// share returns the copy of s seen recently, else s: for strings such as
// link texts, which repeat across pages when they are the navigation's
// and are unique when they are the content's. A bounded cache shares the
// first without keeping every one of the second, as get would. s must not
// be part of a larger string that should not be kept (a page body).
func (in *interner) share(s string) string {
	if s == "" || in == nil {
		return s
	}
	slot := &in.recent[maphash.String(in.seed, s)%uint64(len(in.recent))]
	if p := slot.Load(); p != nil && *p == s {
		return *p
	}
	slot.Store(&s)
	return s
}

// shareMore returns a *linkMore equal to m, shared with the links that had
// the same recently (a stylesheet's rel on every page), or nil for the zero
// value. Its rel and scheme are interned (they are few), its fragment
// shared as link texts are ("#top" repeats, "#comment-4711" does not).
func (in *interner) shareMore(m linkMore) *linkMore {
	if m == (linkMore{}) {
		return nil
	}
	if in == nil {
		return &m
	}
	slot := &in.recentMore[maphash.Comparable(in.seed, m)%uint64(len(in.recentMore))]
	if p := slot.Load(); p != nil && *p == m {
		return p
	}
	m.fragment, m.rel, m.scheme = in.share(m.fragment), in.get(m.rel), in.get(m.scheme)
	p := &m
	slot.Store(p)
	return p
}
