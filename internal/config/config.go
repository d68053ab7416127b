// Package config reads uxaudit's configuration file (uxaudit.yaml) and
// terms files. It knows the file's sections (the categories' weights, the
// checks' options, the budgets) and leaves the flag settings to the
// command, which owns the flags. Every error names the file and line.
package config

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/uxaudit/uxaudit/checks"
	"github.com/uxaudit/uxaudit/report"
)

// DefaultFile is the configuration read from the working directory when
// no --config is given and it exists.
const DefaultFile = "uxaudit.yaml"

// File is a parsed configuration file.
type File struct {
	// Name is the file's path as given, for messages.
	Name string
	// Settings are the flag settings, in file order.
	Settings []Setting
	// Categories are the categories with the file's weights applied to
	// the default ones; nil when the file sets none.
	Categories []report.Category
	// Checks are the checks' options.
	Checks CheckOptions
	// Terms are the terms listed in the file itself (terms: as a list);
	// a terms file named by terms: is a Setting of the terms flag.
	Terms []checks.Term
	// Budgets are the site's budget (first, when set) and the paths'.
	Budgets []report.Budget
}

// Setting is one flag set by the file: its name, its values (one, or
// several for a list), and the line it is on.
type Setting struct {
	Name   string
	Values []string
	Line   int
}

// CheckOptions are the options of the checks that take some.
type CheckOptions struct {
	// ReadingGrade is readability's target grade (checks.readability.grade);
	// 0 when not set. GradeLine is its line.
	ReadingGrade float64
	GradeLine    int
	// LongSentence is readability's long-sentence threshold in words; 0
	// when not set.
	LongSentence int
	// PlainLanguage are pairs added to the plain-language check's list.
	PlainLanguage []checks.Pair
}

// Error is a problem at a line of a configuration or terms file.
type Error struct {
	File string
	Line int
	Msg  string
}

// Error implements error: "uxaudit.yaml:12: unknown key \"max-page\"".
func (e *Error) Error() string {
	if e.Line <= 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Errorf returns an Error at a line of file.
func Errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Load reads and parses a configuration file; see Parse.
func Load(path string, isFlag func(name string) bool) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the configuration: %w", err)
	}
	return Parse(path, data, isFlag)
}

// parser holds what parsing one file needs.
type parser struct {
	name  string
	dir   string // the file's folder: relative paths in it are read from there
	metas map[string]checks.Meta
	cats  []report.Category
}

