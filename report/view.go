package report

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

// Limits of the scorecard: what is drawn in the page itself stays small,
// whatever the size of the site; the full lists are in the embedded data,
// rendered a page of rows at a time.
const (
	fixFirstShown   = 10      // groups in "Fix first"
	fixExamples     = 5       // pages named under each group
	worstPagesShown = 5       // worst pages per category
	slowestShown    = 10      // slowest pages
	culpritsShown   = 10      // layout-shift culprits
	chainsShown     = 15      // redirect chains drawn
	screenshotBytes = 3 << 20 // screenshots embedded, base64, at most
)

// scorecard is what the HTML template renders.
type scorecard struct {
	Host, Site    string
	Date          string
	Duration      string
	Tool          Tool
	Partial       bool
	PartialReason string
	Warnings      []string
	Summary       Summary
	Settings      []setting
	Overall       gauge
	Gauges        []gauge
	Fix           []fixItem
	FixGroups     int // groups in all, shown or not
	Categories    []categoryView
	// Budgets, Baseline and Trend are nil when the audit had no budgets,
	// no baseline, or no history.
	Budgets  *budgetsView
	Baseline *baselineView
	Trend    *trendView
	Data     *reportData
	// Screenshots are data URIs by page index, embedded apart from Data and
	// read only when a page's details are opened.
	Screenshots map[int]string
}

type setting struct{ Name, Value string }

// gauge is one score drawn as a ring.
type gauge struct {
	ID, Title string
	Weight    float64
	Pct       string // "70", or "–" when not scored
	Band      string // good, average, poor, na
	Label     string // the band in words
	Dash      string // stroke-dasharray of the ring's arc
	Delta     *delta // the change since the baseline, when there is one
}

// fixItem is one group of "Fix first".
type fixItem struct {
	Rank        int
	Check       string
	Title       string
	Description string
	Category    string
	Severity    string
	Pages       int
	Findings    int
	OneCause    bool
	By          string
	Target      string
	Selector    string
	Message     string
	Examples    []pageRef
	More        int
}

// pageRef names a page: by its title when it has one, and its URL.
type pageRef struct{ URL, Title string }

// categoryView is one category's section.
type categoryView struct {
	ID, Title string
	Gauge     gauge
	Checks    []checkRow
	Findings  int
	Worst     []worstPage
	Metrics   []string // titles of the numeric checks whose values Worst shows
	Slowest   []slowPage
	Culprits  []culprit
	Rendered  int // pages with vitals, for the culprits' "of N"
	Histogram *histogram
	Chains    []chain
	Broken    int // broken-links findings, for the links section's table
}

type checkRow struct {
	ID, Title, Pct, Band, Value, Reason string
	Failed, Checked, Findings           int
	NotApplicable, Informative          bool
	Errors                              []string
}

type worstPage struct {
	URL, Title          string
	High, Medium, Low   int
	Values              []string // one per categoryView.Metrics, "" when not measured
	firstSeverityWeight float64
}

type slowPage struct {
	URL, Title                          string
	LCP, FCP, TBT, TTFB, Weight, Errors string
	Requests                            int
}

type culprit struct {
	Selector string
	Pages    int
	Shift    string // summed over the pages
	Examples []string
	shift    float64
}

type chain struct {
	Kind, Severity string
	From           string // a page linking to it
	LinkText       string
	Pages          int // pages linking to it
	Hops           []hopView
	Final          string
}

type hopView struct {
	URL    string
	Status int
}

// histogram is the readability distribution, drawn as SVG bars.
type histogram struct {
	Pages             int
	Median            string
	Above             int // pages above the target grade
	Target            string
	TargetX           float64
	Bars              []bar
	Width, Height     int
	Baseline, Plot    float64
	AxisY, AxisLabelY float64
}

type bar struct {
	Label         string
	Count         int
	X, Y, W, H    float64
	LabelX        float64
	LabelY        float64
	CountY        float64
	Band          string
	RangeForTitle string
}

// reportData is the embedded JSON the tables and the page drill-down are
// rendered from. Strings that repeat (messages, targets, selectors, link
// texts) are stored once in Strings and referred to by index.
type reportData struct {
	Categories []dataCategory `json:"categories"`
	Checks     []dataCheck    `json:"checks"`
	Pages      []dataPage     `json:"pages"`
	Findings   []dataFinding  `json:"findings"`
	Strings    []string       `json:"strings"`
}

