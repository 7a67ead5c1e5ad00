package genius

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/safetext"
)

// Kind is the kind of an issue: its values listed, or a range of numbers.
type Kind string

// Issue kinds.
const (
	// Discrete issues list their values ("Chips and Nuts", "Catering").
	Discrete Kind = "discrete"
	// Integer issues take every whole number between two bounds.
	Integer Kind = "integer"
	// Real issues take any number between two bounds; winwin offers
	// Options.RealSteps+1 evenly spaced ones (see the package
	// documentation).
	Real Kind = "real"
	// Number issues (GeniusWeb's number value sets) take the numbers from
	// a low bound to a high one in even steps.
	Number Kind = "number"
)

// DefaultRealSteps is the number of even steps a real issue is cut into
// when Options.RealSteps is 0: 11 options, from the lower bound to the
// upper one.
const DefaultRealSteps = 10

// A domain is a scenario's issues as the domain file gives them, with the
// winwin issues they become.
type domain struct {
	file   string
	issues []issue
	// agents is the domain winwin negotiates: one agents.Issue per issue,
	// in file order.
	agents *agents.Domain
	// specs holds the bounds and step each numeric issue was made from.
	specs map[int][3]float64
}

// An issue of a domain file.
type issue struct {
	name string
	kind Kind
	// values are a discrete issue's values; lo and hi a numeric issue's
	// bounds.
	values []string
	lo, hi float64
	// step is a number issue's step.
	step float64
	// key identifies the issue in profiles: its XML index, or its name.
	key string
	// where says where it is defined, for errors.
	line int
}

// find returns the index of the issue whose key is key, or -1.
func (d *domain) find(key string) int {
	for i, is := range d.issues {
		if is.key == key {
			return i
		}
	}
	return -1
}

// build makes the winwin issues of d: a discrete issue's values become
// its options; an integer issue has one option per whole number; a real
// issue is cut into steps even steps.
func (d *domain) build(steps int, elem func(i int) string) error {
	ad := &agents.Domain{}
	d.specs = map[int][3]float64{}
	for i, is := range d.issues {
		fail := func(format string, args ...any) error {
			return &Error{File: d.file, Line: is.line, Element: elem(i), Msg: fmt.Sprintf(format, args...)}
		}
		if err := checkLabel(is.name); err != nil {
			return fail("issue name: %v", err)
		}
		if j := slices.IndexFunc(d.issues[:i], func(o issue) bool { return o.name == is.name }); j >= 0 {
			return fail("issue %q appears twice (issues %d and %d): winwin names issues uniquely", is.name, j+1, i+1)
		}
		var ai agents.Issue
		switch is.kind {
		case Discrete:
			if len(is.values) == 0 {
				return fail("issue %q has no values", is.name)
			}
			if len(is.values) > agents.MaxOptions {
				return fail("issue %q has %d values, more than the %d winwin allows", is.name, len(is.values), agents.MaxOptions)
			}
			seen := make(map[string]int, len(is.values))
			for k, v := range is.values {
				if err := checkLabel(v); err != nil {
					return fail("value %d: %v", k+1, err)
				}
				if j, dup := seen[v]; dup {
					return fail("value %q appears twice (values %d and %d)", v, j+1, k+1)
				}
				seen[v] = k
			}
			ai = agents.Issue{Name: is.name, Options: slices.Clone(is.values)}
		case Integer, Real, Number:
			if !(is.lo <= is.hi) || math.IsInf(is.lo, 0) || math.IsInf(is.hi, 0) {
				return fail("bounds %v..%v: the lower bound must be a number at most the upper one", is.lo, is.hi)
			}
			step := 1.0
			switch {
			case is.kind == Number:
				step = is.step
			case is.kind == Real && is.hi > is.lo:
				step = (is.hi - is.lo) / float64(steps)
			}
			if n := math.Floor((is.hi-is.lo)/step+1e-9) + 1; n > agents.MaxOptions {
				return fail("%.0f values from %v to %v, more than the %d winwin allows", n, is.lo, is.hi, agents.MaxOptions)
			}
			var err error
			if ai, err = agents.NumericIssue(is.name, is.lo, is.hi, step, "", ""); err != nil {
				return fail("%v", err)
			}
			d.specs[i] = [3]float64{is.lo, is.hi, step}
			for k := 1; k < len(ai.Options); k++ {
				if ai.Options[k] == ai.Options[k-1] {
					return fail("values %v and %v both read %q with two decimals: use fewer real steps or a wider range", ai.Numeric[k-1], ai.Numeric[k], ai.Options[k])
				}
			}
		}
		ad.Issues = append(ad.Issues, ai)
	}
	if len(ad.Issues) == 0 {
		return &Error{File: d.file, Msg: "the domain has no issues"}
	}
	d.agents = ad
	return nil
}