// Parse parses a configuration file's content. name is its path, used in
// messages and to resolve the relative paths it names; isFlag tells the
// top-level keys that are flags of the command. Any other key, outside
// the sections, is an error.
func Parse(name string, data []byte, isFlag func(name string) bool) (*File, error) {
	p := &parser{name: name, dir: filepath.Dir(name), metas: map[string]checks.Meta{}, cats: report.DefaultCategories()}
	for _, c := range checks.All() {
		m := c.Meta()
		p.metas[m.ID] = m
	}
	f := &File{Name: name}
	root, err := p.document(data)
	if err != nil || root == nil {
		return f, err
	}
	err = p.mapping(root, "the configuration", func(key string, k, v *yaml.Node) error {
		switch key {
		case "categories":
			f.Categories, err = p.categories(v)
		case "checks":
			f.Checks, err = p.checkOptions(v)
		case "budgets":
			f.Budgets, err = p.budgets(v)
		case "terms":
			if v.Kind == yaml.SequenceNode {
				f.Terms, err = parseTerms(p.name, v)
				return err
			}
			var s Setting
			if s, err = p.setting(key, k, v); err == nil {
				if path := s.Values[0]; path != "" && !filepath.IsAbs(path) {
					s.Values[0] = filepath.Join(p.dir, path)
				}
				f.Settings = append(f.Settings, s)
			}
		default:
			if !isFlag(key) {
				return p.errorf(k, "unknown key %q", key)
			}
			var s Setting
			if s, err = p.setting(key, k, v); err == nil {
				f.Settings = append(f.Settings, s)
			}
			if key == "disable" || key == "enable" {
				for _, id := range s.Values {
					if err == nil && id != "all" && p.metas[id].ID == "" {
						err = p.errorf(v, "%s: unknown check %q (uxaudit checks lists them)", key, id)
					}
				}
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// document parses YAML into its top node; nil for an empty file.
func (p *parser) document(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, p.syntaxError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	root := deref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	return root, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns the YAML library's "yaml: line 3: …" into "file:3: …".
func (p *parser) syntaxError(err error) error {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: p.name, Line: line, Msg: "invalid YAML: " + m[2]}
	}
	return &Error{File: p.name, Msg: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) error {
	return Errorf(p.name, n.Line, format, args...)
}

// deref follows YAML aliases (*name) to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// mapping calls fn for each key of a mapping node, in order, refusing
// duplicate keys and anything but a mapping.
func (p *parser) mapping(n *yaml.Node, what string, fn func(key string, k, v *yaml.Node) error) error {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return p.errorf(n, "%s must be a mapping of keys to values", what)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return p.errorf(k, "%s: keys must be plain words", what)
		}
		if line, dup := seen[k.Value]; dup {
			return p.errorf(k, "%q is set twice (first at line %d)", k.Value, line)
		}
		seen[k.Value] = k.Line
		if err := fn(k.Value, k, v); err != nil {
			return err
		}
	}
	return nil
}

// setting reads a flag's value: a scalar, or a list of scalars for a
// repeatable flag.
func (p *parser) setting(key string, k, v *yaml.Node) (Setting, error) {
	s := Setting{Name: key, Line: k.Line}
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return s, p.errorf(k, "%s has no value", key)
		}
		s.Values = []string{v.Value}
	case yaml.SequenceNode:
		for _, e := range v.Content {
			e = deref(e)
			if e.Kind != yaml.ScalarNode || e.Tag == "!!null" {
				return s, p.errorf(e, "%s: each item of the list must be a value", key)
			}
			s.Values = append(s.Values, e.Value)
		}
		if len(s.Values) == 0 {
			s.Values = []string{}
		}
	default:
		return s, p.errorf(v, "%s must be a value or a list of values", key)
	}
	return s, nil
}

// number reads a scalar number within [lo, hi].
func (p *parser) number(key string, v *yaml.Node, lo, hi float64) (float64, error) {
	var x float64
	if v.Kind != yaml.ScalarNode || (v.Tag != "!!int" && v.Tag != "!!float") {
		return 0, p.errorf(v, "%s must be a number, not %q", key, v.Value)
	}
	if err := v.Decode(&x); err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, p.errorf(v, "%s must be a number, not %q", key, v.Value)
	}
	if x < lo || x > hi {
		if math.IsInf(hi, 1) {
			return 0, p.errorf(v, "%s must be %g or more, not %s", key, lo, v.Value)
		}
		return 0, p.errorf(v, "%s must be between %g and %g, not %s", key, lo, hi, v.Value)
	}
	return x, nil
}

// integer reads a whole number within [lo, hi].
func (p *parser) integer(key string, v *yaml.Node, lo, hi int) (int, error) {
	if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
		return 0, p.errorf(v, "%s must be a whole number, not %q", key, v.Value)
	}
	var x int
	if err := v.Decode(&x); err != nil {
		return 0, p.errorf(v, "%s must be a whole number, not %q", key, v.Value)
	}
	if x < lo || x > hi {
		return 0, p.errorf(v, "%s must be between %d and %d, not %d", key, lo, hi, x)
	}
	return x, nil
}

// text reads a string scalar.
func (p *parser) text(key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", p.errorf(v, "%s must be a text value", key)
	}
	return v.Value, nil
}

func (p *parser) categoryIDs() []string {
	ids := make([]string, len(p.cats))
	for i, c := range p.cats {
		ids[i] = c.ID
	}
	return ids
}

// categories reads "categories: {links: 3, speed: 2}".
func (p *parser) categories(n *yaml.Node) ([]report.Category, error) {
	cats := slices.Clone(p.cats)
	err := p.mapping(n, "categories", func(key string, k, v *yaml.Node) error {
		i := slices.IndexFunc(cats, func(c report.Category) bool { return c.ID == key })
		if i < 0 {
			return p.errorf(k, "categories: unknown category %q (one of %s)", key, strings.Join(p.categoryIDs(), ", "))
		}
		w, err := p.number("categories: "+key, v, 0, 100)
		cats[i].Weight = w
		return err
	})
	return cats, err
}

