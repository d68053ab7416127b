package checks

import (
	"context"
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

const gatherPage = `<html lang="en"><head><title>Help</title></head><body>
<nav><a href="/login">Log in</a></nav>
<main><h1>Orders</h1>
<p>Your order was dispatched yesterday, and you can track it from your account page at any time of the day.
Please sign in to see where it is. We utilize a courier who delivers in the morning.</p>
<p>` + "Returns are free within thirty days of delivery for every item in the shop. " + `</p></main>
<footer>Questions? E-mail us.</footer></body></html>`

func TestTextGathererOnlyWhenNeeded(t *testing.T) {
	g := NewTextGatherer([]Check{BrokenLinks{}, DocumentTitle{}, VagueLinkText{}, BannedTerms{}})
	p := htmlPage(t, "https://ex.test/", gatherPage)
	g.Gather(p)
	if p.Text != nil || p.Words != 0 || p.Simhash != 0 || p.Terms != nil {
		t.Errorf("gathered text for checks that do not read it: words %d, terms %v", p.Words, p.Terms)
	}
}

func TestTextGatherer(t *testing.T) {
	terms := InconsistentTerms{TermsOf: func(p *crawler.Page) map[string]int { return p.Terms }}
	g := NewTextGatherer([]Check{Readability{}, PassiveVoice{}, PlainLanguage{}, ThinContent{}, terms})
	ctx := context.Background()

	// What the checks find on a page analysed by the gatherer, and by
	// themselves on a page without it.
	run := func(p *crawler.Page) []Result {
		var out []Result
		for _, c := range []PageCheck{Readability{}, PassiveVoice{}, PlainLanguage{}} {
			res, err := c.CheckPage(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, res)
		}
		return out
	}
	alone := run(htmlPage(t, "https://ex.test/", gatherPage))

	// Twice: the second page reuses the first one's released analysis.
	for i := range 2 {
		p := htmlPage(t, "https://ex.test/", gatherPage)
		g.Gather(p)
		if p.Text == nil || p.Words < 40 || p.TextHash == 0 || p.Simhash == 0 {
			t.Fatalf("page %d: text %v, words %d, hashes %x %x", i, p.Text != nil, p.Words, p.TextHash, p.Simhash)
		}
		if want := terms.PageTerms(htmlPage(t, "https://ex.test/", gatherPage)); !maps.Equal(p.Terms, want) || len(want) < 2 {
			t.Errorf("page %d: terms %v, want %v", i, p.Terms, want)
		}
		if got := run(p); !reflect.DeepEqual(got, alone) {
			t.Errorf("page %d: the checks find\n%+v\non the gathered page, and\n%+v\nalone", i, got, alone)
		}
		words := p.Words
		g.Release(p)
		if p.Text != nil || p.Words != words {
			t.Errorf("page %d: after release, text %v, words %d", i, p.Text != nil, p.Words)
		}
	}
	if !strings.Contains(alone[2].Findings[0].Message, "utilize") {
		t.Errorf("plain-language: %+v", alone[2].Findings)
	}
}
