package audit

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/crawler/browser"
	"github.com/uxaudit/uxaudit/internal/fixture"
	"github.com/uxaudit/uxaudit/report"
)

func runRendered(t *testing.T, d demoSite, r Render) *report.Result {
	t.Helper()
	o := crawler.DefaultOptions()
	o.Seeds = []string{d.url + "/"}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	res, err := Run(ctx, Config{Crawl: o, Tool: report.Tool{Name: "uxaudit", Version: "test"}, Render: r}, nil)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func TestDemoWithBrowser(t *testing.T) {
	if _, err := browser.FindChrome(""); err != nil && os.Getenv("CI") == "" {
		t.Skip(err)
	}
	d := startDemo(t)
	res := runRendered(t, d, Render{Enabled: true, Concurrency: 2, Browser: browser.Options{Quiet: 300 * time.Millisecond}})
	if len(res.Warnings) != 0 {
		t.Fatalf("warnings: %v", res.Warnings)
	}
	rendered := 0
	for _, p := range res.Pages {
		if p.Vitals == nil {
			continue
		}
		rendered++
		if p.Vitals.Error != "" || p.Vitals.FCP <= 0 || p.Vitals.LCP <= 0 || p.Vitals.Requests < 3 {
			v := *p.Vitals
			v.Screenshot = nil
			t.Errorf("%s: vitals %+v", p.URL, v)
		}
	}
	if rendered != 10 {
		t.Errorf("%d pages rendered, want the 10 HTML pages", rendered)
	}
	var jsErrors, layout []string
	shifts := 0
	for _, f := range res.Findings {
		switch f.Check {
		case "js-errors":
			jsErrors = append(jsErrors, strings.TrimPrefix(f.URL, d.url)+" "+strings.TrimPrefix(f.Target, d.url))
		case "layout-shift":
			// The broken image on the seeds page answers after the first
			// paint and collapses to its alt text: a planted shift. The
			// image planted without dimensions on the composting page
			// shifts the text only when it arrives after the first paint,
			// which depends on the machine's load: allowed, not required.
			switch f.URL {
			case d.url + "/products/seeds.html":
				// Which element is named depends on event timing under
				// load; crawler/browser's tests pin cause attribution.
				shifts++
			case d.url + "/blog/composting.html":
			case "":
				// When both pages shift, the site rollup names what
				// they share (which element depends on timing too);
				// it must not name any other page.
				for _, u := range f.Evidence.Items {
					if u != d.url+"/products/seeds.html" && u != d.url+"/blog/composting.html" {
						t.Errorf("unexpected page in layout-shift rollup: %s (%s)", u, f.Message)
					}
				}
			default:
				t.Errorf("unexpected layout shift: %s %s", f.URL, f.Message)
			}
		case "page-weight":
			t.Errorf("the demo is light, yet: %s", f.Message)
		case "largest-contentful-paint", "first-contentful-paint", "total-blocking-time":
			// The demo is fast, but a loaded machine (CI runs packages
			// in parallel) can push a page past a curve's 0.9 point, or
			// its median; not to twice the median.
			if f.Severity == checks.High {
				t.Errorf("the demo is fast, yet: %s", f.Message)
			} else {
				t.Logf("slow under load: %s", f.Message)
			}
		case "content-width", "tap-targets", "font-size", "color-contrast":
			layout = append(layout, f.Check+" "+strings.TrimPrefix(f.URL, d.url)+" "+f.Evidence.Selector)
		}
	}
	// The rendered layout defects planted in the demo: the product table's
	// fixed width, the tools page's pale small print, and the newsletter
	// form's controls at the browser's default size, wrapped onto lines a
	// few px apart. Every other page passes.
	sort.Strings(layout)
	wantLayout := []string{
		"color-contrast /products/tools.html body > main > p:nth-of-type(4)",
		"content-width /products/ body > main > table",
		"tap-targets /contact.html body > main > form > button",
		"tap-targets /contact.html body > main > form > input:nth-of-type(3)",
		"tap-targets /contact.html input#newsletter-name",
	}
	if strings.Join(layout, "\n") != strings.Join(wantLayout, "\n") {
		t.Errorf("layout findings:\n%s\nwant:\n%s", strings.Join(layout, "\n"), strings.Join(wantLayout, "\n"))
	}
	// The broken image collapses BrokenImageDelay after the request: a
	// page painted before then shifts; one painted after it (a loaded
	// machine) shows the alt text from the start and does not.
	var seedsFCP float64
	for _, p := range res.Pages {
		if p.URL == d.url+"/products/seeds.html" && p.Vitals != nil {
			seedsFCP = p.Vitals.FCP
		}
	}
	paintedEarly := seedsFCP < float64(fixture.BrokenImageDelay/time.Millisecond)/2
	if shifts > 1 || paintedEarly && shifts != 1 {
		t.Errorf("%d layout-shift findings on the seeds page (first paint at %.0f ms), want the broken image's", shifts, seedsFCP)
	}
	sort.Strings(jsErrors)
	want := []string{"/blog/composting.html /js/missing.js", "/products/seeds.html /img/missing.png"}
	if strings.Join(jsErrors, ",") != strings.Join(want, ",") {
		t.Errorf("js-errors findings %q, want %q", jsErrors, want)
	}
	for _, c := range res.Checks {
		if c.Category == "speed" || c.Category == "stability" {
			if c.NotApplicable || c.Score == nil {
				t.Errorf("%s: not scored (%s)", c.ID, c.Reason)
			}
		}
	}
}

func TestMissingBrowserIsNotApplicable(t *testing.T) {
	d := startDemo(t)
	res := runRendered(t, d, Render{Enabled: true, Concurrency: 2, Browser: browser.Options{ExecPath: "/nonexistent/chromium"}})
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "no browser pass") {
		t.Errorf("warnings = %q", res.Warnings)
	}
	for _, c := range res.Checks {
		rendered := c.ID == "js-errors" || c.ID == "layout-shift" || c.ID == "largest-contentful-paint" ||
			c.ID == "content-width" || c.ID == "tap-targets" || c.ID == "font-size" || c.ID == "color-contrast"
		if rendered && !c.NotApplicable {
			t.Errorf("%s should be not applicable without a browser", c.ID)
		}
		if c.ID == "broken-links" && c.Findings == 0 {
			t.Error("the HTTP audit must go on without a browser")
		}
	}
}

func TestChoosePages(t *testing.T) {
	var pages []*crawler.Page
	for _, u := range []string{"/", "/blog/a", "/blog/b", "/blog/c", "/shop/1", "/shop/2", "/about"} {
		pages = append(pages, &crawler.Page{URL: "http://x" + u})
	}
	if got := choosePages(pages, 0, true); len(got) != 7 {
		t.Errorf("no cap: %d pages", len(got))
	}
	if got := choosePages(pages, 2, false); got[0].URL != "http://x/" || got[1].URL != "http://x/blog/a" {
		t.Errorf("first two: %v, %v", got[0].URL, got[1].URL)
	}
	var urls []string
	for _, p := range choosePages(pages, 5, true) {
		urls = append(urls, strings.TrimPrefix(p.URL, "http://x"))
	}
	// One page per template first (/, /*, /blog/*, /shop/*), then round two.
	if strings.Join(urls, " ") != "/ /about /blog/a /shop/1 /blog/b" {
		t.Errorf("sample = %v", urls)
	}
}
