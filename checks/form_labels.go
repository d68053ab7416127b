package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// FormLabels reports form fields without an accessible name.
type FormLabels struct{}

// Meta implements Check.
func (FormLabels) Meta() Meta {
	return Meta{
		ID:           "form-labels",
		Title:        "Form fields have labels",
		FailureTitle: "Form fields have no label",
		Description: "A field without a label leaves screen reader users guessing what to type, and a placeholder is " +
			"no substitute: it disappears as soon as the user types. Give each field a visible <label for=\"id\"> " +
			"(or wrap it in one), or at least an aria-label.",
		Category: "accessibility",
		Mode:     Binary,
		Scope:    PageScope,
	}
}

// unlabelledInputTypes are input types that need no label: hidden, or
// buttons named by their value.
var unlabelledInputTypes = map[string]bool{"hidden": true, "submit": true, "reset": true, "button": true, "image": true}

// CheckPage implements PageCheck.
func (FormLabels) CheckPage(ctx context.Context, p *crawler.Page) (Result, error) {
	ix := pageElements(ctx, p)
	if ix == nil {
		return notParsed, nil
	}
	var fields []*html.Node
	labelFor := map[string]bool{}
	for _, n := range ix.tagged(atom.Input, atom.Select, atom.Textarea, atom.Label) {
		switch {
		case n.Data == "label":
			if f := attrValue(n, "for"); f != "" {
				labelFor[f] = true
			}
		case n.Data == "input" && unlabelledInputTypes[strings.ToLower(attrValue(n, "type"))]:
		case hiddenFromUsers(n):
		default:
			fields = append(fields, n)
		}
	}
	var res Result
	var ids map[string]bool
	for _, f := range fields {
		if id, _ := getAttr(f, "id"); id != "" && labelFor[id] {
			continue
		}
		if insideLabel(f) || attrValue(f, "aria-label") != "" || attrValue(f, "title") != "" {
			continue
		}
		if attrValue(f, "aria-labelledby") != "" {
			if ids == nil {
				ids = ix.idSet()
			}
			if labelledByExisting(f, ids) {
				continue
			}
		}
		sel := cssSelector(f)
		msg := fmt.Sprintf("Form field %s (%s) has no label", describeField(f), sel)
		if ph := collapseSpace(attrValue(f, "placeholder")); ph != "" {
			msg += fmt.Sprintf(": a placeholder (%q) is no label, it disappears as soon as the user types", shorten(ph, 80))
		}
		res.Findings = append(res.Findings, NewFinding("form-labels", p.URL, "", "missing-label "+sel, Medium, msg,
			Evidence{Kind: "missing-label", Tag: f.Data, Selector: sel}))
	}
	return res, nil
}

// insideLabel reports whether n sits inside a <label>.
func insideLabel(n *html.Node) bool {
	for e := n.Parent; e != nil; e = e.Parent {
		if e.Type == html.ElementNode && e.Namespace == "" && e.Data == "label" {
			return true
		}
	}
	return false
}

// describeField names a form field by its tag, type and name, e.g.
// <input type="email" name="email">.
func describeField(n *html.Node) string {
	var b strings.Builder
	b.WriteString("<" + n.Data)
	for _, a := range []string{"type", "name"} {
		if v := attrValue(n, a); v != "" {
			fmt.Fprintf(&b, " %s=%q", a, shorten(v, 40))
		}
	}
	b.WriteString(">")
	return b.String()
}
