package lossless

import (
	"bytes"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

type inner struct {
	n   int64
	sum [2]uint64
}

func (s *inner) BinaryFields() []any { return []any{&s.n, &s.sum} }

type missing struct {
	a, b int
}

func (s *missing) BinaryFields() []any { return []any{&s.a} }

type hidden struct{ a int }

type outer struct {
	F         float64
	Fs        []float64
	Empty     []int
	Nil       []int
	Ptr       *inner
	NilPtr    *inner
	M         map[[2]int]*inner
	Err, Nil2 error
	S         string
	B         [3]bool
	U         uint8
}

// A value comes back with the same bits: NaN, −0 and infinities, nil and
// empty slices, maps, unexported fields listed by BinaryFields, errors by
// their text.
func TestRoundTrip(t *testing.T) {
	in := outer{
		F:     math.Copysign(0, -1),
		Fs:    []float64{math.NaN(), math.Inf(-1), 0.1 + 0.2, math.SmallestNonzeroFloat64},
		Empty: []int{},
		Ptr:   &inner{n: -5, sum: [2]uint64{math.MaxUint64, 7}},
		M:     map[[2]int]*inner{{1, 2}: {n: 1}, {0, 9}: {n: 2}, {-1, 0}: nil},
		Err:   errors.New("agent crashed\nstack"),
		S:     "ünïcode",
		B:     [3]bool{true, false, true},
		U:     255,
	}
	var b bytes.Buffer
	if err := Encode(&b, &in); err != nil {
		t.Fatal(err)
	}
	var out outer
	if err := Decode(bytes.NewReader(b.Bytes()), &out); err != nil {
		t.Fatal(err)
	}
	if out.Err == nil || out.Err.Error() != in.Err.Error() {
		t.Errorf("error %v, want %v", out.Err, in.Err)
	}
	out.Err = in.Err
	if math.Float64bits(out.F) != math.Float64bits(in.F) || !math.IsNaN(out.Fs[0]) {
		t.Errorf("floats lost their bits: %v %v", out.F, out.Fs)
	}
	nan := in.Fs[0]
	out.Fs[0], in.Fs[0] = 0, 0
	if !reflect.DeepEqual(in, out) {
		t.Errorf("decoded %+v,\nwant %+v", out, in)
	}
	if out.Empty == nil || out.Nil != nil {
		t.Errorf("nil and empty slices mixed up: %v %v", out.Empty, out.Nil)
	}
	// Equal maps give equal bytes, whatever Go's map order.
	in.Fs[0] = nan
	for range 20 {
		var again bytes.Buffer
		if err := Encode(&again, &in); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), b.Bytes()) {
			t.Fatal("two encodings of one value differ")
		}
	}
}

// A field left out of BinaryFields, or unexported without one, fails
// loudly, naming it.
func TestMissingField(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{&missing{1, 2}, "field b is missing"},
		{&hidden{1}, "unexported field a"},
		{&struct{ C chan int }{}, "cannot encode"},
	}
	for _, tt := range tests {
		err := Encode(&bytes.Buffer{}, tt.v)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Encode(%T) = %v, want %q", tt.v, err, tt.want)
		}
	}
}

// Truncated or corrupt input is an error, never a panic or a huge
// allocation.
func TestCorrupt(t *testing.T) {
	in := outer{Fs: []float64{1, 2, 3}, S: "hello", M: map[[2]int]*inner{{1, 2}: {n: 1}}}
	var b bytes.Buffer
	if err := Encode(&b, &in); err != nil {
		t.Fatal(err)
	}
	for n := range b.Len() {
		var out outer
		if err := Decode(bytes.NewReader(b.Bytes()[:n]), &out); err == nil {
			t.Errorf("decoding %d of %d bytes: no error", n, b.Len())
		}
	}
	huge := []byte{0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0x0f}
	var out outer
	if err := Decode(bytes.NewReader(append(make([]byte, 8), huge...)), &out); err == nil {
		t.Error("a huge length decoded without error")
	}
}
