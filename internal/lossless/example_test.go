package lossless_test

import (
	"bytes"
	"fmt"
	"math"

	"github.com/winwin-sim/winwin/internal/lossless"
)

// tally keeps its fields unexported and lists them for the codec.
type tally struct {
	n   int64
	sum float64
	ids []int
}

func (t *tally) BinaryFields() []any { return []any{&t.n, &t.sum, &t.ids} }

// A value written and read back has the same bits: here a float that
// printing with %.3g would have rounded, and an empty (not nil) slice.
func Example() {
	in := tally{n: 3, sum: 0.1 + 0.2, ids: []int{}}
	var b bytes.Buffer
	if err := lossless.Encode(&b, &in); err != nil {
		fmt.Println(err)
		return
	}
	var out tally
	if err := lossless.Decode(&b, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.n, math.Float64bits(out.sum) == math.Float64bits(in.sum), out.ids != nil)
	// Output:
	// 3 true true
}
