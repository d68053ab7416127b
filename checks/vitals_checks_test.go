package checks

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/crawler"
)

func vpage(path string, v *crawler.Vitals) *crawler.Page {
	return &crawler.Page{URL: host + path, Vitals: v}
}

func TestMetricChecks(t *testing.T) {
	tests := []struct {
		check   PageCheck
		v       crawler.Vitals
		want    float64
		kind    string // "" for no finding
		message string
	}{
		{LargestContentfulPaint{}, crawler.Vitals{LCP: 1200, FCP: 800, LCPElement: "img#hero"}, 1200, "", ""},
		{LargestContentfulPaint{}, crawler.Vitals{LCP: 3000, FCP: 800, LCPElement: "img#hero"}, 3000, "needs-improvement", "img#hero"},
		{LargestContentfulPaint{}, crawler.Vitals{LCP: 9000, FCP: 800}, 9000, "poor", "9.0 s"},
		{FirstContentfulPaint{}, crawler.Vitals{FCP: 900}, 900, "", ""},
		{FirstContentfulPaint{}, crawler.Vitals{FCP: 3500}, 3500, "poor", "3.5 s"},
		{TotalBlockingTime{}, crawler.Vitals{TBT: 0}, 0, "", ""},
		{TotalBlockingTime{}, crawler.Vitals{TBT: 450}, 450, "needs-improvement", "450 ms"},
		{PageWeight{}, crawler.Vitals{TransferBytes: 500 << 10, Requests: 12}, 500 << 10, "", ""},
		{PageWeight{}, crawler.Vitals{TransferBytes: 5 << 20, Requests: 80, Largest: []crawler.Resource{{URL: "/big.jpg", Type: "Image", Bytes: 4 << 20}}},
			5 << 20, "poor", "5.0 MiB in 80 requests"},
		// A page that timed out still has its metrics as of then.
		{FirstContentfulPaint{}, crawler.Vitals{FCP: 500, ErrorKind: "timeout", Error: "busy"}, 500, "", ""},
	}
	for _, tt := range tests {
		id := tt.check.Meta().ID
		v := tt.v
		res, err := tt.check.CheckPage(context.Background(), vpage("/p", &v))
		if err != nil || res.Value == nil || *res.Value != tt.want {
			t.Errorf("%s(%+v): value %v, err %v, want %v", id, tt.v, res.Value, err, tt.want)
			continue
		}
		switch {
		case tt.kind == "" && len(res.Findings) != 0:
			t.Errorf("%s(%+v): unexpected findings %v", id, tt.v, res.Findings)
		case tt.kind != "" && (len(res.Findings) != 1 || res.Findings[0].Evidence.Kind != tt.kind || !strings.Contains(res.Findings[0].Message, tt.message)):
			t.Errorf("%s(%+v): findings %+v, want one %s mentioning %q", id, tt.v, res.Findings, tt.kind, tt.message)
		}
	}
}

func TestMetricChecksNotApplicable(t *testing.T) {
	for _, c := range []PageCheck{LargestContentfulPaint{}, FirstContentfulPaint{}, TotalBlockingTime{}, PageWeight{}, JSErrors{}} {
		for _, p := range []*crawler.Page{
			vpage("/none", nil),
			vpage("/crashed", &crawler.Vitals{ErrorKind: "crash", Error: "tab crashed"}),
		} {
			res, _ := c.CheckPage(context.Background(), p)
			if c.Meta().ID == "js-errors" && p.Vitals != nil {
				if len(res.Findings) != 1 || res.Findings[0].Evidence.Kind != "render-crash" {
					t.Errorf("js-errors on a crashed page: %+v", res.Findings)
				}
				continue
			}
			if !res.NotApplicable || res.Value != nil {
				t.Errorf("%s on %s: %+v, want not applicable", c.Meta().ID, p.URL, res)
			}
		}
	}
}

func TestServerResponseTime(t *testing.T) {
	p := &crawler.Page{URL: host + "/", Fetch: &crawler.Fetch{Timing: crawler.Timing{TTFB: 2500 * time.Millisecond}}}
	res, _ := ServerResponseTime{}.CheckPage(context.Background(), p)
	if res.Value == nil || *res.Value != 2500 || len(res.Findings) != 1 || res.Findings[0].Severity != Medium {
		t.Errorf("result %+v", res)
	}
	p.Fetch.Timing.TTFB = 90 * time.Millisecond
	if res, _ = (ServerResponseTime{}).CheckPage(context.Background(), p); len(res.Findings) != 0 {
		t.Errorf("a fast server: %+v", res.Findings)
	}
}

func TestJSErrors(t *testing.T) {
	v := &crawler.Vitals{
		ConsoleErrors:  []string{"boom"},
		Exceptions:     []string{"TypeError: x is undefined"},
		FailedRequests: []crawler.FailedRequest{{URL: host + "/app.js", Type: "Script", Status: 404}, {URL: host + "/a.png", Type: "Image", Error: "net::ERR_FAILED"}},
	}
	res, _ := JSErrors{}.CheckPage(context.Background(), vpage("/", v))
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Evidence.Kind+"/"+string(f.Severity))
	}
	want := []string{"exception/high", "console-error/medium", "failed-request/high", "failed-request/medium"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("findings %v, want %v", got, want)
	}
	if res, _ = (JSErrors{}).CheckPage(context.Background(), vpage("/", &crawler.Vitals{})); len(res.Findings) != 0 {
		t.Errorf("a clean page: %v", res.Findings)
	}
}

func TestLayoutShiftRollup(t *testing.T) {
	banner := func(cls float64) *crawler.Vitals {
		return &crawler.Vitals{CLS: cls, Shifts: []crawler.Shift{{Value: cls, Sources: []string{"main"}, Causes: []string{"div#cookie-banner"}}}}
	}
	s := site(nil,
		vpage("/a", banner(0.3)), vpage("/b", banner(0.2)), vpage("/c", banner(0.15)),
		vpage("/d", &crawler.Vitals{CLS: 0.001, Shifts: []crawler.Shift{{Value: 0.001, Sources: []string{"p"}}}}),
		vpage("/e", &crawler.Vitals{CLS: 0.12, Shifts: []crawler.Shift{{Value: 0.12, Sources: []string{"img.hero"}}}}),
		vpage("/unrendered", nil),
	)
	res, err := LayoutShift{}.CheckSite(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Checked != 5 || len(res.Values) != 5 {
		t.Errorf("checked %d pages with %d values, want 5", res.Checked, len(res.Values))
	}
	var site []Finding
	pages := map[string]bool{}
	for _, f := range res.Findings {
		if f.URL == "" {
			site = append(site, f)
		} else {
			pages[strings.TrimPrefix(f.URL, host)] = true
		}
	}
	if len(pages) != 4 || pages["/d"] {
		t.Errorf("page findings on %v, want /a /b /c /e", pages)
	}
	if len(site) != 1 || site[0].Evidence.Selector != "div#cookie-banner" || !strings.Contains(site[0].Message, "3 of 5") || site[0].Severity != High {
		t.Errorf("site rollup = %+v", site)
	}
	none, _ := LayoutShift{}.CheckSite(context.Background(), site0())
	if !none.NotApplicable {
		t.Error("no rendered page must be not applicable")
	}
}

func site0() *crawler.Site { return site(nil, vpage("/", nil)) }
