package checks

import (
	"strings"
	"testing"
)

func TestImageAlt(t *testing.T) {
	runPageCheckCases(t, ImageAlt{}, host+"/", []pageCheckCase{
		{"alt text", `<main><img src="a.png" alt="A trowel"></main>`, nil},
		{"decorative alt=\"\"", `<main><img src="line.png" alt=""></main>`, nil},
		{"role=presentation", `<main><img src="line.png" role="presentation"></main>`, nil},
		{"role=none", `<main><img src="line.png" role="none"></main>`, nil},
		{"aria-hidden", `<main><img src="line.png" aria-hidden="true"></main>`, nil},
		{"inside an aria-hidden element", `<main><div aria-hidden="true"><img src="line.png"></div></main>`, nil},
		{"inside a template", `<main><template><img src="x.png"></template></main>`, nil},
		{"aria-label", `<main><img src="a.png" aria-label="A trowel"></main>`, nil},
		{"aria-labelledby", `<main><figure><img src="a.png" aria-labelledby="cap"><figcaption id="cap">A trowel</figcaption></figure></main>`, nil},
		{"aria-labelledby pointing nowhere", `<main><img src="a.png" aria-labelledby="nope"></main>`, []string{"missing-alt main > img"}},
		{"aria-hidden=false", `<main><img src="a.png" aria-hidden="false"></main>`, []string{"missing-alt main > img"}},
		{"missing", `<main><p>x</p><p><img src="/img/trowel.png"></p></main>`, []string{"missing-alt main > p:nth-of-type(2) > img"}},
		{"two missing", `<div id="gallery"><img src="a.png"><img src="b.png" alt="B"><img src="c.png"></div>`,
			[]string{"missing-alt div#gallery > img:nth-of-type(1)", "missing-alt div#gallery > img:nth-of-type(3)"}},
	})
	f := checkOne(t, ImageAlt{}, host+"/", `<main><img src="/img/trowel.png" width="10" height="10"></main>`)
	if f.Severity != Medium || !strings.Contains(f.Message, "/img/trowel.png") || !strings.Contains(f.Message, "main > img") ||
		f.Evidence.Tag != "img" || f.Target != "" {
		t.Errorf("finding %+v", f)
	}
}
