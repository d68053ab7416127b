package checks

import (
	"context"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func TestLinkCount(t *testing.T) {
	links := func(n int, resource bool) []crawler.Link {
		out := make([]crawler.Link, n)
		for i := range out {
			out[i] = crawler.Link{URL: host + "/p", Tag: "a", Resource: resource}
		}
		return out
	}
	tests := []struct {
		name  string
		c     LinkCount
		links []crawler.Link
		want  Severity // "" for no finding
	}{
		{"few", LinkCount{}, links(40, false), ""},
		{"at the limit", LinkCount{}, links(DefaultMaxLinks, false), ""},
		{"over the limit", LinkCount{}, links(DefaultMaxLinks+1, false), Medium},
		{"50,000", LinkCount{}, links(50000, false), High},
		{"resources do not count", LinkCount{}, links(5000, true), ""},
		{"custom limit", LinkCount{Max: 10}, links(11, false), Medium},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := htmlPage(t, host+"/", "<p>links</p>")
			p.Links = tt.links
			res, err := tt.c.CheckPage(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(res.Findings) != 0:
				t.Errorf("findings %+v, want none", res.Findings)
			case tt.want != "" && (len(res.Findings) != 1 || res.Findings[0].Severity != tt.want || res.Findings[0].Evidence.Kind != "too-many-links"):
				t.Errorf("findings %+v, want one %s too-many-links", res.Findings, tt.want)
			}
		})
	}
}
