package checks

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
)

// minMaximumScale is the lowest maximum-scale that still lets users zoom
// enough (WCAG 1.4.4 asks for 200%).
const minMaximumScale = 2

// Viewport reports pages without a viewport meta tag, or whose viewport
// stops users from zooming.
type Viewport struct{}

// Meta implements Check.
func (Viewport) Meta() Meta {
	return Meta{
		ID:           "viewport",
		Title:        "Pages fit mobile screens and can be zoomed",
		FailureTitle: "Pages lack a viewport or disable zooming",
		Description: "Without a viewport meta tag, phones render the page at desktop width and shrink it to an " +
			"unreadable size; a viewport that disables zoom stops people with low vision from enlarging the text. " +
			"Use <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> without user-scalable=no " +
			"or a maximum-scale below 2.",
		Category: "structure",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// CheckPage implements PageCheck.
func (Viewport) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	metas := metaNamed(ix, "viewport")
	if len(metas) == 0 {
		return Result{Findings: []Finding{NewFinding("viewport", p.URL, "", "missing-viewport", High,
			"The page has no <meta name=\"viewport\">: phones show it at desktop width, shrunk to an unreadable size",
			Evidence{Kind: "missing-viewport", Tag: "meta"})}}, nil
	}
	// Browsers apply the last viewport declaration.
	m := metas[len(metas)-1]
	var why []string
	for _, prop := range strings.FieldsFunc(attrValue(m, "content"), func(r rune) bool { return r == ',' || r == ';' }) {
		k, v, _ := strings.Cut(prop, "=")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.ToLower(strings.TrimSpace(v))
		switch k {
		case "user-scalable":
			if v == "no" || v == "0" {
				why = append(why, "user-scalable="+v)
			} else if f, err := strconv.ParseFloat(v, 64); err == nil && f > -1 && f < 1 {
				why = append(why, "user-scalable="+v)
			}
		case "maximum-scale":
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f < minMaximumScale {
				why = append(why, "maximum-scale="+v)
			}
		}
	}
	if len(why) == 0 {
		return Result{}, nil
	}
	return Result{Findings: []Finding{NewFinding("viewport", p.URL, "", "zoom-disabled", High,
		fmt.Sprintf("The viewport stops users from zooming (%s): people with low vision cannot enlarge the text",
			strings.Join(why, ", ")),
		Evidence{Kind: "zoom-disabled", Tag: "meta", Attr: "content", Selector: cssSelector(m)})}}, nil
}
