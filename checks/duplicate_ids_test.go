package checks

import (
	"strings"
	"testing"
)

func TestDuplicateIDs(t *testing.T) {
	runPageCheckCases(t, DuplicateIDs{}, host+"/", []pageCheckCase{
		{"unique", `<main id="main"><h2 id="a">A</h2><h2 id="b">B</h2></main>`, nil},
		{"ids are case-sensitive", `<p id="a">x</p><p id="A">y</p>`, nil},
		{"empty ids are not ids", `<p id="">x</p><p id="">y</p>`, nil},
		{"name is not id", `<a name="x"></a><p id="x"></p>`, nil},
		{"twice", `<h2 id="beans">Beans</h2><p id="beans">x</p>`, []string{"duplicate-id #beans"}},
		{"two duplicated ids", `<p id="a"></p><p id="b"></p><p id="a"></p><p id="b"></p><p id="c"></p>`,
			[]string{"duplicate-id #a", "duplicate-id #b"}},
		{"inside an svg", `<svg><g id="icon"></g></svg><div id="icon"></div>`, []string{"duplicate-id #icon"}},
		{"not an identifier", `<p id="1 a"></p><p id="1 a"></p>`, []string{`duplicate-id [id="1 a"]`}},
	})
	f := checkOne(t, DuplicateIDs{}, host+"/", `<p id="x"></p><p id="x"></p><p id="x"></p>`)
	if f.Severity != Low || !strings.Contains(f.Message, "used by 3 elements") {
		t.Errorf("finding %+v", f)
	}
}
