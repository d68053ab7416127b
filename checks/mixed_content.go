package checks

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html/atom"
)

// MixedContent reports resources loaded over http: by a page served over
// https.
type MixedContent struct{}

// Meta implements Check.
func (MixedContent) Meta() Meta {
	return Meta{
		ID:           "mixed-content",
		Title:        "Secure pages load only secure resources",
		FailureTitle: "Secure pages load resources over http",
		Description: "Browsers block scripts, frames and stylesheets loaded over http: by an https page, which " +
			"breaks it, and flag the page as not fully secure for images and media, which costs users' trust. " +
			"Load every resource over https (or from the same origin with a relative URL).",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// mixedSources lists, per element, the attributes that load a resource.
var mixedSources = map[string][]string{
	"img":    {"src", "srcset"},
	"source": {"src", "srcset"},
	"script": {"src"},
	"iframe": {"src"},
	"video":  {"src", "poster"},
	"audio":  {"src"},
	"embed":  {"src"},
	"object": {"data"},
	"link":   {"href"},
}

// CheckPage implements PageCheck.
func (MixedContent) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	page, err := url.Parse(p.URL)
	if err != nil || !strings.EqualFold(page.Scheme, "https") {
		return Result{}, nil
	}
	base := page
	if bs := ix.tagged(atom.Base); len(bs) > 0 {
		if href, ok := getAttr(bs[0], "href"); ok {
			if u, err := page.Parse(strings.TrimSpace(href)); err == nil {
				base = u
			}
		}
	}
	var res Result
	for _, n := range ix.tagged(atom.Img, atom.Source, atom.Script, atom.Iframe, atom.Video, atom.Audio, atom.Embed, atom.Object, atom.Link) {
		if n.Data == "link" && !hasToken(n, "rel", "stylesheet") {
			continue
		}
		sev, what := Medium, "media"
		switch n.Data {
		case "script":
			sev, what = High, "script"
		case "iframe":
			sev, what = High, "frame"
		case "link":
			sev, what = High, "stylesheet"
		case "img", "source":
			what = "image"
		}
		for _, a := range mixedSources[n.Data] {
			raw, ok := getAttr(n, a)
			if !ok {
				continue
			}
			refs := []string{raw}
			if a == "srcset" {
				refs = srcsetURLs(raw)
			}
			for _, ref := range refs {
				// The target is the canonical URL, as on the page's links.
				target, _, err := crawler.Normalize(base, ref)
				if err != nil || !strings.HasPrefix(target, "http:") {
					continue
				}
				sel := cssSelector(n)
				effect := "browsers mark the page as not fully secure"
				if sev == High {
					effect = "browsers block it"
				}
				res.Findings = append(res.Findings, NewFinding("mixed-content", p.URL, target, n.Data+" "+a, sev,
					fmt.Sprintf("The %s %s (%s) is loaded over http: on this https page, so %s", what, shorten(target, 100), sel, effect),
					Evidence{Kind: "mixed-content", Tag: n.Data, Attr: a, Selector: sel}))
			}
		}
	}
	return res, nil
}

// srcsetURLs returns the candidate URLs of a srcset attribute: each URL
// runs to white space, and its descriptors to the next comma.
func srcsetURLs(s string) []string {
	var out []string
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	for i := 0; i < len(s); {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[start:i]
		ended := strings.HasSuffix(u, ",")
		if u = strings.TrimRight(u, ","); u != "" {
			out = append(out, u)
		}
		if ended {
			continue
		}
		for i < len(s) && s[i] != ',' {
			i++
		}
	}
	return out
}