type dataCategory struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type dataCheck struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	FailureTitle string `json:"fail,omitempty"`
	Cat          int    `json:"cat"` // index in categories, -1 when none
	Unit         string `json:"unit,omitempty"`
}

type dataPage struct {
	URL         string             `json:"u"`
	Title       string             `json:"t,omitempty"`
	Status      int                `json:"s"`
	FinalURL    string             `json:"fu,omitempty"` // when it differs from the URL
	FinalStatus int                `json:"fs,omitempty"`
	Depth       int                `json:"d"`
	Error       string             `json:"e,omitempty"`
	Findings    int                `json:"n,omitempty"` // findings above info
	Weight      float64            `json:"w,omitempty"` // summed severity weights
	Bytes       int64              `json:"b,omitempty"`
	TTFB        float64            `json:"ttfb,omitempty"` // of the crawl's fetch
	Hops        []dataHop          `json:"h,omitempty"`
	Vitals      []float64          `json:"v,omitempty"` // TTFB, FCP, LCP, TBT (ms), CLS, requests, bytes, DOM nodes
	LCPElement  string             `json:"le,omitempty"`
	VitalsError string             `json:"ve,omitempty"`
	Metrics     map[string]float64 `json:"m,omitempty"` // by check index, "4": value
}

type dataHop struct {
	URL    string `json:"u"`
	Status int    `json:"s"`
}

type dataFinding struct {
	Check    int    `json:"c"`
	Page     int    `json:"p"`           // index in pages, -1 for a site finding or an unknown page
	URL      int    `json:"u,omitempty"` // string index of the page URL when Page is -1 and there is one
	Severity int    `json:"s"`           // 3 high … 0 info
	Message  int    `json:"m"`
	Target   int    `json:"t,omitempty"` // string indexes; 0 is the empty string
	Selector int    `json:"x,omitempty"`
	LinkText int    `json:"l,omitempty"`
	Status   int    `json:"st,omitempty"`
	Verdict  int    `json:"vd,omitempty"`
	Group    int    `json:"g,omitempty"`  // rank in "Fix first", when shown there
	New      int    `json:"nw,omitempty"` // new since the baseline: 1 counted, 2 not counted (info, metric noise)
	Count    int    `json:"k,omitempty"`
	Items    []int  `json:"i,omitempty"`
	Kind     string `json:"-"`
}

// interner stores each distinct string once.
type interner struct {
	idx  map[string]int
	strs []string
}

func newInterner() *interner { return &interner{idx: map[string]int{"": 0}, strs: []string{""}} }

func (in *interner) id(s string) int {
	if i, ok := in.idx[s]; ok {
		return i
	}
	in.idx[s] = len(in.strs)
	in.strs = append(in.strs, s)
	return len(in.strs) - 1
}

