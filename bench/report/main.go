// Command report measures the HTML scorecard of a big audit: it builds a
// synthetic result of N pages (10,000 by default; about five findings a
// page, vitals on every page, a screenshot on 200 of them, as an audit
// keeps), writes report.html, prints its size and the time to render it,
// and with -chrome opens it in Chromium from disk and times it until the
// report's script has rendered its first tables. The synthetic result has
// the release-gate sections too (see Gates): budgets, a baseline diff and a
// trend of 20 audits.
//
//	go run ./bench/report -pages 10000 -chrome -runs 5
//	go run ./bench/report -from uxaudit-report/result.json -out /tmp/r   # any saved result
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
	"github.com/uxaudit/uxaudit/crawler/browser"
	"github.com/uxaudit/uxaudit/report"
)

func main() {
	pages := flag.Int("pages", 10000, "pages of the synthetic result")
	from := flag.String("from", "", "render this result.json instead of a synthetic result")
	out := flag.String("out", "", "folder for report.html (default: a temporary folder)")
	chrome := flag.Bool("chrome", false, "open the report in Chromium and time it")
	runs := flag.Int("runs", 3, "timed loads in Chromium (after one warm-up)")
	noGates := flag.Bool("no-gates", false, "leave out the budgets, the baseline diff and the trend")
	flag.Parse()
	if err := run(*pages, *from, *out, *chrome, *runs, !*noGates); err != nil {
		fmt.Fprintln(os.Stderr, "report bench:", err)
		os.Exit(1)
	}
}

