// Package checks holds uxaudit's audits: pure functions from the artifacts
// the crawler gathered to findings and metric values. Each check declares its
// metadata; the Runner applies them, and report/ turns their outcomes into
// scores.
package checks

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/uxaudit/uxaudit/crawler"
)

// Severity ranks how much a finding hurts users.
type Severity string

// Severities, most severe first.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
	Info   Severity = "info"
)

// Rank orders severities: higher is more severe.
func (s Severity) Rank() int {
	switch s {
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// Mode says how a check is scored.
type Mode string

// Scoring modes.
const (
	Binary      Mode = "binary"      // share of pages without findings
	Numeric     Mode = "numeric"     // a metric value on a log-normal curve
	Informative Mode = "informative" // reported, never scored
)

// Scope says what a check looks at.
type Scope string

// Check scopes.
const (
	PageScope Scope = "page" // one page at a time, during the crawl
	SiteScope Scope = "site" // the whole site, after the crawl
)

// Artifact names a kind of gathered data a check needs.
type Artifact string

// Artifacts.
const (
	ArtifactHTML   Artifact = "html"   // the parsed document (always there)
	ArtifactVitals Artifact = "vitals" // the rendered browser pass
)

// Curve holds the control points of a numeric check's log-normal score
// curve: the value scoring 0.9 and the median, scoring 0.5.
type Curve struct {
	P10    float64 `json:"p10"`
	Median float64 `json:"median"`
	Source string  `json:"source"` // where the control points come from
}

// Meta describes a check.
type Meta struct {
	ID           string     `json:"id"`
	Title        string     `json:"title"`         // what passing looks like
	FailureTitle string     `json:"failure_title"` // what failing looks like
	Description  string     `json:"description"`   // why it matters, how to fix it
	Category     string     `json:"category"`
	Mode         Mode       `json:"mode"`
	Scope        Scope      `json:"scope"`
	Requires     []Artifact `json:"requires,omitempty"`
	Unit         string     `json:"unit,omitempty"`
	Curve        *Curve     `json:"curve,omitempty"`
}

// Check is implemented by every check, along with PageCheck or SiteCheck.
type Check interface {
	Meta() Meta
}

// PageCheck looks at one page.
type PageCheck interface {
	Check
	CheckPage(ctx context.Context, p *crawler.Page) (Result, error)
}

// SiteCheck looks at the whole site once the crawl is over.
type SiteCheck interface {
	Check
	CheckSite(ctx context.Context, s *crawler.Site) (Result, error)
}

// Result is what one run of a check produced.
type Result struct {
	// Value is the measured metric of a numeric check, in Meta.Unit: the
	// page's for a page check, the site's for a site check.
	Value *float64
	// Values are a site check's per-page values of its metric.
	Values []PageValue
	// NotApplicable says the check had nothing to judge; Reason says why.
	NotApplicable bool
	Reason        string
	// Checked is the number of pages (or other units) a site check judged;
	// page checks judge one.
	Checked  int
	Findings []Finding
}

// Finding is one problem found, on one page.
type Finding struct {
	ID       string   `json:"id"` // stable across runs: check + page + key
	Check    string   `json:"check"`
	URL      string   `json:"url,omitempty"` // the page it is on; empty for site findings
	Target   string   `json:"target,omitempty"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Count    int      `json:"count,omitempty"` // occurrences on the page, when more than one
	Evidence Evidence `json:"evidence"`
}

// Evidence is the detail that lets a reader find and fix a finding.
type Evidence struct {
	Kind     string        `json:"kind,omitempty"`    // sub-kind, e.g. "redirect-loop"
	Verdict  string        `json:"verdict,omitempty"` // a failed link's triage: broken, server-error, rate-limited, blocked, timeout, flaky
	LinkText string        `json:"link_text,omitempty"`
	Tag      string        `json:"tag,omitempty"`
	Attr     string        `json:"attr,omitempty"`
	Section  string        `json:"section,omitempty"`
	Selector string        `json:"selector,omitempty"`
	Fragment string        `json:"fragment,omitempty"`
	Status   int           `json:"status,omitempty"`
	Error    string        `json:"error,omitempty"`
	Hops     []crawler.Hop `json:"hops,omitempty"`
	Value    float64       `json:"value,omitempty"` // the measured value, in Unit
	Unit     string        `json:"unit,omitempty"`
	Items    []string      `json:"items,omitempty"` // further detail: resources, messages, pages
}

// NewFinding returns a finding with its stable ID computed from the check,
// the page, the target and a check-specific key.
func NewFinding(check, page, target, key string, sev Severity, msg string, ev Evidence) Finding {
	return Finding{
		ID: findingID(check, page, target, key), Check: check, URL: page, Target: target,
		Severity: sev, Message: msg, Evidence: ev,
	}
}

func findingID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// dedupe merges findings with the same ID, counting them.
func dedupe(fs []Finding) []Finding {
	if len(fs) < 2 {
		return fs
	}
	idx := make(map[string]int, len(fs))
	out := fs[:0]
	for _, f := range fs {
		if i, ok := idx[f.ID]; ok {
			if out[i].Count == 0 {
				out[i].Count = 1
			}
			out[i].Count++
			continue
		}
		idx[f.ID] = len(out)
		out = append(out, f)
	}
	return out
}