// buildScorecard turns a result into the template's view. It reads the
// result and never changes it.
func buildScorecard(r *Result, o HTMLOptions) *scorecard {
	sc := &scorecard{
		Host: r.Hostname(), Site: r.Site, Tool: r.Tool, Partial: r.Partial, PartialReason: r.PartialReason,
		Warnings: r.Warnings, Summary: r.Summary,
		Date:     r.StartedAt.UTC().Format("2 January 2006, 15:04 UTC"),
		Duration: formatDuration(r.DurationMS),
		Overall:  newGauge("overall", "UX score", 0, r.Score),
	}
	if sc.Host == "" {
		sc.Host = "an unnamed site"
	}
	sc.Settings = readSettings(r.Config, r.Summary)

	checksByID := make(map[string]CheckResult, len(r.Checks))
	for _, c := range r.Checks {
		checksByID[c.ID] = c
	}
	catTitle := map[string]string{}
	for _, c := range r.Categories {
		catTitle[c.ID] = c.Title
	}
	// The category sections read only r: they are built while the rest
	// (what to fix first, the tables' data) is, on another core.
	var cats sync.WaitGroup
	sc.Categories = make([]categoryView, len(r.Categories))
	cats.Go(func() {
		for i, c := range r.Categories {
			sc.Categories[i] = buildCategory(r, c, checksByID)
		}
	})
	pageIdx := make(map[string]int, len(r.Pages))
	for i, p := range r.Pages {
		pageIdx[p.URL] = i
	}

	groups := FixFirst(r.Findings)
	sc.FixGroups = len(groups)
	groupOf := map[int]int{} // finding index → rank
	for i, g := range groups {
		if i == fixFirstShown {
			break
		}
		c := checksByID[g.Check]
		it := fixItem{
			Rank: i + 1, Check: g.Check, Title: cmp.Or(c.FailureTitle, c.Title, g.Check), Description: c.Description,
			Category: catTitle[c.Category], Severity: string(g.Severity), Pages: g.Pages, Findings: len(g.Members),
			OneCause: g.OneCause(), By: string(g.By), Target: g.Target, Selector: g.Selector, Message: g.Message,
		}
		for _, u := range g.URLs[:min(len(g.URLs), fixExamples)] {
			ref := pageRef{URL: u}
			if i, ok := pageIdx[u]; ok {
				ref.Title = r.Pages[i].Title
			}
			it.Examples = append(it.Examples, ref)
		}
		it.More = len(g.URLs) - len(it.Examples)
		sc.Fix = append(sc.Fix, it)
		for _, m := range g.Members {
			groupOf[m] = i + 1
		}
	}

	newOf := newStatus(r)
	sc.Data, sc.Screenshots = buildData(r, pageIdx, groupOf, newOf)
	sc.Budgets = budgets(r.Budgets)
	sc.Baseline = baseline(r, pageIdx, checksByID)
	sc.Trend = trend(o.Trend)
	var catDelta map[string]*delta
	if sc.Baseline != nil {
		sc.Baseline.InTable = len(newOf)
		sc.Overall.Delta = sc.Baseline.Score
		catDelta = map[string]*delta{}
		for _, c := range r.Baseline.Categories {
			catDelta[c.ID] = newDelta(c.ScoreDelta)
		}
	}
	for _, c := range r.Categories {
		g := newGauge(c.ID, c.Title, c.Weight, c.Score)
		g.Delta = catDelta[c.ID]
		sc.Gauges = append(sc.Gauges, g)
	}
	cats.Wait()
	return sc
}

func buildCategory(r *Result, c CategoryResult, checksByID map[string]CheckResult) categoryView {
	cv := categoryView{ID: c.ID, Title: c.Title, Gauge: newGauge(c.ID, c.Title, c.Weight, c.Score)}
	inCat := map[string]bool{}
	var numeric []CheckResult
	for _, id := range c.Checks {
		ch, ok := checksByID[id]
		if !ok {
			continue
		}
		inCat[id] = true
		g := newGauge(id, ch.Title, 0, ch.Score)
		row := checkRow{
			ID: id, Title: ch.Title, Pct: g.Pct, Band: g.Band, Failed: ch.Failed, Checked: ch.Checked, Findings: ch.Findings,
			NotApplicable: ch.NotApplicable, Reason: ch.Reason, Errors: ch.Errors, Informative: ch.Mode == checks.Informative,
		}
		if ch.Score != nil && *ch.Score < 1 && ch.FailureTitle != "" {
			row.Title = ch.FailureTitle
		}
		if ch.Value != nil {
			row.Value = formatValue(*ch.Value, ch.Unit)
			if ch.Mode == checks.Numeric {
				row.Value += " (p75)"
			}
		}
		cv.Checks = append(cv.Checks, row)
		cv.Findings += ch.Findings
		if ch.Mode == checks.Numeric && !ch.NotApplicable {
			numeric = append(numeric, ch)
			cv.Metrics = append(cv.Metrics, ch.Title)
		}
	}

	// The worst pages: most severe findings of this category first.
	type score struct {
		w       float64
		h, m, l int
	}
	per := map[string]*score{}
	for _, f := range r.Findings {
		if !inCat[f.Check] || f.URL == "" || f.Severity.Rank() == 0 {
			continue
		}
		s := per[f.URL]
		if s == nil {
			s = &score{}
			per[f.URL] = s
		}
		s.w += SeverityWeight(f.Severity)
		switch f.Severity {
		case checks.High:
			s.h++
		case checks.Medium:
			s.m++
		default:
			s.l++
		}
		if f.Check == "broken-links" {
			cv.Broken++
		}
	}
	titles := map[string]string{}
	metrics := map[string]map[string]float64{}
	for _, p := range r.Pages {
		if per[p.URL] != nil {
			titles[p.URL] = p.Title
			metrics[p.URL] = p.Metrics
		}
	}
	for u, s := range per {
		wp := worstPage{URL: u, Title: titles[u], High: s.h, Medium: s.m, Low: s.l, firstSeverityWeight: s.w}
		for _, ch := range numeric {
			v, ok := metrics[u][ch.ID]
			if ok {
				wp.Values = append(wp.Values, formatValue(v, ch.Unit))
			} else {
				wp.Values = append(wp.Values, "")
			}
		}
		cv.Worst = append(cv.Worst, wp)
	}
	slices.SortFunc(cv.Worst, func(a, b worstPage) int {
		return cmp.Or(cmp.Compare(b.firstSeverityWeight, a.firstSeverityWeight), cmp.Compare(a.URL, b.URL))
	})
	cv.Worst = cv.Worst[:min(len(cv.Worst), worstPagesShown)]

	switch c.ID {
	case "speed":
		cv.Slowest = slowest(r.Pages)
	case "stability":
		cv.Culprits, cv.Rendered = culprits(r)
	case "content":
		cv.Histogram = readabilityHistogram(r, checksByID["readability"])
	case "redirects":
		cv.Chains = chains(r.Findings)
	}
	return cv
}

