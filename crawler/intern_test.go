package crawler

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

func sameMemory(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }

func TestInternerGetKeepsOneCopy(t *testing.T) {
	in := newInterner()
	page := "<a href=/x>"
	a := in.get(page[8:10]) // a substring of a body: copied
	b := in.get(strings.Clone("/x"))
	if a != "/x" || !sameMemory(a, b) {
		t.Errorf("get: %q and %q are not one copy", a, b)
	}
	if sameMemory(a, page[8:10]) {
		t.Error("get kept a substring of the page")
	}
}

func TestInternerShareIsBounded(t *testing.T) {
	in := newInterner()
	in.share(strings.Clone("Home"))
	// Unique strings pass through a fixed number of slots: nothing else
	// grows with them.
	for i := range 3 * len(in.recent) {
		in.share(fmt.Sprintf("unique text %d", i)) // content links, each once
		if i%100 == 0 {
			in.share(strings.Clone("Home")) // the navigation, on every page
		}
	}
	// A slot may have gone to a unique string meanwhile: the text is then
	// kept again, once, and shared from there.
	again := in.share(strings.Clone("Home"))
	if got := in.share(strings.Clone("Home")); !sameMemory(got, again) {
		t.Error("the navigation's text is no longer shared")
	}
	for i := range in.shards {
		if len(in.shards[i].m) != 0 {
			t.Errorf("share filled the exact interner")
		}
	}
}

func TestInternerShareSharesRepeats(t *testing.T) {
	in := newInterner()
	a := in.share(strings.Clone("Products"))
	b := in.share(strings.Clone("Products"))
	if !sameMemory(a, b) {
		t.Error("a repeated string is not shared")
	}
	if in.share("") != "" {
		t.Error("empty string")
	}
	var nilIn *interner
	if nilIn.share("x") != "x" {
		t.Error("nil interner")
	}
}

func TestInternerShareConcurrent(t *testing.T) {
	in := newInterner()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := range 2000 {
				s := fmt.Sprintf("text %d", (i*7+w)%300)
				if got := in.share(s); got != s {
					t.Errorf("share(%q) = %q", s, got)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestInternerGetBytesIsGet(t *testing.T) {
	in := newInterner()
	for i := range 200 {
		s := fmt.Sprintf("http://ex.com/page-%d.html", i)
		var a, b string
		if i%2 == 0 {
			a, b = in.get(s), in.getBytes([]byte(s))
		} else {
			a, b = in.getBytes([]byte(s)), in.get(s)
		}
		if a != s || !sameMemory(a, b) {
			t.Fatalf("get and getBytes of %q: %q and %q are not one copy", s, a, b)
		}
	}
	buf := []byte("http://ex.com/x")
	got := in.getBytes(buf)
	buf[7] = 'X' // the caller reuses its buffer
	if got != "http://ex.com/x" {
		t.Errorf("getBytes kept the caller's buffer: %q", got)
	}
}
