package checks

import (
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func TestColorContrast(t *testing.T) {
	note := crawler.ContrastIssue{Selector: "p#note", Text: "Prices include tax.", Ratio: 2.84, Required: 4.5, Color: "#999999", Background: "#ffffff", Size: 16}
	big := crawler.ContrastIssue{Selector: "h2", Ratio: 2.1, Required: 3, Color: "#aaaaaa", Background: "#ffffff", Size: 19, Bold: true}
	tests := []struct {
		name    string
		layout  crawler.Layout
		na      bool
		kinds   []string
		message string
	}{
		{"dark on light", crawler.Layout{Mobile: true, ContrastChecked: 20}, false, nil, ""},
		{"grey note", crawler.Layout{Mobile: true, ContrastChecked: 20, LowContrast: []crawler.ContrastIssue{note}, LowContrastCount: 1}, false,
			[]string{"low-contrast"}, `Text "Prices include tax." (p#note) has a contrast of 2.84:1 (#999999 on #ffffff); WCAG AA asks for 4.5:1 at 16 px`},
		{"large bold text", crawler.Layout{ContrastChecked: 20, LowContrast: []crawler.ContrastIssue{big}, LowContrastCount: 1}, false,
			[]string{"low-contrast"}, "Text h2 has a contrast of 2.10:1 (#aaaaaa on #ffffff); WCAG AA asks for 3:1 at 19 px bold"},
		{"more than named", crawler.Layout{ContrastChecked: 90, LowContrast: []crawler.ContrastIssue{note, big}, LowContrastCount: 42}, false,
			[]string{"low-contrast", "low-contrast", "more"}, "…and 40 more low-contrast text elements"},
		// Text over images is not judged: a page with nothing else is not
		// applicable, and unknowns never fail a page.
		{"all over images", crawler.Layout{ContrastUnknown: 3}, true, nil, ""},
		{"some over images", crawler.Layout{ContrastChecked: 5, ContrastUnknown: 3}, false, nil, ""},
		{"no text", crawler.Layout{}, true, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runLayout(t, ColorContrast{}, &tt.layout)
			if res.NotApplicable != tt.na {
				t.Fatalf("not applicable = %v (%s)", res.NotApplicable, res.Reason)
			}
			if len(res.Findings) != len(tt.kinds) {
				t.Fatalf("findings %+v, want kinds %v", res.Findings, tt.kinds)
			}
			var all []string
			for i, f := range res.Findings {
				if f.Evidence.Kind != tt.kinds[i] {
					t.Errorf("finding %d: kind %s, want %s", i, f.Evidence.Kind, tt.kinds[i])
				}
				if f.Evidence.Kind == "low-contrast" && (f.Severity != Medium || f.Evidence.Selector == "" || f.Evidence.Value == 0) {
					t.Errorf("finding %d: %+v", i, f)
				}
				all = append(all, f.Message)
			}
			if !strings.Contains(strings.Join(all, "\n"), tt.message) {
				t.Errorf("messages %q, want %q", all, tt.message)
			}
		})
	}
}
