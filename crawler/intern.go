package crawler

import (
	"hash/maphash"
	"sync"
)

// interner deduplicates strings that repeat across pages (link targets in a
// shared navigation, link texts, rels) so that a large crawl keeps one copy
// of each. It is safe for concurrent use; its shards keep the workers from
// queueing on one lock.
type interner struct {
	seed   maphash.Seed
	shards [64]internShard
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
