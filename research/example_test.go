package research_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/research"
)

// The replicator dynamics of hawk-dove (the prize V = 2, the cost of a
// fight C = 3) come to rest with hawks at V/C, whatever the start.
func ExampleReplicate() {
	a := [][]float64{
		{(2 - 3) / 2.0, 2}, // a hawk meeting a hawk, a dove
		{0, 2 / 2.0},       // a dove meeting a hawk, a dove
	}
	p := research.Replicate("few hawks", a, []float64{0.01, 0.99})
	fmt.Printf("at rest: %v; hawks %.3f, doves %.3f\n", p.Rest, p.Final()[0], p.Final()[1])
	// Output: at rest: true; hawks 0.667, doves 0.333
}
