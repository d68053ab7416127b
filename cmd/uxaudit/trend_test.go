package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestTrendInReport audits the demo twice with one history file: the
// first report says the trend starts with the next audit, the second draws
// a sparkline of two points for the overall score and each category, the
// second point being this audit's score.
func TestTrendInReport(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "uxaudit-history.db")
	read := func(out string) *goquery.Document {
		t.Helper()
		f, err := os.Open(filepath.Join(out, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		doc, err := goquery.NewDocumentFromReader(f)
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}

	first, second := filepath.Join(dir, "1"), filepath.Join(dir, "2")
	if code, out, errOut := runCLI(t, "demo", "-q", "--no-browser", "-o", first, "--history", hist); code != 0 {
		t.Fatalf("first run: code %d\n%s%s", code, out, errOut)
	}
	doc := read(first)
	if doc.Find("#trend svg.spark").Length() != 0 || !strings.Contains(doc.Find("#trend").Text(), "first audit of this site") {
		t.Errorf("first report's trend: %q", doc.Find("#trend").Text())
	}

	if code, out, errOut := runCLI(t, "demo", "-q", "--no-browser", "-o", second, "--history", hist); code != 0 {
		t.Fatalf("second run: code %d\n%s%s", code, out, errOut)
	}
	res := loadResultForTest(t, filepath.Join(second, "result.json"))
	doc = read(second)
	sparks := doc.Find("#trend ul.trends svg.spark")
	if want := 1 + len(res.Categories); sparks.Length() != want {
		t.Fatalf("%d sparklines, want %d (the overall score and each category)", sparks.Length(), want)
	}
	overall := sparks.First()
	if n := overall.Find("circle").Length(); n != 2 || overall.AttrOr("data-points", "") != "2" {
		t.Errorf("the overall sparkline has %d points (data-points %q), want 2", n, overall.AttrOr("data-points", ""))
	}
	if res.Score == nil {
		t.Fatal("the demo audit has no score")
	}
	now := fmt.Sprintf("%d (this audit).", int(math.Round(*res.Score*100)))
	if desc := overall.Find("desc").Text(); !strings.Contains(desc, "last 2 audits") || !strings.HasSuffix(desc, now) {
		t.Errorf("overall sparkline desc = %q, want 2 audits ending with %q", desc, now)
	}
	if title := overall.Find("title").Text(); title != "UX score over the last 2 audits" {
		t.Errorf("overall sparkline title = %q", title)
	}
	if n := doc.Find("#trend .sr-only table tbody tr").Length(); n != sparks.Length() {
		t.Errorf("the table of values has %d rows, want %d", n, sparks.Length())
	}
}
