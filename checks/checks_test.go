package checks

import (
	"context"
	"errors"
	"slices"
	"sort"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

const host = "http://ex.test"

// site builds a Site from fetches and pages for the tests.
func site(fetches []*crawler.Fetch, pages ...*crawler.Page) *crawler.Site {
	s := &crawler.Site{Seeds: []string{host + "/"}, Hosts: []string{"ex.test"}, MaxHops: 10, Fetches: map[string]*crawler.Fetch{}}
	for _, f := range fetches {
		s.Fetches[f.URL] = f
	}
	for _, p := range pages {
		if s.Fetches[p.URL] == nil {
			s.Fetches[p.URL] = &crawler.Fetch{URL: p.URL, Kind: crawler.KindPage, Status: 200}
		}
		p.Fetch = s.Fetches[p.URL]
		sort.Strings(p.IDs)
		s.Pages = append(s.Pages, p)
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].URL < s.Pages[j].URL })
	return s
}

func page(path string, links ...crawler.Link) *crawler.Page {
	return &crawler.Page{URL: host + path, Links: links}
}

func a(target, text string) crawler.Link {
	return crawler.Link{URL: host + target, Text: text, Tag: "a", Attr: crawler.AttrHref, Section: crawler.SectionMain}
}

func fetch(path string, kind crawler.Kind, status int, loc string) *crawler.Fetch {
	f := &crawler.Fetch{URL: host + path, Kind: kind, Status: status}
	if loc != "" {
		f.Location = host + loc
	}
	return f
}

func kinds(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Evidence.Kind+" "+f.Target)
	}
	sort.Strings(out)
	return out
}

