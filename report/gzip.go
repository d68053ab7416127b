package report

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"sync"
)

// gzipPieceMin is the least input gzipParallel gives a goroutine of its
// own: below it, starting a compressor costs more than it saves.
const gzipPieceMin = 512 << 10

// gzipParallel compresses raw into one gzip member (RFC 1952) at level,
// the input cut into up to pieces parts deflated at once, each by its own
// goroutine. Every part but the last ends with a sync flush (an empty
// stored block that ends on a byte boundary and is not final), so the
// parts joined are one valid deflate stream, read by any gzip reader. Each
// part starts without the previous one's window, which costs a few hundred
// bytes a part; the time is that of the largest part when cores are free.
func gzipParallel(raw []byte, level, pieces int) ([]byte, error) {
	return gzipParts(raw, level, max(1, min(pieces, len(raw)/gzipPieceMin)))
}

// gzipParts is gzipParallel with the input cut into exactly pieces parts
// (1 or more) of equal length but the last, some empty when the input is
// shorter than pieces.
func gzipParts(raw []byte, level, pieces int) ([]byte, error) {
	parts := make([]bytes.Buffer, pieces)
	errs := make([]error, pieces)
	size := (len(raw) + pieces - 1) / pieces
	var wg sync.WaitGroup
	for i := range pieces {
		in := raw[min(i*size, len(raw)):min((i+1)*size, len(raw))]
		last := i == pieces-1
		wg.Go(func() { errs[i] = deflatePart(&parts[i], in, level, last) })
	}
	wg.Wait()
	n := 18 // the header and trailer
	for i := range parts {
		if errs[i] != nil {
			return nil, fmt.Errorf("compress: %w", errs[i])
		}
		n += parts[i].Len()
	}
	out := make([]byte, 0, n)
	// ID1 ID2, deflate, no flags, no modification time, no extra flags,
	// unknown OS: what gzip.Writer writes for a member without a header.
	out = append(out, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255)
	for i := range parts {
		out = append(out, parts[i].Bytes()...)
	}
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(raw))
	return binary.LittleEndian.AppendUint32(out, uint32(len(raw))), nil
}

// deflatePart deflates in into b, ending the stream when last and with a
// sync flush otherwise.
func deflatePart(b *bytes.Buffer, in []byte, level int, last bool) error {
	b.Grow(len(in) / 4)
	fw, err := flate.NewWriter(b, level)
	if err != nil {
		return err
	}
	if _, err := fw.Write(in); err != nil {
		return err
	}
	if last {
		return fw.Close()
	}
	return fw.Flush()
}
