package checks

import (
	"context"
	"strings"
	"testing"

	"github.com/uxaudit/uxaudit/crawler"
)

func TestImageWeight(t *testing.T) {
	img := func(path string, attr crawler.Attr) crawler.Link {
		return crawler.Link{URL: host + path, Tag: "img", Attr: attr, Resource: true, Text: "photo"}
	}
	sized := func(path string, size int64, status int) *crawler.Fetch {
		f := fetch(path, crawler.KindResource, status, "")
		f.Size = size
		return f
	}
	moved := fetch("/old.jpg", crawler.KindResource, 301, "/big.jpg")
	fetches := []*crawler.Fetch{
		sized("/big.jpg", 450_000, 200),
		sized("/huge.png", 1_200_000, 200),
		sized("/small.jpg", 40_000, 200),
		sized("/edge.jpg", DefaultMaxImageBytes, 200),
		sized("/unknown.jpg", 0, 200),
		sized("/missing.jpg", 900_000, 404),
		sized("/hires.jpg", 900_000, 200),
		moved,
	}
	tests := []struct {
		name string
		p    *crawler.Page
		want []string // "target severity"
	}{
		{"light images", page("/a", img("/small.jpg", crawler.AttrSrc), img("/edge.jpg", crawler.AttrSrc)), nil},
		{"one heavy image", page("/b", img("/big.jpg", crawler.AttrSrc)), []string{"/big.jpg low"}},
		{"very heavy image", page("/c", img("/huge.png", crawler.AttrSrc)), []string{"/huge.png medium"}},
		{"reported once a page", page("/d", img("/big.jpg", crawler.AttrSrc), img("/big.jpg", crawler.AttrSrc)), []string{"/big.jpg low"}},
		{"size unknown or broken: not judged here", page("/e", img("/unknown.jpg", crawler.AttrSrc), img("/missing.jpg", crawler.AttrSrc)), nil},
		{"srcset candidates are not all loaded", page("/f", img("/hires.jpg", crawler.AttrSrcset)), nil},
		{"through a redirect", page("/g", img("/old.jpg", crawler.AttrSrc)), []string{"/old.jpg low"}},
		{"links are not images", page("/h", a("/big.jpg", "download")), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ImageWeight{}.CheckSite(context.Background(), site(fetches, tt.p))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				if f.Check != "image-weight" || f.URL != tt.p.URL || f.Evidence.Kind != "heavy-image" || f.Evidence.Value == 0 {
					t.Errorf("incomplete finding %+v", f)
				}
				got = append(got, strings.TrimPrefix(f.Target, host)+" "+string(f.Severity))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("findings %q, want %q", got, tt.want)
			}
		})
	}
	res, _ := ImageWeight{Max: 30_000}.CheckSite(context.Background(), site(fetches, page("/a", img("/small.jpg", crawler.AttrSrc))))
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "40 KB") {
		t.Errorf("custom limit: %+v", res.Findings)
	}
}
