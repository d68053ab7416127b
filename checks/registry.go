package checks

import "github.com/uxaudit/uxaudit/crawler"

// All returns every check uxaudit knows, in report order. Adding a check is
// one file, its test, and one line here.
func All() []Check {
	return []Check{
		BrokenLinks{},
		Redirects{},
		HTTPStatus{},
		JSErrors{},
		ServerResponseTime{},
		FirstContentfulPaint{},
		LargestContentfulPaint{},
		TotalBlockingTime{},
		PageWeight{},
		LayoutShift{},
		DocumentTitle{},
		MetaDescription{},
		Headings{},
		Viewport{},
		ContentWidth{},
		TapTargets{},
		FontSize{},
		Canonical{},
		Noindex{},
		ImageDimensions{},
		ImageWeight{},
		MixedContent{},
		HTMLLang{},
		ImageAlt{},
		FormLabels{},
		AccessibleNames{},
		ColorContrast{},
		DuplicateIDs{},
		UnclosedMarkup{},
		LinkCount{},
		DuplicateMetadata{},
		CanonicalTarget{},
		ClickDepth{},
		OrphanPages{},
		ErrorPage{},
		CrawlTraps{},
		DuplicateContent{},
		ThinContent{},
		Readability{},
		VagueLinkText{},
		PlainLanguage{},
		PassiveVoice{},
		BannedTerms{},
		InconsistentTerms{TermsOf: func(p *crawler.Page) map[string]int { return p.Terms }},
	}
}
