package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/crawler"
)

// writeJSONWhole is how result.json was written before it was streamed: one
// encoder, the whole document built in memory, then indented. The streamed
// writer must write the same bytes.
func writeJSONWhole(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// jsonSample is a hand-built result with every top-level field set, nested
// arrays included, and text that JSON escapes.
func jsonSample() *Result {
	r := formatSampleGates()
	r.Partial, r.PartialReason = true, "the --timeout of 30m0s ran out <&>"
	r.Config = map[string]any{"max_pages": 500.0, "formats": []any{"html", "json"}, "basic_auth": "[redacted]", "note": "a\u2028b"}
	r.Summary.CapHits, r.Summary.LinksNotCounted = 12, 1
	r.Warnings = []string{"robots.txt disallows /private/ <script>"}
	r.Targets = []TargetResult{
		{URL: "https://cdn.example/a.png", Kind: "resource", Method: "GET", ErrorKind: "refused", Error: "connection refused", Attempts: 3},
		{URL: "https://other.example/x?a=1&b=<2>", Kind: "external", Method: "HEAD", Status: 500},
		{URL: "https://shop.example/moved", Kind: "resource", Method: "GET", Status: 301, Location: "/new"},
	}
	r.Pages[0].Metrics = map[string]float64{"largest-contentful-paint": 2300, "readability": 11.2, "server-response-time": 120.5}
	r.Pages[0].Vitals.PerRun = []crawler.RunMetrics{{LCP: 2200}, {LCP: 2300}, {LCP: 2500}}
	r.Pages[0].Vitals.Shifts = []crawler.Shift{{Time: 1200, Value: 0.012, Sources: []string{"main > img"}}}
	return r
}

// syntheticResult is a result the size of a large audit: n pages, each
// with timings, vitals, metrics and five findings, and 2n targets.
func syntheticResult(n int) *Result {
	r := formatSample()
	r.Pages, r.Findings, r.Targets = make([]PageResult, 0, n), make([]checks.Finding, 0, 5*n), make([]TargetResult, 0, 2*n)
	for i := range n {
		u := fmt.Sprintf("https://shop.example/catalogue/section-%d/product-%d.html", i%50, i)
		p := PageResult{
			URL: u, FinalURL: u, Status: 200, FinalStatus: 200, Depth: 1 + i%6, ContentType: "text/html; charset=utf-8",
			Bytes: 20000 + int64(i%7000), Timing: TimingMS{DNS: 0.4, Connect: 1.2, TTFB: 80 + float64(i%400), Download: 3, Total: 90 + float64(i%400)},
			HTML: true, Title: fmt.Sprintf("Product %d – the shop", i), Links: 40 + i%30,
			Vitals:  &crawler.Vitals{TTFB: 90, FCP: 900 + float64(i%900), LCP: 1800 + float64(i%2000), TBT: float64(i % 300), CLS: 0.01, Requests: 40, TransferBytes: 900000, Settled: true, Runs: 1},
			Metrics: map[string]float64{"largest-contentful-paint": 1800 + float64(i%2000), "readability": 8 + float64(i%6), "server-response-time": 80 + float64(i%400)},
		}
		for k := range 5 {
			id := fmt.Sprintf("%016x", i*5+k)
			p.Findings = append(p.Findings, id)
			r.Findings = append(r.Findings, checks.Finding{
				ID: id, Check: []string{"image-alt", "headings", "readability", "vague-link-text", "tap-targets"}[k], URL: u, Severity: checks.Low,
				Message:  "The image main > section > img:nth-of-type(2) has no alt text, so screen readers announce its file name",
				Evidence: checks.Evidence{Kind: "missing-alt", Selector: "main > section > img:nth-of-type(2)", Section: "main", Tag: "img"},
			})
		}
		r.Pages = append(r.Pages, p)
		r.Targets = append(r.Targets,
			TargetResult{URL: fmt.Sprintf("https://shop.example/img/%d.jpg", i), Kind: "resource", Method: "GET", Status: 200},
			TargetResult{URL: fmt.Sprintf("https://partner.example/p/%d", i), Kind: "external", Method: "HEAD", Status: 200})
	}
	r.Summary.Pages, r.Summary.Findings = n, len(r.Findings)
	return r
}

func TestWriteJSONSampleHasEveryField(t *testing.T) {
	v := reflect.ValueOf(jsonSample()).Elem()
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Errorf("jsonSample leaves %s unset: set it, so the streamed writer is tested on it", v.Type().Field(i).Name)
		}
	}
}

