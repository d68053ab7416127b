package report

import (
	"fmt"
	"strings"
)

// Format is an output format of the report.
type Format string

// The output formats, in the order they are written.
const (
	FormatHTML     Format = "html"  // report.html, the scorecard
	FormatJSON     Format = "json"  // result.json, all the data
	FormatCSV      Format = "csv"   // findings.csv and pages.csv
	FormatMarkdown Format = "md"    // summary.md, for a pull request or a CI job summary
	FormatJUnit    Format = "junit" // junit.xml, one test case per check
)

// Formats lists every format in the order they are written.
func Formats() []Format {
	return []Format{FormatHTML, FormatJSON, FormatCSV, FormatMarkdown, FormatJUnit}
}

// DefaultFormats are the formats written when none are asked for.
func DefaultFormats() []Format { return []Format{FormatHTML, FormatJSON} }

// Files returns the names of the files a format writes, in the output folder.
func (f Format) Files() []string {
	switch f {
	case FormatHTML:
		return []string{"report.html"}
	case FormatJSON:
		return []string{"result.json"}
	case FormatCSV:
		return []string{"findings.csv", "pages.csv"}
	case FormatMarkdown:
		return []string{"summary.md"}
	case FormatJUnit:
		return []string{"junit.xml"}
	}
	return nil
}

// ParseFormats reads format names as given on the command line: each value
// may hold several names separated by commas ("html,md"). Names are trimmed
// and lower-cased, duplicates dropped, and the result is in the order of
// Formats. An unknown name is an error that names it; no names at all give
// DefaultFormats.
func ParseFormats(values []string) ([]Format, error) {
	want := map[Format]bool{}
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" {
				continue
			}
			f := Format(name)
			if f.Files() == nil {
				return nil, fmt.Errorf("unknown format %q: use %s", name, formatNames())
			}
			want[f] = true
		}
	}
	if len(want) == 0 {
		return DefaultFormats(), nil
	}
	var out []Format
	for _, f := range Formats() {
		if want[f] {
			out = append(out, f)
		}
	}
	return out, nil
}

// formatNames lists the format names for messages: "html, json, csv, md or junit".
func formatNames() string {
	all := Formats()
	names := make([]string, len(all))
	for i, f := range all {
		names[i] = string(f)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