func TestBrokenLinks(t *testing.T) {
	img := crawler.Link{URL: host + "/i.png", Tag: "img", Attr: crawler.AttrSrc, Resource: true}
	tests := []struct {
		name string
		s    *crawler.Site
		want []string
	}{
		{"ok link", site([]*crawler.Fetch{fetch("/b", crawler.KindPage, 200, "")}, page("/", a("/b", "B"))), nil},
		{"404 page", site([]*crawler.Fetch{fetch("/b", crawler.KindPage, 404, "")}, page("/", a("/b", "B"))), []string{"status " + host + "/b"}},
		{"500 image", site([]*crawler.Fetch{fetch("/i.png", crawler.KindResource, 500, "")}, page("/", img)), []string{"status " + host + "/i.png"}},
		{"refused", site([]*crawler.Fetch{{URL: host + "/b", Kind: crawler.KindPage, ErrKind: crawler.ErrRefused, Err: "refused"}}, page("/", a("/b", "B"))),
			[]string{"refused " + host + "/b"}},
		{"robots-blocked is not broken", site([]*crawler.Fetch{{URL: host + "/b", ErrKind: crawler.ErrRobots}}, page("/", a("/b", "B"))), nil},
		{"unchecked is not broken", site(nil, page("/", a("/nowhere", "N"))), nil},
		{"redirect to 404", site([]*crawler.Fetch{fetch("/r", crawler.KindPage, 301, "/b"), fetch("/b", crawler.KindPage, 404, "")}, page("/", a("/r", "R"))),
			[]string{"status " + host + "/r"}},
		{"redirect loop", site([]*crawler.Fetch{fetch("/x", crawler.KindPage, 302, "/y"), fetch("/y", crawler.KindPage, 302, "/x")}, page("/", a("/x", "X"))),
			[]string{"redirect-loop " + host + "/x"}},
		{"fragment ok", site(nil, page("/", crawler.Link{URL: host + "/b", Tag: "a"}.WithFragment("sec")), &crawler.Page{URL: host + "/b", IDs: []string{"sec"}}), nil},
		{"fragment missing", site(nil, page("/", crawler.Link{URL: host + "/b", Tag: "a"}.WithFragment("nope")), &crawler.Page{URL: host + "/b", IDs: []string{"sec"}}),
			[]string{"missing-fragment " + host + "/b#nope"}},
		{"#top and SPA routes need no anchor", site(nil, page("/", crawler.Link{URL: host + "/", Tag: "a"}.WithFragment("top"), crawler.Link{URL: host + "/", Tag: "a"}.WithFragment("/route"))), nil},
		{"mailto is never broken", site(nil, page("/", crawler.Link{URL: "mailto:x@y", Tag: "a"}.WithScheme("mailto"))), nil},
		{"invalid URL", site(nil, page("/", crawler.Link{URL: "http://%zz", Tag: "a"}.WithScheme("invalid"))), []string{"invalid-url http://%zz"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := BrokenLinks{}.CheckSite(context.Background(), tt.s)
			if err != nil {
				t.Fatal(err)
			}
			if got := kinds(res.Findings); !equal(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBrokenLinksSeverityAndDetails(t *testing.T) {
	s := site([]*crawler.Fetch{{URL: "https://other.test/x", Kind: crawler.KindExternal, Status: 404}},
		page("/", crawler.Link{URL: "https://other.test/x", Text: "Other", Tag: "a", Section: crawler.SectionFooter}))
	res, _ := BrokenLinks{}.CheckSite(context.Background(), s)
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v", res.Findings)
	}
	f := res.Findings[0]
	if f.Severity != Medium || f.URL != host+"/" || f.Evidence.LinkText != "Other" || f.Evidence.Status != 404 || f.Evidence.Section != "footer" {
		t.Errorf("finding = %+v", f)
	}
	again, _ := BrokenLinks{}.CheckSite(context.Background(), s)
	if again.Findings[0].ID != f.ID {
		t.Error("finding ID is not stable")
	}
}

func TestRedirects(t *testing.T) {
	tests := []struct {
		name    string
		fetches []*crawler.Fetch
		want    []string
	}{
		{"no redirect", []*crawler.Fetch{fetch("/t", crawler.KindPage, 200, "")}, nil},
		{"one permanent", []*crawler.Fetch{fetch("/t", crawler.KindPage, 301, "/f"), fetch("/f", crawler.KindPage, 200, "")}, []string{"link-to-redirect " + host + "/t"}},
		{"one temporary", []*crawler.Fetch{fetch("/t", crawler.KindPage, 302, "/f"), fetch("/f", crawler.KindPage, 200, "")}, []string{"temporary-redirect " + host + "/t"}},
		{"chain", []*crawler.Fetch{fetch("/t", crawler.KindPage, 301, "/m"), fetch("/m", crawler.KindPage, 308, "/f"), fetch("/f", crawler.KindPage, 200, "")},
			[]string{"redirect-chain " + host + "/t"}},
		{"loop", []*crawler.Fetch{fetch("/t", crawler.KindPage, 301, "/m"), fetch("/m", crawler.KindPage, 301, "/t")}, []string{"redirect-loop " + host + "/t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := site(tt.fetches, page("/", a("/t", "T"), a("/t", "T again")))
			res, err := Redirects{}.CheckSite(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			if got := kinds(res.Findings); !equal(got, tt.want) {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRedirectsDowngrade(t *testing.T) {
	s := site([]*crawler.Fetch{
		{URL: "https://ex.test/t", Kind: crawler.KindPage, Status: 301, Location: host + "/f"},
		fetch("/f", crawler.KindPage, 200, ""),
	}, page("/", crawler.Link{URL: "https://ex.test/t", Tag: "a"}))
	res, _ := Redirects{}.CheckSite(context.Background(), s)
	if len(res.Findings) != 1 || res.Findings[0].Evidence.Kind != "https-downgrade" || res.Findings[0].Severity != High {
		t.Errorf("findings = %+v, want one high https-downgrade", res.Findings)
	}
}

func TestRedirectsIgnoresExternalTargets(t *testing.T) {
	s := site([]*crawler.Fetch{{URL: "https://other.test/", Kind: crawler.KindExternal, Status: 301, Location: "https://www.other.test/"}},
		page("/", crawler.Link{URL: "https://other.test/", Tag: "a"}))
	res, _ := Redirects{}.CheckSite(context.Background(), s)
	if len(res.Findings) != 0 {
		t.Errorf("findings on an external redirect: %v", res.Findings)
	}
}

func TestHTTPStatus(t *testing.T) {
	s := site([]*crawler.Fetch{
		fetch("/ok", crawler.KindPage, 200, ""),
		fetch("/gone", crawler.KindPage, 410, ""),
		fetch("/boom", crawler.KindPage, 503, ""),
		{URL: host + "/later", Kind: crawler.KindPage, Status: 503, RetryAfter: true, Attempts: 2},
		{URL: host + "/slow", Kind: crawler.KindPage, ErrKind: crawler.ErrTimeout, Err: "deadline"},
		{URL: host + "/big", Kind: crawler.KindPage, Status: 200, Truncated: true},
		{URL: host + "/blocked", Kind: crawler.KindPage, ErrKind: crawler.ErrRobots},
		fetch("/img.png", crawler.KindResource, 404, ""),
	})
	res, err := HTTPStatus{}.CheckSite(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"body-truncated ", "client-error ", "server-error ", "timeout ", "unavailable "}
	if got := kinds(res.Findings); !equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if res.Checked != 6 {
		t.Errorf("checked %d pages, want 6 (robots-blocked and resources excluded)", res.Checked)
	}
}

type panicky struct{}

func (panicky) Meta() Meta { return Meta{ID: "panicky", Mode: Binary, Scope: PageScope} }
func (panicky) CheckPage(context.Context, *crawler.Page) (Result, error) {
	panic("boom")
}

type failing struct{}

func (failing) Meta() Meta { return Meta{ID: "failing", Mode: Binary, Scope: SiteScope} }
func (failing) CheckSite(context.Context, *crawler.Site) (Result, error) {
	return Result{}, errors.New("no luck")
}

type vitalsCheck struct{}

func (vitalsCheck) Meta() Meta {
	return Meta{ID: "vitals", Mode: Numeric, Scope: PageScope, Requires: []Artifact{ArtifactVitals}}
}
func (vitalsCheck) CheckPage(context.Context, *crawler.Page) (Result, error) {
	panic("must not run without vitals")
}

func TestRunnerIsolatesFailures(t *testing.T) {
	r := NewRunner([]Check{panicky{}, failing{}, vitalsCheck{}, BrokenLinks{}})
	p := page("/")
	r.RunPage(context.Background(), p)
	r.RunSite(context.Background(), site(nil, p))
	out := r.Outcomes()
	if len(out[0].Errors) != 1 || len(out[1].Errors) != 1 {
		t.Errorf("errors not recorded: %v / %v", out[0].Errors, out[1].Errors)
	}
	if !out[2].NotApplicable || out[2].Reason == "" {
		t.Errorf("vitals check without vitals: %+v", out[2])
	}
	if out[3].Checked != 1 || len(out[3].Errors) != 0 {
		t.Errorf("a sound check after failing ones: %+v", out[3])
	}
}

// twoFindings finds the same two things on every page, one of them twice.
type twoFindings struct{}

func (twoFindings) Meta() Meta { return Meta{ID: "two", Mode: Binary, Scope: PageScope} }
func (twoFindings) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	a := NewFinding("two", p.URL, "", "a", Low, "a", Evidence{})
	b := NewFinding("two", p.URL, "", "b", Info, "b", Evidence{})
	return Result{Findings: []Finding{b, a, a}}, nil
}

func TestRunnerOutcomesJoinPages(t *testing.T) {
	r := NewRunner([]Check{twoFindings{}})
	for _, u := range []string{"/c", "/a", "/b"} {
		r.RunPage(context.Background(), page(u))
	}
	check := func(when string, wantPages int) {
		t.Helper()
		o := r.Outcomes()[0]
		if len(o.Findings) != 2*wantPages || o.Failed != wantPages || o.Checked != wantPages {
			t.Fatalf("%s: %d findings, %d failed, %d checked; want %d, %d, %d",
				when, len(o.Findings), o.Failed, o.Checked, 2*wantPages, wantPages, wantPages)
		}
		for i, f := range o.Findings {
			if i > 0 && o.Findings[i-1].URL > f.URL {
				t.Fatalf("%s: findings not sorted by page: %s after %s", when, f.URL, o.Findings[i-1].URL)
			}
			if f.Message == "a" && f.Count != 2 {
				t.Errorf("%s: the finding made twice on %s counts %d", when, f.URL, f.Count)
			}
		}
	}
	check("first", 3)
	check("again", 3) // Outcomes can be read more than once
	r.RunPage(context.Background(), page("/d"))
	check("after one more page", 4)
}

func TestRegistryIsConsistent(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range All() {
		m := c.Meta()
		if m.ID == "" || m.Title == "" || m.FailureTitle == "" || m.Description == "" || m.Category == "" {
			t.Errorf("%T has incomplete metadata: %+v", c, m)
		}
		if seen[m.ID] {
			t.Errorf("duplicate check ID %s", m.ID)
		}
		seen[m.ID] = true
		_, page := c.(PageCheck)
		_, site := c.(SiteCheck)
		if page == site {
			t.Errorf("%s must be exactly one of PageCheck and SiteCheck", m.ID)
		}
		if (m.Scope == PageScope) != page {
			t.Errorf("%s: scope %s does not match its interface", m.ID, m.Scope)
		}
		if m.Mode == Numeric && m.Curve == nil {
			t.Errorf("%s: numeric check without a curve", m.ID)
		}
	}
}

func equal(a, b []string) bool { return slices.Equal(a, b) }

func TestBrokenLinkVerdicts(t *testing.T) {
	ext := func(mut func(f *crawler.Fetch)) *crawler.Fetch {
		f := &crawler.Fetch{URL: "https://other.test/x", Kind: crawler.KindExternal, Attempts: 1}
		mut(f)
		return f
	}
	tests := []struct {
		name    string
		f       *crawler.Fetch
		verdict string
		counted bool
	}{
		{"404", ext(func(f *crawler.Fetch) { f.Status = 404 }), VerdictBroken, true},
		{"410", ext(func(f *crawler.Fetch) { f.Status = 410 }), VerdictBroken, true},
		{"dns", ext(func(f *crawler.Fetch) { f.ErrKind = crawler.ErrDNS }), VerdictBroken, true},
		{"refused", ext(func(f *crawler.Fetch) { f.ErrKind = crawler.ErrRefused }), VerdictBroken, true},
		{"503 after retries", ext(func(f *crawler.Fetch) { f.Status, f.Attempts = 503, 3 }), VerdictServerError, true},
		{"429", ext(func(f *crawler.Fetch) { f.Status, f.Attempts = 429, 3 }), VerdictRateLimited, false},
		{"503 with Retry-After", ext(func(f *crawler.Fetch) { f.Status, f.Attempts, f.RetryAfter = 503, 3, true }), VerdictRateLimited, false},
		{"bot wall", ext(func(f *crawler.Fetch) { f.Status, f.BrowserStatus = 403, 200 }), VerdictBlocked, false},
		{"999 bot wall", ext(func(f *crawler.Fetch) { f.Status, f.BrowserStatus = 999, 200 }), VerdictBlocked, false},
		{"403 to everyone", ext(func(f *crawler.Fetch) { f.Status, f.BrowserStatus = 403, 403 }), VerdictBroken, true},
		{"timeout", ext(func(f *crawler.Fetch) { f.ErrKind, f.Attempts = crawler.ErrTimeout, 3 }), VerdictTimeout, false},
		{"flaky", ext(func(f *crawler.Fetch) { f.Status, f.Attempts = 200, 2 }), VerdictFlaky, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := site([]*crawler.Fetch{tt.f}, page("/", crawler.Link{URL: tt.f.URL, Text: "Other", Tag: "a"}))
			res, _ := BrokenLinks{}.CheckSite(context.Background(), s)
			if len(res.Findings) != 1 {
				t.Fatalf("findings = %+v", res.Findings)
			}
			f := res.Findings[0]
			if f.Evidence.Verdict != tt.verdict || (f.Severity != Info) != tt.counted {
				t.Errorf("verdict %q severity %s, want %q counted=%v", f.Evidence.Verdict, f.Severity, tt.verdict, tt.counted)
			}
		})
	}
	ok := site([]*crawler.Fetch{ext(func(f *crawler.Fetch) { f.Status = 200 })}, page("/", crawler.Link{URL: "https://other.test/x", Tag: "a"}))
	if res, _ := (BrokenLinks{}).CheckSite(context.Background(), ok); len(res.Findings) != 0 {
		t.Errorf("a working link: %v", res.Findings)
	}
}
