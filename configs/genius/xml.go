package genius

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Root elements of GENIUS files.
const (
	xmlDomainRoot  = "negotiation_template"
	xmlProfileRoot = "utility_space"
)

// nonlinear lists elements of GENIUS's non-linear and constraint-based
// utility spaces, which winwin cannot represent.
var nonlinear = []string{"utility", "ufun", "constraint", "constraints", "rule", "rules", "hyperRectangle", "inclusiveZeroConstraint", "exclusiveZeroConstraint"}

// readXMLDomain reads a GENIUS domain file:
//
//	<negotiation_template>
//	  <utility_space number_of_issues="2">
//	    <objective index="0" name="party">
//	      <issue index="1" name="Food" type="discrete"> <item index="1" value="Chips"/> … </issue>
//	      <issue index="2" name="Guests" type="integer" lowerbound="10" upperbound="50"/>
//	      <issue index="3" name="Budget" type="real"> <range lowerbound="0" upperbound="1000"/> </issue>
func readXMLDomain(data []byte, file string) (*domain, error) {
	root, err := parseXML(data, file)
	if err != nil {
		return nil, err
	}
	if root.name != xmlDomainRoot {
		return nil, &Error{File: file, Line: root.line, Element: root.tag(), Msg: "not a GENIUS domain file: its root element should be <negotiation_template>"}
	}
	obj, err := rootObjective(root, file)
	if err != nil {
		return nil, err
	}
	d := &domain{file: file}
	for _, n := range obj.kids {
		if n.name != "issue" {
			continue
		}
		if len(d.issues) == MaxIssues {
			return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: fmt.Sprintf("more than the %d issues winwin allows", MaxIssues)}
		}
		is := issue{line: n.line}
		var ok bool
		if is.key, ok = n.attr("index"); !ok {
			return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: "the issue has no index attribute, which profiles refer to it by"}
		}
		if j := d.find(is.key); j >= 0 {
			return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: fmt.Sprintf("index %s is also the index of issue %q (line %d)", is.key, d.issues[j].name, d.issues[j].line)}
		}
		is.name = n.get("name")
		kind, err := issueKind(n, file)
		if err != nil {
			return nil, err
		}
		is.kind = kind
		switch kind {
		case Discrete:
			for _, it := range n.children("item") {
				v, ok := it.attr("value")
				if !ok {
					return nil, &Error{File: file, Line: it.line, Element: it.tag(), Msg: "the item has no value attribute"}
				}
				is.values = append(is.values, v)
			}
		case Integer, Real:
			if is.lo, is.hi, err = bounds(n, file, kind, nil); err != nil {
				return nil, err
			}
		}
		d.issues = append(d.issues, is)
	}
	if len(d.issues) == 0 {
		return nil, &Error{File: file, Line: obj.line, Element: obj.tag(), Msg: "the objective has no <issue> elements"}
	}
	return d, nil
}

// rootObjective returns the one <objective> of a file's <utility_space>,
// refusing nested objectives (GENIUS's objective trees), which scenarios
// do not use and winwin does not read.
func rootObjective(root *node, file string) (*node, error) {
	us := root
	if root.name != xmlProfileRoot {
		if us = root.child(xmlProfileRoot); us == nil {
			return nil, &Error{File: file, Line: root.line, Element: root.tag(), Msg: "no <utility_space> element"}
		}
	}
	objs := us.children("objective")
	if len(objs) != 1 {
		return nil, &Error{File: file, Line: us.line, Element: us.tag(), Msg: fmt.Sprintf("%d <objective> elements: winwin reads one objective holding the issues", len(objs))}
	}
	for _, k := range objs[0].kids {
		if k.name == "objective" {
			return nil, &Error{File: file, Line: k.line, Element: k.tag(), Msg: "a nested objective: winwin reads flat domains, one objective holding the issues"}
		}
	}
	return objs[0], nil
}

