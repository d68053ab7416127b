package main

import (
	"context"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestRaisedLimit(t *testing.T) {
	for _, tt := range []struct{ limit, live, want int64 }{
		{160 << 20, 10 << 20, 160 << 20},
		{160 << 20, 100 << 20, 160 << 20},
		{160 << 20, 108 << 20, 162 << 20},
		{160 << 20, 300 << 20, 450 << 20},
	} {
		if got := raisedLimit(tt.limit, tt.live); got != tt.want {
			t.Errorf("raisedLimit(%d, %d) = %d, want %d", tt.limit, tt.live, got, tt.want)
		}
	}
}

// TestFollowLiveHeap: a limit below the live heap is raised to 1.5 times it.
func TestFollowLiveHeap(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(prev)
	keep := make([]byte, 64<<20) // 64 MiB live
	for i := range keep {
		keep[i] = byte(i)
	}
	runtime.GC()
	debug.SetMemoryLimit(16 << 20)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { followLiveHeap(ctx, 16<<20, 10*time.Millisecond); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) < 96<<20 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if got := debug.SetMemoryLimit(-1); got < 96<<20 {
		t.Errorf("limit %d MiB with 64 MiB live, want at least 96 MiB", got>>20)
	}
	runtime.KeepAlive(keep)
}
