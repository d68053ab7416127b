package checks

import (
	"context"
	"strings"
	"testing"
)

func TestVagueLinkText(t *testing.T) {
	in := func(body string) string {
		return `<html lang="en"><body><main><p>` + body + `</p></main></body></html>`
	}
	runPageCheckCases(t, VagueLinkText{}, host+"/", []pageCheckCase{
		{"descriptive text", in(`<a href="/compost">Read our composting guide</a>`), nil},
		{"click here", in(`<a href="/compost">Click here</a>`), []string{"vague-link-text main > p > a"}},
		{"here with punctuation and case", in(`For details see <a href="/c">HERE!</a>`), []string{"vague-link-text main > p > a"}},
		{"read more with an arrow", in(`<a href="/c">Read more »</a>`), []string{"vague-link-text main > p > a"}},
		{"learn more", in(`<a href="/c">Learn more</a> <a href="/d">more</a>`),
			[]string{"vague-link-text main > p > a:nth-of-type(1)", "vague-link-text main > p > a:nth-of-type(2)"}},
		{"read more about something", in(`<a href="/c">Read more about composting</a>`), nil},
		{"descriptive aria-label", in(`<a href="/c" aria-label="Read more about composting">Read more</a>`), nil},
		{"vague aria-label", in(`<a href="/c" aria-label="More">Composting</a>`), []string{"vague-link-text main > p > a"}},
		{"descriptive aria-labelledby", in(`<span id="t">Composting guide</span> <a href="/c" aria-labelledby="t">here</a>`), nil},
		{"aria-labelledby to nothing falls back", in(`<a href="/c" aria-labelledby="nope">here</a>`), []string{"vague-link-text main > p > a"}},
		{"visually hidden text completes it", in(`<a href="/c">Read more<span class="sr-only"> about composting</span></a>`), nil},
		{"image alt names it", in(`<a href="/"><img src="logo.png" alt="Greenleaf home"></a>`), nil},
		{"image alt is vague", in(`<a href="/"><img src="i.png" alt="link"></a>`), []string{"vague-link-text main > p > a"}},
		{"no name at all is another check's", in(`<a href="/c"><img src="i.png"></a>`), nil},
		{"a URL as text", in(`<a href="https://ex.test/guide">https://ex.test/guide</a>`), []string{"bare-url main > p > a"}},
		{"www as text", in(`<a href="https://www.ex.test/">www.ex.test</a>`), []string{"bare-url main > p > a"}},
		{"the host as text", in(`<a href="https://example.org/">example.org</a>`), []string{"bare-url main > p > a"}},
		{"the relative href as text", in(`<a href="/files/guide.pdf">/files/guide.pdf</a>`), []string{"bare-url main > p > a"}},
		{"the page's own host, relative href", in(`<a href="/">ex.test</a>`), []string{"bare-url main > p > a"}},
		{"the host and path, relative href", in(`<a href="guide/">EX.test/guide</a>`), []string{"bare-url main > p > a"}},
		{"a word that is in the path only", in(`<a href="/guide/">guide</a>`), nil},
		{"a URL in capitals as text", in(`<a href="https://ex.test/a">HTTPS://EX.TEST/a</a>`), []string{"bare-url main > p > a"}},
		{"the host as text, the href in capitals", in(`<a href="HTTPS://Example.ORG/">example.org</a>`), []string{"bare-url main > p > a"}},
		{"a non-ASCII host as text", in(`<a href="https://bücher.example/">Bücher.example</a>`), []string{"bare-url main > p > a"}},
		{"a word starting like a URL", in(`<a href="/h">Httpd</a> <a href="/w">Wwwhat</a>`), nil},
		{"a name with a dot is not a URL", in(`<a href="https://nodejs.org/">Node.js</a>`), nil},
		{"an e-mail address is fine", in(`<a href="mailto:shop@ex.test">shop@ex.test</a>`), nil},
		{"a phone link is fine", in(`<a href="tel:+441234">here</a>`), nil},
		{"hidden links are skipped", in(`<a href="/c" aria-hidden="true">here</a><span hidden><a href="/d">more</a></span>`), nil},
		{"anchors without href are skipped", in(`<a name="x">here</a>`), nil},
		{"in a template", `<html lang="en"><body><template><a href="/c">here</a></template></body></html>`, nil},
		{"in the navigation too", `<html lang="en"><body><nav><a href="/c">More</a></nav></body></html>`, []string{"vague-link-text nav > a"}},
		{"a French page: no English list", `<html lang="fr"><body><p><a href="/c">here</a></p></body></html>`, nil},
		{"a French page: bare URLs still", `<html lang="fr"><body><p><a href="https://ex.test/a">https://ex.test/a</a></p></body></html>`,
			[]string{"bare-url p > a"}},
	})
}

func TestVagueLinkTextDetails(t *testing.T) {
	p := htmlPage(t, host+"/blog/", `<html lang="en"><body><nav><a href="post.html">Continue reading…</a></nav></body></html>`)
	res, err := VagueLinkText{}.CheckPage(context.Background(), p)
	if err != nil || len(res.Findings) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	f := res.Findings[0]
	ev := f.Evidence
	if f.Target != host+"/blog/post.html" || f.Severity != Low || ev.LinkText != "Continue reading…" || ev.Section != "nav" ||
		ev.Tag != "a" || ev.Attr != "href" || !strings.Contains(f.Message, host+"/blog/post.html") {
		t.Errorf("finding %+v", f)
	}
	p.BaseURL = "https://cdn.ex.test/base/"
	res, _ = VagueLinkText{}.CheckPage(context.Background(), p)
	if res.Findings[0].Target != "https://cdn.ex.test/base/post.html" {
		t.Errorf("target with <base>: %s", res.Findings[0].Target)
	}
}

func TestVagueLinkTextCapsFindings(t *testing.T) {
	src := `<html lang="en"><body><p>` + strings.Repeat(`<a href="/x">here</a>`, 1000) + `</p></body></html>`
	res, err := VagueLinkText{}.CheckPage(context.Background(), htmlPage(t, host+"/", src))
	if err != nil || len(res.Findings) != maxLinkFindings {
		t.Fatalf("%d findings, %v", len(res.Findings), err)
	}
	if last := res.Findings[len(res.Findings)-1]; !strings.Contains(last.Message, "980 more") {
		t.Errorf("last message: %s", last.Message)
	}
}

func TestIsVagueTextAgreesWithLinkWords(t *testing.T) {
	for _, s := range []string{
		"Read more", "Read more »", "  CLICK   here!", "click-here", "learn more here", "Here's", "here’s", "Lisez la suite",
		"Read more …", "click here to download the annual report for this year", "Learn   more", "l e a r n", "",
		"read more ........................................................................", "Ｍore", "MORE",
		"Click on this link", "click on this link!", "click on this links", "click  on	this link.", "follow this link",
	} {
		if got, want := isVagueText(s), vagueLinkTexts[linkWords(s)]; got != want {
			t.Errorf("isVagueText(%q) = %v, want %v", s, got, want)
		}
	}
}
