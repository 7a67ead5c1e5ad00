package strategies

import (
	"fmt"
	"math"
	"reflect"
	"sync"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
)

// TestRecycledAgentsDecideAlike plays the same relationships twice — three
// deals each (the agents learn across them), every strategy that recycles
// its agents against every strategy on one property domain after another (so a
// recycled agent mostly meets its last domain again, sometimes a new
// one) — once with agents that are never released and
// once releasing both agents when each relationship ends, as a tournament
// does. Every move must be the same: a recycled agent is as fresh as a new
// one. It also checks that agents were in fact recycled.
func TestRecycledAgentsDecideAlike(t *testing.T) {
	var recycling []string // every strategy whose agents are recycled
	for _, s := range All() {
		if _, ok := newStrategy(t, s.Name, nil).(agents.Releaser); ok {
			recycling = append(recycling, s.Name)
		}
	}
	if len(recycling) < 11 {
		t.Fatalf("only %v recycle their agents", recycling)
	}
	doms := propDomains()
	play := func(release bool) (moves [][]arena.Step, reused int) {
		released := map[agents.Agent]bool{}
		var tbl arena.Table
		pair := uint64(0)
		for _, dom := range doms {
			for _, name := range recycling {
				for _, other := range All() {
					pair++
					a, b := newStrategy(t, name, nil), newStrategy(t, other.Name, nil)
					if released[a] {
						reused++
					}
					seller := &arena.Party{Agent: a, Prefs: dom.sc.Prefs[agents.Seller], Rand: arena.NewRand(3, pair, 0)}
					buyer := &arena.Party{Agent: b, Prefs: dom.sc.Prefs[agents.Buyer], Rand: arena.NewRand(3, pair, 1)}
					for p := range 3 {
						setup := arena.Setup{Domain: dom.sc.Domain, Deadline: 12, Opener: arena.Alternate.Opener(p), Period: p, Record: true}
						out := tbl.Negotiate(setup, seller, buyer)
						if out.Fault != nil {
							t.Fatalf("%s vs %s on %s: %v", name, other.Name, dom.name, out.Fault)
						}
						moves = append(moves, out.Transcript)
					}
					if release {
						for _, x := range [2]agents.Agent{a, b} {
							if r, ok := x.(agents.Releaser); ok {
								released[x] = true
								r.Release()
							}
						}
					}
				}
			}
		}
		return moves, reused
	}
	want, _ := play(false)
	got, reused := play(true)
	if reused == 0 {
		t.Fatal("no agent was recycled: the test compares new agents with new agents")
	}
	t.Logf("%d of %d agents were recycled", reused, len(recycling)*len(All())*len(doms))
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("negotiation %d: %d moves with recycled agents, %d with new ones", i, len(got[i]), len(want[i]))
		}
		for j := range want[i] {
			g, w := got[i][j].Move, want[i][j].Move
			if g.Kind != w.Kind || !g.Offer.Equal(w.Offer) || g.Tags != w.Tags {
				t.Fatalf("negotiation %d, move %d: recycled %v %v, new %v %v", i, j, g.Kind, g.Offer, w.Kind, w.Offer)
			}
		}
	}
}

// TestReleasedTwiceIsKeptOnce checks that an agent released twice is handed
// out at most once: two agents made afterwards are two agents.
func TestReleasedTwiceIsKeptOnce(t *testing.T) {
	a := newTimeDependent(0.2, 0)
	a.Release()
	a.Release()
	b, c := newTimeDependent(0.2, 0), newTimeDependent(0.2, 0)
	if b == c {
		t.Fatal("two new agents are one: a double release put the agent in the pool twice")
	}
}

// TestRenewedIsNew plays an agent of each strategy that recycles its
// agents, releases it and takes it back from its pool made fresh, as its
// constructor does, then compares every field but the buffers (slices,
// ladder.laid, which describes them, and the pace's offer search, whose
// caches are checked against the preferences it is given) with those of a
// new agent: a field that the renewal forgets to reset fails here before
// it changes a decision.
func TestRenewedIsNew(t *testing.T) {
	dom := propDomains()[2].sc // w1
	pools := map[string]*sync.Pool{
		"boulware": &timeDeps, "linear": &timeDeps, "conceder": &timeDeps, "hardliner": &timeDeps,
		"tit-for-tat": &titForTats, "hardheaded": &hardHeadeds,
		"integrative": &integratives, "flincher": &flinchers, "hard-anchorer": &hardAnchorers,
		"walk-away-disciplined": &walkAways, "unbundler": &unbundlers,
	}
	for _, spec := range All() {
		if _, ok := newStrategy(t, spec.Name, nil).(agents.Releaser); !ok {
			continue
		}
		t.Run(spec.Name, func(t *testing.T) {
			pool := pools[spec.Name]
			if pool == nil {
				t.Fatalf("%s recycles its agents, but this test does not know its pool", spec.Name)
			}
			newAgent := factory(t, spec.Name, nil)
			for range 20 { // sync.Pool may drop what it is given (it does at random under -race)
				used := newAgent()
				var tbl arena.Table
				seller := &arena.Party{Agent: used, Prefs: dom.Prefs[agents.Seller], Rand: arena.NewRand(1)}
				buyer := &arena.Party{Agent: newStrategy(t, "conceder", nil), Prefs: dom.Prefs[agents.Buyer], Rand: arena.NewRand(2)}
				for p := range 2 {
					tbl.Negotiate(arena.Setup{Domain: dom.Domain, Deadline: 20, Period: p}, seller, buyer)
				}
				used.(agents.Releaser).Release()
				got := newAgent()
				if got != used {
					continue // the pool dropped it
				}
				for pool.Get() != nil { // empty, so that the next agent is a new one
				}
				want := newAgent()
				switch w := want.(type) { // the bidder's buffers, for the same domain
				case *timeDependent:
					w.dom = dom.Domain
					w.sizeFor(dom.Domain)
				case *titForTat:
					w.dom = dom.Domain
					w.sizeFor(dom.Domain)
				case *hardHeaded:
					w.dom = dom.Domain
					w.sizeFor(dom.Domain)
				}
				if diff := unbuffered(reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem(), spec.Name); diff != "" {
					t.Fatalf("renewed agent differs from a new one: %s", diff)
				}
				return
			}
			t.Skip("the pool dropped every agent released")
		})
	}
}

// unbuffered compares got and want field by field, into structs and
// arrays, skipping slices, ladder.laid and offer searches (the buffers,
// kept on renewal), and returns the path of the first field that differs, or "".
func unbuffered(got, want reflect.Value, path string) string {
	switch got.Kind() {
	case reflect.Struct:
		for i := range got.NumField() {
			name := got.Type().Field(i).Name
			if got.Type() == reflect.TypeFor[ladder]() && name == "laid" || got.Type().Field(i).Type == reflect.TypeFor[agents.OfferSearch]() {
				continue
			}
			if d := unbuffered(got.Field(i), want.Field(i), path+"."+name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Array:
		for i := range got.Len() {
			if d := unbuffered(got.Index(i), want.Index(i), fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		return ""
	case reflect.Float64:
		if math.Float64bits(got.Float()) != math.Float64bits(want.Float()) {
			return fmt.Sprintf("%s: %v, new %v", path, got.Float(), want.Float())
		}
		return ""
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if got.IsNil() != want.IsNil() || !got.IsNil() && got.Pointer() != want.Pointer() {
			return fmt.Sprintf("%s: %v, new %v", path, got, want)
		}
		return ""
	}
	if !got.Equal(want) {
		return fmt.Sprintf("%s: %v, new %v", path, got, want)
	}
	return ""
}