// usableVitals reports whether a page's vitals were measured: rendered, and
// loaded (a timeout still measured what it could).
func usableVitals(v *crawler.Vitals) bool {
	return v != nil && (v.ErrorKind == "" || v.ErrorKind == "timeout")
}

func slowest(pages []PageResult) []slowPage {
	var idx []int
	for i, p := range pages {
		if usableVitals(p.Vitals) {
			idx = append(idx, i)
		}
	}
	if len(idx) > 0 {
		slices.SortStableFunc(idx, func(a, b int) int {
			return cmp.Or(cmp.Compare(pages[b].Vitals.LCP, pages[a].Vitals.LCP), cmp.Compare(pages[a].URL, pages[b].URL))
		})
	} else {
		for i, p := range pages {
			if p.HTML {
				idx = append(idx, i)
			}
		}
		slices.SortStableFunc(idx, func(a, b int) int {
			return cmp.Or(cmp.Compare(pages[b].Timing.TTFB, pages[a].Timing.TTFB), cmp.Compare(pages[a].URL, pages[b].URL))
		})
	}
	var out []slowPage
	for _, i := range idx[:min(len(idx), slowestShown)] {
		p := pages[i]
		sp := slowPage{URL: p.URL, Title: p.Title, TTFB: formatValue(p.Timing.TTFB, "ms")}
		if v := p.Vitals; usableVitals(v) {
			sp.LCP, sp.FCP, sp.TBT = formatValue(v.LCP, "ms"), formatValue(v.FCP, "ms"), formatValue(v.TBT, "ms")
			sp.Weight, sp.Requests = formatValue(float64(v.TransferBytes), "bytes"), v.Requests
			if n := len(v.ConsoleErrors) + len(v.Exceptions); n > 0 {
				sp.Errors = strconv.Itoa(n)
			}
		}
		out = append(out, sp)
	}
	return out
}

// culprits ranks the elements that shift content by the number of rendered
// pages they shift, then by the shift they cause in all.
func culprits(r *Result) ([]culprit, int) {
	type acc struct {
		pages []string
		shift float64
	}
	by := map[string]*acc{}
	rendered := 0
	for _, p := range r.Pages {
		if !usableVitals(p.Vitals) {
			continue
		}
		rendered++
		for n, shift := range checks.ShiftCulprits(p.Vitals) {
			a := by[n]
			if a == nil {
				a = &acc{}
				by[n] = a
			}
			a.shift += shift
			a.pages = append(a.pages, p.URL)
		}
	}
	var out []culprit
	for sel, a := range by {
		out = append(out, culprit{Selector: sel, Pages: len(a.pages), Shift: formatValue(a.shift, ""), Examples: a.pages[:min(3, len(a.pages))], shift: a.shift})
	}
	if len(out) == 0 {
		// No shifts in the vitals: the checks' own site rollup, if any.
		for _, f := range r.Findings {
			if f.Check == "layout-shift" && f.Evidence.Kind == "site-culprit" {
				pages := affectedPages(f)
				out = append(out, culprit{Selector: f.Evidence.Selector, Pages: len(pages), Examples: pages[:min(3, len(pages))]})
			}
		}
	}
	slices.SortFunc(out, func(a, b culprit) int {
		return cmp.Or(cmp.Compare(b.Pages, a.Pages), cmp.Compare(b.shift, a.shift), cmp.Compare(a.Selector, b.Selector))
	})
	return out[:min(len(out), culpritsShown)], rendered
}

