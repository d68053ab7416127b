package checks

import (
	"fmt"
	"math"

	"github.com/uxaudit/uxaudit/crawler"
)

// metric judges one page's value of a lower-is-better metric against its
// curve: above the p10 control point it is a finding (low), above the median
// a medium one, above twice the median a high one.
func metric(check, page string, value float64, m Meta, say func(v string) string, ev Evidence) Result {
	res := Result{Value: &value}
	c := m.Curve
	if c == nil || value <= c.P10 {
		return res
	}
	sev, kind := Low, "needs-improvement"
	switch {
	case value > 2*c.Median:
		sev, kind = High, "poor"
	case value > c.Median:
		sev, kind = Medium, "poor"
	}
	ev.Kind, ev.Value, ev.Unit = kind, value, m.Unit
	res.Findings = []Finding{NewFinding(check, page, "", kind, sev, say(formatValue(value, m.Unit)), ev)}
	return res
}

// rendered returns the page's vitals, or a not-applicable result when the
// page has none usable (it was not rendered, or did not load).
func rendered(p *crawler.Page) (*crawler.Vitals, *Result) {
	v := p.Vitals
	switch {
	case v == nil:
		return nil, &Result{NotApplicable: true, Reason: "the page was not rendered"}
	case v.ErrorKind != "" && v.ErrorKind != "timeout":
		return nil, &Result{NotApplicable: true, Reason: "the page did not load in the browser: " + v.Error}
	}
	return v, nil
}

// formatValue renders a metric value for a message.
func formatValue(v float64, unit string) string { return FormatValue(v, unit) }

// FormatValue renders a value in its unit for people: milliseconds as ms or
// s, bytes as bytes, KiB or MiB, a reading grade as "grade 9.2", counts as
// whole numbers, and anything else with three significant digits.
func FormatValue(v float64, unit string) string {
	switch unit {
	case "ms":
		if math.Abs(v) >= 1000 {
			return fmt.Sprintf("%.1f s", v/1000)
		}
		return fmt.Sprintf("%.0f ms", v)
	case "bytes":
		switch {
		case math.Abs(v) >= 1<<20:
			return fmt.Sprintf("%.1f MiB", v/(1<<20))
		case math.Abs(v) >= 1<<10:
			return fmt.Sprintf("%.0f KiB", v/(1<<10))
		}
		return fmt.Sprintf("%.0f bytes", v)
	case "grade":
		return fmt.Sprintf("grade %.1f", v)
	case "findings":
		return fmt.Sprintf("%.0f", v)
	case "links", "pages":
		return fmt.Sprintf("%.0f %s", v, unit)
	case "":
		return fmt.Sprintf("%.3g", v)
	}
	return fmt.Sprintf("%.3g %s", v, unit)
}
