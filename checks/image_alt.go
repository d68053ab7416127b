package checks

import (
	"context"
	"fmt"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ImageAlt reports images without an alt attribute.
type ImageAlt struct{}

// Meta implements Check.
func (ImageAlt) Meta() Meta {
	return Meta{
		ID:           "image-alt",
		Title:        "Images have alternative text",
		FailureTitle: "Images have no alt attribute",
		Description: "Screen readers read out an image's alt text, and browsers show it when the image fails to load; " +
			"without an alt attribute they read the file name instead. Describe what the image shows in alt, or " +
			"use alt=\"\" for purely decorative images.",
		Category: "accessibility",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (ImageAlt) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	var res Result
	var ids map[string]bool
	for _, img := range ix.tagged(atom.Img) {
		if _, ok := getAttr(img, "alt"); ok || presentational(img) || hiddenFromUsers(img) {
			continue
		}
		// An ARIA label names the image as well as alt does.
		if attrValue(img, "aria-label") != "" {
			continue
		}
		if attrValue(img, "aria-labelledby") != "" {
			if ids == nil {
				ids = ix.idSet()
			}
			if labelledByExisting(img, ids) {
				continue
			}
		}
		sel := cssSelector(img)
		res.Findings = append(res.Findings, NewFinding("image-alt", p.URL, "", "missing-alt "+sel, Medium,
			fmt.Sprintf("Image %s (%s) has no alt attribute: screen readers read out its file name instead",
				imageSource(img), sel),
			Evidence{Kind: "missing-alt", Tag: "img", Attr: "alt", Selector: sel}))
	}
	return res, nil
}

// presentational reports elements marked role="presentation" or "none".
func presentational(n *html.Node) bool {
	return hasToken(n, "role", "presentation") || hasToken(n, "role", "none")
}

// imageSource names an image by its src (or srcset), cut for messages.
func imageSource(img *html.Node) string {
	src := attrValue(img, "src")
	if src == "" {
		src = attrValue(img, "srcset")
	}
	if src == "" {
		return "without a source"
	}
	return shorten(src, 100)
}
