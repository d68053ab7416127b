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