// issueKind returns the kind of an <issue>: its type attribute (or, when
// absent, etype or vtype), discrete when none is given, as GENIUS does.
func issueKind(n *node, file string) (Kind, error) {
	t := ""
	for _, a := range []string{"type", "etype", "vtype"} {
		if v, ok := n.attr(a); ok && v != "" {
			t = v
			break
		}
	}
	switch strings.ToLower(t) {
	case "", "discrete":
		return Discrete, nil
	case "integer":
		return Integer, nil
	case "real":
		return Real, nil
	}
	return "", &Error{File: file, Line: n.line, Element: n.tag(), Msg: fmt.Sprintf("issue type %q: winwin reads discrete, integer and real issues", t)}
}

// bounds returns the bounds of a numeric issue: its lowerbound and
// upperbound attributes, or those of its <range> child (older files),
// else those of def.
func bounds(n *node, file string, kind Kind, def *issue) (lo, hi float64, err error) {
	src := n
	if _, ok := n.attr("lowerbound"); !ok {
		if r := n.child("range"); r != nil {
			src = r
		} else if def != nil {
			return def.lo, def.hi, nil
		}
	}
	var xs [2]float64
	for i, a := range []string{"lowerbound", "upperbound"} {
		s, ok := src.attr(a)
		if !ok {
			return 0, 0, &Error{File: file, Line: src.line, Element: src.tag(), Msg: fmt.Sprintf("the %s issue has no %s", kind, a)}
		}
		x, err := number(s)
		if err != nil || (kind == Integer && x != math.Trunc(x)) {
			return 0, 0, &Error{File: file, Line: src.line, Element: src.tag(), Msg: fmt.Sprintf("%s=%q: want %s", a, s, map[Kind]string{Integer: "a whole number", Real: "a number"}[kind])}
		}
		xs[i] = x
	}
	if xs[0] > xs[1] {
		return 0, 0, &Error{File: file, Line: src.line, Element: src.tag(), Msg: fmt.Sprintf("lowerbound %v is above upperbound %v", xs[0], xs[1])}
	}
	return xs[0], xs[1], nil
}

// number parses a decimal number as Java's Double.valueOf does for the
// numbers scenario files hold.
func number(s string) (float64, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("not a number")
	}
	return x, nil
}

