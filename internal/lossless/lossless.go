// Package lossless writes Go values to bytes and reads them back exactly:
// every float by its bits, nil apart from empty, every field of every
// struct. It is how a shard or a checkpoint carries a run's accumulators
// (results.Aggregate) from one process to another, so that merging them
// gives the same bits as if one process had done it all.
//
// [Encode] walks a value by reflection and [Decode] fills one of the same
// type. Supported are booleans, integers, floats, strings, arrays, slices,
// maps (written in the order of their keys' bytes, so that equal maps give
// equal bytes), pointers, structs and the error interface (its message:
// decoded, an error with the same text). A struct is written field by
// field: its exported fields, or, for a struct with unexported fields,
// the fields its pointer lists in a BinaryFields method:
//
//	func (s *tally) BinaryFields() []any { return []any{&s.n, &s.sum} }
//
// The list must hold a pointer to every field of the struct, in order:
// a field added to the struct and not to the list makes Encode and Decode
// fail, naming it, rather than lose it silently. Sharing is not kept: two
// pointers to one value are decoded as two copies.
package lossless

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
)

// A Fielder is a struct pointer that lists its fields for the codec: a
// pointer to each of them, in the struct's order.
type Fielder interface {
	BinaryFields() []any
}

// MaxLen bounds the length of any string, slice or map that Decode reads,
// so that corrupt input cannot make it allocate without bound.
const MaxLen = 1 << 28

var (
	errorType   = reflect.TypeFor[error]()
	fielderType = reflect.TypeFor[Fielder]()
)

// Encode writes v, a pointer, to w.
func Encode(w io.Writer, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("lossless: Encode of %T, want a non-nil pointer", v)
	}
	bw := bufio.NewWriter(w)
	e := &encoder{w: bw}
	if err := e.value(rv.Elem()); err != nil {
		return err
	}
	return bw.Flush()
}

// Decode reads into v, a pointer, what Encode wrote from a value of the
// same type.
func Decode(r io.Reader, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("lossless: Decode into %T, want a non-nil pointer", v)
	}
	d := &decoder{r: bufio.NewReader(r)}
	if err := d.value(rv.Elem()); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	return nil
}

