package text

import (
	"strings"
	"testing"
)

func TestFingerprints(t *testing.T) {
	base := strings.Repeat("Climbing beans give the biggest harvest from the smallest space in the garden. ", 3) +
		"We stock a purple podded variety that is easy to spot among the leaves and turns green when cooked. " +
		"Sow them in late spring after the last frost, against a sunny fence or a wigwam of canes, and water well in dry weeks."
	near := strings.Replace(base, "late spring", "early summer", 1)
	other := "Compost turns kitchen scraps and garden waste into dark crumbly soil that feeds worms, holds water and " +
		"keeps beds healthy. Aim for a rough balance of green and brown material and turn the heap every few weeks."
	a, b, c := Fingerprints(base), Fingerprints(near), Fingerprints(other)
	if a.Exact == b.Exact {
		t.Error("different texts share an exact hash")
	}
	if Fingerprints(strings.ToUpper(base)+"  ").Exact != a.Exact {
		t.Error("case and white space change the exact hash")
	}
	if d := Distance(a.Simhash, b.Simhash); d > 6 {
		t.Errorf("near duplicates are %d bits apart, want ≤ 6", d)
	}
	if d := Distance(a.Simhash, c.Simhash); d < 12 {
		t.Errorf("unrelated texts are only %d bits apart", d)
	}
	if a.Words < 60 || Fingerprints("").Words != 0 {
		t.Errorf("words = %d", a.Words)
	}
}
