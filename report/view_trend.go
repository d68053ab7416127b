package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Trend is the scores of the site's last audits, oldest first and ending
// with this one: what the scorecard draws as one small chart per category
// and one for the overall score. The CLI builds it from its history file.
type Trend struct {
	Runs []TrendRun
	// Categories hold one series per category, each with one score per
	// run (nil where the category was not scored).
	Categories []TrendSeries
}

// TrendRun is one audit of a Trend.
type TrendRun struct {
	Time  time.Time
	Score *float64 // overall, in [0, 1]; nil when nothing was scored
}

// TrendSeries is one category's scores across a Trend's runs.
type TrendSeries struct {
	ID, Title string
	Scores    []*float64 // in [0, 1], one per run
}

// Size of a sparkline, in SVG user units.
const (
	sparkW, sparkH = 160.0, 40.0
	sparkPad       = 5.0
)

// trendView is the trend section: a sparkline per series.
type trendView struct {
	Runs     int
	From, To string
	Dates    []string // of each run, oldest first, for the table of values
	Lines    []sparkline
}

// sparkline is one series drawn as a small SVG line chart.
type sparkline struct {
	ID, Title string
	Path      string // the line, broken where a run has no score
	Dots      []sparkDot
	Points    int    // runs with a score
	Desc      string // the values in words
	Now       string // this run's score, or "–"
	Band      string // of this run's score
	Change    *delta // since the first scored run
	Values    []string
	W, H      float64
}

type sparkDot struct {
	X, Y float64
	Last bool
}

// trend builds the trend's view; nil without one.
func trend(t *Trend) *trendView {
	if t == nil || len(t.Runs) == 0 {
		return nil
	}
	v := &trendView{Runs: len(t.Runs)}
	for _, r := range t.Runs {
		v.Dates = append(v.Dates, r.Time.UTC().Format("2 Jan 2006 15:04"))
	}
	v.From, v.To = t.Runs[0].Time.UTC().Format("2 January 2006"), t.Runs[len(t.Runs)-1].Time.UTC().Format("2 January 2006")
	overall := make([]*float64, len(t.Runs))
	for i, r := range t.Runs {
		overall[i] = r.Score
	}
	v.Lines = append(v.Lines, newSparkline("overall", "UX score", overall, v.Dates))
	for _, c := range t.Categories {
		scores := make([]*float64, len(t.Runs))
		copy(scores, c.Scores) // a short series leaves the last runs unscored
		v.Lines = append(v.Lines, newSparkline(c.ID, c.Title, scores, v.Dates))
	}
	return v
}

// newSparkline draws scores (in [0, 1], nil where not scored) on a scale
// that fits them with some room, at least 20 points high, so a change of
// a few points shows.
func newSparkline(id, title string, scores []*float64, dates []string) sparkline {
	s := sparkline{ID: id, Title: title, W: sparkW, H: sparkH, Now: "–", Band: "na"}
	pts := make([]float64, len(scores))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, p := range scores {
		pts[i] = math.NaN()
		if p == nil || math.IsNaN(*p) {
			s.Values = append(s.Values, "–")
			continue
		}
		pts[i] = math.Round(min(max(*p, 0), 1) * 100)
		s.Values = append(s.Values, strconv.Itoa(int(pts[i])))
		lo, hi = math.Min(lo, pts[i]), math.Max(hi, pts[i])
		s.Points++
	}
	if s.Points == 0 {
		s.Desc = fmt.Sprintf("Not scored in any of the last %d audits.", len(scores))
		return s
	}
	lo, hi = max(0, lo-10), min(100, hi+10)
	if hi-lo < 20 {
		mid := (hi + lo) / 2
		lo, hi = max(0, mid-10), min(100, mid+10)
		if hi-lo < 20 {
			if lo == 0 {
				hi = 20
			} else {
				lo = 80
			}
		}
	}
	x := func(i int) float64 {
		if len(scores) == 1 {
			return sparkW / 2
		}
		return round(sparkPad+float64(i)*(sparkW-2*sparkPad)/float64(len(scores)-1), 1)
	}
	y := func(v float64) float64 { return round(sparkPad+(hi-v)/(hi-lo)*(sparkH-2*sparkPad), 1) }
	var path strings.Builder
	pen := false
	first, last := -1, -1
	for i, v := range pts {
		if math.IsNaN(v) {
			pen = false
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		if path.Len() > 0 {
			path.WriteByte(' ')
		}
		fmt.Fprintf(&path, "%s%g %g", cmd, x(i), y(v))
		pen = true
		s.Dots = append(s.Dots, sparkDot{X: x(i), Y: y(v)})
	}
	s.Dots[len(s.Dots)-1].Last = true
	s.Path = path.String()
	if last == len(pts)-1 {
		g := newGauge(id, title, 0, scores[last])
		s.Now, s.Band = g.Pct, g.Band
	}
	if first != last {
		s.Change = newDelta(ScoreDelta{Baseline: scores[first], Current: scores[last], Delta: new(float64)})
		s.Change.Words = strings.Replace(s.Change.Words, "since the baseline", "since "+dates[first], 1)
	}
	var vals []string
	for i, val := range s.Values {
		if i == len(s.Values)-1 {
			val += " (this audit)"
		}
		vals = append(vals, val)
	}
	s.Desc = fmt.Sprintf("Scores of the last %d %s, oldest first: %s.", len(scores), plural(len(scores), "audit"), strings.Join(vals, ", "))
	return s
}
