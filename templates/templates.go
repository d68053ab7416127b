// Package templates embeds the HTML report templates.
package templates

import "embed"

// FS holds the report templates.
//
//go:embed *.html.tmpl
var FS embed.FS
