package checks

import (
	"context"
	"strings"
	"testing"
)

func TestPassiveVoice(t *testing.T) {
	in := func(lang, body string) string {
		return `<html lang="` + lang + `"><body><nav>Orders are shipped daily.</nav><main>` + body + `</main></body></html>`
	}
	tests := []struct {
		name     string
		src      string
		value    float64
		findings int
		items    int
	}{
		{"active voice", in("en", `<p>We pack your order. We send it the same day. You get a tracking link.</p>`), 0, 0, 0},
		{"navigation is not counted", in("en", `<p>We pack your order the same day.</p>`), 0, 0, 0},
		{"short fragments are not sentences", in("en", `<h2>Shipped</h2><p>We pack every order by hand.</p>`), 0, 0, 0},
		{"one passive of two", in("en", `<p>Your order is packed by hand. We send it the same day.</p>`), 50, 1, 1},
		{"a long word", in("en", `<p>We value internationalization highly.</p>`), 0, 1, 1},
		{"examples are capped", in("en", strings.Repeat(`<p>The seed was sown early.</p>`, 8)), 100, 1, 5},
		{"passives and a long word", in("en", strings.Repeat(`<p>The seed was sown early.</p>`, 8)+`<p>We value internationalization highly.</p>`), 800.0 / 9, 1, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := PassiveVoice{}.CheckPage(context.Background(), htmlPage(t, host+"/", tt.src))
			if err != nil || res.NotApplicable || res.Value == nil {
				t.Fatalf("%+v, %v", res, err)
			}
			if d := *res.Value - tt.value; d > 1e-9 || d < -1e-9 {
				t.Errorf("value %v, want %v", *res.Value, tt.value)
			}
			if len(res.Findings) != tt.findings {
				t.Fatalf("findings %+v", res.Findings)
			}
			if tt.findings == 1 {
				f := res.Findings[0]
				if f.Severity != Info || f.Evidence.Kind != "passive-voice" || len(f.Evidence.Items) != tt.items || f.Message == "" {
					t.Errorf("finding %+v", f)
				}
			}
		})
	}
}

func TestPassiveVoiceExample(t *testing.T) {
	src := `<html lang="en"><body><main><p>Your order is packed by hand. We send it the same day.</p></main></body></html>`
	res, _ := PassiveVoice{}.CheckPage(context.Background(), htmlPage(t, host+"/", src))
	f := res.Findings[0]
	if f.Message != "1 of 2 sentences use the passive voice" || f.Evidence.Items[0] != `"is packed" in: Your order is packed by hand.` {
		t.Errorf("finding %+v", f)
	}
	if m := (PassiveVoice{}).Meta(); m.Mode != Informative || m.Category != "wording" || m.Unit != "%" {
		t.Errorf("meta %+v", m)
	}
}

func TestPassiveVoiceNotApplicable(t *testing.T) {
	for name, src := range map[string]string{
		"French":       `<html lang="fr"><body><main><p>La commande est envoyée le jour même.</p></main></body></html>`,
		"no sentences": `<html lang="en"><body><main><h1>Shop</h1><ul><li>Seeds</li><li>Tools</li></ul></main></body></html>`,
	} {
		res, err := PassiveVoice{}.CheckPage(context.Background(), htmlPage(t, host+"/", src))
		if err != nil || !res.NotApplicable || res.Reason == "" {
			t.Errorf("%s: %+v, %v", name, res, err)
		}
	}
}
