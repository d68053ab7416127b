package crawler_test

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"
)

// TestFetchSize: a fetch records the body's full size from Content-Length,
// or from the bytes read, without reading large resources' bodies.
func TestFetchSize(t *testing.T) {
	big := bytes.Repeat([]byte{0xff}, 300_000)
	home := `<!doctype html><html><head><title>home</title></head><body>
<img src="/big.png" alt="big"><img src="/stream.png" alt="stream"><img src="/small.png" alt="small"></body></html>`
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Length", fmt.Sprint(len(home)))
			fmt.Fprint(w, home)
		case "/big.png":
			w.Header().Set("Content-Type", "image/png")
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			w.Write(big)
		case "/stream.png": // no Content-Length: the size is unknown
			w.Header().Set("Content-Type", "image/png")
			for i := 0; i < 30; i++ {
				w.Write(big[:10_000])
				w.(http.Flusher).Flush()
			}
		case "/small.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(big[:1_000])
		default:
			http.NotFound(w, r)
		}
	})
	site, _ := crawl(t, options(srv.URL+"/"))
	for path, want := range map[string]int64{"/": int64(len(home)), "/big.png": 300_000, "/stream.png": 0, "/small.png": 1_000} {
		if got := fetch(t, site, srv.URL+path).Size; got != want {
			t.Errorf("%s: Size %d, want %d", path, got, want)
		}
	}
	if f := fetch(t, site, srv.URL+"/big.png"); f.Bytes >= 300_000 {
		t.Errorf("/big.png: read %d bytes of its body; a resource's size comes from its headers", f.Bytes)
	}
}
