package checks

import (
	"strings"
	"testing"
)

func TestFormLabels(t *testing.T) {
	form := func(s string) string { return `<main><form id="f">` + s + `</form></main>` }
	runPageCheckCases(t, FormLabels{}, host+"/", []pageCheckCase{
		{"label for", form(`<label for="email">Email</label><input type="email" id="email">`), nil},
		{"label for after the field", form(`<input id="q"><label for="q">Search</label>`), nil},
		{"wrapped in a label", form(`<label>Name <span><input name="name"></span></label>`), nil},
		{"aria-label", form(`<input type="search" aria-label="Search the shop">`), nil},
		{"aria-labelledby", form(`<h2 id="nl">Newsletter</h2><input type="email" aria-labelledby="other nl">`), nil},
		{"title", form(`<select title="Sort by"><option>Price</option></select>`), nil},
		{"hidden, submit, reset, button and image inputs", form(`<input type="hidden" name="t"><input type="submit">` +
			`<input type="reset"><input type="button" value="Go"><input type="image" src="go.png" alt="Go"><input type="HIDDEN">`), nil},
		{"hidden field", form(`<div hidden><input name="x"></div>`), nil},
		{"no fields", `<main><p>x</p></main>`, nil},
		{"placeholder only", form(`<input type="email" name="email" placeholder="Your email">`), []string{"missing-label form#f > input"}},
		{"no type", form(`<input name="q">`), []string{"missing-label form#f > input"}},
		{"select", form(`<select name="size"><option>S</option></select>`), []string{"missing-label form#f > select"}},
		{"textarea", form(`<p><textarea name="msg"></textarea></p>`), []string{"missing-label form#f > p > textarea"}},
		{"label for another id", form(`<label for="other">Email</label><input id="email">`), []string{"missing-label input#email"}},
		{"empty aria-label", form(`<input aria-label=" ">`), []string{"missing-label form#f > input"}},
		{"aria-labelledby pointing nowhere", form(`<input aria-labelledby="nope">`), []string{"missing-label form#f > input"}},
		{"two fields", form(`<input name="a"><input name="b" aria-label="B"><input name="c">`),
			[]string{"missing-label form#f > input:nth-of-type(1)", "missing-label form#f > input:nth-of-type(3)"}},
	})
	f := checkOne(t, FormLabels{}, host+"/", form(`<input type="email" name="email" placeholder="Your email address">`))
	if f.Severity != Medium || !strings.Contains(f.Message, `<input type="email" name="email">`) ||
		!strings.Contains(f.Message, `placeholder ("Your email address") is no label`) || f.Evidence.Tag != "input" {
		t.Errorf("finding %+v", f)
	}
	if f := checkOne(t, FormLabels{}, host+"/", form(`<textarea></textarea>`)); strings.Contains(f.Message, "placeholder") {
		t.Errorf("message mentions a placeholder there is not: %s", f.Message)
	}
}
