package checks

import (
	"strings"
	"testing"
)

func TestAccessibleNames(t *testing.T) {
	const icon = `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M0 0h24v24H0z"></path></svg>`
	runPageCheckCases(t, AccessibleNames{}, host+"/", []pageCheckCase{
		{"text link", `<main><a href="/tools">Garden tools</a></main>`, nil},
		{"text inside an element", `<main><a href="/tools"><span>Tools</span></a></main>`, nil},
		{"image with alt", `<main><a href="/"><img src="logo.png" alt="Home"></a></main>`, nil},
		{"aria-label", `<main><a href="/cart" aria-label="Basket">` + icon + `</a></main>`, nil},
		{"aria-labelledby", `<main><h2 id="t">Tools</h2><a href="/tools" aria-labelledby="t">` + icon + `</a></main>`, nil},
		{"title", `<main><a href="/cart" title="Basket">` + icon + `</a></main>`, nil},
		{"svg title", `<main><a href="/cart"><svg><title>Basket</title></svg></a></main>`, nil},
		{"svg aria-label", `<main><a href="/cart"><svg role="img" aria-label="Basket"></svg></a></main>`, nil},
		{"visually hidden text", `<main><a href="/cart">` + icon + `<span class="sr-only">Basket</span></a></main>`, nil},
		{"anchor without href is not a link", `<main><a name="top"></a><a id="x"></a></main>`, nil},
		{"hidden link", `<main><div aria-hidden="true"><a href="/x"></a></div><a href="/y" hidden></a></main>`, nil},
		{"controls in hidden subtrees, one after", `<main><section hidden><p><button></button></p></section><template><a href="/t"></a></template>` +
			`<div aria-hidden="true"><div><a href="/z"></a></div></div><button></button></main>`, []string{"empty-button main > button"}},
		{"button with text", `<main><button type="submit">Subscribe</button></main>`, nil},
		{"button with aria-label", `<main><button aria-label="Close">` + icon + `</button></main>`, nil},
		{"input buttons", `<main><input type="submit"><input type="reset"><input type="button" value="Go"><input type="submit" value="Send"></main>`, nil},
		{"role=button with text", `<main><div role="button">Open menu</div></main>`, nil},
		{"icon-only link", `<main><p>x</p><p><a href="/share">` + icon + `</a></p></main>`, []string{"empty-link main > p:nth-of-type(2) > a"}},
		{"empty link", `<nav id="nav"><a href="/a">A</a><a href="/b"></a></nav>`, []string{"empty-link nav#nav > a:nth-of-type(2)"}},
		{"text hidden from screen readers only", `<main><a href="/next"><span aria-hidden="true">→</span></a></main>`, []string{"empty-link main > a"}},
		{"image with empty alt", `<main><a href="/"><img src="logo.png" alt=""></a></main>`, []string{"empty-link main > a"}},
		{"aria-labelledby pointing nowhere", `<main><a href="/x" aria-labelledby="nope">` + icon + `</a></main>`, []string{"empty-link main > a"}},
		{"icon-only button", `<main><button class="close">` + icon + `</button></main>`, []string{"empty-button main > button"}},
		{"input button without value", `<main><input type="button"></main>`, []string{"empty-button main > input"}},
		{"submit with an empty value", `<main><input type="submit" value=""></main>`, []string{"empty-button main > input"}},
		{"empty role=button", `<main><span role="button" id="menu"></span></main>`, []string{"empty-button span#menu"}},
		{"link with role=button counts once", `<main><a href="#" role="button"></a></main>`, []string{"empty-button main > a"}},
	})
	f := checkOne(t, AccessibleNames{}, host+"/", `<main><a href="mailto:?subject=Tips">`+icon+`</a></main>`)
	if f.Severity != High || !strings.Contains(f.Message, "mailto:?subject=Tips") || f.Evidence.Tag != "a" {
		t.Errorf("finding %+v", f)
	}
}
