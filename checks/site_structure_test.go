package checks

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func findingURLs(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, strings.TrimPrefix(f.URL, host)+" "+f.Evidence.Kind)
	}
	sort.Strings(out)
	return out
}

func TestDuplicateMetadata(t *testing.T) {
	mk := func(path, title, desc string) *crawler.Page {
		return &crawler.Page{URL: host + path, Title: title, Description: desc}
	}
	s := site(nil,
		mk("/a", "Garden tools", "Tools for the garden"),
		mk("/b", "garden tools ", "Seeds"),
		mk("/c", "Seeds", "Tools for the garden"),
		mk("/d", "", ""), mk("/e", "", ""), // empty ones are document-title's and meta-description's business
	)
	res, _ := DuplicateMetadata{}.CheckSite(context.Background(), s)
	want := []string{"/a duplicate-description", "/a duplicate-title", "/b duplicate-title", "/c duplicate-description"}
	if got := findingURLs(res.Findings); !equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if res.Checked != 5 {
		t.Errorf("checked %d", res.Checked)
	}
}

func TestCanonicalTarget(t *testing.T) {
	s := site([]*crawler.Fetch{
		fetch("/gone", crawler.KindPage, 404, ""),
		fetch("/old", crawler.KindPage, 301, "/self"),
	},
		&crawler.Page{URL: host + "/self", Canonical: host + "/self"},
		&crawler.Page{URL: host + "/x", Canonical: host + "/gone"},
		&crawler.Page{URL: host + "/y", Canonical: host + "/old"},
		&crawler.Page{URL: host + "/z"},
		&crawler.Page{URL: host + "/w", Canonical: host + "/never-fetched"},
	)
	res, _ := CanonicalTarget{}.CheckSite(context.Background(), s)
	want := []string{"/x canonical-target", "/y canonical-target"}
	if got := findingURLs(res.Findings); !equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	for _, f := range res.Findings {
		if f.URL == host+"/x" && f.Severity != High || f.URL == host+"/y" && f.Severity != Medium {
			t.Errorf("%s: severity %s", f.URL, f.Severity)
		}
	}
}

// chainSite links / → /1 → /2 → /3 → /4 → /5, with /2 also reached from /
// through a redirect, and /orphan linked from nowhere but in the sitemap.
func chainSite() *crawler.Site {
	s := site([]*crawler.Fetch{fetch("/to-2", crawler.KindPage, 301, "/2")},
		page("/", a("/1", "one"), a("/to-2", "two")),
		page("/1", a("/2", "two")),
		page("/2", a("/3", "three")),
		page("/3", a("/4", "four")),
		page("/4", a("/5", "five"), crawler.Link{URL: host + "/img.png", Tag: "img", Resource: true}),
		page("/5"),
		page("/orphan", a("/", "home")),
	)
	s.Sitemap = []string{host + "/", host + "/5", host + "/orphan"}
	return s
}

func TestClickDepth(t *testing.T) {
	s := chainSite()
	d := ClickDepths(s)
	for path, want := range map[string]int{"/": 0, "/1": 1, "/2": 1, "/3": 2, "/4": 3, "/5": 4} {
		if got, ok := d[host+path]; !ok || got != want {
			t.Errorf("depth of %s = %d (%v), want %d", path, got, ok, want)
		}
	}
	if _, ok := d[host+"/orphan"]; ok {
		t.Error("an orphan has no click depth")
	}
	res, _ := ClickDepth{}.CheckSite(context.Background(), s)
	if got := findingURLs(res.Findings); !equal(got, []string{"/5 deep-page"}) {
		t.Errorf("findings %q", got)
	}
	// Within one RunSite the depths are computed once, for both checks
	// that read them.
	ctx := context.WithValue(context.Background(), siteMemoKey{}, new(siteMemo))
	if a, b := clickDepths(ctx, s), clickDepths(ctx, s); reflect.ValueOf(a).UnsafePointer() != reflect.ValueOf(b).UnsafePointer() {
		t.Error("the click depths were computed twice in one run")
	}
	if a, b := clickDepths(context.Background(), s), clickDepths(context.Background(), s); len(a) != len(b) || len(a) != len(d) {
		t.Error("without a memo, each call computes the same depths")
	}
}

