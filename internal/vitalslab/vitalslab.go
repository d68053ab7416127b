// Package vitalslab serves a small site of pages with known, planted
// behaviour, for checking the browser pass's metrics against a reference
// (Lighthouse) outside the unit tests: a stable page, a banner that pushes
// content down after load, an image without dimensions that loads late, a
// slow hero image, a busy main thread and a page with script errors.
//
// The pages behave like the fixture site of crawler/browser's tests. They
// set no caching headers, so every load fetches everything again.
package vitalslab

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The planted delays and durations.
const (
	BannerDelay    = 300 * time.Millisecond  // after the load event, a 300 px banner is inserted at the top
	LateImageDelay = 700 * time.Millisecond  // before the image without dimensions is answered
	HeroDelay      = 1500 * time.Millisecond // before the hero image is answered
	BusyDuration   = 300 * time.Millisecond  // of the busy loop after the first paint
)

// Image paths.
const (
	HeroImage  = "/img/slow-hero.png"  // 400×300, noisy (a few tens of KB), after HeroDelay
	SmallImage = "/img/slow-small.png" // 300×200, after LateImageDelay
)

// Page is one lab page.
type Page struct {
	Path   string
	Title  string
	Expect string // what the page should measure as, for people reading a comparison
}

var pages = []Page{
	{"/stable", "Stable", "text only: CLS 0, LCP = FCP, TBT 0"},
	{"/banner", "Banner", "a 300 px banner inserted 300 ms after load at the top: CLS well over 0.1"},
	{"/late-image", "Late image", "an image without width/height answered after 700 ms pushes the text down: CLS over 0.05"},
	{"/hero", "Hero", "a 400×300 hero (width/height set) answered after 1.5 s: LCP ≥ 1.5 s on img#hero, CLS 0"},
	{"/busy", "Busy", "a 300 ms busy loop shortly after the first paint: TBT about 250 ms"},
	{"/errors", "Errors", "console.error, an uncaught exception and a 404 script"},
}

// Pages returns the lab pages (the index "/" not included), in a fixed order.
func Pages() []Page { return append([]Page(nil), pages...) }

const para = `<p>Gardening is the practice of growing plants as part of horticulture. Ornamental plants are grown for their flowers and foliage; useful plants are grown for food and medicine.</p>`

// The body and extra head of each page.
var bodies = map[string]struct{ head, body string }{
	"/stable": {"", "<h1>Stable</h1>" + strings.Repeat(para, 6)},
	"/banner": {"", `<h1>Banner</h1><main id="content">` + strings.Repeat(para, 6) + `</main>
<script>addEventListener('load', () => setTimeout(() => {
  const b = document.createElement('div'); b.id = 'cookie-banner';
  b.style.cssText = 'height:300px;background:#eee'; b.textContent = 'We use cookies';
  document.body.insertBefore(b, document.body.firstChild);
}, ` + ms(BannerDelay) + `));</script>`},
	"/late-image": {"", `<h1>Late image</h1><img src="` + SmallImage + `" alt="late"><div id="below">` + strings.Repeat(para, 4) + `</div>`},
	"/hero":       {"", `<h1 style="font-size:12px">Hero</h1><img id="hero" src="` + HeroImage + `" width="400" height="300" alt="hero">`},
	"/busy": {"", "<h1>Busy</h1>" + para + `<script>requestAnimationFrame(() => setTimeout(() => {
  const end = performance.now() + ` + ms(BusyDuration) + `; while (performance.now() < end) {}
}, 100));</script>`},
	"/errors": {`<script src="/missing.js"></script>`, "<h1>Errors</h1>" + para + `<script>console.error('boom', 42);
setTimeout(() => { throw new Error('kaput'); }, 0);</script>`},
}

func ms(d time.Duration) string { return fmt.Sprint(d.Milliseconds()) }

// Images are made once, on first use.
var (
	imagesOnce  sync.Once
	hero, small []byte
)

func images() {
	imagesOnce.Do(func() {
		hero = pngOf(400, 300, true)
		small = pngOf(300, 200, false)
	})
}

// pngOf draws a gradient; noisy adds seeded noise in 2×2 blocks, which
// makes the file a few tens of KB instead of a few.
func pngOf(w, h int, noisy bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	bw := (w + 1) / 2
	noise := make([]uint8, bw*((h+1)/2))
	if noisy {
		for i := range noise {
			noise[i] = uint8(rng.IntN(32))
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := noise[(y/2)*bw+x/2]
			img.SetRGBA(x, y, color.RGBA{uint8(x) + n, uint8(y) + n, 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding to memory does not fail
	}
	return b.Bytes()
}

// Handler serves the lab: "/" links every page; unknown paths answer 404
// (among them /missing.js, which /errors asks for).
func Handler() http.Handler {
	images()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", index)
	for _, p := range pages {
		b := bodies[p.Path]
		doc := document(p.Title, b.head, b.body)
		mux.HandleFunc("GET "+p.Path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(doc)
		})
	}
	mux.HandleFunc("GET "+HeroImage, delayed(HeroDelay, hero))
	mux.HandleFunc("GET "+SmallImage, delayed(LateImageDelay, small))
	return mux
}

func document(title, head, body string) []byte {
	return []byte(fmt.Sprintf(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>%s</title>%s</head><body style="margin:0;font:16px sans-serif">%s</body></html>`, html.EscapeString(title), head, body))
}

func index(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("<h1>Browser metrics lab</h1><ul>")
	for _, p := range pages {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a>: %s</li>`, p.Path, html.EscapeString(p.Title), html.EscapeString(p.Expect))
	}
	b.WriteString("</ul>")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(document("Browser metrics lab", "", b.String()))
}

// delayed answers a PNG after d, or nothing if the request is canceled first.
func delayed(d time.Duration, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(body)
	}
}