// chains draws the redirect findings' chains, one per distinct chain, the
// ones linked from the most pages first.
func chains(findings []checks.Finding) []chain {
	type acc struct {
		c     chain
		sev   int
		pages map[string]bool
	}
	by := map[string]*acc{}
	for _, f := range findings {
		if f.Check != "redirects" || len(f.Evidence.Hops) == 0 {
			continue
		}
		var key strings.Builder
		key.WriteString(f.Evidence.Kind)
		for _, h := range f.Evidence.Hops {
			fmt.Fprintf(&key, "\x00%s\x00%d", h.URL, h.Status)
		}
		a := by[key.String()]
		if a == nil {
			c := chain{Kind: f.Evidence.Kind, Severity: string(f.Severity), From: f.URL, LinkText: f.Evidence.LinkText}
			for _, h := range f.Evidence.Hops {
				c.Hops = append(c.Hops, hopView{URL: h.URL, Status: h.Status})
			}
			c.Final = f.Evidence.Hops[len(f.Evidence.Hops)-1].Location
			a = &acc{c: c, sev: f.Severity.Rank(), pages: map[string]bool{}}
			by[key.String()] = a
		}
		if f.URL != "" {
			a.pages[f.URL] = true
			if f.URL < a.c.From {
				a.c.From, a.c.LinkText = f.URL, f.Evidence.LinkText
			}
		}
	}
	var out []chain
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		a := by[k]
		a.c.Pages = len(a.pages)
		out = append(out, a.c)
	}
	slices.SortStableFunc(out, func(a, b chain) int {
		return cmp.Or(cmp.Compare(checks.Severity(b.Severity).Rank(), checks.Severity(a.Severity).Rank()), cmp.Compare(b.Pages, a.Pages))
	})
	return out[:min(len(out), chainsShown)]
}

// readabilityHistogram bins the pages' reading grades: the pages' own
// values when the result has them, else the values of the readability
// findings (pages above the target only).
func readabilityHistogram(r *Result, check CheckResult) *histogram {
	var grades []float64
	for _, p := range r.Pages {
		if v, ok := p.Metrics["readability"]; ok {
			grades = append(grades, v)
		}
	}
	if len(grades) == 0 {
		for _, f := range r.Findings {
			if f.Check == "readability" && f.Evidence.Unit == "grade" {
				grades = append(grades, f.Evidence.Value)
			}
		}
	}
	if len(grades) == 0 {
		return nil
	}
	target, median := 9.0, 13.0
	if check.Curve != nil && check.Curve.P10 > 0 {
		target, median = check.Curve.P10, check.Curve.Median
	}
	const lo, hi = 5, 17 // first and last bins hold everything below and above
	counts := make([]int, hi-lo+1)
	above := 0
	for _, g := range grades {
		b := int(math.Floor(g))
		counts[min(max(b, lo), hi)-lo]++
		if g > target {
			above++
		}
	}
	h := &histogram{Pages: len(grades), Median: formatValue(Percentile(grades, 50), "grade"), Above: above,
		Target: strconv.FormatFloat(target, 'f', -1, 64), Width: 640, Height: 220, Plot: 140, Baseline: 180, AxisY: 180, AxisLabelY: 198}
	maxCount := slices.Max(counts)
	const left, barW, gap = 40.0, 40.0, 6.0
	for i, n := range counts {
		grade := lo + i
		b := bar{Count: n, X: left + float64(i)*(barW+gap), W: barW}
		b.H = 0
		if maxCount > 0 {
			b.H = math.Round(float64(n)/float64(maxCount)*h.Plot*10) / 10
		}
		b.Y = h.Baseline - b.H
		b.CountY = b.Y - 4
		b.LabelX, b.LabelY = b.X+barW/2, h.AxisLabelY
		switch {
		case i == 0:
			b.Label, b.RangeForTitle = fmt.Sprintf("≤%d", grade), fmt.Sprintf("below grade %d", grade+1)
		case i == len(counts)-1:
			b.Label, b.RangeForTitle = fmt.Sprintf("%d+", grade), fmt.Sprintf("grade %d or above", grade)
		default:
			b.Label, b.RangeForTitle = strconv.Itoa(grade), fmt.Sprintf("grade %d to %d", grade, grade+1)
		}
		switch g := float64(grade); {
		case g+1 <= target:
			b.Band = "good"
		case g < median:
			b.Band = "average"
		default:
			b.Band = "poor"
		}
		h.Bars = append(h.Bars, b)
	}
	h.TargetX = left + (min(max(target, lo), hi+1)-lo)*(barW+gap) - gap/2
	return h
}

