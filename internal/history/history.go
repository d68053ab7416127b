// Package history keeps a record of every audit in one embedded database
// file (bbolt: pure Go, transactional, safe across crashes), so that the
// CLI can list past runs and the report can draw each category's trend.
//
// A run belongs to a site by its host and path, whatever the scheme and
// port: the demo and test servers listen on random loopback ports, and an
// audit of the same site must land in the same series.
package history

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// formatVersion is the layout of the runs bucket; a change that old
// readers cannot read bumps it.
const formatVersion = 1

var (
	runsBucket = []byte("runs")
	metaBucket = []byte("meta")
	versionKey = []byte("format")
)

// lockWait is how long Open waits for another uxaudit holding the file.
const lockWait = 10 * time.Second

// ErrNoHistory is returned by OpenReadOnly when the file does not exist.
var ErrNoHistory = errors.New("no history file")

// Run is one audit as the history keeps it.
type Run struct {
	ID         uint64          `json:"id"` // assigned by Add, increasing
	Time       time.Time       `json:"time"`
	DurationMS int64           `json:"duration_ms"`
	Site       string          `json:"site"`
	Tool       string          `json:"tool,omitempty"` // the uxaudit version
	Partial    bool            `json:"partial,omitempty"`
	Score      *float64        `json:"score"` // overall, in [0, 1]; nil when nothing was scored
	Categories []CategoryScore `json:"categories"`
	Counts     Counts          `json:"counts"`
	ResultPath string          `json:"result_path,omitempty"` // where its result.json was written
}

// CategoryScore is one category's score in a run.
type CategoryScore struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Score *float64 `json:"score"`
}

// Counts are a run's headline counts.
type Counts struct {
	Pages          int            `json:"pages"`
	URLs           int            `json:"urls"`
	BrokenLinks    int            `json:"broken_links"`
	PagesWithError int            `json:"pages_with_error"`
	Findings       int            `json:"findings"`
	BySeverity     map[string]int `json:"by_severity,omitempty"`
	// New and Fixed are set when the run was compared with a baseline.
	New   *int `json:"new,omitempty"`
	Fixed *int `json:"fixed,omitempty"`
}

// Store is an open history file. It is safe for concurrent use; only one
// process can have it open for writing at a time.
type Store struct {
	db *bolt.DB
}

// Open opens the history file at path for reading and writing, creating it
// if needed. It waits a few seconds for another process that holds it.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, false)
}

// OpenReadOnly opens an existing history file for reading; it returns
// ErrNoHistory when there is none.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s", ErrNoHistory, path)
	}
	return open(ctx, path, true)
}

func open(ctx context.Context, path string, readOnly bool) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !readOnly {
		// A nightly job's first run starts with an empty folder.
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open history %s: %w", path, err)
		}
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: lockWait, ReadOnly: readOnly})
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, fmt.Errorf("open history %s: another uxaudit is using it: %w", path, err)
		}
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	s := &Store{db: db}
	if readOnly {
		err = db.View(checkVersion)
	} else {
		err = db.Update(func(tx *bolt.Tx) error {
			if _, err := tx.CreateBucketIfNotExists(runsBucket); err != nil {
				return err
			}
			meta, err := tx.CreateBucketIfNotExists(metaBucket)
			if err != nil {
				return err
			}
			if meta.Get(versionKey) == nil {
				return meta.Put(versionKey, []byte(fmt.Sprint(formatVersion)))
			}
			return checkVersion(tx)
		})
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open history %s: %w", path, err)
	}
	return s, nil
}

// checkVersion refuses a file written in a newer layout.
func checkVersion(tx *bolt.Tx) error {
	meta := tx.Bucket(metaBucket)
	if meta == nil || tx.Bucket(runsBucket) == nil {
		return errors.New("not a uxaudit history file")
	}
	if v := string(meta.Get(versionKey)); v != fmt.Sprint(formatVersion) {
		return fmt.Errorf("history format %s; this uxaudit reads format %d", v, formatVersion)
	}
	return nil
}

