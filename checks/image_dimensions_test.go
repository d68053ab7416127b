package checks

import (
	"strings"
	"testing"
)

func TestImageDimensions(t *testing.T) {
	runPageCheckCases(t, ImageDimensions{}, host+"/", []pageCheckCase{
		{"both attributes", `<main><img src="a.png" alt="" width="320" height="200"></main>`, nil},
		{"style sets both", `<main><img src="a.png" alt="" style="width: 320px; height:200px"></main>`, nil},
		{"style sets both, upper case", `<main><img src="a.png" alt="" style="WIDTH: 2em; Height: 1em !important"></main>`, nil},
		{"SVG data URI", `<main><img src="data:image/svg+xml;utf8,&lt;svg/&gt;" alt="x"></main>`, nil},
		{"inside a template", `<template><img src="a.png"></template>`, nil},
		{"none", `<main><img src="a.png" alt="A"></main>`, []string{"missing-dimensions main > img"}},
		{"width only", `<main><img src="a.png" alt="A" width="320"></main>`, []string{"missing-dimensions main > img"}},
		{"empty height", `<main><img src="a.png" alt="A" width="320" height=""></main>`, []string{"missing-dimensions main > img"}},
		{"style sets only width", `<main><img src="a.png" alt="A" style="width:100%"></main>`, []string{"missing-dimensions main > img"}},
		{"style height auto", `<main><img src="a.png" alt="A" style="width:10px;height:auto"></main>`, []string{"missing-dimensions main > img"}},
		{"max-width and max-height are not sizes", `<main><img src="a.png" alt="A" style="max-width:10px;max-height:10px"></main>`,
			[]string{"missing-dimensions main > img"}},
		{"PNG data URI", `<main><img src="data:image/png;base64,AAAA" alt="A"></main>`, []string{"missing-dimensions main > img"}},
	})
	f := checkOne(t, ImageDimensions{}, host+"/", `<main><img src="/img/compost.png" alt="A" width="320"></main>`)
	if f.Severity != Low || !strings.Contains(f.Message, "/img/compost.png") || !strings.Contains(f.Message, "no height attribute") {
		t.Errorf("finding %+v", f)
	}
	f = checkOne(t, ImageDimensions{}, host+"/", `<main><img src="/img/compost.png" alt="A"></main>`)
	if !strings.Contains(f.Message, "no width and height attributes") {
		t.Errorf("finding %+v", f)
	}
}
