package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteJSON writes the result as indented JSON.
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("encode result: %w", err)
	}
	return nil
}

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

// WriteFiles writes result.json and report.html into dir, creating it, and
// returns the report's path. Each file is written to a temporary name first,
// so an interrupted write never leaves half a report.
func WriteFiles(dir string, r *Result) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create output folder: %w", err)
	}
	path := filepath.Join(dir, "report.html")
	errc := make(chan error, 1)
	go func() {
		errc <- writeFile(filepath.Join(dir, "result.json"), func(w io.Writer) error { return WriteJSON(w, r) })
	}()
	htmlErr := writeFile(path, func(w io.Writer) error { return WriteHTML(w, r) })
	if err := errors.Join(<-errc, htmlErr); err != nil {
		return "", err
	}
	return path, nil
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
