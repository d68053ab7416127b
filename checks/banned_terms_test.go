package checks

import (
	"context"
	"strings"
	"testing"
)

func TestBannedTerms(t *testing.T) {
	c := BannedTerms{Terms: []Term{
		{Term: "whitelist", Replacement: "allowlist", Reason: "clearer and inclusive"},
		{Term: "simply"},
		{Term: "log in", Replacement: "sign in"},
	}}
	in := func(body string) string { return `<html lang="en"><body><main>` + body + `</main></body></html>` }
	runPageCheckCases(t, c, host+"/", []pageCheckCase{
		{"none used", in(`<p>Add the address to the allowlist and sign in.</p>`), nil},
		{"one term", in(`<p>Add the address to the Whitelist.</p>`), []string{"banned-term main > p"}},
		{"each term once", in(`<p>Simply log in.</p><p>Then whitelist it, simply.</p>`), []string{"banned-term main > p:nth-of-type(1)", "banned-term main > p:nth-of-type(1)", "banned-term main > p:nth-of-type(2)"}},
		{"whole words only", in(`<p>Whitelisted? Simplye. Login.</p>`), nil},
		{"not outside the main content", `<html><body><nav>Log in</nav><main><p>Welcome.</p></main></body></html>`, nil},
		{"any language", `<html lang="de"><body><main><p>Whitelist</p></main></body></html>`, []string{"banned-term main > p"}},
	})

	res, err := c.CheckPage(context.Background(), htmlPage(t, host+"/", in(`<p>Simply add it to the whitelist. Then simply wait.</p>`)))
	if err != nil || len(res.Findings) != 2 {
		t.Fatalf("%+v, %v", res, err)
	}
	simply, white := res.Findings[0], res.Findings[1]
	if simply.Count != 2 || len(simply.Evidence.Items) != 2 || !strings.Contains(simply.Message, "used 2 times") || strings.Contains(simply.Message, "instead") {
		t.Errorf("simply: %+v", simply)
	}
	if white.Severity != Low || white.Message != `"whitelist" is a banned term (clearer and inclusive): write "allowlist" instead` {
		t.Errorf("whitelist: %+v", white)
	}
}

func TestBannedTermsWithoutTerms(t *testing.T) {
	res, err := BannedTerms{}.CheckPage(context.Background(), htmlPage(t, host+"/", `<main><p>Whitelist</p></main>`))
	if err != nil || !res.NotApplicable || res.Reason != "no terms file given" {
		t.Errorf("%+v, %v", res, err)
	}
}

func TestBannedTermsSeverity(t *testing.T) {
	c := BannedTerms{Terms: []Term{
		{Term: "synergy", Severity: High},
		{Term: "utilise", Replacement: "use", Severity: Info},
	}}
	res, err := c.CheckPage(context.Background(), htmlPage(t, host+"/", `<html lang="en"><body><main><p>Utilise the synergy.</p></main></body></html>`))
	if err != nil || len(res.Findings) != 2 {
		t.Fatalf("%+v, %v", res, err)
	}
	disc, banned := res.Findings[0], res.Findings[1]
	if disc.Severity != Info || disc.Evidence.Kind != "discouraged-term" || disc.Message != `"Utilise" is a discouraged term: write "use" instead` {
		t.Errorf("discouraged: %+v", disc)
	}
	if banned.Severity != High || banned.Evidence.Kind != "banned-term" {
		t.Errorf("banned: %+v", banned)
	}
}

func TestTermValidate(t *testing.T) {
	tests := []struct {
		term Term
		ok   bool
	}{
		{Term{Term: "whitelist"}, true},
		{Term{Term: "log in", Replacement: "sign in", Severity: Medium}, true},
		{Term{Term: "simply", Severity: Info}, true},
		{Term{Term: ""}, false},
		{Term{Term: " — "}, false},
		{Term{Term: "simply", Severity: "critical"}, false},
	}
	for _, tt := range tests {
		if err := tt.term.Validate(); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt.term, err)
		}
	}
}
