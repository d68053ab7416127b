// Package templates embeds the HTML scorecard: its template and the
// stylesheet and script inlined into it, so the report is one file.
package templates

import "embed"

// FS holds the report templates and their inline assets.
//
//go:embed *.html.tmpl *.css *.js
var FS embed.FS
