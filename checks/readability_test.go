package checks

import (
	"context"
	"strings"
	"testing"
)

// Texts of known difficulty for the readability tests.
const (
	// easyText is about grade 1.
	easyText = "The cat sat on the mat. We like to play in the sun. It is a good day to walk to the park. "
	// mediumText is about grade 11.
	mediumText = "Council members explained that the building required structural repairs costing more than four " +
		"million dollars. Residents argued that the money would be better invested in a modern community library. "
	// hardText is about grade 20.
	hardText = "Consequently, applications that depend on optional credentials should explicitly verify their " +
		"presence during initialization. Asynchronous operations return a promise that is rejected with a " +
		"descriptive exception whenever the underlying transport encounters an unrecoverable failure. "
	// longSentence has 30 words.
	longSentence = "We sow the seed in spring and we water it every day and we watch it grow and we pick the " +
		"beans in summer and we eat them with our friends at home."
)

func readabilityPage(lang, main string) string {
	return `<!doctype html><html lang="` + lang + `"><head><title>T</title></head><body>
<nav><a href="/">Home</a></nav><main>` + main + `</main><footer>Footer</footer></body></html>`
}

func TestReadability(t *testing.T) {
	para := func(s string, n int) string { return "<p>" + strings.Repeat(s, n) + "</p>" }
	runPageCheckCases(t, Readability{}, host+"/", []pageCheckCase{
		{"easy text", readabilityPage("en", para(easyText, 6)), nil},
		{"easy text, British English", readabilityPage("en-GB", para(easyText, 6)), nil},
		{"no lang: read as English", readabilityPage("", para(easyText, 6)), nil},
		{"headings and list items are sentences of their own",
			readabilityPage("en", "<h2>Our seeds and bulbs for spring</h2><ul><li>Tomatoes for the greenhouse</li><li>Beans for the garden</li></ul>"+para(easyText, 6)), nil},
		{"medium text", readabilityPage("en", para(mediumText, 5)), []string{"needs-improvement"}},
		{"hard text", readabilityPage("en", para(hardText, 4)), []string{"poor"}},
		{"a long sentence", readabilityPage("en", para(easyText, 6)+"<p>"+longSentence+"</p>"), []string{"long-sentence main > p:nth-of-type(2)"}},
		{"a sentence of exactly 25 words is not long", readabilityPage("en", para(easyText, 6)+"<p>"+strings.Repeat("We sow the seed. ", 0)+
			"We sow the seed in spring and we water it every day and we watch it grow and we pick the beans in summer.</p>"), nil},
	})
}

func TestReadabilityValueAndCurve(t *testing.T) {
	res, err := Readability{}.CheckPage(context.Background(), htmlPage(t, host+"/", readabilityPage("en", "<p>"+strings.Repeat(hardText, 4)+"</p>")))
	if err != nil || res.Value == nil {
		t.Fatalf("%+v, %v", res, err)
	}
	if *res.Value < 17 || *res.Value > 23 {
		t.Errorf("grade %.1f, want about 20", *res.Value)
	}
	f := res.Findings[0]
	if f.Severity != Medium || f.Evidence.Unit != "grade" || !strings.Contains(f.Message, "grade") {
		t.Errorf("finding %+v", f)
	}
	m := Readability{}.Meta()
	if m.Mode != Numeric || m.Unit != "grade" || m.Category != "content" || m.Curve.P10 != 9 || m.Curve.Median != 13 ||
		!strings.Contains(m.Curve.Source, "own choice") {
		t.Errorf("meta %+v %+v", m, m.Curve)
	}
	m = Readability{TargetGrade: 7}.Meta()
	if m.Curve.P10 != 7 || m.Curve.Median != 11 {
		t.Errorf("curve for target 7: %+v", m.Curve)
	}
}

func TestReadabilitySettings(t *testing.T) {
	src := readabilityPage("en", "<p>"+strings.Repeat(mediumText, 5)+"</p><p>"+longSentence+"</p>")
	if got := checkHTML(t, Readability{}, host+"/", src); len(got) != 2 {
		t.Fatalf("defaults: %q", got)
	}
	if got := checkHTML(t, Readability{TargetGrade: 14, LongSentence: 40}, host+"/", src); len(got) != 0 {
		t.Errorf("target 14, long 40: %q", got)
	}
}

func TestReadabilityLongestSentencesFirst(t *testing.T) {
	var b strings.Builder
	b.WriteString("<p>" + strings.Repeat(easyText, 6) + "</p>")
	for n := 26; n <= 31; n++ {
		b.WriteString("<p>" + strings.TrimSpace(strings.Repeat("word ", n)) + ".</p>")
	}
	res, err := Readability{}.CheckPage(context.Background(), htmlPage(t, host+"/", readabilityPage("en", b.String())))
	if err != nil {
		t.Fatal(err)
	}
	var lengths []float64
	for _, f := range res.Findings {
		if f.Evidence.Kind == "long-sentence" {
			lengths = append(lengths, f.Evidence.Value)
			if len(f.Evidence.Items) != 1 || f.Evidence.Selector == "" || f.Severity != Low {
				t.Errorf("finding %+v", f)
			}
		}
	}
	if len(lengths) != 3 || lengths[0] != 31 || lengths[1] != 30 || lengths[2] != 29 {
		t.Errorf("long sentences %v, want the 3 longest", lengths)
	}
	if !strings.Contains(res.Findings[len(res.Findings)-3].Message, "6 sentences over 25") {
		t.Errorf("first long-sentence message: %s", res.Findings[len(res.Findings)-3].Message)
	}
	// The sentence is truncated to 300 characters in the evidence.
	huge := "<p>" + strings.Repeat(easyText, 6) + "</p><p>" + strings.Repeat("gardening ", 60) + "</p>"
	res, _ = Readability{}.CheckPage(context.Background(), htmlPage(t, host+"/", readabilityPage("en", huge)))
	for _, f := range res.Findings {
		if f.Evidence.Kind == "long-sentence" && len([]rune(f.Evidence.Items[0])) > 300 {
			t.Errorf("evidence of %d runes", len([]rune(f.Evidence.Items[0])))
		}
	}
}

func TestReadabilityNotApplicable(t *testing.T) {
	for name, src := range map[string]string{
		"French":              readabilityPage("fr", "<p>"+strings.Repeat(hardText, 4)+"</p>"),
		"Spanish (Mexico)":    readabilityPage("es-MX", "<p>"+strings.Repeat(hardText, 4)+"</p>"),
		"short main content":  readabilityPage("en", "<p>"+strings.Repeat(easyText, 2)+"</p>"),
		"words only in nav":   `<html lang="en"><body><nav>` + strings.Repeat(easyText, 10) + `</nav><main><p>Hello there.</p></main></body></html>`,
		"no sentence counted": readabilityPage("en", strings.Repeat("<li>Free delivery</li>", 60)),
	} {
		res, err := Readability{}.CheckPage(context.Background(), htmlPage(t, host+"/", src))
		if err != nil || !res.NotApplicable || res.Reason == "" || res.Value != nil || len(res.Findings) != 0 {
			t.Errorf("%s: %+v, %v", name, res, err)
		}
	}
}
