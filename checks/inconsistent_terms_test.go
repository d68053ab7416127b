package checks

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func TestInconsistentTermsPageTerms(t *testing.T) {
	c := InconsistentTerms{}
	tests := []struct {
		name, src string
		want      map[string]int
	}{
		{"none", `<html lang="en"><body><p>Hello.</p></body></html>`, nil},
		{"navigation and buttons count", `<html lang="en"><body><header><a href="/l">Log in</a></header>
<main><p>Sign in to track your order, or email us.</p><form><button>Login</button><input type="submit" value="Sign up"></form></main>
<footer>Send an e-mail</footer></body></html>`,
			map[string]int{"log in": 1, "sign in": 1, "login": 1, "email": 1, "e-mail": 1, "sign up": 1}},
		{"hidden text does not", `<html lang="en"><body><p hidden>Log in</p><p style="display:none">Sign in</p></body></html>`, nil},
		{"another language", `<html lang="fr"><body><p>Log in, sign in, e-mail, email</p></body></html>`, nil},
	}
	for _, tt := range tests {
		got := c.PageTerms(htmlPage(t, host+"/", tt.src))
		if !maps.Equal(got, tt.want) {
			t.Errorf("%s: PageTerms = %v, want %v", tt.name, got, tt.want)
		}
	}
	if c.PageTerms(&crawler.Page{URL: host + "/"}) != nil {
		t.Error("a page without a document has terms")
	}
}

func TestInconsistentTerms(t *testing.T) {
	terms := map[string]map[string]int{}
	termsOf := func(p *crawler.Page) map[string]int { return terms[p.URL] }
	c := InconsistentTerms{TermsOf: termsOf}
	tests := []struct {
		name  string
		pages map[string]map[string]int
		want  []string // messages' variant lists
	}{
		{"consistent", map[string]map[string]int{"/": {"sign in": 2}, "/a": {"sign in": 1, "email": 3}}, nil},
		{"no terms at all", map[string]map[string]int{"/": nil, "/a": {}}, nil},
		{"two ways across pages", map[string]map[string]int{"/": {"sign in": 3}, "/a": {"log in": 1}, "/b": {"sign in": 1}},
			[]string{`"sign in" (4 times on 2 pages), "log in" (1 time on 1 page)`}},
		{"three ways on one page, two groups", map[string]map[string]int{"/": {"sign in": 1, "log in": 1, "login": 2, "email": 1, "e-mail": 1}},
			[]string{`"login" (2 times on 1 page), "sign in" (1 time on 1 page), "log in" (1 time on 1 page)`,
				`"e-mail" (1 time on 1 page), "email" (1 time on 1 page)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pages []*crawler.Page
			clear(terms)
			for path, tm := range tt.pages {
				pages = append(pages, page(path))
				terms[host+path] = tm
			}
			res, err := c.CheckSite(context.Background(), site(nil, pages...))
			if err != nil || res.Checked != len(tt.pages) {
				t.Fatalf("%+v, %v", res, err)
			}
			if len(res.Findings) != len(tt.want) {
				t.Fatalf("findings %+v, want %d", res.Findings, len(tt.want))
			}
			for i, f := range res.Findings {
				if f.URL != "" || f.Severity != Low || f.Evidence.Kind != "inconsistent-terms" || !strings.Contains(f.Message, tt.want[i]) {
					t.Errorf("finding %+v, want %s", f, tt.want[i])
				}
			}
		})
	}
}

func TestInconsistentTermsNamesPages(t *testing.T) {
	terms := map[string]map[string]int{}
	var pages []*crawler.Page
	for i := range 12 {
		u := fmt.Sprintf("/p%02d", i)
		pages = append(pages, page(u))
		terms[host+u] = map[string]int{"website": 1}
	}
	pages = append(pages, page("/old"))
	terms[host+"/old"] = map[string]int{"web site": 1}
	c := InconsistentTerms{TermsOf: func(p *crawler.Page) map[string]int { return terms[p.URL] }}
	res, _ := c.CheckSite(context.Background(), site(nil, pages...))
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v", res.Findings)
	}
	items := res.Findings[0].Evidence.Items
	if len(items) != 2 || strings.Count(items[0], host) != maxTermPages || !strings.HasSuffix(items[0], "and 2 more") ||
		items[1] != `"web site": `+host+"/old" {
		t.Errorf("items %q", items)
	}
}

func TestInconsistentTermsNeedsTermCounts(t *testing.T) {
	res, err := InconsistentTerms{}.CheckSite(context.Background(), site(nil, page("/")))
	if err != nil || !res.NotApplicable {
		t.Errorf("%+v, %v", res, err)
	}
	if len(termVariantGroups()) < 20 {
		t.Errorf("%d built-in groups", len(termVariantGroups()))
	}
}