func run(pages int, from, out string, chrome bool, runs int, gates bool) error {
	var r *report.Result
	var opts report.HTMLOptions
	if from != "" {
		f, err := os.Open(from)
		if err != nil {
			return err
		}
		r, err = report.ReadJSON(f)
		f.Close()
		if err != nil {
			return err
		}
	} else {
		r = Synthetic(pages, 1)
		if gates {
			opts.Trend = Gates(r)
		}
	}
	if out == "" {
		dir, err := os.MkdirTemp("", "uxaudit-report-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		out = dir
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	path, err := filepath.Abs(filepath.Join(out, "report.html"))
	if err != nil {
		return err
	}
	start := time.Now()
	var b bytes.Buffer
	if err := report.WriteHTML(&b, r, opts); err != nil {
		return err
	}
	took := time.Since(start)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("pages %d, findings %d\n", len(r.Pages), len(r.Findings))
	if d := r.Baseline; d != nil {
		fmt.Printf("budgets %d (%d failed), since baseline %d new, %d fixed, %d persisting\n",
			len(r.Budgets), len(report.FailedBudgets(r.Budgets)), d.Counts.New, d.Counts.Fixed, d.Counts.Persisting)
	}
	fmt.Printf("report.html %.2f MB (%d bytes), written in %s\n", float64(b.Len())/1e6, b.Len(), took.Round(time.Millisecond))
	if !chrome {
		return nil
	}
	times, err := openTimes(path, runs)
	if err != nil {
		return err
	}
	var wall, ready, cpu []float64
	for _, t := range times {
		wall, ready, cpu = append(wall, t.wall), append(ready, t.ready), append(cpu, t.cpu)
	}
	fmt.Printf("open in Chromium, %d runs, navigation to tables rendered:\n", len(times))
	fmt.Printf("  page's own clock  min %5.0f ms  median %5.0f ms  max %5.0f ms\n", slices.Min(ready), median(ready), slices.Max(ready))
	fmt.Printf("  wall clock        min %5.0f ms  median %5.0f ms  max %5.0f ms\n", slices.Min(wall), median(wall), slices.Max(wall))
	fmt.Printf("  Chromium CPU time min %5.0f ms  median %5.0f ms  max %5.0f ms (all its processes)\n", slices.Min(cpu), median(cpu), slices.Max(cpu))
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("  load average: %s", b)
	}
	return nil
}

// openTime is one load of the report: wall-clock milliseconds from the
// navigation to the tables rendered, as the bench and as the page measure
// them, and the CPU milliseconds all of Chromium's processes spent on it
// (a figure that other work on a busy machine does not inflate).
type openTime struct{ wall, ready, cpu float64 }

// cpuTime returns the user and system CPU milliseconds used so far by the
// process pid and its descendants, from /proc (Linux); 0 elsewhere.
func cpuTime(pid int) float64 {
	if pid == 0 {
		return 0
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	type proc struct {
		ppid  int
		ticks float64
	}
	procs := map[int]proc{}
	for _, e := range entries {
		var id int
		if _, err := fmt.Sscan(e.Name(), &id); err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The command name may hold spaces: the fields follow its last ')'.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 13 {
			continue
		}
		var ppid int
		var ut, st float64
		fmt.Sscan(f[1], &ppid)
		fmt.Sscan(f[11], &ut)
		fmt.Sscan(f[12], &st)
		procs[id] = proc{ppid, ut + st}
	}
	in := func(id int) bool {
		for n := 0; id > 1 && n < 64; n++ {
			if id == pid {
				return true
			}
			id = procs[id].ppid
		}
		return false
	}
	var ticks float64
	for id, p := range procs {
		if in(id) {
			ticks += p.ticks
		}
	}
	return ticks * 10 // USER_HZ is 100 on Linux: 10 ms a tick
}

// openTimes loads the report runs+1 times, each in a fresh tab, and returns
// the timings of all but the first (warm-up) load.
func openTimes(path string, runs int) ([]openTime, error) {
	exe, err := browser.FindChrome("")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	if err := chromedp.Do(bctx); err != nil {
		return nil, fmt.Errorf("start Chromium: %w", err)
	}
	var out []openTime
	for i := 0; i <= runs; i++ {
		t, err := openOnce(bctx, path)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

func openOnce(bctx context.Context, path string) (openTime, error) {
	tab, cancel := chromedp.NewContext(bctx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(tab, 60*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx); err != nil {
		return openTime{}, err
	}
	pid := 0
	if p := chromedp.FromContext(ctx).Browser.Process(); p != nil {
		pid = p.Pid
	}
	cpu0 := cpuTime(pid)
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+path)); err != nil {
		return openTime{}, fmt.Errorf("open %s: %w", path, err)
	}
	ready, err := chromedp.Run(ctx, chromedp.Poll[string](
		`document.querySelector('#pages-table tbody tr') && document.documentElement.dataset.ready`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		return openTime{}, fmt.Errorf("wait for the tables: %w", err)
	}
	wall := float64(time.Since(start).Microseconds()) / 1000
	cpu := cpuTime(pid) - cpu0
	var ms float64
	if _, err := fmt.Sscan(ready, &ms); err != nil {
		return openTime{}, fmt.Errorf("ready mark %q: %w", ready, err)
	}
	return openTime{wall: wall, ready: ms, cpu: cpu}, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// Synthetic builds a result shaped like a real audit of n pages: templated
// URLs (blog, shop, docs), a shared footer link broken on a third of the
// pages, images without alt text in one template, vague "read more" links,
// long sentences and a reading grade per page, LCP and CLS from a
// log-normal spread, a cookie banner that shifts content on a fifth of the
// pages, and about five findings a page. seed fixes the data.
func Synthetic(n int, seed uint64) *report.Result {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const site = "https://www.example-shop.test/"
	f := func(v float64) *float64 { return &v }
	start := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	r := &report.Result{
		SchemaVersion: report.SchemaVersion, Tool: report.Tool{Name: "uxaudit", Version: "bench"}, Site: site,
		StartedAt: start, FinishedAt: start.Add(41 * time.Minute), DurationMS: (41 * time.Minute).Milliseconds(),
		Config: map[string]any{"max_pages": 10000.0, "browser": true, "device": "mobile", "throttle": true, "reading_grade": 9.0},
	}
	type chk struct {
		id, cat, title, fail string
		mode                 checks.Mode
		unit                 string
		curve                *checks.Curve
	}
	list := []chk{
		{"broken-links", "links", "Links work", "Links are broken", checks.Binary, "", nil},
		{"http-status", "links", "Pages load", "Pages fail to load", checks.Binary, "", nil},
		{"redirects", "redirects", "Links go straight to their page", "Links go through redirects", checks.Binary, "", nil},
		{"server-response-time", "speed", "The server answers quickly", "The server answers slowly", checks.Numeric, "ms", &checks.Curve{P10: 800, Median: 1800}},
		{"largest-contentful-paint", "speed", "The main content appears quickly", "The main content appears slowly", checks.Numeric, "ms", &checks.Curve{P10: 2500, Median: 4000}},
		{"layout-shift", "stability", "Content stays where it is", "Content jumps while the page loads", checks.Numeric, "", &checks.Curve{P10: 0.1, Median: 0.25}},
		{"readability", "content", "Text is easy to read", "Text is hard to read", checks.Numeric, "grade", &checks.Curve{P10: 9, Median: 13}},
		{"vague-link-text", "wording", "Links say where they go", "Links do not say where they go", checks.Binary, "", nil},
		{"plain-language", "wording", "Words are plain", "Words are complex", checks.Binary, "", nil},
		{"meta-description", "structure", "Pages have a description", "Pages lack a description", checks.Binary, "", nil},
		{"image-dimensions", "structure", "Images have dimensions", "Images lack dimensions", checks.Binary, "", nil},
		{"image-alt", "accessibility", "Images have alternative text", "Images lack alternative text", checks.Binary, "", nil},
		{"click-depth", "site", "Pages are close to the start", "Pages are deep", checks.Binary, "", nil},
	}
	desc := "Why it matters: people notice, and leave. How to fix it: follow the finding's evidence, fix the shared template first, and audit again."
	failed := map[string]map[string]bool{}
	add := func(check, page, target string, sev checks.Severity, msg string, ev checks.Evidence) {
		fd := checks.NewFinding(check, page, target, msg, sev, msg, ev)
		r.Findings = append(r.Findings, fd)
		if failed[check] == nil {
			failed[check] = map[string]bool{}
		}
		failed[check][page] = true
	}
	sections := []string{"blog", "shop/garden", "shop/tools", "docs", "stories"}
	words := strings.Fields("seed compost trowel planting spring summer raised bed tomato bean courgette soil mulch watering hedge pruning")
	lognorm := func(median, spread float64) float64 { return median * math.Exp(rng.NormFloat64()*spread) }
	for i := range n {
		sec := sections[i%len(sections)]
		slug := fmt.Sprintf("%s-%s-%d", words[rng.IntN(len(words))], words[rng.IntN(len(words))], i)
		u := site + sec + "/" + slug + ".html"
		if i == 0 {
			u = site
		}
		title := strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ") + " | Example Shop"
		lcp, cls, grade, ttfb := lognorm(2100, 0.45), 0.0, 6+rng.Float64()*9, lognorm(350, 0.6)
		v := &crawler.Vitals{TTFB: ttfb, FCP: lcp * 0.7, LCP: lcp, TBT: lognorm(120, 0.8), Requests: 20 + rng.IntN(60),
			TransferBytes: int64(lognorm(900e3, 0.5)), DOMNodes: 400 + rng.IntN(1200), Settled: true, Runs: 1,
			LCPElement: "main > figure > img", LCPURL: site + "img/" + slug + ".jpg"}
		if i%5 == 0 {
			cls = 0.05 + rng.Float64()*0.3
			v.Shifts = []crawler.Shift{{Time: 800, Value: cls, Sources: []string{"main"}, Causes: []string{"div#cookie-banner"}}}
		}
		v.CLS = cls
		if i < 200 {
			v.Screenshot = screenshot(rng)
		}
		p := report.PageResult{URL: u, FinalURL: u, Status: 200, FinalStatus: 200, Depth: 1 + i%6, ContentType: "text/html; charset=utf-8",
			Bytes: int64(lognorm(40e3, 0.4)), Timing: report.TimingMS{TTFB: ttfb, Total: ttfb + 20}, HTML: true, Title: title, Links: 40 + rng.IntN(80),
			Vitals: v, Metrics: map[string]float64{"server-response-time": ttfb, "largest-contentful-paint": lcp, "layout-shift": cls, "readability": math.Round(grade*10) / 10}}
		if i%97 == 5 {
			p.Status, p.FinalStatus, p.HTML = 404, 404, false
			add("http-status", u, "", checks.Medium, "The page answers 404 Not Found", checks.Evidence{Kind: "client-error", Status: 404})
		}
		r.Pages = append(r.Pages, p)

		if i%3 == 0 {
			add("broken-links", u, site+"partners/association", checks.High, `Link "Gardening association" to `+site+"partners/association is broken: 404 Not Found",
				checks.Evidence{Kind: "status", LinkText: "Gardening association", Tag: "a", Section: "footer", Status: 404, Verdict: "broken"})
		}
		if rng.IntN(40) == 0 {
			t := fmt.Sprintf("%sblog/%s-old.html", site, slug)
			add("broken-links", u, t, checks.High, `Link "last year's guide" to `+t+" is broken: 404 Not Found",
				checks.Evidence{Kind: "status", LinkText: "last year's guide", Tag: "a", Section: "main", Status: 404, Verdict: "broken"})
		}
		if strings.HasPrefix(sec, "shop") {
			add("image-alt", u, "", checks.Medium, fmt.Sprintf("Image /img/%s.jpg (main > figure > img) has no alt attribute", slug),
				checks.Evidence{Kind: "missing-alt", Tag: "img", Attr: "alt", Selector: "main > figure > img"})
		}
		if sec == "blog" || sec == "stories" {
			add("vague-link-text", u, site+sec+"/", checks.Low, `The link text "read more" does not say where the link goes`,
				checks.Evidence{Kind: "vague", LinkText: "read more", Tag: "a", Selector: "main > article > a", Section: "main"})
		}
		if grade > 9 {
			sev := checks.Low
			if grade > 13 {
				sev = checks.Medium
			}
			add("readability", u, "", sev, fmt.Sprintf("The main content reads at US school grade %.1f (Flesch–Kincaid), above the target of 9: %.1f words a sentence and %.2f syllables a word", grade, 14+grade, 1.3+grade/30),
				checks.Evidence{Kind: "needs-improvement", Value: grade, Unit: "grade"})
		}
		for k := range rng.IntN(3) {
			s := fmt.Sprintf("When you plan the %s for the %s season it is worth taking into account the amount of %s that the %s will need over the following weeks and months, as well as the %s", words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))], words[rng.IntN(len(words))])
			add("readability", u, "", checks.Low, fmt.Sprintf("A sentence of %d words (over 25): %q", 30+k, s),
				checks.Evidence{Kind: "long-sentence", Selector: fmt.Sprintf("main > p:nth-of-type(%d)", k+1), Value: float64(30 + k), Unit: "words", Items: []string{s}})
		}
		if lcp > 2500 {
			sev := checks.Low
			if lcp > 4000 {
				sev = checks.Medium
			}
			add("largest-contentful-paint", u, "", sev, fmt.Sprintf("The largest element (main > figure > img) appears after %.1f s", lcp/1000),
				checks.Evidence{Kind: "poor", Value: lcp, Unit: "ms", Selector: "main > figure > img", Items: []string{v.LCPURL}})
		}
		if cls > 0.1 {
			add("layout-shift", u, "", checks.Medium, fmt.Sprintf("Content shifts by %.2f while the page loads; moved or pushed by div#cookie-banner", cls),
				checks.Evidence{Kind: "poor", Value: cls, Items: []string{"div#cookie-banner"}})
		}
		if rng.IntN(2) == 0 {
			add("plain-language", u, "", checks.Low, `"utilize" (2 times): use "use"`, checks.Evidence{Kind: "plain-language", Items: []string{"…we utilize the best compost…"}})
		}
		if rng.IntN(5) == 0 {
			add("meta-description", u, "", checks.Medium, "The page has no meta description: search results show a random snippet", checks.Evidence{Kind: "missing-description", Tag: "meta"})
		}
		if i%10 < 3 {
			add("image-dimensions", u, "", checks.Low, fmt.Sprintf("Image /img/%s-thumb.jpg (aside > img) has no width and height attributes", slug),
				checks.Evidence{Kind: "missing-dimensions", Tag: "img", Attr: "width,height", Selector: "aside > img"})
		}
		if p.Depth > 4 {
			add("click-depth", u, "", checks.Low, fmt.Sprintf("The page is %d clicks from the start page", p.Depth), checks.Evidence{Kind: "deep-page", Value: float64(p.Depth), Unit: "clicks"})
		}
		if i%50 == 7 {
			add("redirects", u, site+"sale", checks.Medium, `Link "spring sale" to `+site+"sale goes through a chain of 2 redirects",
				checks.Evidence{Kind: "redirect-chain", LinkText: "spring sale", Hops: []crawler.Hop{{URL: site + "sale", Status: 301, Location: site + "offers"}, {URL: site + "offers", Status: 302, Location: site + "shop/"}}})
		}
	}
	slices.SortStableFunc(r.Findings, func(a, b checks.Finding) int { return b.Severity.Rank() - a.Severity.Rank() })
	cats := map[string]*report.CategoryResult{}
	for _, c := range report.DefaultCategories() {
		r.Categories = append(r.Categories, report.CategoryResult{ID: c.ID, Title: c.Title, Weight: c.Weight, Checks: []string{}})
	}
	for i := range r.Categories {
		cats[r.Categories[i].ID] = &r.Categories[i]
	}
	sums := map[string][2]float64{}
	for _, c := range list {
		cr := report.CheckResult{ID: c.id, Title: c.title, FailureTitle: c.fail, Description: desc, Category: c.cat, Mode: c.mode,
			Scope: checks.PageScope, Unit: c.unit, Curve: c.curve, Checked: n, Failed: len(failed[c.id])}
		for _, fd := range r.Findings {
			if fd.Check == c.id {
				cr.Findings++
			}
		}
		s := 1 - float64(cr.Failed)/float64(n)
		if c.curve != nil {
			var vals []float64
			for _, p := range r.Pages {
				vals = append(vals, p.Metrics[c.id])
			}
			p75 := report.Percentile(vals, 75)
			cr.Value = f(p75)
			s = report.LogNormalScore(p75, c.curve.P10, c.curve.Median)
		}
		cr.Score = f(math.Round(s*100) / 100)
		r.Checks = append(r.Checks, cr)
		cat := cats[c.cat]
		cat.Checks = append(cat.Checks, c.id)
		sums[c.cat] = [2]float64{sums[c.cat][0] + *cr.Score, sums[c.cat][1] + 1}
	}
	var total, weights float64
	for i := range r.Categories {
		c := &r.Categories[i]
		if s := sums[c.ID]; s[1] > 0 {
			c.Score = f(math.Round(s[0]/s[1]*100) / 100)
			total += *c.Score * c.Weight
			weights += c.Weight
		}
	}
	r.Score = f(math.Round(total/weights*100) / 100)
	r.Summary = report.Summary{Pages: n, URLs: n * 3, Findings: len(r.Findings), BySeverity: map[string]int{}}
	for _, fd := range r.Findings {
		r.Summary.BySeverity[string(fd.Severity)]++
		switch fd.Check {
		case "broken-links":
			r.Summary.BrokenLinks++
		case "http-status":
			r.Summary.PagesWithError++
		case "redirects":
			r.Summary.RedirectChains++
		}
	}
	return r
}

// Gates adds what a release gate and a nightly job add to a result:
// budgets of every kind (site and path-scoped, some failing), a diff with a
// baseline in which one finding in twenty is new and one in thirty has
// been fixed since, and it returns a trend of 20 audits for the report.
func Gates(r *report.Result) *report.Trend {
	f := func(v float64) *float64 { return &v }
	r.Budgets = report.EvaluateBudgets(r, []report.Budget{
		{Score: f(80), Categories: []report.Limit{{Key: "speed", Value: 90}, {Key: "accessibility", Value: 60}},
			Metrics:  []report.Limit{{Key: "largest-contentful-paint", Value: 2500}, {Key: "layout-shift", Value: 0.1}},
			Findings: []report.Limit{{Key: "high", Value: 0}, {Key: "broken-links", Value: 100}}},
		{Path: "/shop/*", Score: f(70), Metrics: []report.Limit{{Key: "largest-contentful-paint", Value: 2000}}},
		{Path: "/checkout/*", Metrics: []report.Limit{{Key: "largest-contentful-paint", Value: 2000}}},
	})
	old := *r
	old.StartedAt = r.StartedAt.AddDate(0, 0, -1)
	old.Findings = nil
	for i, fd := range r.Findings {
		switch {
		case i%20 == 3: // new since
			continue
		case i%30 == 7: // fixed since: the baseline had one more
			gone := fd
			gone.URL += "?v=old"
			gone.ID = checks.NewFinding(gone.Check, gone.URL, gone.Target, gone.Message, gone.Severity, gone.Message, gone.Evidence).ID
			old.Findings = append(old.Findings, gone)
		}
		old.Findings = append(old.Findings, fd)
	}
	old.Categories = slices.Clone(r.Categories)
	for i := range old.Categories {
		if s := old.Categories[i].Score; s != nil {
			old.Categories[i].Score = f(math.Min(1, *s+0.01*float64(i%4)-0.01))
		}
	}
	old.Score = f(*r.Score + 0.02)
	r.Baseline = report.Diff(&old, r, "nightly/previous/result.json")

	t := &report.Trend{}
	const runs = 20
	for i := range runs {
		w := float64(runs-1-i) / runs // older audits score a little lower
		t.Runs = append(t.Runs, report.TrendRun{Time: r.StartedAt.AddDate(0, 0, i-runs+1), Score: f(math.Max(0, *r.Score-0.1*w))})
	}
	for _, c := range r.Categories {
		s := report.TrendSeries{ID: c.ID, Title: c.Title}
		for i := range runs {
			if c.Score == nil {
				s.Scores = append(s.Scores, nil)
				continue
			}
			s.Scores = append(s.Scores, f(math.Max(0, *c.Score-0.05*float64((runs-1-i)%5)/4)))
		}
		t.Categories = append(t.Categories, s)
	}
	return t
}

// screenshot is a stand-in for an audit's screenshot: a JPEG of the size
// the browser pass takes (0.4 CSS px a pixel of a 412×823 phone), lines of
// "text" that differ from page to page, so it weighs and compresses as a
// real one does.
func screenshot(rng *rand.Rand) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 165, 329))
	hue := uint8(rng.IntN(200))
	for y := range 329 {
		line := y / 14
		end := 40 + (line*37+int(hue))%110
		for x := range 165 {
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case y < 40:
				c = color.RGBA{hue, 90, 160, 255}
			case line%3 != 2 && x > 10 && x < end && rng.IntN(5) != 0:
				c = color.RGBA{40, 40, 50, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 50}) // a bytes.Buffer does not fail
	return b.Bytes()
}
