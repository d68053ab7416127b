package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"net/http/httptest"

	"github.com/uxaudit/uxaudit/crawler"
)

// TestPrivateAddressesRefused audits a loopback server as if the audited
// site were public: no connection may reach it, and the fetch says why.
func TestPrivateAddressesRefused(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "<!doctype html><title>x</title>")
	}))
	defer srv.Close()
	o := crawler.DefaultOptions()
	o.Seeds = []string{srv.URL + "/"}
	o.NoSitemap, o.Retries, o.RequestTimeout = true, 0, 2*time.Second
	no := false
	o.AllowPrivate = &no
	c, err := crawler.New(o)
	if err != nil {
		t.Fatal(err)
	}
	site, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server received %d requests", n)
	}
	f := site.Fetches[srv.URL+"/"]
	if f == nil || f.ErrKind != crawler.ErrPrivate {
		t.Errorf("seed fetch = %+v, want error kind %q", f, crawler.ErrPrivate)
	}
}

// TestLocalStagingAllowed: a start URL on loopback allows loopback.
func TestLocalStagingAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!doctype html><title>x</title>")
	}))
	defer srv.Close()
	o := crawler.DefaultOptions()
	o.Seeds = []string{srv.URL + "/"}
	o.NoSitemap = true
	c, _ := crawler.New(o)
	site, _ := c.Run(context.Background())
	if len(site.Pages) != 1 {
		t.Errorf("pages = %d, want the local page", len(site.Pages))
	}
}
