package report

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"net/http"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/templates"
)

var htmlTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"pct": func(s *float64) string {
		if s == nil {
			return "–"
		}
		return fmt.Sprintf("%d", int(math.Round(*s*100)))
	},
	"band": func(s *float64) string {
		switch {
		case s == nil:
			return "na"
		case *s >= 0.9:
			return "good"
		case *s >= 0.5:
			return "average"
		}
		return "poor"
	},
	"statusText": http.StatusText,
	"seconds":    func(ms int64) string { return fmt.Sprintf("%.1f s", float64(ms)/1000) },
	"deref": func(s *float64) float64 {
		if s == nil {
			return 0
		}
		return *s
	},
}).ParseFS(templates.FS, "report.html.tmpl"))

// htmlView is what the HTML template renders.
type htmlView struct {
	*Result
	Broken    []checks.Finding
	Redirects []checks.Finding
	Errors    []checks.Finding
	Other     []checks.Finding
}

// WriteHTML renders the report page. Everything taken from crawled pages is
// escaped by html/template; unsafe URLs render as inert links.
func WriteHTML(w io.Writer, r *Result) error {
	v := htmlView{Result: r}
	for _, f := range r.Findings {
		switch f.Check {
		case "broken-links":
			v.Broken = append(v.Broken, f)
		case "redirects":
			v.Redirects = append(v.Redirects, f)
		case "http-status":
			v.Errors = append(v.Errors, f)
		default:
			v.Other = append(v.Other, f)
		}
	}
	if err := htmlTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	return nil
}
