package strategies

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/didyoumean"
)

// A Param is one tunable number of a strategy.
type Param struct {
	Name     string
	Doc      string
	Default  float64
	Min, Max float64
}

// Params are parameter values by name, defaults filled in.
type Params map[string]float64

// A Spec describes a registered strategy.
type Spec struct {
	// Name is how configs and the command line refer to it ("hard-anchorer").
	Name string
	// Summary is one line for `winwin strategies`.
	Summary string
	// Tactic and Counter say in plain words what it does and how it answers
	// the partner's tactics (for reports and role-play coaching).
	Tactic, Counter string
	// Params lists its parameters with defaults and allowed ranges.
	Params []Param
	// New returns a fresh agent for one side of one relationship; p holds
	// every parameter of Params.
	New func(p Params) agents.Agent
}

// registry is the list of strategies, in display order: the built-in ones
// below, then those a program adds with Register. The order is part of
// winwin's output: it is the order of `winwin strategies`, of a
// tournament's entrants and of the charts' colours, so a new built-in
// strategy goes at the end of its family, where it moves no one else. Each
// Spec lives in its strategy's file, beside the type it builds.
var registry = []Spec{
	// The tactics of the win-win negotiation article (pace.go).
	hardAnchorerSpec, // hardanchorer.go
	integrativeSpec,  // integrative.go
	flincherSpec,     // flincher.go
	walkAwaySpec,     // walkaway.go
	unbundlerSpec,    // unbundler.go

	// The classic baselines of automated negotiation; all but random bid
	// with the engine in bidder.go.
	boulwareSpec,   // timedep.go
	linearSpec,     // timedep.go
	concederSpec,   // timedep.go
	hardlinerSpec,  // timedep.go
	titForTatSpec,  // titfortat.go
	hardHeadedSpec, // hardheaded.go
	randomSpec,     // random.go
}

// All returns every registered strategy in display order.
func All() []Spec { return slices.Clone(registry) }

// Names returns the registered names in display order.
func Names() []string {
	out := make([]string, len(registry))
	for i, s := range registry {
		out[i] = s.Name
	}
	return out
}

// Lookup returns the strategy called name.
func Lookup(name string) (Spec, bool) {
	for _, s := range registry {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// UnknownError is returned for a strategy name that is not registered.
type UnknownError struct{ Name string }

// Error names the strategy, the registered name it most likely meant, and
// every registered name.
func (e *UnknownError) Error() string {
	if s := didyoumean.Closest(e.Name, Names()); s != "" {
		return fmt.Sprintf("unknown strategy %q (did you mean %q?); valid: %s", e.Name, s, strings.Join(Names(), ", "))
	}
	return fmt.Sprintf("unknown strategy %q (valid: %s)", e.Name, strings.Join(Names(), ", "))
}

// Resolve fills in defaults for a strategy's parameters and checks the
// overrides: an unknown parameter or a value out of range is an error that
// says what is allowed.
func (s Spec) Resolve(overrides map[string]float64) (Params, error) {
	p := make(Params, len(s.Params))
	for _, d := range s.Params {
		p[d.Name] = d.Default
	}
	for _, k := range slices.Sorted(maps.Keys(overrides)) {
		v := overrides[k]
		i := slices.IndexFunc(s.Params, func(d Param) bool { return d.Name == k })
		if i < 0 {
			var names []string
			for _, d := range s.Params {
				names = append(names, d.Name)
			}
			if len(names) == 0 {
				return nil, fmt.Errorf("strategy %s has no parameters, got %q", s.Name, k)
			}
			return nil, fmt.Errorf("strategy %s has no parameter %q (valid: %s)", s.Name, k, strings.Join(names, ", "))
		}
		d := s.Params[i]
		if !(v >= d.Min && v <= d.Max) {
			return nil, fmt.Errorf("strategy %s: %s = %v is out of range (allowed %v..%v)", s.Name, k, v, d.Min, d.Max)
		}
		p[k] = v
	}
	return p, nil
}

// Factory returns a constructor of fresh agents of strategy name with the
// given parameter overrides.
func Factory(name string, overrides map[string]float64) (func() agents.Agent, error) {
	s, ok := Lookup(name)
	if !ok {
		return nil, &UnknownError{Name: name}
	}
	p, err := s.Resolve(overrides)
	if err != nil {
		return nil, err
	}
	return func() agents.Agent { return s.New(p) }, nil
}

// Register adds strategies to the registry, after the built-in ones: how a
// program embedding winwin (cli.WithStrategies) enters its own agents.
// Call it at start-up, before anything runs. A name already taken, an empty
// name or a missing constructor is an error.
func Register(specs ...Spec) error {
	for _, s := range specs {
		switch {
		case s.Name == "" || strings.ContainsAny(s.Name, " \t\n"):
			return fmt.Errorf("strategies: cannot register %q: a name is one word", s.Name)
		case s.New == nil:
			return fmt.Errorf("strategies: cannot register %q: no New constructor", s.Name)
		}
		if _, ok := Lookup(s.Name); ok {
			return fmt.Errorf("strategies: cannot register %q: the name is taken", s.Name)
		}
		for _, p := range s.Params {
			if !(p.Default >= p.Min && p.Default <= p.Max) {
				return fmt.Errorf("strategies: cannot register %q: parameter %s default %v is outside %v..%v", s.Name, p.Name, p.Default, p.Min, p.Max)
			}
		}
		registry = append(registry, s)
	}
	return nil
}
