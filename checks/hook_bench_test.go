package checks

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/uxaudit/uxaudit/crawler"
	"golang.org/x/net/html"
)

// contentChecks are the checks issue 4's cost target is about: the audit
// with them disabled is the yardstick for the audit with every check.
var contentChecks = []string{"readability", "passive-voice", "plain-language", "vague-link-text",
	"banned-terms", "inconsistent-terms", "thin-content", "duplicate-content"}

// BenchmarkPageHook measures the work the audit's page hook does for one
// page of the benchmark site (bench/sitegen; ten of its pages are in
// testdata/sitegen): text gathering and the page checks, with every check
// and with the content checks disabled, and the text gathering alone
// (every check's). The DOM is parsed once, outside the loop, as the
// crawler parses it before the hook runs.
func BenchmarkPageHook(b *testing.B) { benchPageHook(b, "testdata/sitegen") }

// BenchmarkPageHookMarkup is BenchmarkPageHook on the same ten pages served
// with sitegen -markup (testdata/sitegen-markup): the same words and links
// in the markup of a framework-built page, four times the bytes and twice
// the elements.
func BenchmarkPageHookMarkup(b *testing.B) { benchPageHook(b, "testdata/sitegen-markup") }

func benchPageHook(b *testing.B, dir string) {
	files, docs := benchPages(b, dir)
	for _, tc := range []struct {
		name       string
		keep       func(Check) bool
		gatherOnly bool // the text gathering alone, no page check run
	}{
		{"all", func(Check) bool { return true }, false},
		{"content-off", func(c Check) bool { return !slices.Contains(contentChecks, c.Meta().ID) }, false},
		{"gather-only", func(Check) bool { return true }, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var list []Check
			for _, c := range All() {
				if tc.keep(c) {
					list = append(list, c)
				}
			}
			runner := NewRunner(list)
			gather := NewTextGatherer(list)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				d := docs[i%len(docs)]
				p := &crawler.Page{URL: "http://127.0.0.1/" + files[i%len(files)], Doc: d, Lang: "en"}
				gather.Gather(p)
				if !tc.gatherOnly {
					runner.RunPage(ctx, p)
				}
				gather.Release(p)
			}
		})
	}
}

// BenchmarkPageCheck measures each page check alone on the pages of
// BenchmarkPageHook, their text gathered and their elements indexed
// beforehand, as the hook and the Runner do once for all the checks of a
// page: a sub-benchmark per check, named by its ID.
func BenchmarkPageCheck(b *testing.B) {
	_, docs := benchPages(b, "testdata/sitegen")
	all := All()
	gather := NewTextGatherer(all)
	pages := make([]*crawler.Page, len(docs))
	ctxs := make([]context.Context, len(docs))
	for i, d := range docs {
		pages[i] = &crawler.Page{URL: "http://127.0.0.1/bench.html", Doc: d, Lang: "en"}
		gather.Gather(pages[i])
		ctxs[i] = withPageElements(context.Background(), new(elementIndex), pages[i])
		pageElements(ctxs[i], pages[i])
	}
	for _, c := range all {
		pc, ok := c.(PageCheck)
		if !ok {
			continue
		}
		b.Run(c.Meta().ID, func(b *testing.B) {
			b.ReportAllocs()
			for i := range b.N {
				if _, err := pc.CheckPage(ctxs[i%len(pages)], pages[i%len(pages)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchPages parses the bench site's pages kept in dir.
func benchPages(b *testing.B, dir string) ([]string, []*goquery.Document) {
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no pages: %v", err)
	}
	docs := make([]*goquery.Document, len(files))
	for i, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		root, err := html.Parse(fh)
		fh.Close()
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = goquery.NewDocumentFromNode(root)
	}
	return files, docs
}
