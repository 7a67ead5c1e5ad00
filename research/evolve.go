package research

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/winwin-sim/winwin/results"
)

// EvolveDir is the folder `winwin evolve` writes inside a run folder,
// EvolveFile its table of shares by generation.
const (
	EvolveDir  = "evolve"
	EvolveFile = "evolve.csv"
)

// Evolution settings (docs/model.md#population-dynamics).
const (
	// Background is the fitness every strategy has before its payoffs: it
	// keeps fitness positive (no long-run payoff of a run is near −1) and
	// sets the speed of selection, not its rest points.
	Background = 1.0
	// MaxGenerations bounds a population's evolution; it stops earlier
	// once no share moves by more than RestTolerance in a generation.
	MaxGenerations = 5000
	RestTolerance  = 1e-9
	// InvaderShare is the share of the win-win invaders in the invasion
	// start, split evenly among them.
	InvaderShare = 0.01
	// Extinct is the share below which a strategy counts as gone.
	Extinct = 1e-4
)

// Payoffs returns the long-run payoff matrix of a run's pairs.csv rows:
// a[i][j] is what entrant i earns per relationship meeting j, once as
// seller and once as buyer, (seller_long_run(i, j) + buyer_long_run(j, i))/2.
// names are the entrants in the order the rows first name them.
func Payoffs(pairs []results.PairRow) (names []string, a [][]float64, err error) {
	idx := map[string]int{}
	add := func(n string) {
		if _, ok := idx[n]; !ok {
			idx[n] = len(names)
			names = append(names, n)
		}
	}
	for _, p := range pairs {
		add(p.Seller)
		add(p.Buyer)
	}
	n := len(names)
	a = make([][]float64, n)
	cnt := make([][]int, n)
	for i := range a {
		a[i], cnt[i] = make([]float64, n), make([]int, n)
	}
	for _, p := range pairs {
		s, b := idx[p.Seller], idx[p.Buyer]
		a[s][b] += p.LongRun[0].Mean
		cnt[s][b]++
		a[b][s] += p.LongRun[1].Mean
		cnt[b][s]++
	}
	for i := range a {
		for j := range a[i] {
			if cnt[i][j] != 2 || math.IsNaN(a[i][j]) {
				return nil, nil, fmt.Errorf("research: pairs.csv lacks %s meeting %s in both roles", names[i], names[j])
			}
			a[i][j] /= 2
		}
	}
	return names, a, nil
}

// A Population is one evolution of the replicator dynamics.
type Population struct {
	// Start names the start ("uniform", "invasion").
	Start string
	// Shares[t][i] is entrant i's share of the population at generation t.
	Shares [][]float64
	// Rest reports whether the shares came to rest before MaxGenerations.
	Rest bool
}

// Final returns the shares of the last generation.
func (p *Population) Final() []float64 { return p.Shares[len(p.Shares)-1] }

// Replicate runs the discrete replicator dynamics over payoff matrix a
// from start x0: each generation, x_i ← x_i · f_i / φ with fitness
// f_i = Background + Σ_j a_ij x_j (each strategy meets the population as
// seller and buyer alike) and φ = Σ_i x_i f_i, until the shares rest or
// MaxGenerations pass. A strategy absent at the start stays absent.
func Replicate(name string, a [][]float64, x0 []float64) *Population {
	b := Background
	for i := range a {
		for _, v := range a[i] {
			b = math.Max(b, 1-v) // fitness stays positive
		}
	}
	x := slices.Clone(x0)
	pop := &Population{Start: name, Shares: [][]float64{slices.Clone(x)}}
	f := make([]float64, len(x))
	for range MaxGenerations {
		phi := 0.0
		for i := range x {
			f[i] = b
			for j := range x {
				f[i] += a[i][j] * x[j]
			}
			phi += x[i] * f[i]
		}
		moved := 0.0
		next := make([]float64, len(x))
		sum := 0.0
		for i := range x {
			next[i] = x[i] * f[i] / phi
			sum += next[i]
		}
		for i := range next {
			next[i] /= sum // keep Σ x = 1 against rounding
			moved = math.Max(moved, math.Abs(next[i]-x[i]))
		}
		x = next
		pop.Shares = append(pop.Shares, slices.Clone(x))
		if moved < RestTolerance {
			pop.Rest = true
			break
		}
	}
	return pop
}

// Starts returns the two starts of `winwin evolve` for entrants names: a
// uniform population, and one of the hard bargainers (evenly) with
// InvaderShare of win-win invaders (evenly), without the others. The
// invasion start is nil when a group has no entrant.
func Starts(names, winWin, hard []string) (uniform, invasion []float64) {
	n := len(names)
	uniform = make([]float64, n)
	for i := range uniform {
		uniform[i] = 1 / float64(n)
	}
	var w, h []int
	for i, s := range names {
		switch {
		case slices.Contains(winWin, s):
			w = append(w, i)
		case slices.Contains(hard, s):
			h = append(h, i)
		}
	}
	if len(w) == 0 || len(h) == 0 {
		return uniform, nil
	}
	invasion = make([]float64, n)
	for _, i := range w {
		invasion[i] = InvaderShare / float64(len(w))
	}
	for _, i := range h {
		invasion[i] = (1 - InvaderShare) / float64(len(h))
	}
	return uniform, invasion
}

// WriteEvolution writes dir/evolve/evolve.csv (start, generation,
// strategy, share) and the chart evolve.FORMAT; it returns the folder.
func WriteEvolution(dir string, names []string, pops []*Population, formats []string) (string, error) {
	out := filepath.Join(dir, EvolveDir)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", fmt.Errorf("research: %w", err)
	}
	err := results.WriteFileAtomic(filepath.Join(out, EvolveFile), func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write([]string{"start", "generation", "strategy", "share"}); err != nil {
			return err
		}
		for _, p := range pops {
			for t, xs := range p.Shares {
				for i, x := range xs {
					if err := cw.Write([]string{p.Start, strconv.Itoa(t), names[i], strconv.FormatFloat(x, 'g', 8, 64)}); err != nil {
						return err
					}
				}
			}
		}
		cw.Flush()
		return cw.Error()
	})
	if err != nil {
		return "", err
	}
	if _, err := writeFigure(out, "evolve", evolveChart(names, pops), formats); err != nil {
		return "", err
	}
	return out, results.SyncDir(out)
}