func TestOrphanPages(t *testing.T) {
	res, _ := OrphanPages{}.CheckSite(context.Background(), chainSite())
	if got := findingURLs(res.Findings); !equal(got, []string{"/orphan orphan"}) {
		t.Errorf("findings %q", got)
	}
	none, _ := OrphanPages{}.CheckSite(context.Background(), site(nil, page("/")))
	if !none.NotApplicable {
		t.Error("without a sitemap the check is not applicable")
	}
}

func TestErrorPage(t *testing.T) {
	for _, tt := range []struct {
		probe *crawler.ErrorProbe
		want  []string
	}{
		{&crawler.ErrorProbe{Status: 404, Links: 5}, nil},
		{&crawler.ErrorProbe{Status: 404, Links: 0}, []string{" no-way-back"}},
		{&crawler.ErrorProbe{Status: 200, Links: 3}, []string{" soft-404"}},
		{&crawler.ErrorProbe{Status: 200, Links: 0}, []string{" no-way-back", " soft-404"}},
	} {
		s := site(nil, page("/"))
		s.ErrorPage = tt.probe
		res, _ := ErrorPage{}.CheckSite(context.Background(), s)
		if got := findingURLs(res.Findings); !equal(got, tt.want) {
			t.Errorf("probe %+v: findings %q, want %q", tt.probe, got, tt.want)
		}
	}
	res, _ := ErrorPage{}.CheckSite(context.Background(), site(nil, page("/")))
	if !res.NotApplicable {
		t.Error("without a probe the check is not applicable")
	}
}

func TestCrawlTraps(t *testing.T) {
	s := site(nil, page("/"))
	res, _ := CrawlTraps{}.CheckSite(context.Background(), s)
	if len(res.Findings) != 0 {
		t.Errorf("no traps, yet %v", res.Findings)
	}
	s.Traps = []crawler.Trap{
		{Pattern: "ex.test/calendar?month=", Kind: "query-variants", Crawled: 200, Skipped: 40, Examples: []string{host + "/calendar?month=201"}},
		{Pattern: "ex.test/…/a/a/…", Kind: "repeating-path", Skipped: 3},
	}
	res, _ = CrawlTraps{}.CheckSite(context.Background(), s)
	if got := findingURLs(res.Findings); !equal(got, []string{" query-variants", " repeating-path"}) {
		t.Errorf("findings %q", got)
	}
	if !strings.Contains(res.Findings[0].Message, "cut after 200 URLs; 40 more") {
		t.Errorf("message %q", res.Findings[0].Message)
	}
}

func TestDuplicateContent(t *testing.T) {
	mk := func(path string, words int, hash, sim uint64, canonical string) *crawler.Page {
		return &crawler.Page{URL: host + path, Words: words, TextHash: hash, Simhash: sim, Canonical: canonical}
	}
	s := site(nil,
		mk("/a", 300, 1, 0xF0F0F0F0F0F0F0F0, ""),
		mk("/b", 300, 1, 0xF0F0F0F0F0F0F0F0, ""),        // exact twin of /a
		mk("/c", 300, 2, 0xF0F0F0F0F0F0F0F3, ""),        // 2 bits from /a: near
		mk("/d", 300, 3, 0x0F0F0F0F0F0F0F0F, ""),        // far from all
		mk("/e", 300, 1, 0xF0F0F0F0F0F0F0F0, host+"/a"), // declares /a canonical: not reported
		mk("/f", 20, 4, 0xF0F0F0F0F0F0F0F0, ""),         // too short to compare
	)
	res, _ := DuplicateContent{}.CheckSite(context.Background(), s)
	want := []string{"/a exact-duplicate", "/b exact-duplicate", "/c near-duplicate"}
	if got := findingURLs(res.Findings); !equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

func TestThinContent(t *testing.T) {
	s := site(nil, &crawler.Page{URL: host + "/full", Words: 400}, &crawler.Page{URL: host + "/stub", Words: 12})
	res, _ := ThinContent{}.CheckSite(context.Background(), s)
	if got := findingURLs(res.Findings); !equal(got, []string{"/stub thin"}) {
		t.Errorf("findings %q", got)
	}
}
