package report

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGzipParallel checks that the parts compressed at once make one gzip
// member that reads back as the input, for inputs that make no part, one
// part, and several (also of uneven length and incompressible), and that
// the parts cost little more than one stream.
func TestGzipParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []byte {
		words := []string{"page", "finding", `"url":`, "http://127.0.0.1/section-3/", "broken", "{", "}", ",", "0.25"}
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(words[rng.IntN(len(words))])
		}
		return []byte(b.String()[:n])
	}
	noise := make([]byte, 3*gzipPieceMin+7)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	for _, tc := range []struct {
		name   string
		in     []byte
		pieces int
	}{
		{"empty", nil, 4},
		{"one byte", []byte("x"), 4},
		{"under a part", text(gzipPieceMin - 1), 8},
		{"two parts", text(2 * gzipPieceMin), 2},
		{"uneven parts", text(3*gzipPieceMin + 12345), 3},
		{"more cores than parts", text(2*gzipPieceMin + 1), 16},
		{"one core", text(3 * gzipPieceMin), 1},
		{"incompressible", noise, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z, err := gzipParallel(tc.in, gzip.DefaultCompression, tc.pieces)
			if err != nil {
				t.Fatal(err)
			}
			readBack(t, z, tc.in)
			var one bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&one, gzip.DefaultCompression)
			zw.Write(tc.in)
			zw.Close()
			if extra := len(z) - one.Len(); extra > 1024+len(tc.in)/1000 {
				t.Errorf("%d bytes, %d more than one stream's", len(z), extra)
			}
		})
	}
}

// FuzzGzipParts checks the framing of parts of any length, empty ones
// included, against the standard library's reader: one member that reads
// back as the input.
func FuzzGzipParts(f *testing.F) {
	f.Add([]byte(""), uint8(1))
	f.Add([]byte("a"), uint8(3))
	f.Add([]byte(`{"pages":[{"url":"http://127.0.0.1/"}],"findings":[]}`), uint8(4))
	f.Add(bytes.Repeat([]byte("abc"), 1000), uint8(7))
	f.Fuzz(func(t *testing.T, in []byte, n uint8) {
		pieces := 1 + int(n%8)
		z, err := gzipParts(in, gzip.DefaultCompression, pieces)
		if err != nil {
			t.Fatal(err)
		}
		readBack(t, z, in)
	})
}

// readBack fails t unless z is one gzip member, nothing after it, that
// reads back as want.
func readBack(t *testing.T, z, want []byte) {
	t.Helper()
	br := bytes.NewReader(z)
	zr, err := gzip.NewReader(br)
	if err != nil {
		t.Fatal(err)
	}
	zr.Multistream(false) // one member, not several joined
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("read back %d bytes that differ from the %d written", len(got), len(want))
	}
	if br.Len() != 0 {
		t.Fatalf("%d bytes after the member", br.Len())
	}
}
