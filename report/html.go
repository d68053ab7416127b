package report

import (
	"bufio"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"runtime"

	"github.com/uxaudit/uxaudit/templates"
)

// scorecardTemplate is the parsed HTML scorecard. Its stylesheet and script
// are files of this repository, embedded and inlined as trusted CSS and JS;
// everything else goes through html/template's contextual escaping.
var scorecardTemplate = template.Must(template.New("scorecard.html.tmpl").Funcs(template.FuncMap{
	"half": func(n int) int { return n / 2 },
	"dec":  func(n int) int { return n - 1 },
}).ParseFS(templates.FS, "scorecard.html.tmpl"))

// compressDataAbove is the size of the embedded JSON above which it is
// embedded gzipped (as a base64 JSON string): a browser parses a 12 MB page
// in seconds, a 5 MB one in half the time. Smaller reports keep readable
// JSON.
const compressDataAbove = 1 << 20

// htmlPage is what the template executes on: the scorecard's view, its
// embedded data (plain, or gzipped and base64-encoded) and the inline
// assets.
type htmlPage struct {
	*scorecard
	Data       any
	Compressed bool
	CSS        template.CSS
	JS         template.JS
}

// embedData returns the data to embed: the data itself, which html/template
// marshals and escapes into the script element, or when its JSON is larger
// than limit, that JSON gzipped and base64-encoded, a string html/template
// embeds as a JSON string. It compresses at gzip's default level: its best
// speed writes a 10,000-page report 0.1 s sooner, but the file is a tenth
// larger and opens about as much later, and a report is opened more often
// than it is written. Parts of the JSON are compressed at once, one a core
// (gzipParallel).
func embedData(d *reportData, limit int) (any, bool, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return nil, false, fmt.Errorf("encode report data: %w", err)
	}
	if len(raw) <= limit {
		return d, false, nil
	}
	z, err := gzipParallel(raw, gzip.DefaultCompression, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, false, fmt.Errorf("report data: %w", err)
	}
	return base64.StdEncoding.EncodeToString(z), true, nil
}

// HTMLOptions are the optional inputs of the scorecard.
type HTMLOptions struct {
	// Trend, when set, draws each category's score and the overall score
	// over the site's last audits (see Trend).
	Trend *Trend
}

// WriteHTML renders the scorecard: one self-contained HTML file (styles,
// script, SVG and screenshots inline; no network) with the scores, what to
// fix first, a section per category, tables of every page and finding and a
// page drill-down. Everything taken from crawled pages is escaped by
// html/template: unsafe URLs render as inert links, and the embedded JSON
// cannot close its script element. The big tables are rendered by the
// page's script from that JSON, a page of rows at a time, so the file stays
// light at 10,000 pages. When the result holds budget outcomes or a
// baseline comparison, the scorecard opens with their verdicts; opts may
// add the trend (only the first is read).
func WriteHTML(w io.Writer, r *Result, opts ...HTMLOptions) error {
	var o HTMLOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	return writeHTML(w, r, o, compressDataAbove)
}

func writeHTML(w io.Writer, r *Result, o HTMLOptions, compressAbove int) error {
	css, err := fs.ReadFile(templates.FS, "scorecard.css")
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	js, err := fs.ReadFile(templates.FS, "scorecard.js")
	if err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	page := htmlPage{scorecard: buildScorecard(r, o), CSS: template.CSS(css), JS: template.JS(js)}
	if page.Data, page.Compressed, err = embedData(page.scorecard.Data, compressAbove); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := scorecardTemplate.Execute(bw, page); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	return nil
}