// eachField calls do with each field of the addressable struct v, in the
// order fields gives. A struct without a BinaryFields method is walked in
// place, with nothing allocated: encoding a run's checkpoint visits
// millions of structs.
func eachField(v reflect.Value, do func(reflect.Value) error) error {
	t := v.Type()
	if reflect.PointerTo(t).Implements(fielderType) {
		fs, err := fields(v)
		if err != nil {
			return err
		}
		for _, f := range fs {
			if err := do(f); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range t.NumField() {
		f := v.Field(i)
		if !f.CanInterface() { // unexported: fields says which
			if _, err := fields(v); err != nil {
				return err
			}
			return fmt.Errorf("lossless: %s: field %s reached through an unexported field", t, t.Field(i).Name)
		}
		if err := do(f); err != nil {
			return err
		}
	}
	return nil
}

// fields returns the fields of the addressable struct v as settable
// values: its exported fields, or those its BinaryFields lists, which must
// be all of them, in order.
func fields(v reflect.Value) ([]reflect.Value, error) {
	t := v.Type()
	if reflect.PointerTo(t).Implements(fielderType) {
		if !v.CanAddr() {
			return nil, fmt.Errorf("lossless: %s is not addressable", t)
		}
		list := v.Addr().Interface().(Fielder).BinaryFields()
		out := make([]reflect.Value, t.NumField())
		for i := range t.NumField() {
			if i >= len(list) {
				return nil, fmt.Errorf("lossless: %s: field %s is missing from its BinaryFields list", t, t.Field(i).Name)
			}
			p := reflect.ValueOf(list[i])
			if p.Kind() != reflect.Pointer || p.Pointer() != v.Field(i).UnsafeAddr() || p.Type().Elem() != t.Field(i).Type {
				return nil, fmt.Errorf("lossless: %s: entry %d of its BinaryFields list is not field %s (a field missing from the list, or the list out of order)", t, i, t.Field(i).Name)
			}
			out[i] = p.Elem()
		}
		if len(list) > t.NumField() {
			return nil, fmt.Errorf("lossless: %s: BinaryFields lists %d fields, the struct has %d", t, len(list), t.NumField())
		}
		return out, nil
	}
	out := make([]reflect.Value, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			return nil, fmt.Errorf("lossless: %s has unexported field %s: give *%s a BinaryFields method", t, f.Name, t.Name())
		}
		out = append(out, v.Field(i))
	}
	return out, nil
}

type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uvarint(x uint64) {
	n := binary.PutUvarint(e.buf[:], x)
	e.w.Write(e.buf[:n])
}

func (e *encoder) flag(b bool) {
	if b {
		e.w.WriteByte(1)
	} else {
		e.w.WriteByte(0)
	}
}

func (e *encoder) value(v reflect.Value) error {
	t := v.Type()
	if t == errorType {
		e.flag(!v.IsNil())
		if !v.IsNil() {
			msg := v.Interface().(error).Error()
			e.uvarint(uint64(len(msg)))
			e.w.WriteString(msg)
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		e.flag(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := binary.PutVarint(e.buf[:], v.Int())
		e.w.Write(e.buf[:n])
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.uvarint(v.Uint())
	case reflect.Float32, reflect.Float64:
		binary.LittleEndian.PutUint64(e.buf[:8], math.Float64bits(v.Float()))
		e.w.Write(e.buf[:8])
	case reflect.String:
		e.uvarint(uint64(v.Len()))
		e.w.WriteString(v.String())
	case reflect.Array:
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		e.flag(!v.IsNil())
		if v.IsNil() {
			return nil
		}
		e.uvarint(uint64(v.Len()))
		for i := range v.Len() {
			if err := e.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Pointer:
		e.flag(!v.IsNil())
		if !v.IsNil() {
			return e.value(v.Elem())
		}
	case reflect.Map:
		return e.mapValue(v)
	case reflect.Struct:
		return eachField(v, e.value)
	default:
		return fmt.Errorf("lossless: cannot encode a %s", t)
	}
	return nil
}

// mapValue writes the map v with its entries in the order of their keys'
// encodings, so that the bytes do not depend on Go's map order.
func (e *encoder) mapValue(v reflect.Value) error {
	e.flag(!v.IsNil())
	if v.IsNil() {
		return nil
	}
	type entry struct {
		key []byte
		val reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		var b bytes.Buffer
		// The key is copied into an addressable value, so that a struct
		// key with BinaryFields can list its fields.
		k := reflect.New(v.Type().Key()).Elem()
		k.Set(it.Key())
		if err := Encode(&b, k.Addr().Interface()); err != nil {
			return err
		}
		val := reflect.New(v.Type().Elem()).Elem()
		val.Set(it.Value())
		entries = append(entries, entry{b.Bytes(), val})
	}
	slices.SortFunc(entries, func(a, b entry) int { return cmp.Compare(string(a.key), string(b.key)) })
	e.uvarint(uint64(len(entries)))
	for _, en := range entries {
		e.w.Write(en.key)
		if err := e.value(en.val); err != nil {
			return err
		}
	}
	return nil
}

type decoder struct {
	r *bufio.Reader
}

func (d *decoder) uvarint() (uint64, error) { return binary.ReadUvarint(d.r) }

func (d *decoder) length() (int, error) {
	n, err := d.uvarint()
	if err != nil {
		return 0, err
	}
	if n > MaxLen {
		return 0, fmt.Errorf("lossless: a length of %d, more than %d", n, MaxLen)
	}
	return int(n), nil
}

func (d *decoder) flag() (bool, error) {
	b, err := d.r.ReadByte()
	if err != nil {
		return false, err
	}
	if b > 1 {
		return false, fmt.Errorf("lossless: a flag byte %d, want 0 or 1", b)
	}
	return b == 1, nil
}

func (d *decoder) str() (string, error) {
	n, err := d.length()
	if err != nil {
		return "", err
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(d.r, b); err != nil {
		return "", err
	}
	return string(b), nil
}

// textError is a decoded error: the text of the one encoded.
type textError string

func (e textError) Error() string { return string(e) }

func (d *decoder) value(v reflect.Value) error {
	t := v.Type()
	if t == errorType {
		ok, err := d.flag()
		if err != nil || !ok {
			return err
		}
		s, err := d.str()
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(textError(s)))
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		b, err := d.flag()
		if err != nil {
			return err
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		x, err := binary.ReadVarint(d.r)
		if err != nil {
			return err
		}
		if v.OverflowInt(x) {
			return fmt.Errorf("lossless: %d overflows a %s", x, t)
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		x, err := d.uvarint()
		if err != nil {
			return err
		}
		if v.OverflowUint(x) {
			return fmt.Errorf("lossless: %d overflows a %s", x, t)
		}
		v.SetUint(x)
	case reflect.Float32, reflect.Float64:
		var b [8]byte
		if _, err := io.ReadFull(d.r, b[:]); err != nil {
			return err
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(b[:])))
	case reflect.String:
		s, err := d.str()
		if err != nil {
			return err
		}
		v.SetString(s)
	case reflect.Array:
		for i := range v.Len() {
			if err := d.value(v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		ok, err := d.flag()
		if err != nil || !ok {
			v.SetZero()
			return err
		}
		n, err := d.length()
		if err != nil {
			return err
		}
		s := reflect.MakeSlice(t, 0, min(n, 1<<16))
		for range n {
			el := reflect.New(t.Elem()).Elem()
			if err := d.value(el); err != nil {
				return err
			}
			s = reflect.Append(s, el)
		}
		v.Set(s)
	case reflect.Pointer:
		ok, err := d.flag()
		if err != nil || !ok {
			v.SetZero()
			return err
		}
		p := reflect.New(t.Elem())
		if err := d.value(p.Elem()); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Map:
		ok, err := d.flag()
		if err != nil || !ok {
			v.SetZero()
			return err
		}
		n, err := d.length()
		if err != nil {
			return err
		}
		m := reflect.MakeMapWithSize(t, min(n, 1<<16))
		for range n {
			k := reflect.New(t.Key()).Elem()
			if err := d.value(k); err != nil {
				return err
			}
			el := reflect.New(t.Elem()).Elem()
			if err := d.value(el); err != nil {
				return err
			}
			m.SetMapIndex(k, el)
		}
		v.Set(m)
	case reflect.Struct:
		return eachField(v, d.value)
	default:
		return fmt.Errorf("lossless: cannot decode a %s", t)
	}
	return nil
}

// Check walks every type reachable from t and reports the first that
// Encode could not write whole: a struct whose BinaryFields list misses a
// field, a struct with unexported fields and no list, a channel or a
// function. A test calls it on the root type, so that a field added
// anywhere below fails the test even when no value of it was encoded.
func Check(t reflect.Type) error {
	return check(t, make(map[reflect.Type]bool))
}

func check(t reflect.Type, seen map[reflect.Type]bool) error {
	if seen[t] || t == errorType {
		return nil
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.String:
		return nil
	case reflect.Array, reflect.Slice, reflect.Pointer:
		return check(t.Elem(), seen)
	case reflect.Map:
		if err := check(t.Key(), seen); err != nil {
			return err
		}
		return check(t.Elem(), seen)
	case reflect.Struct:
		fs, err := fields(reflect.New(t).Elem())
		if err != nil {
			return err
		}
		for _, f := range fs {
			if err := check(f.Type(), seen); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("lossless: cannot encode a %s", t)
}
