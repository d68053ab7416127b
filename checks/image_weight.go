package checks

import (
	"context"
	"fmt"
	"sort"

	"github.com/uxaudit/uxaudit/crawler"
)

// ImageWeight reports images heavier than a page can afford: each one costs
// visitors on a phone seconds of waiting and part of their data plan.
type ImageWeight struct {
	// Max is the largest acceptable image in bytes; 0 means
	// DefaultMaxImageBytes.
	Max int64
}

// DefaultMaxImageBytes is ImageWeight's default limit: 200 KB, about what a
// full-width photo needs at phone resolution in a modern format.
const DefaultMaxImageBytes = 200 * 1000

// Meta implements Check.
func (ImageWeight) Meta() Meta {
	return Meta{
		ID:           "image-weight",
		Title:        "Images are light",
		FailureTitle: "Pages load images over 200 KB",
		Description: "A heavy image delays the page on a slow connection and uses up visitors' mobile data, often " +
			"for detail nobody sees on a phone. Resize images to the size they are shown at, compress them (WebP or " +
			"AVIF, JPEG quality around 75), and offer smaller versions with srcset.",
		Category: "speed",
		Mode:     Binary,
		Scope:    SiteScope,
	}
}

// CheckSite implements SiteCheck. An image's size is its Content-Length,
// else the bytes read; images whose size the crawl could not learn are not
// judged.
func (c ImageWeight) CheckSite(ctx context.Context, s *crawler.Site) (Result, error) {
	limit := c.Max
	if limit <= 0 {
		limit = DefaultMaxImageBytes
	}
	var res Result
	for _, p := range s.Pages {
		res.Checked++
		seen := map[string]bool{}
		for i := range p.Links {
			l := &p.Links[i]
			if !isImageSource(l) || seen[l.URL] {
				continue
			}
			seen[l.URL] = true
			f := s.Chain(l.URL, s.MaxHops).Final
			if f == nil || !f.OK() || f.Size <= limit {
				continue
			}
			sev := Low
			if f.Size > 5*limit {
				sev = Medium
			}
			res.Findings = append(res.Findings, NewFinding("image-weight", p.URL, l.URL, "heavy-image", sev,
				fmt.Sprintf("The image %s weighs %s (more than %s)", l.URL, kiloBytes(f.Size), kiloBytes(limit)),
				Evidence{Kind: "heavy-image", Tag: l.Tag, Attr: l.Attr.String(), Section: l.Section.String(),
					LinkText: l.Text, Value: float64(f.Size), Unit: "bytes"}))
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
	}
	if res.Checked == 0 {
		return Result{NotApplicable: true, Reason: "no page was parsed"}, nil
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return res.Findings[i].ID < res.Findings[j].ID })
	return res, nil
}

// isImageSource reports whether the link is the image an <img>, <input
// type=image> or <picture>'s <source> shows by default (its src; srcset
// candidates are alternatives the browser chooses among, not all loaded).
func isImageSource(l *crawler.Link) bool {
	switch l.Tag {
	case "img", "input":
		return l.Resource && l.Attr == crawler.AttrSrc
	}
	return false
}

func kiloBytes(n int64) string {
	if n >= 1000*1000 {
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%d KB", (n+500)/1000)
}
