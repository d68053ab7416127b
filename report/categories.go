package report

// Category is a group of checks scored together.
type Category struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Weight float64 `json:"weight"` // weight in the overall score
}

// DefaultCategories are the report's categories in display order, with their
// weights in the overall UX score.
func DefaultCategories() []Category {
	return []Category{
		{"links", "Links & navigation", 3},
		{"redirects", "Redirects", 1},
		{"speed", "Speed", 3},
		{"stability", "Layout stability", 2},
		{"content", "Content & readability", 2},
		{"wording", "Word choice", 1},
		{"structure", "Page structure & mobile", 2},
		{"accessibility", "Accessibility", 2},
		{"site", "Site structure", 1},
	}
}
