package text

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestTmpMiss(t *testing.T) {
	files, _ := filepath.Glob("../../checks/testdata/sitegen/*.html")
	var docs []*goquery.Document
	for _, f := range files {
		fh, _ := os.Open(f)
		d, _ := goquery.NewDocumentFromReader(fh)
		fh.Close()
		docs = append(docs, d)
	}
	a := new(Analysis)
	seen := map[uint64]bool{}
	for r := 0; r < 3; r++ {
		misses, total := 0, 0
		for _, d := range docs {
			a.RedoDocument(d)
			c := a.scratch.syllables
			for _, w := range a.Words {
				total++
				if i := w.hash & 4094; c[i].hash != w.hash && c[i+1].hash != w.hash {
					misses++
				}
				seen[w.hash] = true
			}
			a.Release()
		}
		t.Logf("round %d: %d of %d words not in the cache after; distinct %d", r, misses, total, len(seen))
	}
}