// readXMLProfile reads a GENIUS profile of domain d:
//
//	<utility_space>
//	  <objective index="0" name="party">
//	    <issue index="1" name="Food" type="discrete"> <item value="Chips" evaluation="3"/> … </issue>
//	    <weight index="1" value="0.4"/>
//	    <issue index="2" name="Guests" type="integer" lowerbound="10" upperbound="50"> <evaluator ftype="linear" slope="0.025" offset="0"/> </issue>
//	    <issue index="3" name="Budget" type="real"> <range …/> <evaluator ftype="linear" parameter0="1" parameter1="-0.001"/> </issue>
//	    …
//	  </objective>
//	  <reservation value="0.3"/>
//	  <discount_factor value="1"/>
//	</utility_space>
func readXMLProfile(data []byte, file string, d *domain) (*profile, error) {
	root, err := parseXML(data, file)
	if err != nil {
		return nil, err
	}
	if root.name != xmlProfileRoot {
		return nil, &Error{File: file, Line: root.line, Element: root.tag(), Msg: "not a GENIUS profile: its root element should be <utility_space>"}
	}
	if t := strings.ToLower(root.get("type")); t != "" && t != "linear" && t != "additive" {
		return nil, &Error{File: file, Line: root.line, Element: root.tag(), Msg: fmt.Sprintf("a %s utility space: winwin reads linear additive profiles only (weights and one evaluator per issue)", t)}
	}
	if n := findAny(root, nonlinear); n != nil {
		return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: "a non-linear or constraint-based profile: winwin reads linear additive profiles only (weights and one evaluator per issue)"}
	}
	obj, err := rootObjective(root, file)
	if err != nil {
		return nil, err
	}
	p := &profile{file: file, weights: make([]float64, len(d.issues)), evals: make([][]float64, len(d.issues)), discount: 1,
		weightLine: obj.line, weightElem: obj.tag()}
	weighted := make([]bool, len(d.issues))
	for _, w := range obj.children("weight") {
		idx := w.get("index")
		i := d.find(idx)
		if i < 0 {
			return nil, &Error{File: file, Line: w.line, Element: w.tag(), Msg: fmt.Sprintf("weight for issue index %q, which the domain (%s) does not have", idx, d.file)}
		}
		if weighted[i] {
			return nil, &Error{File: file, Line: w.line, Element: w.tag(), Msg: fmt.Sprintf("a second weight for issue %q", d.issues[i].name)}
		}
		x, err := number(w.get("value"))
		if err != nil || x < 0 {
			return nil, &Error{File: file, Line: w.line, Element: w.tag(), Msg: fmt.Sprintf("value=%q: a weight is a number ≥ 0", w.get("value"))}
		}
		p.weights[i], weighted[i] = x, true
	}
	seen := make([]bool, len(d.issues))
	for _, n := range obj.children("issue") {
		idx := n.get("index")
		i := d.find(idx)
		if i < 0 {
			return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: fmt.Sprintf("the domain (%s) has no issue with index %q", d.file, idx)}
		}
		is := &d.issues[i]
		if name, ok := n.attr("name"); ok && name != is.name {
			return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: fmt.Sprintf("issue index %s is %q in the domain (%s), not %q", idx, is.name, d.file, name)}
		}
		if seen[i] {
			return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: fmt.Sprintf("issue %q appears twice", is.name)}
		}
		seen[i] = true
		if k, err := issueKind(n, file); err != nil {
			return nil, err
		} else if _, typed := n.attr("type"); typed && k != is.kind {
			return nil, &Error{File: file, Line: n.line, Element: n.tag(), Msg: fmt.Sprintf("a %s issue here, a %s one in the domain (%s)", k, is.kind, d.file)}
		}
		if p.evals[i], err = evaluate(n, file, is, d.agents.Issues[i].Numeric); err != nil {
			return nil, err
		}
	}
	for i, is := range d.issues {
		switch {
		case !seen[i]:
			return nil, &Error{File: file, Line: obj.line, Element: obj.tag(), Msg: fmt.Sprintf("no <issue> evaluates issue %q (index %s) of the domain", is.name, is.key)}
		case !weighted[i]:
			return nil, &Error{File: file, Line: obj.line, Element: obj.tag(), Msg: fmt.Sprintf("no <weight index=%q> for issue %q", is.key, is.name)}
		}
	}
	for _, holder := range []*node{root, obj} {
		if r := holder.child("reservation"); r != nil {
			x, err := number(r.get("value"))
			if err != nil || x < 0 || x > 1 {
				return nil, &Error{File: file, Line: r.line, Element: r.tag(), Msg: fmt.Sprintf("value=%q: a reservation value is a utility 0..1", r.get("value"))}
			}
			p.reservation = x
		}
		if df := holder.child("discount_factor"); df != nil {
			x, err := number(df.get("value"))
			if err != nil {
				return nil, &Error{File: file, Line: df.line, Element: df.tag(), Msg: fmt.Sprintf("value=%q: a discount factor is a number 0..1", df.get("value"))}
			}
			// GENIUS ignores a factor outside (0, 1]: no discounting.
			if x > 0 && x <= 1 {
				p.discount = x
			}
			p.discountLine, p.discountElem = df.line, df.tag()
		}
	}
	return p, nil
}

// findAny returns the first element under n whose name is in names.
func findAny(n *node, names []string) *node {
	for _, k := range n.kids {
		if slices.Contains(names, k.name) {
			return k
		}
		if f := findAny(k, names); f != nil {
			return f
		}
	}
	return nil
}

