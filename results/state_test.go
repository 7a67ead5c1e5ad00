package results

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/lossless"
)

// Every field of every struct an Aggregate's state holds is written by
// WriteState: a field added to a tally (tactic counts, say) and not to
// its BinaryFields list in state.go fails here, naming it.
func TestStateCoversEveryField(t *testing.T) {
	if err := lossless.Check(reflect.TypeFor[Aggregate]()); err != nil {
		t.Fatalf("%v\n(add the field to its BinaryFields list in results/state.go and bump stateVersion)", err)
	}
}

// An Aggregate written and read back is the same Aggregate, to the bit:
// tallies, samples with their transcripts and frontiers, fault notes (the
// fault's error by its text); and shards read back merge to the whole.
func TestStateRoundTrip(t *testing.T) {
	opts := synthOptions{entrants: 4, rels: 10, periods: 5, seed: 8, faultRate: 0.1, selfPlay: true,
		sample: func(pair, rel int) bool { return rel%3 == 1 }}
	recs := synthRecords(opts)
	names := synthNames[:opts.entrants]
	newAgg := func() *Aggregate {
		a := NewAggregate(names, opts.periods, 0.9)
		a.KeepSamples, a.KeepFaults = 5, 6
		return a
	}
	whole := newAgg()
	shards := []*Aggregate{newAgg(), newAgg(), newAgg()}
	for i, r := range recs {
		whole.Add(r)
		shards[i%3].Add(r)
	}
	back := roundTrip(t, whole)
	if !reflect.DeepEqual(stripErrors(back), stripErrors(whole)) {
		t.Fatal("the aggregate read back differs from the one written")
	}
	if snapshot(t, back) != snapshot(t, whole) {
		t.Fatal("the aggregate read back reports other figures")
	}
	merged := newAgg()
	for _, s := range shards {
		if err := merged.MergeAggregate(roundTrip(t, s)); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := snapshot(t, merged), snapshot(t, whole); got != want {
		t.Fatalf("shards read back and merged differ from the whole:\n%s", diffLines(got, want))
	}
	var a, b bytes.Buffer
	if err := whole.WriteState(&a); err != nil {
		t.Fatal(err)
	}
	if err := back.WriteState(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("an aggregate read back writes other bytes")
	}
}

// A state that is not one, of another layout, or cut short is refused.
func TestStateRefused(t *testing.T) {
	agg := NewAggregate([]string{"a", "b"}, 3, 0.9)
	var b bytes.Buffer
	if err := agg.WriteState(&b); err != nil {
		t.Fatal(err)
	}
	full := b.String()
	for _, tt := range []struct{ in, want string }{
		{"hello", "not an aggregate state"},
		{strings.Replace(full, fmt.Sprintf("\n%d\n", stateVersion), "\n99\n", 1), "layout 99"},
		{full[:len(full)-3], "unexpected EOF"},
	} {
		if _, err := ReadState(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadState = %v, want %q", err, tt.want)
		}
	}
}

func roundTrip(t *testing.T, a *Aggregate) *Aggregate {
	t.Helper()
	var b bytes.Buffer
	if err := a.WriteState(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ReadState(&b)
	if err != nil {
		t.Fatal(err)
	}
	return back
}

// stripErrors replaces the faults' errors of a's samples by their text,
// which is what the state keeps of them.
func stripErrors(a *Aggregate) *Aggregate {
	for _, r := range append(a.samples, a.first) {
		for i := range r.Periods {
			if f := r.Periods[i].Outcome.Fault; f != nil && f.Err != nil {
				f.Err = errors.New(f.Err.Error())
			}
		}
	}
	return a
}

var _ arena.Sink = (*Aggregate)(nil)
