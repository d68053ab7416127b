package crawler

// Vitals are the artifacts of the rendered pass: what a real browser saw
// while loading a page. Times are milliseconds from the start of navigation.
type Vitals struct {
	TTFB       float64 `json:"ttfb_ms"`
	FCP        float64 `json:"fcp_ms"`
	LCP        float64 `json:"lcp_ms"`
	LCPElement string  `json:"lcp_element,omitempty"` // CSS selector of the LCP element
	LCPURL     string  `json:"lcp_url,omitempty"`     // the image behind it, if any
	TBT        float64 `json:"tbt_ms"`
	CLS        float64 `json:"cls"`
	Shifts     []Shift `json:"layout_shifts,omitempty"`

	Requests      int                     `json:"requests"`
	TransferBytes int64                   `json:"transfer_bytes"`
	ByType        map[string]ResourceStat `json:"by_type,omitempty"` // by DevTools resource type
	Largest       []Resource              `json:"largest,omitempty"` // biggest transfers, largest first

	DOMNodes       int             `json:"dom_nodes"`
	ConsoleErrors  []string        `json:"console_errors,omitempty"`
	Exceptions     []string        `json:"exceptions,omitempty"`
	FailedRequests []FailedRequest `json:"failed_requests,omitempty"`

	// Layout is what the browser measured of the page's layout: sideways
	// overflow on a narrow phone, tap targets, text sizes and contrast. Nil
	// when it could not be measured.
	Layout *Layout `json:"layout,omitempty"`

	Screenshot []byte `json:"-"`                    // JPEG of the first viewport
	Settled    bool   `json:"settled"`              // the network went quiet before the deadline
	Runs       int    `json:"runs"`                 // page loads this value is the median of
	Error      string `json:"error,omitempty"`      // why the render failed, if it did
	ErrorKind  string `json:"error_kind,omitempty"` // timeout, crash, navigation

	// PerRun holds the main metrics of every load, in load order, when the
	// page was loaded more than once (--runs); the fields above are the
	// median run's. Baselines read it to tell change from noise.
	PerRun []RunMetrics `json:"per_run,omitempty"`
}

// RunMetrics are the main metrics of one load of a page.
type RunMetrics struct {
	TTFB          float64 `json:"ttfb_ms"`
	FCP           float64 `json:"fcp_ms"`
	LCP           float64 `json:"lcp_ms"`
	TBT           float64 `json:"tbt_ms"`
	CLS           float64 `json:"cls"`
	TransferBytes int64   `json:"transfer_bytes"`
}

// Shift is one layout shift: its score and the elements that moved.
type Shift struct {
	Time    float64  `json:"time_ms"`
	Value   float64  `json:"value"`
	Sources []string `json:"sources,omitempty"` // CSS selectors of the elements that moved
	Causes  []string `json:"causes,omitempty"`  // likely culprits: elements inserted or loaded just before, above the moved ones
	Input   bool     `json:"had_recent_input,omitempty"`
}

// ResourceStat counts requests and transferred bytes.
type ResourceStat struct {
	Requests int   `json:"requests"`
	Bytes    int64 `json:"bytes"`
}

// Resource is one transfer seen by the browser.
type Resource struct {
	URL   string `json:"url"`
	Type  string `json:"type"`
	Bytes int64  `json:"bytes"`
}

// FailedRequest is a request that failed in the browser or answered an
// error status.
type FailedRequest struct {
	URL    string `json:"url"`
	Type   string `json:"type,omitempty"`
	Status int    `json:"status,omitempty"`
	Error  string `json:"error,omitempty"`
}

// Layout holds the rendered layout measurements of a page. Its lists are
// capped at MaxLayoutItems, worst first, so that a page's record stays
// small; the counts say how many there were in all.
type Layout struct {
	// Mobile says the page was measured on an emulated touch-screen phone:
	// tap targets and text sizes are judged only then.
	Mobile bool `json:"mobile"`

	// NarrowWidth is the viewport width, in CSS px, at which horizontal
	// overflow was measured; 0 when it could not be. ScrollWidth is the
	// document's width at it; Overflowing names the outermost elements that
	// reach past the viewport's right edge, furthest first.
	NarrowWidth      int   `json:"narrow_width"`
	ScrollWidth      int   `json:"scroll_width"`
	Overflowing      []Box `json:"overflowing,omitempty"`
	OverflowingCount int   `json:"overflowing_count,omitempty"`

	// TapTargets counts the visible links, buttons and form controls
	// measured; Crowded lists those smaller than 48×48 CSS px that overlap or
	// sit too close to another target.
	TapTargets   int         `json:"tap_targets"`
	Crowded      []TapTarget `json:"crowded_targets,omitempty"`
	CrowdedCount int         `json:"crowded_count,omitempty"`

	// TextChars counts the characters of visible text; SmallTextChars those
	// shown below 12 px. SmallText names the elements with the most of it.
	TextChars      int          `json:"text_chars"`
	SmallTextChars int          `json:"small_text_chars"`
	SmallText      []TextSample `json:"small_text,omitempty"`

	// ContrastChecked counts the text elements whose contrast was judged;
	// ContrastUnknown those over an image, a gradient or positioned content,
	// whose background cannot be told. LowContrast lists the text below
	// WCAG AA, lowest ratio first.
	ContrastChecked  int             `json:"contrast_checked"`
	ContrastUnknown  int             `json:"contrast_unknown"`
	LowContrast      []ContrastIssue `json:"low_contrast,omitempty"`
	LowContrastCount int             `json:"low_contrast_count,omitempty"`
}

// MaxLayoutItems caps each list of a Layout.
const MaxLayoutItems = 20

// Box is an element that reaches past the viewport: its width and how far
// right it reaches, in CSS px.
type Box struct {
	Selector string  `json:"selector"`
	Width    float64 `json:"width"`
	Right    float64 `json:"right"`
}

// TapTarget is a link, button or form control too small for a finger and
// too close to another one.
type TapTarget struct {
	Selector string  `json:"selector"`
	Text     string  `json:"text,omitempty"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
	Near     string  `json:"near"`               // the other target a finger would also press
	Overlaps bool    `json:"overlaps,omitempty"` // the two boxes overlap
}

// TextSample is an element whose own text is shown below 12 px.
type TextSample struct {
	Selector string  `json:"selector"`
	Size     float64 `json:"size_px"` // the size as shown, zoom included
	Chars    int     `json:"chars"`
}

// ContrastIssue is text whose contrast against its background is below
// WCAG AA.
type ContrastIssue struct {
	Selector   string  `json:"selector"`
	Text       string  `json:"text,omitempty"`
	Ratio      float64 `json:"ratio"`
	Required   float64 `json:"required"` // 4.5, or 3 for large text
	Color      string  `json:"color"`    // #rrggbb, as composited
	Background string  `json:"background"`
	Size       float64 `json:"size_px"`
	Bold       bool    `json:"bold,omitempty"`
}