// Close closes the file.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close history: %w", err)
	}
	return nil
}

// Add records a run and returns it with its ID. The write is durable when
// Add returns.
func (s *Store) Add(ctx context.Context, r Run) (Run, error) {
	if err := ctx.Err(); err != nil {
		return r, err
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(runsBucket)
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.ID = id
		v, err := json.Marshal(r)
		if err != nil {
			return err
		}
		return b.Put(key(id), v)
	})
	if err != nil {
		return r, fmt.Errorf("add run to history: %w", err)
	}
	return r, nil
}

// Query selects runs.
type Query struct {
	// Site keeps the runs of one site (any URL on it: its host and path
	// are compared, not its scheme or port); empty keeps every run.
	Site string
	// Limit keeps the newest Limit runs; 0 keeps all.
	Limit int
}

// Runs returns the runs matching q, newest first.
func (s *Store) Runs(ctx context.Context, q Query) ([]Run, error) {
	want := ""
	if q.Site != "" {
		want = SiteKey(q.Site)
	}
	var out []Run
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(runsBucket).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("run %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if want != "" && SiteKey(r.Site) != want {
				continue
			}
			out = append(out, r)
			if q.Limit > 0 && len(out) == q.Limit {
				break
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return out, nil
}

// Trend is the scores of a site's last runs, oldest first, for a chart.
type Trend struct {
	Site string       `json:"site"`
	Runs []TrendPoint `json:"runs"`
	// Categories hold one series per category seen in any of the runs,
	// in the order of the newest run; each series has one score per run
	// (nil where the category was not scored).
	Categories []CategoryTrend `json:"categories"`
}

// TrendPoint is one run of a Trend.
type TrendPoint struct {
	ID    uint64    `json:"id"`
	Time  time.Time `json:"time"`
	Score *float64  `json:"score"`
}

// CategoryTrend is one category's scores across a Trend's runs.
type CategoryTrend struct {
	ID     string     `json:"id"`
	Title  string     `json:"title"`
	Scores []*float64 `json:"scores"`
}

// Trend returns the overall and category scores of the site's last n runs
// (every run when n is 0), oldest first.
func (s *Store) Trend(ctx context.Context, site string, n int) (Trend, error) {
	runs, err := s.Runs(ctx, Query{Site: site, Limit: n})
	if err != nil {
		return Trend{}, err
	}
	return TrendOf(site, runs), nil
}

// TrendOf turns runs, newest first as Runs returns them, into a Trend.
func TrendOf(site string, runs []Run) Trend {
	t := Trend{Site: site, Runs: []TrendPoint{}, Categories: []CategoryTrend{}}
	idx := map[string]int{}
	for _, r := range runs { // newest first: the newest run's order wins
		for _, c := range r.Categories {
			if _, ok := idx[c.ID]; !ok {
				idx[c.ID] = len(t.Categories)
				t.Categories = append(t.Categories, CategoryTrend{ID: c.ID, Title: c.Title, Scores: make([]*float64, len(runs))})
			}
		}
	}
	for i := range runs {
		r := runs[len(runs)-1-i]
		t.Runs = append(t.Runs, TrendPoint{ID: r.ID, Time: r.Time, Score: r.Score})
		for _, c := range r.Categories {
			t.Categories[idx[c.ID]].Scores[i] = c.Score
		}
	}
	return t
}

// SiteKey is what makes two runs the same site: the lower-cased host name
// and the path, without scheme, port, query or trailing slash.
func SiteKey(site string) string {
	u, err := url.Parse(site)
	if err != nil || u.Host == "" {
		return strings.TrimRight(strings.ToLower(site), "/")
	}
	return strings.ToLower(u.Hostname()) + strings.TrimRight(u.EscapedPath(), "/")
}

func key(id uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, id)
	return k
}