func buildData(r *Result, pageIdx map[string]int, groupOf, newOf map[int]int) (*reportData, map[int]string) {
	in := newInterner()
	d := &reportData{Findings: make([]dataFinding, 0, len(r.Findings))}
	catIdx := map[string]int{}
	for i, c := range r.Categories {
		catIdx[c.ID] = i
		d.Categories = append(d.Categories, dataCategory{ID: c.ID, Title: c.Title})
	}
	checkIdx := map[string]int{}
	for i, c := range r.Checks {
		checkIdx[c.ID] = i
		cat, ok := catIdx[c.Category]
		if !ok {
			cat = -1
		}
		d.Checks = append(d.Checks, dataCheck{ID: c.ID, Title: c.Title, FailureTitle: c.FailureTitle, Cat: cat, Unit: c.Unit})
	}
	d.Pages = make([]dataPage, len(r.Pages))
	for i, p := range r.Pages {
		dp := dataPage{URL: p.URL, Title: p.Title, Status: p.Status, Depth: p.Depth, Error: p.Error, Bytes: p.Bytes,
			TTFB: round(p.Timing.TTFB, 0)}
		for id, v := range p.Metrics {
			if dp.Metrics == nil {
				dp.Metrics = make(map[string]float64, len(p.Metrics))
			}
			dp.Metrics[strconv.Itoa(checkIdxOf(checkIdx, id, d))] = round(v, 3)
		}
		if p.FinalURL != p.URL {
			dp.FinalURL, dp.FinalStatus = p.FinalURL, p.FinalStatus
		}
		for _, h := range p.Hops {
			dp.Hops = append(dp.Hops, dataHop{URL: h.URL, Status: h.Status})
		}
		if v := p.Vitals; v != nil {
			dp.VitalsError = v.Error
			if usableVitals(v) {
				dp.LCPElement = v.LCPElement
				dp.Vitals = []float64{round(v.TTFB, 0), round(v.FCP, 0), round(v.LCP, 0), round(v.TBT, 0), round(v.CLS, 3),
					float64(v.Requests), float64(v.TransferBytes), float64(v.DOMNodes)}
			}
		}
		d.Pages[i] = dp
	}
	// Screenshots, worst pages first, within the size budget.
	var withShot []int
	for i, p := range r.Pages {
		if p.Vitals != nil && len(p.Vitals.Screenshot) > 0 {
			withShot = append(withShot, i)
		}
	}
	for fi, f := range r.Findings {
		var pg = -1
		if i, ok := pageIdx[f.URL]; ok {
			pg = i
			if f.Severity.Rank() > 0 {
				d.Pages[i].Findings++
				d.Pages[i].Weight += SeverityWeight(f.Severity)
			}
		}
		df := dataFinding{
			Check: checkIdxOf(checkIdx, f.Check, d), Page: pg, Severity: f.Severity.Rank(), Message: in.id(f.Message),
			Target: in.id(f.Target), Selector: in.id(f.Evidence.Selector), LinkText: in.id(f.Evidence.LinkText),
			Status: f.Evidence.Status, Verdict: in.id(f.Evidence.Verdict), Group: groupOf[fi], Count: f.Count,
			New: newOf[fi],
		}
		if pg < 0 && f.URL != "" {
			df.URL = in.id(f.URL)
		}
		for _, it := range f.Evidence.Items[:min(len(f.Evidence.Items), 10)] {
			if !strings.Contains(f.Message, it) { // already shown
				df.Items = append(df.Items, in.id(it))
			}
		}
		d.Findings = append(d.Findings, df)
	}
	slices.SortStableFunc(withShot, func(a, b int) int { return cmp.Compare(d.Pages[b].Weight, d.Pages[a].Weight) })
	budget := screenshotBytes
	shots := map[int]string{}
	for _, i := range withShot {
		shot := r.Pages[i].Vitals.Screenshot
		n := base64.StdEncoding.EncodedLen(len(shot))
		if n > budget {
			continue
		}
		budget -= n
		shots[i] = "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(shot)
	}
	d.Strings = in.strs
	return d, shots
}