// evaluate returns the evaluation of every winwin option of issue is by
// the profile's <issue> n, as GENIUS computes it.
func evaluate(n *node, file string, is *issue, numeric []float64) ([]float64, error) {
	fail := func(at *node, format string, args ...any) error {
		return &Error{File: file, Line: at.line, Element: at.tag(), Msg: fmt.Sprintf(format, args...)}
	}
	switch is.kind {
	case Discrete:
		raw := make(map[string]float64)
		known := make(map[string]bool, len(is.values))
		for _, v := range is.values {
			known[v] = true
		}
		for _, it := range n.children("item") {
			v, ok := it.attr("value")
			if !ok {
				return nil, fail(it, "the item has no value attribute")
			}
			if !known[v] {
				return nil, fail(it, "value %q: the domain's issue %q has no such value (its values: %s)", v, is.name, strings.Join(quoted(is.values), ", "))
			}
			s, ok := it.attr("evaluation")
			if !ok || s == "null" {
				continue // GENIUS skips it; the value is then unevaluated
			}
			x, err := number(s)
			if err != nil || x < 0 {
				return nil, fail(it, "evaluation=%q: an evaluation is a number ≥ 0", s)
			}
			if _, dup := raw[v]; dup {
				return nil, fail(it, "a second evaluation of value %q", v)
			}
			raw[v] = x
		}
		for _, v := range is.values {
			if _, ok := raw[v]; !ok {
				return nil, fail(n, "value %q of the domain has no evaluation (GENIUS refuses such a profile as incomplete)", v)
			}
		}
		return discreteEvals(is.values, raw, func(v string, e float64) error {
			return fail(n, "value %q has evaluation %v, but the largest evaluation of the issue rounds to 1, so GENIUS would not divide by it and the value would be worth more than 1; scale the evaluations of this issue up (to whole numbers) or down (to at most 1)", v, e)
		})
	case Integer:
		lo, _, err := bounds(n, file, Integer, is)
		if err != nil {
			return nil, err
		}
		slope, offset := 0.0, 0.0 // GENIUS's defaults: without an evaluator every value is worth 0
		if ev := n.child("evaluator"); ev != nil {
			if ft := ev.get("ftype"); ft != "" && ft != "linear" {
				return nil, fail(ev, "ftype=%q: winwin reads linear evaluators of integer issues", ft)
			}
			for _, x := range []struct {
				name string
				dst  *float64
			}{{"slope", &slope}, {"offset", &offset}} {
				s, ok := ev.attr(x.name)
				if !ok {
					return nil, fail(ev, "the linear evaluator has no %s", x.name)
				}
				if *x.dst, err = number(s); err != nil {
					return nil, fail(ev, "%s=%q: want a number", x.name, s)
				}
			}
		}
		out := make([]float64, len(numeric))
		for k, v := range numeric {
			out[k] = clip01(offset + slope*(v-lo))
		}
		return out, nil
	case Real:
		ev := n.child("evaluator")
		if ev == nil {
			return nil, fail(n, "the real issue has no <evaluator>")
		}
		param := func(k string) (float64, error) {
			s, ok := ev.attr(k)
			if !ok {
				return 0, fail(ev, "the evaluator has no %s", k)
			}
			x, err := number(s)
			if err != nil {
				return 0, fail(ev, "%s=%q: want a number", k, s)
			}
			return x, nil
		}
		p0, err := param("parameter0")
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(numeric))
		switch ft := ev.get("ftype"); ft {
		case "linear":
			p1, err := param("parameter1")
			if err != nil {
				return nil, err
			}
			for k, x := range numeric {
				out[k] = clip01(p1*x + p0)
			}
		case "constant":
			if p0 < 0 || p0 > 1 {
				return nil, fail(ev, "parameter0=%v: a constant evaluation is a number 0..1", p0)
			}
			for k := range out {
				out[k] = p0
			}
		default:
			return nil, fail(ev, "ftype=%q: winwin reads linear and constant evaluators of real issues, not triangular or other non-linear ones", ft)
		}
		return out, nil
	}
	return nil, fail(n, "issue kind %q", is.kind)
}

// discreteEvals normalises a discrete issue's evaluations as GENIUS's
// EvaluatorDiscrete does: when the largest evaluation, rounded to a whole
// number (halves up), is above 1, every evaluation is rounded to a whole
// number and divided by it; otherwise the evaluations are used as they
// are, and one above 1 is reported through over.
func discreteEvals(values []string, raw map[string]float64, over func(v string, e float64) error) ([]float64, error) {
	hi := 0.0
	for _, x := range raw {
		hi = max(hi, x)
	}
	m := javaRound(hi)
	out := make([]float64, len(values))
	for k, v := range values {
		e := raw[v]
		if m > 1 {
			out[k] = javaRound(e) / m
			continue
		}
		if e > 1 {
			return nil, over(v, e)
		}
		out[k] = e
	}
	return out, nil
}

// javaRound rounds as Java's Math.round: to the nearest whole number,
// halves up.
func javaRound(x float64) float64 { return math.Floor(x + 0.5) }

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
