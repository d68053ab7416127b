package report

import (
	"bufio"
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// jsonIndent is the indentation of result.json.
const jsonIndent = "  "

// jsonWalkDepth is how deep WriteJSON writes objects field by field: the
// result (depth 0) and the objects in it that hold arrays (depth 1: the
// baseline diff). Arrays down to one level deeper are written element by
// element.
const jsonWalkDepth = 1

// WriteJSON writes the result as indented JSON (two spaces; <, > and & are
// not escaped), through a buffer, without ever holding the whole document
// in memory: the top-level object, and the baseline diff in it, are written
// field by field, and their arrays (pages, targets, findings, checks, the
// baseline's new, fixed and persisting findings, …) one element at a time.
// Memory is bounded by the largest element, and the bytes are the same as
// encoding the whole result with json.Encoder and SetIndent("", "  ").
func WriteJSON(w io.Writer, r *Result) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	s := &jsonStream{w: bw, encoders: map[string]*json.Encoder{}}
	s.value(reflect.ValueOf(r).Elem(), "", 0)
	s.write("\n")
	if s.err == nil {
		s.err = bw.Flush()
	}
	if s.err != nil {
		return fmt.Errorf("encode result: %w", s.err)
	}
	return nil
}

// jsonStream writes one JSON document piece by piece. The first error
// stops it and is kept.
type jsonStream struct {
	w        *bufio.Writer
	buf      bytes.Buffer             // one encoded element
	encoders map[string]*json.Encoder // by line prefix, all writing into buf
	err      error
}

func (s *jsonStream) write(str string) {
	if s.err == nil {
		_, s.err = s.w.WriteString(str)
	}
}

// value writes v, whose first line is already indented and whose further
// lines start with prefix.
func (s *jsonStream) value(v reflect.Value, prefix string, depth int) {
	if s.err != nil {
		return
	}
	switch {
	case depth <= jsonWalkDepth && v.Kind() == reflect.Struct && jsonWalkable(v.Type()):
		s.object(v, prefix, depth)
	case depth <= jsonWalkDepth && v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct && jsonWalkable(v.Elem().Type()):
		s.object(v.Elem(), prefix, depth)
	case depth <= jsonWalkDepth+1 && v.Kind() == reflect.Slice && v.Len() > 0 && jsonSplittable(v.Type()):
		s.array(v, prefix)
	default:
		s.encode(v, prefix)
	}
}

// object writes a struct field by field, as encoding/json would: by the
// names of their json tags, leaving out "-", unexported fields, and empty
// values of omitempty fields (zero values of omitzero ones).
func (s *jsonStream) object(v reflect.Value, prefix string, depth int) {
	t := v.Type()
	inner := prefix + jsonIndent
	n := 0
	for i := range t.NumField() {
		name, omitEmpty, omitZero, ok := jsonFieldName(t.Field(i))
		if !ok {
			continue
		}
		fv := v.Field(i)
		if omitEmpty && jsonEmpty(fv) || omitZero && fv.IsZero() {
			continue
		}
		if n == 0 {
			s.write("{\n")
		} else {
			s.write(",\n")
		}
		n++
		s.write(inner + `"` + name + `": `)
		s.value(fv, inner, depth+1)
	}
	if n == 0 {
		s.write("{}")
		return
	}
	s.write("\n" + prefix + "}")
}

// array writes a non-empty slice one element at a time.
func (s *jsonStream) array(v reflect.Value, prefix string) {
	inner := prefix + jsonIndent
	s.write("[\n")
	for i := range v.Len() {
		if i > 0 {
			s.write(",\n")
		}
		s.write(inner)
		s.encode(v.Index(i), inner)
		if s.err != nil {
			return
		}
	}
	s.write("\n" + prefix + "]")
}

// encode writes one value with encoding/json, its lines after the first
// starting with prefix.
func (s *jsonStream) encode(v reflect.Value, prefix string) {
	if s.err != nil {
		return
	}
	enc := s.encoders[prefix]
	if enc == nil {
		enc = json.NewEncoder(&s.buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent(prefix, jsonIndent)
		s.encoders[prefix] = enc
	}
	if v.CanAddr() { // as the whole document's encoder sees it: methods on pointers apply
		v = v.Addr()
	}
	s.buf.Reset()
	if s.err = enc.Encode(v.Interface()); s.err != nil {
		return
	}
	_, s.err = s.w.Write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// jsonCustom reports whether t encodes itself.
func jsonCustom(t reflect.Type) bool {
	for _, u := range []reflect.Type{t, reflect.PointerTo(t)} {
		if u.Implements(jsonMarshalerType) || u.Implements(textMarshalerType) {
			return true
		}
	}
	return false
}

// jsonWalkable reports whether a struct may be written field by field: it
// holds an array worth streaming, and nothing that would make encoding/json
// write it differently from its fields in order (its own marshaling, an
// embedded field, a ",string" option, a name that needs escaping).
func jsonWalkable(t reflect.Type) bool {
	if jsonCustom(t) {
		return false
	}
	arrays := false
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return false
		}
		name, _, _, ok := jsonFieldName(f)
		if !ok {
			continue
		}
		_, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if strings.Contains(","+opts+",", ",string,") || strings.ContainsAny(name, `"\<>&`) {
			return false
		}
		if f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
			arrays = true
		}
	}
	return arrays
}

// jsonSplittable reports whether a slice may be written element by
// element: it is not []byte (base64) and does not encode itself.
func jsonSplittable(t reflect.Type) bool {
	return t.Elem().Kind() != reflect.Uint8 && !jsonCustom(t)
}

// jsonFieldName returns a struct field's JSON name and its omitempty and
// omitzero options; ok is false when the field is not encoded.
func jsonFieldName(f reflect.StructField) (name string, omitEmpty, omitZero, ok bool) {
	if !f.IsExported() {
		return "", false, false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	for _, o := range strings.Split(opts, ",") {
		omitEmpty = omitEmpty || o == "omitempty"
		omitZero = omitZero || o == "omitzero"
	}
	return name, omitEmpty, omitZero, true
}

// jsonEmpty is encoding/json's "empty" for omitempty.
func jsonEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}
