package history

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func fp(v float64) *float64 { return &v }

func run(site string, day int, score float64, cats ...CategoryScore) Run {
	return Run{
		Time: time.Date(2026, 3, day, 2, 0, 0, 0, time.UTC), Site: site, Score: &score, Categories: cats,
		Counts: Counts{Pages: 10 + day, Findings: day}, ResultPath: "nightly/result.json",
	}
}

// TestHistoryAcrossThreeRuns records three nightly runs of one site (each
// on its own port, as a test server would be) and one of another site,
// closing and reopening the file between runs as separate processes would.
func TestHistoryAcrossThreeRuns(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "uxaudit-history.db")
	runs := []Run{
		run("http://127.0.0.1:41001/", 1, 0.70, CategoryScore{"links", "Links", fp(0.8)}, CategoryScore{"speed", "Speed", nil}),
		run("https://other.example/", 1, 0.99, CategoryScore{"links", "Links", fp(1)}),
		run("http://127.0.0.1:41002/", 2, 0.75, CategoryScore{"links", "Links", fp(0.85)}, CategoryScore{"speed", "Speed", fp(0.6)}),
		run("http://127.0.0.1:41003", 3, 0.80, CategoryScore{"speed", "Speed", fp(0.7)}, CategoryScore{"links", "Links", fp(0.9)}),
	}
	for i, r := range runs {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		got, err := s.Add(ctx, r)
		if err != nil {
			t.Fatalf("add %d: %v", i, err)
		}
		if got.ID != uint64(i+1) {
			t.Errorf("run %d got ID %d", i, got.ID)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}

	s, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.Runs(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 || all[0].ID != 4 || all[3].ID != 1 {
		t.Fatalf("all runs, newest first: %+v", all)
	}
	if all[0].Counts.Pages != 13 || all[0].ResultPath != "nightly/result.json" || !all[0].Time.Equal(runs[3].Time) {
		t.Errorf("a run did not round-trip: %+v", all[0])
	}

	mine, err := s.Runs(ctx, Query{Site: "http://127.0.0.1:9999/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 3 {
		t.Fatalf("runs of the loopback site: %d, want 3", len(mine))
	}
	last2, _ := s.Runs(ctx, Query{Site: "127.0.0.1", Limit: 2})
	if len(last2) != 2 || last2[0].ID != 4 || last2[1].ID != 3 {
		t.Errorf("the last two: %+v", last2)
	}

	tr, err := s.Trend(ctx, "http://127.0.0.1/", 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Runs) != 3 || tr.Runs[0].ID != 1 || tr.Runs[2].ID != 4 || *tr.Runs[2].Score != 0.80 {
		t.Fatalf("trend runs, oldest first: %+v", tr.Runs)
	}
	want := map[string][]*float64{"links": {fp(0.8), fp(0.85), fp(0.9)}, "speed": {nil, fp(0.6), fp(0.7)}}
	if len(tr.Categories) != 2 || tr.Categories[0].ID != "speed" {
		t.Errorf("categories in the newest run's order: %+v", tr.Categories)
	}
	for _, c := range tr.Categories {
		w := want[c.ID]
		for i := range w {
			if (w[i] == nil) != (c.Scores[i] == nil) || w[i] != nil && *w[i] != *c.Scores[i] {
				t.Errorf("%s run %d: %v, want %v", c.ID, i, c.Scores[i], w[i])
			}
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := OpenReadOnly(ctx, filepath.Join(dir, "none.db")); !errors.Is(err, ErrNoHistory) {
		t.Errorf("missing file: %v", err)
	}
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("not a database, just some text that is long enough"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(ctx, junk); err == nil {
		s.Close()
		t.Error("a file that is not a bbolt database must not open")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Open(canceled, filepath.Join(dir, "x.db")); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}

// TestOpenCreatesTheFolder: a nightly job's first run gives a history file
// in a folder that does not exist yet.
func TestOpenCreatesTheFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nightly", "runs", "h.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}

func TestSiteKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://127.0.0.1:41001/", "127.0.0.1"},
		{"https://Staging.Example.com:8443/shop/", "staging.example.com/shop"},
		{"https://staging.example.com/shop", "staging.example.com/shop"},
		{"staging.example.com/", "staging.example.com"},
	} {
		if got := SiteKey(tc.in); got != tc.want {
			t.Errorf("SiteKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
