package checks

import (
	"context"
	"strings"
	"testing"
)

func TestPlainLanguage(t *testing.T) {
	in := func(body string) string { return `<html lang="en"><body><main>` + body + `</main></body></html>` }
	runPageCheckCases(t, PlainLanguage{}, host+"/", []pageCheckCase{
		{"plain words", in(`<p>We use compost to feed the soil.</p>`), nil},
		{"two phrases", in(`<p>We utilize compost in order to feed the soil.</p>`), []string{"complex-phrase main > p", "complex-phrase main > p"}},
		{"inflected", in(`<h2>Shipping</h2><p>Orders are dispatched once payment has been verified.</p>`), []string{"complex-phrase main > p"}},
		{"words inside other words do not count", in(`<p>A user may reuse the tool. Our assistants help at the till.</p>`), nil},
		{"one finding per phrase", in(`<p>Utilize it.</p><p>We utilized it and will utilize it.</p>`), []string{"complex-phrase main > p:nth-of-type(1)"}},
		{"only the main content", `<html lang="en"><body><nav>Utilize our shop</nav><main><p>Hello.</p></main><footer>In order to help</footer></body></html>`, nil},
		{"across white space", in("<p>We dig in\n  order\tto plant.</p>"), []string{"complex-phrase main > p"}},
		{"hidden text", in(`<p hidden>We utilize it.</p>`), nil},
	})
}

func TestPlainLanguageDetails(t *testing.T) {
	src := `<html lang="en"><body><main><p>Please utilize the form. We utilize your data in order to reply. Prior to sowing, rake the bed.</p></main></body></html>`
	res, err := PlainLanguage{}.CheckPage(context.Background(), htmlPage(t, host+"/", src))
	if err != nil || len(res.Findings) != 3 {
		t.Fatalf("%+v, %v", res, err)
	}
	f := res.Findings[0]
	if f.Count != 2 || f.Severity != Low || !strings.Contains(f.Message, `"utilize" (2 times)`) || !strings.Contains(f.Message, "use") ||
		len(f.Evidence.Items) != 2 || !strings.Contains(f.Evidence.Items[0], "utilize the form") {
		t.Errorf("first finding %+v", f)
	}
	if g := res.Findings[1]; g.Count != 0 || !strings.Contains(g.Message, `"in order to"`) || !strings.Contains(g.Message, ": to") {
		t.Errorf("second finding %+v", g)
	}
	if h := res.Findings[2]; !strings.Contains(h.Message, `"Prior to"`) || !strings.Contains(h.Message, "before") {
		t.Errorf("third finding %+v", h)
	}
}

func TestPlainLanguageExtraAndLanguage(t *testing.T) {
	src := `<html lang="en"><body><main><p>We leverage synergy to utilise your potential.</p></main></body></html>`
	if got := checkHTML(t, PlainLanguage{Extra: []Pair{{"synergy", "teamwork"}}}, host+"/", src); len(got) != 3 {
		t.Errorf("with extra pairs: %q", got)
	}
	if got := checkHTML(t, PlainLanguage{}, host+"/", src); len(got) != 2 {
		t.Errorf("without: %q", got)
	}
	res, _ := PlainLanguage{}.CheckPage(context.Background(), htmlPage(t, host+"/", strings.Replace(src, `lang="en"`, `lang="de"`, 1)))
	if !res.NotApplicable {
		t.Errorf("German page: %+v", res)
	}
}

func TestPlainLanguageList(t *testing.T) {
	pairs := plainLanguagePairs()
	if len(pairs) < 150 {
		t.Errorf("%d pairs, want 150 or more", len(pairs))
	}
	seen := map[string]bool{}
	for _, p := range pairs {
		k := strings.ToLower(p.Phrase)
		if seen[k] {
			t.Errorf("%q is listed twice", p.Phrase)
		}
		seen[k] = true
		if strings.EqualFold(p.Phrase, p.Replacement) {
			t.Errorf("%q replaces itself", p.Phrase)
		}
	}
}

func TestParsePairs(t *testing.T) {
	pairs, err := ParsePairs("# c\n\n  in  order to =>  to \nutilize=>use")
	if err != nil || len(pairs) != 2 || pairs[0] != (Pair{"in order to", "to"}) || pairs[1] != (Pair{"utilize", "use"}) {
		t.Errorf("%+v, %v", pairs, err)
	}
	for _, bad := range []string{"no arrow", "=> x", "x =>", "— => dash"} {
		if _, err := ParsePairs(bad); err == nil {
			t.Errorf("ParsePairs(%q): no error", bad)
		}
	}
}
