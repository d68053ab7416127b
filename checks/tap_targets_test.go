package checks

import (
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func TestTapTargets(t *testing.T) {
	b1 := crawler.TapTarget{Selector: "button#b1", Text: "+", Width: 20, Height: 20, Near: "button#b2"}
	over := crawler.TapTarget{Selector: "a#close", Width: 16, Height: 16, Near: "a#logo", Overlaps: true}
	tests := []struct {
		name     string
		layout   crawler.Layout
		na       bool
		kinds    []string
		severity []Severity
		message  string
	}{
		{"roomy", crawler.Layout{Mobile: true, TapTargets: 12}, false, nil, nil, ""},
		{"no targets", crawler.Layout{Mobile: true}, false, nil, nil, ""},
		{"crowded", crawler.Layout{Mobile: true, TapTargets: 3, Crowded: []crawler.TapTarget{b1}, CrowdedCount: 1},
			false, []string{"crowded-target"}, []Severity{Low},
			`Tap target button#b1 ("+") is 20×20 px and too close to button#b2`},
		{"overlapping", crawler.Layout{Mobile: true, TapTargets: 3, Crowded: []crawler.TapTarget{over, b1}, CrowdedCount: 2},
			false, []string{"overlapping-target", "crowded-target"}, []Severity{Medium, Low}, "a#close is 16×16 px and overlaps a#logo"},
		{"more than named", crawler.Layout{Mobile: true, TapTargets: 90, Crowded: []crawler.TapTarget{b1}, CrowdedCount: 31},
			false, []string{"crowded-target", "more"}, []Severity{Low, Info}, "…and 30 more crowded tap targets"},
		{"desktop", crawler.Layout{TapTargets: 3, Crowded: []crawler.TapTarget{b1}, CrowdedCount: 1}, true, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runLayout(t, TapTargets{}, &tt.layout)
			if res.NotApplicable != tt.na {
				t.Fatalf("not applicable = %v (%s)", res.NotApplicable, res.Reason)
			}
			if len(res.Findings) != len(tt.kinds) {
				t.Fatalf("findings %+v, want kinds %v", res.Findings, tt.kinds)
			}
			var all []string
			for i, f := range res.Findings {
				if f.Evidence.Kind != tt.kinds[i] || f.Severity != tt.severity[i] {
					t.Errorf("finding %d: %s %s, want %s %s", i, f.Evidence.Kind, f.Severity, tt.kinds[i], tt.severity[i])
				}
				all = append(all, f.Message)
			}
			if !strings.Contains(strings.Join(all, "\n"), tt.message) {
				t.Errorf("messages %q, want %q", all, tt.message)
			}
		})
	}
	// Findings of different targets have different IDs.
	res := runLayout(t, TapTargets{}, &crawler.Layout{Mobile: true, Crowded: []crawler.TapTarget{b1, {Selector: "button#b2", Width: 20, Height: 20, Near: "button#b1"}}, CrowdedCount: 2})
	if len(res.Findings) != 2 || res.Findings[0].ID == res.Findings[1].ID || res.Findings[1].Evidence.Selector != "button#b2" {
		t.Errorf("two targets: %+v", res.Findings)
	}
}
