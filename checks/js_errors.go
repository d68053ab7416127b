package checks

import (
	"context"
	"fmt"
	"net/http"

	"github.com/uxaudit/uxaudit/crawler"
)

// JSErrors reports what went wrong in the browser: console errors, uncaught
// exceptions, requests that failed, and pages that did not load at all.
type JSErrors struct{}

// Meta implements Check.
func (JSErrors) Meta() Meta {
	return Meta{
		ID:           "js-errors",
		Title:        "Pages load without errors in the browser",
		FailureTitle: "Pages have errors in the browser",
		Description: "An uncaught exception or a script, style or image that fails to load often means a feature " +
			"that silently does not work: a menu that will not open, a form that will not send. Fix the errors in " +
			"the browser console and the failing requests.",
		Category: "links", Mode: Binary, Scope: PageScope,
		Requires: []Artifact{ArtifactVitals},
	}
}

// CheckPage implements PageCheck.
func (c JSErrors) CheckPage(_ context.Context, p *crawler.Page) (Result, error) {
	v := p.Vitals
	if v == nil {
		return Result{NotApplicable: true, Reason: "the page was not rendered"}, nil
	}
	id := c.Meta().ID
	var res Result
	if v.ErrorKind != "" {
		sev := High
		if v.ErrorKind == "timeout" {
			sev = Medium
		}
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "render-"+v.ErrorKind, sev,
			"The page did not load properly in the browser: "+v.Error, Evidence{Kind: "render-" + v.ErrorKind, Error: v.Error}))
	}
	for _, e := range v.Exceptions {
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "exception:"+e, High,
			"Uncaught exception: "+e, Evidence{Kind: "exception", Error: e}))
	}
	for _, e := range v.ConsoleErrors {
		res.Findings = append(res.Findings, NewFinding(id, p.URL, "", "console:"+e, Medium,
			"Console error: "+e, Evidence{Kind: "console-error", Error: e}))
	}
	for _, f := range v.FailedRequests {
		sev := Medium
		if f.Type == "Script" || f.Type == "Stylesheet" || f.Type == "Document" {
			sev = High
		}
		why := f.Error
		if why == "" {
			why = fmt.Sprintf("%d %s", f.Status, http.StatusText(f.Status))
		}
		res.Findings = append(res.Findings, NewFinding(id, p.URL, f.URL, "failed-request", sev,
			fmt.Sprintf("A %s request failed in the browser: %s (%s)", typeName(f.Type), f.URL, why),
			Evidence{Kind: "failed-request", Status: f.Status, Error: f.Error}))
	}
	return res, nil
}

func typeName(t string) string {
	if t == "" || t == "Other" {
		return "resource"
	}
	return t
}