// checkIdxOf returns the index of a check in the data, adding a bare entry
// for a finding of a check the result does not list.
func checkIdxOf(idx map[string]int, id string, d *reportData) int {
	if i, ok := idx[id]; ok {
		return i
	}
	idx[id] = len(d.Checks)
	d.Checks = append(d.Checks, dataCheck{ID: id, Title: id, Cat: -1})
	return idx[id]
}

// round rounds v to the given decimals, the precision the report shows, and
// turns what JSON cannot hold (NaN, infinities) into 0.
func round(v float64, decimals int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	p := math.Pow10(decimals)
	return math.Round(v*p) / p
}

func newGauge(id, title string, weight float64, s *float64) gauge {
	g := gauge{ID: id, Title: title, Weight: weight, Pct: "–", Band: "na", Label: "not scored", Dash: "0 264"}
	if s == nil || math.IsNaN(*s) {
		return g
	}
	v := min(max(*s, 0), 1)
	g.Pct = strconv.Itoa(int(math.Round(v * 100)))
	switch {
	case v >= 0.9:
		g.Band, g.Label = "good", "good"
	case v >= 0.5:
		g.Band, g.Label = "average", "needs improvement"
	default:
		g.Band, g.Label = "poor", "poor"
	}
	// The ring has a radius of 42: a circumference of 263.9.
	const circ = 2 * math.Pi * 42
	g.Dash = fmt.Sprintf("%.1f %.1f", v*circ, circ)
	return g
}

// readSettings picks the settings that matter to read the figures from the
// recorded configuration. The configuration is any value (a struct in a
// fresh audit, a map once read from result.json), so it is read through
// JSON and every field may be missing.
func readSettings(cfg any, sum Summary) []setting {
	var m map[string]any
	if cfg != nil {
		if b, err := json.Marshal(cfg); err == nil {
			_ = json.Unmarshal(b, &m) // not an object: no settings shown
		}
	}
	str := func(k string) (string, bool) { s, ok := m[k].(string); return s, ok && s != "" }
	num := func(k string) (float64, bool) { f, ok := m[k].(float64); return f, ok }
	flag := func(k string) (bool, bool) { b, ok := m[k].(bool); return b, ok }

	var out []setting
	browser, hasBrowser := flag("browser")
	switch dev, ok := str("device"); {
	case hasBrowser && !browser:
		out = append(out, setting{"Device", "no browser pass (speed and layout checks not measured)"})
	case ok:
		out = append(out, setting{"Device", dev})
	}
	if !hasBrowser || browser {
		if t, ok := flag("throttle"); ok && t {
			out = append(out, setting{"Throttling", "slow 4G and 4× CPU slowdown"})
		} else if hasBrowser {
			out = append(out, setting{"Throttling", "none (as observed)"})
		}
		if n, ok := num("runs"); ok && n > 1 {
			out = append(out, setting{"Runs per page", strconv.Itoa(int(n)) + " (median kept)"})
		}
		if n, ok := num("render_max"); ok && n > 0 {
			out = append(out, setting{"Pages rendered", "at most " + strconv.Itoa(int(n))})
		}
	}
	if n, ok := num("max_pages"); ok {
		v := "no limit"
		if n > 0 {
			v = strconv.Itoa(int(n)) + " pages"
		}
		if sum.CapHits > 0 {
			v += fmt.Sprintf(" (reached: %d URLs left out)", sum.CapHits)
		}
		out = append(out, setting{"Page cap", v})
	}
	if n, ok := num("max_depth"); ok && n >= 0 {
		out = append(out, setting{"Depth limit", strconv.Itoa(int(n)) + " clicks"})
	}
	if n, ok := num("reading_grade"); ok && n > 0 {
		out = append(out, setting{"Target reading grade", strconv.FormatFloat(n, 'f', -1, 64)})
	}
	return out
}

// formatValue renders a metric value in its unit for people: as the
// checks' messages do, but unit-less values (CLS) to three decimals.
func formatValue(v float64, unit string) string {
	if unit == "" {
		return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	}
	return checks.FormatValue(v, unit)
}

func formatDuration(ms int64) string {
	s := float64(ms) / 1000
	switch {
	case s < 60:
		return fmt.Sprintf("%.1f s", s)
	case s < 3600:
		return fmt.Sprintf("%d min %02d s", int(s)/60, int(s)%60)
	}
	return fmt.Sprintf("%d h %02d min", int(s)/3600, int(s)%3600/60)
}
