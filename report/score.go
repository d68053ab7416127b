package report

import (
	"math"
	"sort"

	"github.com/uxaudit/uxaudit/checks"
)

// erfcInvOfPoint2 is erfc⁻¹(0.2): it places the p10 control point at a
// score of 0.9 on the log-normal curve.
const erfcInvOfPoint2 = 0.9061938024368232

// LogNormalScore scores a lower-is-better metric on the log-normal curve set
// by two control points: p10 scores 0.9 and median scores 0.5. Values at or
// below zero score 1. The result is within [0, 1].
func LogNormalScore(x, p10, median float64) float64 {
	if x <= 0 || math.IsNaN(x) {
		return 1
	}
	if p10 <= 0 || median <= p10 {
		return 0
	}
	s := 0.5 * math.Erfc(erfcInvOfPoint2*math.Log(x/median)/math.Log(median/p10))
	return clamp(s)
}

func clamp(s float64) float64 {
	switch {
	case math.IsNaN(s) || s < 0:
		return 0
	case s > 1:
		return 1
	}
	return s
}

// round2 rounds a score to two decimals, the precision reports show.
func round2(s float64) float64 { return math.Round(s*100) / 100 }

// Percentile returns the p-th percentile (0–100) of values by linear
// interpolation between closest ranks; values need not be sorted.
func Percentile(values []float64, p float64) float64 {
	if len(values) == 0 {
		return math.NaN()
	}
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	pos := p / 100 * float64(len(v)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	return v[lo] + (v[hi]-v[lo])*(pos-float64(lo))
}

// checkScore scores one check's outcome; ok is false when it is not scored
// (informative, not applicable, nothing checked, or only errors).
func checkScore(o *checks.Outcome) (score float64, value *float64, ok bool) {
	if o.NotApplicable || o.Meta.Mode == checks.Informative {
		return 0, nil, false
	}
	switch o.Meta.Mode {
	case checks.Numeric:
		v := o.SiteValue
		if v == nil && len(o.Values) > 0 {
			vals := make([]float64, len(o.Values))
			for i, pv := range o.Values {
				vals[i] = pv.Value
			}
			p75 := Percentile(vals, 75)
			v = &p75
		}
		if v == nil || o.Meta.Curve == nil {
			return 0, nil, false
		}
		return round2(LogNormalScore(*v, o.Meta.Curve.P10, o.Meta.Curve.Median)), v, true
	default:
		if o.Checked == 0 {
			return 0, nil, false
		}
		return round2(clamp(1 - float64(o.Failed)/float64(o.Checked))), nil, true
	}
}