// checkLabel reports why s cannot name an issue or an option in winwin.
func checkLabel(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("empty")
	case len(s) > 64:
		return fmt.Errorf("%q is longer than the 64 bytes winwin allows", s)
	case !utf8.ValidString(s) || strings.ContainsFunc(s, safetext.IsControl):
		return fmt.Errorf("%q holds control characters or invalid UTF-8", s)
	}
	return nil
}

// A profile is one side's preferences as its file gives them, evaluated
// on the winwin options of the domain.
type profile struct {
	file string
	// weights[i] is the weight of issue i, as written.
	weights []float64
	// evals[i][k] is the evaluation in [0,1] of option k of issue i, as
	// GENIUS or GeniusWeb computes it.
	evals [][]float64
	// reservation is the utility of no deal; discount the discount
	// factor (1 for none).
	reservation float64
	discount    float64
	// discountLine, discountElem say where the discount factor is.
	discountLine int
	discountElem string
	// weightLine, weightElem say where the weights are, for errors.
	weightLine int
	weightElem string
}

// weightTolerance is how far from 1 the weights of a profile may sum and
// still be rescaled to 1: far below any difference a negotiator notices,
// far above the rounding of the decimals files are written in.
const weightTolerance = 1e-6

// preferences returns p as winwin preferences with the same utility for
// every outcome: U(o) = Σ weights[i]·evals[i][o[i]].
//
// winwin's weights sum to 1. When p's weights sum to s ≠ 1, each weight
// is divided by s and each evaluation multiplied by s, which leaves every
// utility as it is; an evaluation that would then exceed 1 (only possible
// when s > 1, where GENIUS would also cap utilities at 1) cannot be
// represented and is an error. Weights within weightTolerance of summing
// to 1 are only divided by their sum.
func (p *profile) preferences(d *domain) (*agents.Preferences, error) {
	s := 0.0
	for i, w := range p.weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return nil, &Error{File: p.file, Line: p.weightLine, Element: p.weightElem, Msg: fmt.Sprintf("issue %q has weight %v: weights must be numbers ≥ 0", d.issues[i].name, w)}
		}
		s += w
	}
	if !(s > 0) {
		return nil, &Error{File: p.file, Line: p.weightLine, Element: p.weightElem, Msg: "every issue weight is 0: the profile values nothing"}
	}
	scale := s
	if math.Abs(s-1) <= weightTolerance {
		scale = 1
	}
	out := &agents.Preferences{Reservation: p.reservation, Weights: make([]float64, len(p.weights)), Values: make([][]float64, len(p.evals))}
	for i, w := range p.weights {
		out.Weights[i] = w / s
		vs := make([]float64, len(p.evals[i]))
		for k, e := range p.evals[i] {
			v := e * scale
			if v > 1 {
				return nil, &Error{File: p.file, Line: p.weightLine, Element: p.weightElem,
					Msg: fmt.Sprintf("the weights sum to %.6g, more than 1, and option %q of issue %q would then be worth %.6g under weights summing to 1: GENIUS caps utilities above 1, which a linear profile cannot carry; make the weights sum to 1",
						s, d.agents.Issues[i].Options[k], d.issues[i].name, v)}
			}
			vs[k] = v
		}
		out.Values[i] = vs
	}
	if !(p.reservation >= 0 && p.reservation <= 1) {
		return nil, &Error{File: p.file, Msg: fmt.Sprintf("reservation value %v: it must be a utility 0..1", p.reservation)}
	}
	if err := out.Validate(d.agents); err != nil {
		return nil, &Error{File: p.file, Msg: err.Error()} // a backstop: the checks above make it unreachable
	}
	return out, nil
}

// clip01 returns x within [0, 1].
func clip01(x float64) float64 { return min(max(x, 0), 1) }