// checkOptions reads "checks: {readability: {grade: 8}, …}".
func (p *parser) checkOptions(n *yaml.Node) (CheckOptions, error) {
	var o CheckOptions
	err := p.mapping(n, "checks", func(id string, k, v *yaml.Node) error {
		if p.metas[id].ID == "" {
			return p.errorf(k, "checks: unknown check %q (uxaudit checks lists them)", id)
		}
		what := "checks: " + id
		return p.mapping(v, what, func(opt string, ok, ov *yaml.Node) error {
			var err error
			switch id + "." + opt {
			case "readability.grade":
				o.ReadingGrade, err = p.number(what+": grade", ov, 1, 20)
				o.GradeLine = ok.Line
			case "readability.long-sentence":
				o.LongSentence, err = p.integer(what+": long-sentence", ov, 5, 200)
			case "plain-language.extra":
				err = p.mapping(ov, what+": extra", func(phrase string, pk, pv *yaml.Node) error {
					repl, err := p.text(what+": extra: "+phrase, pv)
					if err != nil {
						return err
					}
					pairs, err := checks.ParsePairs(phrase + " => " + repl)
					if err != nil || len(pairs) != 1 {
						return p.errorf(pk, "%s: extra: want \"phrase: replacement\", got %q: %q", what, phrase, repl)
					}
					o.PlainLanguage = append(o.PlainLanguage, pairs[0])
					return nil
				})
			case "plain-language.file":
				var path string
				if path, err = p.text(what+": file", ov); err != nil {
					return err
				}
				if !filepath.IsAbs(path) {
					path = filepath.Join(p.dir, path)
				}
				data, rerr := os.ReadFile(path)
				if rerr != nil {
					return p.errorf(ov, "%s: file: %v", what, rerr)
				}
				pairs, perr := checks.ParsePairs(string(data))
				if perr != nil {
					return p.errorf(ov, "%s: file %s: %v", what, path, perr)
				}
				o.PlainLanguage = append(o.PlainLanguage, pairs...)
			default:
				return p.errorf(ok, "checks: %s: unknown option %q (%s)", id, opt, optionsOf(id))
			}
			return err
		})
	})
	return o, err
}

// optionsOf says which options a check takes.
func optionsOf(id string) string {
	switch id {
	case "readability":
		return "it takes grade and long-sentence"
	case "plain-language":
		return "it takes extra and file"
	case "banned-terms":
		return "its terms are set by the top-level terms key"
	}
	return "it takes no options"
}

// budgets reads the budgets section: the site's limits, and paths: a
// list of the same limits with a path each.
func (p *parser) budgets(n *yaml.Node) ([]report.Budget, error) {
	site := report.Budget{}
	var paths []report.Budget
	err := p.mapping(n, "budgets", func(key string, k, v *yaml.Node) error {
		if key == "paths" {
			v = deref(v)
			if v.Kind != yaml.SequenceNode {
				return p.errorf(v, "budgets: paths must be a list of budgets, each with a path")
			}
			for _, e := range v.Content {
				b, err := p.budget(e, true)
				if err != nil {
					return err
				}
				paths = append(paths, b)
			}
			return nil
		}
		return p.limit(&site, "budgets", false, key, k, v)
	})
	if err != nil {
		return nil, err
	}
	var out []report.Budget
	if site.Score != nil || len(site.Categories)+len(site.Metrics)+len(site.Findings) > 0 {
		out = append(out, site)
	}
	return append(out, paths...), nil
}

// budget reads one path's budget.
func (p *parser) budget(n *yaml.Node, onPath bool) (report.Budget, error) {
	var b report.Budget
	n = deref(n)
	err := p.mapping(n, "budgets: paths", func(key string, k, v *yaml.Node) error {
		if key == "path" {
			path, err := p.text("budgets: paths: path", v)
			if err != nil {
				return err
			}
			if !strings.HasPrefix(path, "/") && !strings.HasPrefix(path, "*") {
				return p.errorf(v, "budgets: paths: path must start with / (e.g. /checkout/*), not %q", path)
			}
			b.Path = path
			return nil
		}
		return p.limit(&b, "budgets: paths", onPath, key, k, v)
	})
	if err == nil && b.Path == "" {
		err = p.errorf(n, "budgets: paths: each budget needs a path, e.g. path: /checkout/*")
	}
	return b, err
}

