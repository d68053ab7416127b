package checks

import (
	"strings"
	"testing"
)

func TestViewport(t *testing.T) {
	vp := func(content string) string {
		return `<html><head><meta charset="utf-8"><meta name="viewport" content="` + content + `"></head><body></body></html>`
	}
	const sel = "head > meta:nth-of-type(2)"
	runPageCheckCases(t, Viewport{}, host+"/", []pageCheckCase{
		{"standard", vp("width=device-width, initial-scale=1"), nil},
		{"zoom allowed explicitly", vp("width=device-width, initial-scale=1, user-scalable=yes, maximum-scale=5"), nil},
		{"maximum-scale 2", vp("width=device-width,maximum-scale=2"), nil},
		{"semicolons and case", vp("Width=device-width; Initial-Scale=1"), nil},
		{"name is case-insensitive", `<head><meta name="Viewport" content="width=device-width"></head>`, nil},
		{"missing", `<html><head><meta charset="utf-8"></head><body></body></html>`, []string{"missing-viewport"}},
		{"user-scalable=no", vp("width=device-width, initial-scale=1, user-scalable=no"), []string{"zoom-disabled " + sel}},
		{"user-scalable=0", vp("width=device-width, user-scalable=0"), []string{"zoom-disabled " + sel}},
		{"maximum-scale=1", vp("width=device-width, initial-scale=1, maximum-scale=1"), []string{"zoom-disabled " + sel}},
		{"maximum-scale=1.5", vp("width=device-width, maximum-scale=1.5"), []string{"zoom-disabled " + sel}},
		{"both", vp("width=device-width, maximum-scale=1.0, user-scalable=NO"), []string{"zoom-disabled " + sel}},
		{"the last viewport wins", `<head><meta name="viewport" content="user-scalable=no"><meta name="viewport" content="width=device-width"></head>`, nil},
	})
	f := checkOne(t, Viewport{}, host+"/", vp("width=device-width, maximum-scale=1.0, user-scalable=no"))
	if f.Severity != High || !strings.Contains(f.Message, "maximum-scale=1.0, user-scalable=no") {
		t.Errorf("finding %+v", f)
	}
	if f := checkOne(t, Viewport{}, host+"/", `<p>x`); f.Severity != High {
		t.Errorf("missing viewport: %s", f.Severity)
	}
}