// TestWriteJSONMatchesWholeDocument: the streamed result.json is byte for
// byte what encoding the whole result at once wrote.
func TestWriteJSONMatchesWholeDocument(t *testing.T) {
	empty := &Result{SchemaVersion: SchemaVersion}
	emptySlices := &Result{SchemaVersion: SchemaVersion, Checks: []CheckResult{}, Pages: []PageResult{}, Targets: []TargetResult{},
		Findings: []checks.Finding{}, Categories: []CategoryResult{}, Warnings: []string{}, Budgets: []BudgetResult{},
		Baseline: &BaselineDiff{}}
	for name, r := range map[string]*Result{
		"every field":             jsonSample(),
		"the format sample":       formatSample(),
		"with budgets, baseline":  formatSampleGates(),
		"nothing set":             empty,
		"empty, non-nil arrays":   emptySlices,
		"a zero result":           {},
		"1,000 synthetic pages":   syntheticResult(1000),
		"a baseline with nothing": {SchemaVersion: SchemaVersion, Baseline: &BaselineDiff{New: []DiffFinding{}}},
	} {
		t.Run(name, func(t *testing.T) {
			var got, want bytes.Buffer
			if err := WriteJSON(&got, r); err != nil {
				t.Fatal(err)
			}
			if err := writeJSONWhole(&want, r); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				g, w := got.String(), want.String()
				i := 0
				for i < len(g) && i < len(w) && g[i] == w[i] {
					i++
				}
				t.Fatalf("streamed JSON differs at byte %d:\n--- got:\n%s\n--- want:\n%s", i, excerpt(g, i), excerpt(w, i))
			}
			if !json.Valid(got.Bytes()) {
				t.Error("not valid JSON")
			}
			var viaMarshal, viaStream any
			whole, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			if json.Unmarshal(whole, &viaMarshal) != nil || json.Unmarshal(got.Bytes(), &viaStream) != nil || !reflect.DeepEqual(viaMarshal, viaStream) {
				t.Error("the streamed JSON does not decode to what json.MarshalIndent of the whole result decodes to")
			}
		})
	}
}

func excerpt(s string, i int) string {
	return s[max(0, i-200):min(len(s), i+200)]
}

// TestWriteJSONRoundTrip: ReadJSON reads back exactly the result written.
func TestWriteJSONRoundTrip(t *testing.T) {
	r := jsonSample()
	var b bytes.Buffer
	if err := WriteJSON(&b, r); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		gv, wv := reflect.ValueOf(back).Elem(), reflect.ValueOf(r).Elem()
		for i := range gv.NumField() {
			if !reflect.DeepEqual(gv.Field(i).Interface(), wv.Field(i).Interface()) {
				t.Errorf("%s reads back as\n%#v\nwant\n%#v", gv.Type().Field(i).Name, gv.Field(i).Interface(), wv.Field(i).Interface())
			}
		}
	}
}

// failingWriter fails after n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, fmt.Errorf("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteJSONReportsWriteErrors(t *testing.T) {
	for _, n := range []int{0, 10, 70000} {
		err := WriteJSON(&failingWriter{n: n}, syntheticResult(200))
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("after %d bytes: err = %v, want the writer's error", n, err)
		}
	}
}

// TestWriteJSONMemory: writing a large result allocates a small share of
// what the whole-document encoder did (over seven times the file's size),
// since elements are encoded one at a time.
func TestWriteJSONMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 5,000-page result")
	}
	r := syntheticResult(5000)
	var size countingWriter
	if err := WriteJSON(&size, r); err != nil {
		t.Fatal(err)
	}
	allocated := func(write func(io.Writer, *Result) error) uint64 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if err := write(io.Discard, r); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	streamed, whole := allocated(WriteJSON), allocated(writeJSONWhole)
	t.Logf("result.json %d bytes; allocated %d streamed, %d whole", size, streamed, whole)
	// Compared with the whole-document encoder under the same build: under
	// the race detector, sync.Pool (encoding/json's buffers) keeps nothing,
	// so every element allocates its own buffers.
	if streamed > whole/4 {
		t.Errorf("streaming allocated %d bytes, the whole-document encoder %d: more than a quarter of it", streamed, whole)
	}
}

// countingWriter counts the bytes written to it.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// BenchmarkWriteJSON writes result.json for a 10,000-page audit, streamed
// and, for comparison, as one whole document (how it was written before).
func BenchmarkWriteJSON(b *testing.B) {
	r := syntheticResult(10000)
	for _, bc := range []struct {
		name  string
		write func(io.Writer, *Result) error
	}{{"streamed", WriteJSON}, {"whole-document", writeJSONWhole}} {
		b.Run(bc.name, func(b *testing.B) {
			var size countingWriter
			if err := bc.write(&size, r); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.write(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
