package checks

import (
	"context"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

// layoutPage is a rendered page with the given layout.
func layoutPage(l *crawler.Layout) *crawler.Page {
	return vpage("/p", &crawler.Vitals{Layout: l})
}

// runLayout runs c on a page with layout l; it fails the test on an error.
func runLayout(t *testing.T, c PageCheck, l *crawler.Layout) Result {
	t.Helper()
	res, err := c.CheckPage(context.Background(), layoutPage(l))
	if err != nil {
		t.Fatalf("%s: %v", c.Meta().ID, err)
	}
	return res
}

func TestContentWidth(t *testing.T) {
	table := crawler.Box{Selector: "table#prices", Width: 600, Right: 616}
	tests := []struct {
		name    string
		layout  crawler.Layout
		kind    string // "" for no finding
		message string
	}{
		{"fits", crawler.Layout{Mobile: true, NarrowWidth: 360, ScrollWidth: 360}, "", ""},
		{"wide table", crawler.Layout{Mobile: true, NarrowWidth: 360, ScrollWidth: 616, Overflowing: []crawler.Box{table}, OverflowingCount: 1},
			"horizontal-overflow", "The page is 616 px wide on a 360 px screen and scrolls sideways: table#prices is 600 px wide and reaches 616 px"},
		{"several", crawler.Layout{NarrowWidth: 360, ScrollWidth: 616, Overflowing: []crawler.Box{table, {Selector: "pre", Width: 400, Right: 416}}, OverflowingCount: 25},
			"horizontal-overflow", "(and 24 more elements)"},
		// A desktop run measures at 360 px too.
		{"desktop", crawler.Layout{NarrowWidth: 360, ScrollWidth: 500}, "horizontal-overflow", "500 px wide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runLayout(t, ContentWidth{}, &tt.layout)
			switch {
			case res.NotApplicable:
				t.Errorf("not applicable: %s", res.Reason)
			case tt.kind == "" && len(res.Findings) != 0:
				t.Errorf("unexpected findings %+v", res.Findings)
			case tt.kind != "" && (len(res.Findings) != 1 || res.Findings[0].Evidence.Kind != tt.kind || res.Findings[0].Severity != Medium ||
				!strings.Contains(res.Findings[0].Message, tt.message)):
				t.Errorf("findings %+v, want one %s saying %q", res.Findings, tt.kind, tt.message)
			}
			if tt.name == "wide table" {
				ev := res.Findings[0].Evidence
				if ev.Selector != "table#prices" || ev.Value != 616 || len(ev.Items) != 1 {
					t.Errorf("evidence %+v", ev)
				}
			}
		})
	}
}

// TestLayoutChecksNotApplicable covers what every layout check does
// without a layout to judge.
func TestLayoutChecksNotApplicable(t *testing.T) {
	for _, c := range []PageCheck{ContentWidth{}, TapTargets{}, FontSize{}, ColorContrast{}} {
		for name, p := range map[string]*crawler.Page{
			"not rendered": vpage("/none", nil),
			"crashed":      vpage("/crashed", &crawler.Vitals{ErrorKind: "crash", Error: "tab crashed"}),
			"no layout":    vpage("/nolayout", &crawler.Vitals{}),
		} {
			res, err := c.CheckPage(context.Background(), p)
			if err != nil || !res.NotApplicable || len(res.Findings) != 0 {
				t.Errorf("%s on a page %s: %+v, %v", c.Meta().ID, name, res, err)
			}
		}
		m := c.Meta()
		if !needsVitals(m) || m.Mode != Binary || m.Scope != PageScope {
			t.Errorf("%s: meta %+v", m.ID, m)
		}
	}
	if res := runLayout(t, ContentWidth{}, &crawler.Layout{Mobile: true}); !res.NotApplicable {
		t.Errorf("content-width without a 360 px measurement: %+v", res)
	}
	// A page that timed out is judged as of then.
	p := vpage("/slow", &crawler.Vitals{ErrorKind: "timeout", Layout: &crawler.Layout{NarrowWidth: 360, ScrollWidth: 400}})
	if res, _ := (ContentWidth{}).CheckPage(context.Background(), p); len(res.Findings) != 1 {
		t.Errorf("content-width on a page that timed out: %+v", res)
	}
}
