package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ImageDimensions reports images without width and height attributes.
type ImageDimensions struct{}

// Meta implements Check.
func (ImageDimensions) Meta() Meta {
	return Meta{
		ID:           "image-dimensions",
		Title:        "Images reserve their space",
		FailureTitle: "Images have no width and height",
		Description: "An image without width and height takes no space until it loads, then pushes the text below " +
			"it down while the user is reading or about to tap. Set the image's intrinsic width and height " +
			"attributes (CSS can still scale it, e.g. max-width: 100%; height: auto).",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (ImageDimensions) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	var res Result
	for _, img := range ix.tagged(atom.Img) {
		var missing []string
		for _, a := range []string{"width", "height"} {
			if attrValue(img, a) == "" {
				missing = append(missing, a)
			}
		}
		if len(missing) == 0 || styleSetsSize(img) || isSVGDataURI(attrValue(img, "src")) {
			continue
		}
		sel := cssSelector(img)
		what := "no " + missing[0] + " attribute"
		if len(missing) == 2 {
			what = "no width and height attributes"
		}
		res.Findings = append(res.Findings, NewFinding("image-dimensions", p.URL, "", "missing-dimensions "+sel, Low,
			fmt.Sprintf("Image %s (%s) has %s: the page jumps when it loads", imageSource(img), sel, what),
			Evidence{Kind: "missing-dimensions", Tag: "img", Attr: strings.Join(missing, ","), Selector: sel}))
	}
	return res, nil
}

// styleSetsSize reports whether the inline style sets both width and height
// (to something other than auto).
func styleSetsSize(n *html.Node) bool {
	var w, h bool
	for _, decl := range strings.Split(attrValue(n, "style"), ";") {
		prop, val, ok := strings.Cut(decl, ":")
		val = strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), "!important")))
		if !ok || val == "" || val == "auto" {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(prop)) {
		case "width":
			w = true
		case "height":
			h = true
		}
	}
	return w && h
}

// isSVGDataURI reports a data: URI holding an SVG image: it is part of the
// page itself, so it does not arrive late and shift the layout.
func isSVGDataURI(src string) bool {
	return len(src) >= 18 && strings.EqualFold(src[:18], "data:image/svg+xml")
}
