package vitalslab

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp, body
}

func TestPagesAnswer(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()

	resp, body := get(t, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if len(Pages()) != 6 {
		t.Errorf("%d pages, want 6", len(Pages()))
	}
	for _, p := range Pages() {
		if !bytes.Contains(body, []byte(`href="`+p.Path+`"`)) {
			t.Errorf("the index does not link %s", p.Path)
		}
		resp, page := get(t, srv.URL+p.Path)
		if resp.StatusCode != 200 || !bytes.Contains(page, []byte("<title>"+p.Title+"</title>")) {
			t.Errorf("%s: status %d, body %.80q", p.Path, resp.StatusCode, page)
		}
	}
	for path, want := range map[string]string{
		"/banner":     "}, 300));",
		"/busy":       "performance.now() + 300;",
		"/late-image": `<img src="/img/slow-small.png" alt="late">`,
		"/hero":       `width="400" height="300"`,
		"/errors":     `<script src="/missing.js">`,
	} {
		if _, page := get(t, srv.URL+path); !bytes.Contains(page, []byte(want)) {
			t.Errorf("%s does not contain %q", path, want)
		}
	}
	for _, path := range []string{"/missing.js", "/nothing", "/stable/x"} {
		if resp, _ := get(t, srv.URL+path); resp.StatusCode != 404 {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestImageDelays(t *testing.T) {
	srv := httptest.NewServer(Handler())
	t.Cleanup(srv.Close) // after the parallel subtests
	for _, c := range []struct {
		path     string
		delay    time.Duration
		w, h     int
		min, max int
	}{
		{HeroImage, 1500 * time.Millisecond, 400, 300, 20 << 10, 100 << 10},
		{SmallImage, 700 * time.Millisecond, 300, 200, 100, 100 << 10},
	} {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			resp, body := get(t, srv.URL+c.path)
			if d := time.Since(start); d < c.delay {
				t.Errorf("answered after %s, want at least %s", d, c.delay)
			}
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
				t.Fatalf("status %d, type %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(body))
			if err != nil || cfg.Width != c.w || cfg.Height != c.h {
				t.Errorf("image %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, c.w, c.h)
			}
			if len(body) < c.min || len(body) > c.max {
				t.Errorf("%d bytes, want %d to %d", len(body), c.min, c.max)
			}
		})
	}
}

func TestDelayHonoursCancellation(t *testing.T) {
	h := Handler()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", HeroImage, nil)
	rec := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(rec, req)
	if d := time.Since(start); d >= HeroDelay {
		t.Errorf("a canceled request took %s", d)
	}
	if rec.Body.Len() != 0 {
		t.Errorf("a canceled request got %d bytes", rec.Body.Len())
	}
}
