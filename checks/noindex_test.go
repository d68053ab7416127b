package checks

import (
	"strings"
	"testing"
)

func TestNoindex(t *testing.T) {
	robots := func(name, content string) string {
		return `<head><meta charset="utf-8"><meta name="` + name + `" content="` + content + `"></head>`
	}
	const sel = "head > meta:nth-of-type(2)"
	runPageCheckCases(t, Noindex{}, host+"/", []pageCheckCase{
		{"no robots meta", `<head><title>x</title></head>`, nil},
		{"index, follow", robots("robots", "index, follow"), nil},
		{"nofollow only", robots("robots", "nofollow"), nil},
		{"other bots", robots("bingbot", "noindex"), nil},
		{"noindex in another meta", robots("description", "noindex"), nil},
		{"noindex", robots("robots", "noindex"), []string{"noindex " + sel}},
		{"noindex, nofollow", robots("robots", "noindex, nofollow"), []string{"noindex " + sel}},
		{"none", robots("robots", "none"), []string{"noindex " + sel}},
		{"upper case", robots("ROBOTS", "NoIndex"), []string{"noindex " + sel}},
		{"googlebot", robots("googlebot", "max-snippet:50,noindex"), []string{"noindex " + sel}},
		{"space-separated", robots("robots", "noindex nofollow"), []string{"noindex " + sel}},
	})
	f := checkOne(t, Noindex{}, host+"/", robots("robots", "noindex"))
	if f.Severity != Medium || !strings.Contains(f.Message, `<meta name="robots" content="noindex">`) {
		t.Errorf("finding %+v", f)
	}
}
