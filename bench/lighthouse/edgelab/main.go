// Command edgelab serves pages on which uxaudit's browser pass and
// Lighthouse were found to disagree (see bench/README.md, "Browser pass:
// agreement with Lighthouse and speed"), for bench/lighthouse/agree.sh with
// LAB=edgelab:
//
//	/late-banner  a 300 px banner inserted at the top 2.5 s after the load event
//	/late-task    a 300 ms busy loop 2.5 s after the load event
//	/cached-a     a 400×300 image (width/height set) answered after 800 ms,
//	/cached-b     the same image, cacheable (Cache-Control: max-age=3600)
//	/stream       a page that keeps an EventSource open
//
// Like labserver it binds a loopback address, prints exactly one line
// "READY http://127.0.0.1:PORT/" once listening, and serves until SIGINT or
// SIGTERM; -pages prints the pages' paths and exits.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

const para = `<p>Gardening is the practice of growing plants as part of horticulture. Ornamental plants are grown for their flowers and foliage; useful plants are grown for food and medicine.</p>`

type page struct{ path, title, body string }

var pages = []page{
	{"/late-banner", "Late banner", `<h1>Late banner</h1><main id="content">` + strings.Repeat(para, 6) + `</main>
<script>addEventListener('load', () => setTimeout(() => {
  const b = document.createElement('div'); b.id = 'late-banner';
  b.style.cssText = 'height:300px;background:#eee'; b.textContent = 'Subscribe to our newsletter';
  document.body.insertBefore(b, document.body.firstChild);
}, 2500));</script>`},
	{"/late-task", "Late task", "<h1>Late task</h1>" + para + `<script>addEventListener('load', () => setTimeout(() => {
  const end = performance.now() + 300; while (performance.now() < end) {}
}, 2500));</script>`},
	{"/cached-a", "Cached A", `<h1 style="font-size:12px">Cached A</h1><img id="photo" src="/img/shared.png" width="400" height="300" alt="photo">`},
	{"/cached-b", "Cached B", `<h1 style="font-size:12px">Cached B</h1><img id="photo" src="/img/shared.png" width="400" height="300" alt="photo">`},
	{"/stream", "Stream", "<h1>Stream</h1>" + para + `<script>new EventSource('/events');</script>`},
}

func document(title, body string) []byte {
	return []byte(fmt.Sprintf(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>%s</title></head><body style="margin:0;font:16px sans-serif">%s</body></html>`, html.EscapeString(title), body))
}

// noisyPNG is a w×h image of seeded noise: incompressible, about 3 bytes a pixel.
func noisyPNG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(3, 4))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(rng.IntN(256)), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func handler() http.Handler {
	mux := http.NewServeMux()
	var index strings.Builder
	index.WriteString("<h1>Edge cases</h1><ul>")
	for _, p := range pages {
		doc := document(p.title, p.body)
		mux.HandleFunc("GET "+p.path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(doc)
		})
		fmt.Fprintf(&index, `<li><a href="%s">%s</a></li>`, p.path, html.EscapeString(p.title))
	}
	index.WriteString("</ul>")
	home := document("Edge cases", index.String())
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(home)
	})
	shared := noisyPNG(400, 300)
	mux.HandleFunc("GET /img/shared.png", func(w http.ResponseWriter, r *http.Request) {
		t := time.NewTimer(800 * time.Millisecond)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		_, _ = w.Write(shared)
	})
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		flusher, _ := w.(http.Flusher)
		if flusher != nil {
			flusher.Flush()
		}
		tick := time.NewTicker(10 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				_, _ = fmt.Fprint(w, "data: ping\n\n")
				if flusher != nil {
					flusher.Flush()
				}
			}
		}
	})
	return mux
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	list := flag.Bool("pages", false, "print the pages' paths, one a line, and exit")
	flag.Parse()
	if *list {
		for _, p := range pages {
			fmt.Println(p.path)
		}
		return
	}
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(os.Stderr, "edgelab: refusing -addr %q: give a loopback IP such as 127.0.0.1:0\n", *addr)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "edgelab:", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: handler(), ReadHeaderTimeout: 10 * time.Second}
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, os.Interrupt, syscall.SIGTERM)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	fmt.Printf("READY http://%s/\n", ln.Addr())
	_ = os.Stdout.Sync()

	select {
	case <-sigc:
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "edgelab:", err)
			os.Exit(1)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close() // the event stream never ends by itself
	}
}
