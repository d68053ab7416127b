package text

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestTmpCount(t *testing.T) {
	files, _ := filepath.Glob("../../checks/testdata/sitegen/*.html")
	for _, f := range files {
		fh, _ := os.Open(f)
		d, _ := goquery.NewDocumentFromReader(fh)
		fh.Close()
		a := AnalyseDocument(d)
		n := 0
		for _, b := range a.Blocks {
			n += len(b.Text)
		}
		t.Logf("%s blocks=%d bytes=%d words=%d sentences=%d", filepath.Base(f), len(a.Blocks), n, len(a.Words), len(a.Sentences))
	}
}
