package checks

import (
	"strings"
	"testing"
)

func TestHeadings(t *testing.T) {
	runPageCheckCases(t, Headings{}, host+"/", []pageCheckCase{
		{"good outline", `<h1>Tools</h1><h2>Trowels</h2><h3>Care</h3><h2>Forks</h2><h3>x</h3><h4>y</h4><h2>z</h2>`, nil},
		{"going back up several levels is fine", `<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h2>e</h2>`, nil},
		{"a first heading below h1 is fine", `<header><h3>Tagline</h3></header><h1>a</h1><h2>b</h2>`, nil},
		{"hidden headings do not count", `<h1>a</h1><div hidden><h1>b</h1><h4>c</h4></div><h2 aria-hidden="true">d</h2>`, nil},
		{"no h1", `<h2>a</h2><h3>b</h3>`, []string{"missing-h1"}},
		{"no headings at all", `<p>text</p>`, []string{"missing-h1"}},
		{"two h1", `<main><h1>a</h1><p>x</p><h1>b</h1></main>`, []string{"multiple-h1 main > h1:nth-of-type(2)"}},
		{"h2 then h4", `<h1>a</h1><section><h2>b</h2><h4 id="care">Care</h4></section>`, []string{"skipped-level h4#care"}},
		{"h1 then h3", `<main><h1>a</h1><div><h3>c</h3></div></main>`, []string{"skipped-level main > div > h3"}},
		{"two skips", `<h1>a</h1><div><h3>c</h3></div><h2>x</h2><p><h5>z</h5></p>`,
			[]string{"skipped-level body > h5", "skipped-level div > h3"}},
	})
}

func TestHeadingsMessages(t *testing.T) {
	f := checkOne(t, Headings{}, host+"/", `<h1>a</h1><h2>b</h2><h5> Seed  care </h5>`)
	if f.Severity != Low || !strings.Contains(f.Message, `h5 "Seed care"`) || !strings.Contains(f.Message, "h3 and h4") {
		t.Errorf("finding %+v", f)
	}
	f = checkOne(t, Headings{}, host+"/", `<h1>Spring sale</h1><h1>20% off</h1>`)
	if f.Severity != Low || !strings.Contains(f.Message, `2 h1 headings (h1 "Spring sale", h1 "20% off")`) {
		t.Errorf("finding %+v", f)
	}
	if f = checkOne(t, Headings{}, host+"/", `<h2>x</h2>`); f.Severity != Medium {
		t.Errorf("missing h1: %s", f.Severity)
	}
}
