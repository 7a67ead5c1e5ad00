package research_test

import (
	"math"
	"testing"

	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
)

// TestReplicatorClosedForms checks the dynamics against games whose rest
// points are known: hawk-dove rests at hawks = V/C, the prisoner's
// dilemma at all defectors, and a strategy absent at the start stays
// absent.
func TestReplicatorClosedForms(t *testing.T) {
	const v, c = 2.0, 3.0
	hawkDove := [][]float64{{(v - c) / 2, v}, {0, v / 2}}
	pd := [][]float64{{3, 0}, {5, 1}} // cooperate, defect
	tests := []struct {
		name string
		a    [][]float64
		x0   []float64
		want []float64
	}{
		{"hawk-dove from few hawks", hawkDove, []float64{0.05, 0.95}, []float64{v / c, 1 - v/c}},
		{"hawk-dove from many hawks", hawkDove, []float64{0.95, 0.05}, []float64{v / c, 1 - v/c}},
		{"prisoner's dilemma", pd, []float64{0.99, 0.01}, []float64{0, 1}},
		{"absent stays absent", pd, []float64{1, 0}, []float64{1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := research.Replicate(tt.name, tt.a, tt.x0)
			if !p.Rest {
				t.Fatalf("not at rest after %d generations", len(p.Shares)-1)
			}
			for i, x := range p.Final() {
				if math.Abs(x-tt.want[i]) > 1e-4 {
					t.Errorf("share %d = %v, want %v", i, x, tt.want[i])
				}
			}
			for g, xs := range p.Shares {
				sum := 0.0
				for _, x := range xs {
					sum += x
				}
				if math.Abs(sum-1) > 1e-12 {
					t.Fatalf("generation %d: shares sum to %v", g, sum)
				}
			}
		})
	}
}

// TestPayoffsFromPairs checks the matrix of a pairs table: what i earns
// meeting j is the mean of its seller and buyer payoffs against j.
func TestPayoffsFromPairs(t *testing.T) {
	est := func(m float64) results.Estimate { return results.Estimate{Mean: m} }
	row := func(s, b string, sell, buy float64) results.PairRow {
		return results.PairRow{Seller: s, Buyer: b, LongRun: [2]results.Estimate{est(sell), est(buy)}}
	}
	pairs := []results.PairRow{
		row("a", "a", 1, 3), row("a", "b", 4, 5),
		row("b", "a", 6, 7), row("b", "b", 8, 10),
	}
	names, a, err := research.Payoffs(pairs)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{(1 + 3) / 2.0, (4 + 7) / 2.0}, {(6 + 5) / 2.0, (8 + 10) / 2.0}}
	if names[0] != "a" || names[1] != "b" {
		t.Fatalf("names %v", names)
	}
	for i := range want {
		for j := range want[i] {
			if a[i][j] != want[i][j] {
				t.Errorf("a[%d][%d] = %v, want %v", i, j, a[i][j], want[i][j])
			}
		}
	}
	if _, _, err := research.Payoffs(pairs[:3]); err == nil {
		t.Error("a table without b meeting b: no error")
	}
}

// TestStarts checks the invasion start: the hard bargainers hold all but
// the invaders' share, the others none.
func TestStarts(t *testing.T) {
	names := []string{"hard-anchorer", "integrative", "boulware", "hardheaded"}
	u, inv := research.Starts(names, []string{"integrative"}, []string{"hard-anchorer", "hardheaded"})
	if u[2] != 0.25 {
		t.Errorf("uniform %v", u)
	}
	want := []float64{(1 - research.InvaderShare) / 2, research.InvaderShare, 0, (1 - research.InvaderShare) / 2}
	for i := range want {
		if math.Abs(inv[i]-want[i]) > 1e-15 {
			t.Errorf("invasion %v, want %v", inv, want)
		}
	}
	if _, none := research.Starts(names, []string{"nobody"}, []string{"hardheaded"}); none != nil {
		t.Error("an invasion start without invaders")
	}
}
