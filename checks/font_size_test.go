package checks

import (
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func TestFontSize(t *testing.T) {
	notes := []crawler.TextSample{{Selector: "main > p:nth-of-type(2)", Size: 10, Chars: 600}, {Selector: "footer", Size: 11.5, Chars: 200}}
	tests := []struct {
		name    string
		layout  crawler.Layout
		na      bool
		message string // "" for no finding
	}{
		{"legible", crawler.Layout{Mobile: true, TextChars: 2000}, false, ""},
		{"some small print", crawler.Layout{Mobile: true, TextChars: 2000, SmallTextChars: 300, SmallText: notes[1:]}, false, ""},
		{"exactly 40%", crawler.Layout{Mobile: true, TextChars: 1000, SmallTextChars: 400, SmallText: notes}, false, ""},
		{"mostly small", crawler.Layout{Mobile: true, TextChars: 1000, SmallTextChars: 800, SmallText: notes}, false,
			"80% of the text is smaller than 12 px on a phone; the most in main > p:nth-of-type(2) (10 px, 600 characters)"},
		{"no text", crawler.Layout{Mobile: true}, true, ""},
		{"desktop", crawler.Layout{TextChars: 1000, SmallTextChars: 800, SmallText: notes}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runLayout(t, FontSize{}, &tt.layout)
			if res.NotApplicable != tt.na {
				t.Fatalf("not applicable = %v (%s)", res.NotApplicable, res.Reason)
			}
			switch {
			case tt.message == "" && len(res.Findings) != 0:
				t.Errorf("unexpected findings %+v", res.Findings)
			case tt.message != "" && (len(res.Findings) != 1 || res.Findings[0].Severity != Medium || !strings.Contains(res.Findings[0].Message, tt.message)):
				t.Errorf("findings %+v, want one saying %q", res.Findings, tt.message)
			case tt.message != "":
				ev := res.Findings[0].Evidence
				if ev.Kind != "small-text" || ev.Value != 80 || ev.Unit != "%" || ev.Selector != notes[0].Selector ||
					len(ev.Items) != 2 || ev.Items[1] != "footer (11.5 px, 200 characters)" {
					t.Errorf("evidence %+v", ev)
				}
			}
		})
	}
}
