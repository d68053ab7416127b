package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ReadJSON reads a result written by WriteJSON.
func ReadJSON(rd io.Reader) (*Result, error) {
	var r Result
	if err := json.NewDecoder(rd).Decode(&r); err != nil {
		return nil, fmt.Errorf("decode result: %w", err)
	}
	if r.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("result has schema version %d; this uxaudit reads version %d", r.SchemaVersion, SchemaVersion)
	}
	return &r, nil
}

// WriteOptions choose what WriteFiles writes.
type WriteOptions struct {
	// Formats to write; nil or empty means DefaultFormats.
	Formats []Format
	// Markdown tunes summary.md (extra sections, number of issues).
	Markdown MarkdownOptions
	// HTML adds optional inputs to report.html (the trend of past runs).
	HTML HTMLOptions
}

// WriteFiles writes the result in each of the options' formats into dir,
// creating it, and returns the paths written, in the order of Formats (so
// report.html comes first when it is written). Each file is written to a
// temporary name first, so an interrupted write never leaves half a file.
// The formats are written in parallel; every failure is returned.
func WriteFiles(dir string, r *Result, o WriteOptions) ([]string, error) {
	formats := o.Formats
	if len(formats) == 0 {
		formats = DefaultFormats()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	type file struct {
		path  string
		write func(io.Writer) error
	}
	var files []file
	for _, f := range formats {
		names := f.Files()
		switch f {
		case FormatHTML:
			files = append(files, file{names[0], func(w io.Writer) error { return WriteHTML(w, r, o.HTML) }})
		case FormatJSON:
			files = append(files, file{names[0], func(w io.Writer) error { return WriteJSON(w, r) }})
		case FormatCSV:
			files = append(files,
				file{names[0], func(w io.Writer) error { return WriteFindingsCSV(w, r) }},
				file{names[1], func(w io.Writer) error { return WritePagesCSV(w, r) }})
		case FormatMarkdown:
			files = append(files, file{names[0], func(w io.Writer) error { return WriteMarkdown(w, r, o.Markdown) }})
		case FormatJUnit:
			files = append(files, file{names[0], func(w io.Writer) error { return WriteJUnit(w, r) }})
		default:
			return nil, fmt.Errorf("unknown format %q", f)
		}
	}
	errs := make([]error, len(files))
	paths := make([]string, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		paths[i] = filepath.Join(dir, f.path)
		wg.Go(func() { errs[i] = writeFile(paths[i], f.write) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return paths, nil
}

func writeFile(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Hostname returns the host of the audited site for titles.
func (r *Result) Hostname() string {
	s := strings.TrimPrefix(strings.TrimPrefix(r.Site, "https://"), "http://")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	return s
}
