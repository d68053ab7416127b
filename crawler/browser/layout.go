package browser

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/uxaudit/uxaudit/crawler"
)

//go:embed overflow.js
var overflowJS string

// NarrowWidth is the viewport width, in CSS px, at which horizontal overflow
// is measured: the narrowest phones in common use. The default mobile device
// is wider (412 px), so the tab is narrowed for this one measurement.
const NarrowWidth = 360

// overflowed is what overflow.js returns.
type overflowed struct {
	Width       int           `json:"width"` // the screen width the page saw
	Viewport    int           `json:"viewport"`
	ScrollWidth int           `json:"scrollWidth"`
	Overflowing []crawler.Box `json:"overflowing"`
	Count       int           `json:"count"`
}

// measureLayout completes the layout read by collect.js (l, nil if that
// failed): it caps its lists, records the device, then narrows the viewport
// to NarrowWidth and measures the horizontal overflow there. Call it last:
// the page is left at the narrow width. A failed overflow measurement
// leaves NarrowWidth at 0.
func (b *Browser) measureLayout(ctx context.Context, l *crawler.Layout) *crawler.Layout {
	if l == nil {
		return nil
	}
	l.Mobile = b.opts.Device.Mobile
	l.Crowded = capped(l.Crowded)
	l.SmallText = capped(l.SmallText)
	l.LowContrast = capped(l.LowContrast)
	o, err := b.overflowAt(ctx, NarrowWidth)
	if err != nil {
		b.log.Debug().Err(err).Msg("overflow not measured")
		return l
	}
	l.NarrowWidth, l.ScrollWidth = o.Viewport, o.ScrollWidth
	l.Overflowing, l.OverflowingCount = capped(o.Overflowing), o.Count
	return l
}

// overflowAt resizes the tab's viewport to width CSS px, keeping the
// device's height, scale and mobile mode, and reads the overflow there.
func (b *Browser) overflowAt(ctx context.Context, width int64) (overflowed, error) {
	d := b.opts.Device
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: d.Height, DeviceScaleFactor: d.Scale, Mobile: d.Mobile,
		ScreenWidth: width, ScreenHeight: d.Height,
	}); err != nil {
		return overflowed{}, fmt.Errorf("narrow the viewport: %w", err)
	}
	o, err := chromedp.Run(ctx, chromedp.Evaluate[overflowed](fmt.Sprintf("(%s)(%d)", overflowJS, width), chromedp.EvalAwaitPromise))
	if err != nil {
		return overflowed{}, fmt.Errorf("measure overflow: %w", err)
	}
	if o.Width != int(width) {
		return overflowed{}, fmt.Errorf("the page never saw the %d px viewport (screen %d px)", width, o.Width)
	}
	return o, nil
}

// capped keeps the first crawler.MaxLayoutItems items of s.
func capped[T any](s []T) []T {
	if len(s) > crawler.MaxLayoutItems {
		return s[:crawler.MaxLayoutItems:crawler.MaxLayoutItems]
	}
	return s
}