// limit reads one key of a budget: score, categories, metrics or findings.
func (p *parser) limit(b *report.Budget, what string, onPath bool, key string, k, v *yaml.Node) error {
	what += ": " + key
	switch key {
	case "score":
		s, err := p.number(what, v, 0, 100)
		b.Score = &s
		return err
	case "categories":
		return p.mapping(v, what, func(id string, ck, cv *yaml.Node) error {
			if !slices.Contains(p.categoryIDs(), id) {
				return p.errorf(ck, "%s: unknown category %q (one of %s)", what, id, strings.Join(p.categoryIDs(), ", "))
			}
			s, err := p.number(what+": "+id, cv, 0, 100)
			b.Categories = append(b.Categories, report.Limit{Key: id, Value: s})
			return err
		})
	case "metrics":
		return p.mapping(v, what, func(id string, mk, mv *yaml.Node) error {
			m, ok := p.metas[id]
			switch {
			case !ok:
				return p.errorf(mk, "%s: unknown check %q", what, id)
			case m.Mode != checks.Numeric:
				return p.errorf(mk, "%s: %s is not a numeric check (the numeric ones: %s)", what, id, strings.Join(p.numeric(false), ", "))
			case onPath && !report.PathMetric(id):
				return p.errorf(mk, "%s: %s cannot be measured on a path (these can: %s)", what, id, strings.Join(p.numeric(true), ", "))
			}
			x, err := p.number(what+": "+id, mv, 0, math.Inf(1))
			b.Metrics = append(b.Metrics, report.Limit{Key: id, Value: x})
			return err
		})
	case "findings":
		return p.mapping(v, what, func(id string, fk, fv *yaml.Node) error {
			switch checks.Severity(id) {
			case checks.High, checks.Medium, checks.Low, checks.Info:
			default:
				if p.metas[id].ID == "" {
					return p.errorf(fk, "%s: %q is neither a severity (high, medium, low, info) nor a check", what, id)
				}
			}
			x, err := p.integer(what+": "+id, fv, 0, math.MaxInt32)
			b.Findings = append(b.Findings, report.Limit{Key: id, Value: float64(x)})
			return err
		})
	}
	known := "score, categories, metrics, findings, paths"
	if onPath {
		known = "path, score, categories, metrics, findings"
	}
	return p.errorf(k, "%s: unknown key %q (%s)", strings.TrimSuffix(what, ": "+key), key, known)
}

// numeric lists the numeric checks, or those measurable on a path.
func (p *parser) numeric(onPath bool) []string {
	var ids []string
	for _, c := range checks.All() {
		m := c.Meta()
		if m.Mode == checks.Numeric && (!onPath || report.PathMetric(m.ID)) {
			ids = append(ids, m.ID)
		}
	}
	return ids
}

// LoadTerms reads a terms file: a list of terms, each a mapping with
// term, and optionally replacement, reason and severity (high, medium,
// low — the default — or info for a term only discouraged), or just the
// term as text. The list may also be under a top-level "terms:" key.
func LoadTerms(path string) ([]checks.Term, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the terms file: %w", err)
	}
	p := &parser{name: path}
	root, err := p.document(data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return nil, Errorf(path, 0, "the terms file lists no terms")
	}
	if root.Kind == yaml.MappingNode {
		var list *yaml.Node
		err := p.mapping(root, "the terms file", func(key string, k, v *yaml.Node) error {
			if key != "terms" {
				return p.errorf(k, "unknown key %q (the file holds terms: and a list)", key)
			}
			list = v
			return nil
		})
		if err != nil {
			return nil, err
		}
		root = list
	}
	terms, err := parseTerms(path, root)
	if err == nil && len(terms) == 0 {
		err = Errorf(path, root.Line, "the terms file lists no terms")
	}
	return terms, err
}

// parseTerms reads a list of terms.
func parseTerms(file string, n *yaml.Node) ([]checks.Term, error) {
	p := &parser{name: file}
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, "terms must be a list, each item a term or a mapping with term, replacement, reason, severity")
	}
	var out []checks.Term
	seen := map[string]int{}
	for _, e := range n.Content {
		e = deref(e)
		var t checks.Term
		switch e.Kind {
		case yaml.ScalarNode:
			t.Term = e.Value
		case yaml.MappingNode:
			err := p.mapping(e, "a term", func(key string, k, v *yaml.Node) error {
				s, err := p.text(key, v)
				switch key {
				case "term":
					t.Term = s
				case "replacement":
					t.Replacement = s
				case "reason":
					t.Reason = s
				case "severity":
					t.Severity = checks.Severity(s)
				default:
					return p.errorf(k, "unknown key %q (term, replacement, reason, severity)", key)
				}
				return err
			})
			if err != nil {
				return nil, err
			}
		default:
			return nil, p.errorf(e, "each term must be a text or a mapping")
		}
		if err := t.Validate(); err != nil {
			return nil, p.errorf(e, "%v", err)
		}
		key := strings.ToLower(strings.Join(strings.Fields(t.Term), " "))
		if line, dup := seen[key]; dup {
			return nil, p.errorf(e, "the term %q is listed twice (first at line %d)", t.Term, line)
		}
		seen[key] = e.Line
		out = append(out, t)
	}
	return out, nil
}

// IsError reports whether err is (or wraps) a configuration Error.
func IsError(err error) bool {
	var e *Error
	return errors.As(err, &e)
}
