package checks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
)

// LayoutShift measures Cumulative Layout Shift on every rendered page and
// ranks the elements that shift content across the site.
type LayoutShift struct{}

// culpritShift is the smallest shift whose elements count as culprits.
const culpritShift = 0.005

// Meta implements Check.
func (LayoutShift) Meta() Meta {
	return Meta{
		ID:           "layout-shift",
		Title:        "Content stays where it is",
		FailureTitle: "Content jumps while the page loads",
		Description: "Layout shifts move text and buttons under the reader's eyes and fingers: people lose their place " +
			"and tap the wrong thing. Give images and embeds width and height, reserve space for banners and ads, and " +
			"insert late content below what users are reading.",
		Category: "stability", Mode: Numeric, Scope: SiteScope, Unit: "",
		Requires: []Artifact{ArtifactVitals},
		// Lighthouse's CLS curve; 0.1 and 0.25 are the Core Web Vitals thresholds.
		Curve: &Curve{P10: 0.1, Median: 0.25, Source: "Lighthouse scoring; Core Web Vitals: good ≤ 0.1, poor > 0.25"},
	}
}

// CheckSite implements SiteCheck.
func (c LayoutShift) CheckSite(_ context.Context, s *crawler.Site) (Result, error) {
	m := c.Meta()
	var res Result
	culprits := map[string][]string{} // selector → pages
	for _, p := range s.Pages {
		v, na := rendered(p)
		if na != nil {
			continue
		}
		res.Checked++
		res.Values = append(res.Values, PageValue{URL: p.URL, Value: v.CLS})
		names := pageCulprits(v)
		for _, sel := range names {
			culprits[sel] = append(culprits[sel], p.URL)
		}
		pr := metric(m.ID, p.URL, v.CLS, m, func(val string) string {
			msg := "Content shifts by " + val + " while the page loads"
			if len(names) > 0 {
				msg += "; moved or pushed by " + strings.Join(first(names, 3), ", ")
			}
			return msg
		}, Evidence{Items: first(names, 10)})
		res.Findings = append(res.Findings, pr.Findings...)
	}
	if res.Checked == 0 {
		return Result{NotApplicable: true, Reason: "no page was rendered"}, nil
	}
	res.Findings = append(res.Findings, rollup(m.ID, culprits, res.Checked)...)
	return res, nil
}

// ShiftCulprits returns the elements a page's layout shifts blame, with
// the sum of the shift values blamed on each: the likely causes of each
// shift when known, else the elements that moved. Shifts after user input
// and shifts below culpritShift blame nobody.
func ShiftCulprits(v *crawler.Vitals) map[string]float64 {
	weight := map[string]float64{}
	for _, sh := range v.Shifts {
		if sh.Input || sh.Value < culpritShift {
			continue
		}
		names := sh.Causes
		if len(names) == 0 {
			names = sh.Sources
		}
		for _, n := range names {
			weight[n] += sh.Value
		}
	}
	return weight
}

// pageCulprits lists a page's shifting elements, heaviest first.
func pageCulprits(v *crawler.Vitals) []string {
	weight := ShiftCulprits(v)
	out := make([]string, 0, len(weight))
	for n := range weight {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool {
		if weight[out[i]] != weight[out[j]] {
			return weight[out[i]] > weight[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

// rollup reports the elements that shift content on more than one page,
// most pages first: one fix of a shared component fixes them all.
func rollup(check string, culprits map[string][]string, pages int) []Finding {
	type row struct {
		sel   string
		pages []string
	}
	var rows []row
	for sel, ps := range culprits {
		if len(ps) > 1 {
			rows = append(rows, row{sel, ps})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if len(rows[i].pages) != len(rows[j].pages) {
			return len(rows[i].pages) > len(rows[j].pages)
		}
		return rows[i].sel < rows[j].sel
	})
	var out []Finding
	for _, r := range first(rows, 10) {
		sort.Strings(r.pages)
		sev := Medium
		if len(r.pages)*2 >= pages {
			sev = High
		}
		out = append(out, NewFinding(check, "", "", "culprit:"+r.sel, sev,
			fmt.Sprintf("%s shifts content on %d of %d rendered pages", r.sel, len(r.pages), pages),
			Evidence{Kind: "site-culprit", Selector: r.sel, Items: first(r.pages, 20)}))
	}
	return out
}

func first[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}
