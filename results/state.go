package results

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/winwin-sim/winwin/internal/lossless"
)

// An Aggregate's state travels between processes — a shard's to the
// merge, a checkpoint to the run it resumes — as bytes that give back the
// same bits: every count, every Stat's exact integer sums, every sampled
// relationship with its floats' bits. WriteState and ReadState read and
// write it with package lossless, which walks every field of the tallies
// below: a field added to a tally and not to its BinaryFields list makes
// WriteState fail, naming it (and TestStateCoversEveryField fails first).

// stateMagic opens every state file; stateVersion says its layout, and
// changes when a tally's fields do.
const (
	stateMagic   = "winwin aggregate\n"
	stateVersion = 4
)

// WriteState writes a's whole state to w: what ReadState needs to make an
// Aggregate that reports the same bits and merges like a.
func (a *Aggregate) WriteState(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := fmt.Fprintf(bw, "%s%d\n", stateMagic, stateVersion); err != nil {
		return err
	}
	if err := lossless.Encode(bw, a); err != nil {
		return fmt.Errorf("results: aggregate state: %w", err)
	}
	return bw.Flush()
}

// ReadState reads an Aggregate written by WriteState.
func ReadState(r io.Reader) (*Aggregate, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(stateMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != stateMagic {
		return nil, errors.New("results: not an aggregate state")
	}
	var v int
	if _, err := fmt.Fscanf(br, "%d\n", &v); err != nil || v != stateVersion {
		return nil, fmt.Errorf("results: aggregate state of layout %d, this winwin reads layout %d", v, stateVersion)
	}
	a := new(Aggregate)
	if err := lossless.Decode(br, a); err != nil {
		return nil, fmt.Errorf("results: aggregate state: %w", err)
	}
	if a.pairs == nil || a.entries == nil || a.periods < 1 {
		return nil, errors.New("results: aggregate state: incomplete")
	}
	for k, et := range a.entries {
		if et == nil || len(et.period) != a.periods || k < 0 || k >= len(a.names) {
			return nil, fmt.Errorf("results: aggregate state: entrant %d does not fit %d entrants of %d periods", k, len(a.names), a.periods)
		}
	}
	for k, pt := range a.pairs {
		if pt == nil || k[0] < 0 || k[0] >= len(a.names) || k[1] < 0 || k[1] >= len(a.names) {
			return nil, fmt.Errorf("results: aggregate state: pair %v does not fit %d entrants", k, len(a.names))
		}
	}
	for _, r := range append(a.samples, a.first) {
		if r == nil {
			continue
		}
		if r.Pair.Seller < 0 || r.Pair.Seller >= len(a.names) || r.Pair.Buyer < 0 || r.Pair.Buyer >= len(a.names) || len(r.Periods) > a.periods {
			return nil, fmt.Errorf("results: aggregate state: a sampled relationship of pair %d (%d vs %d, %d deals) does not fit %d entrants of %d periods",
				r.Pair.Index, r.Pair.Seller, r.Pair.Buyer, len(r.Periods), len(a.names), a.periods)
		}
	}
	return a, nil
}

// The fields of every struct of an Aggregate's state with unexported
// fields, in order (see package lossless). Add a field to a struct, add it
// here.

// BinaryFields lists a's fields for package lossless.
func (a *Aggregate) BinaryFields() []any {
	return []any{&a.KeepSamples, &a.KeepFaults, &a.Market, &a.names, &a.periods, &a.discount, &a.tally, &a.clusters}
}

// BinaryFields lists c's fields for package lossless.
func (c *Clusters) BinaryFields() []any { return []any{&c.entrants, &c.n, &c.oneShot, &c.longRun} }

// BinaryFields lists t's fields for package lossless.
func (t *tally) BinaryFields() []any {
	return []any{&t.pairs, &t.entries, &t.samples, &t.first, &t.faults}
}

// BinaryFields lists s's fields for package lossless.
func (s *sideTally) BinaryFields() []any {
	return []any{&s.rels, &s.negs, &s.agreed, &s.retained, &s.faults, &s.class, &s.noDeal,
		&s.oneShot, &s.longRun, &s.length, &s.sv, &s.left, &s.lost, &s.tactics, &s.dealRounds}
}

// BinaryFields lists p's fields for package lossless.
func (p *pairTally) BinaryFields() []any { return []any{&p.side, &p.joint, &p.cross} }

// BinaryFields lists e's fields for package lossless.
func (e *entrantTally) BinaryFields() []any { return []any{&e.period} }

// BinaryFields lists p's fields for package lossless.
func (p *periodTally) BinaryFields() []any { return []any{&p.surplus, &p.cum, &p.alive} }

// BinaryFields lists s's fields for package lossless.
func (s *Stat) BinaryFields() []any { return []any{&s.n, &s.sum, &s.sq} }

// BinaryFields lists a's fields for package lossless.
func (a *int128) BinaryFields() []any { return []any{&a.hi, &a.lo} }

// BinaryFields lists a's fields for package lossless: a market's state
// travels with its run's (nil for a run without one).
func (a *MarketAggregate) BinaryFields() []any {
	return []any{&a.names, &a.sellers, &a.periods, &a.discount, &a.markets, &a.negotiations, &a.faults, &a.buyers, &a.cells, &a.strategies}
}

// BinaryFields lists c's fields for package lossless.
func (c *marketCell) BinaryFields() []any {
	return []any{&c.customers, &c.newc, &c.referred, &c.lost, &c.deals, &c.surplus, &c.costs, &c.reputation, &c.share, &c.profit}
}

// BinaryFields lists s's fields for package lossless.
func (s *marketStrategy) BinaryFields() []any {
	return []any{&s.share, &s.peak, &s.customers, &s.profit, &s.surplus, &s.costs, &s.reputation, &s.won, &s.referred,
		&s.repeat, &s.byReferral, &s.byChoice}
}
