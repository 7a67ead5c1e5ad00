package genius

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The GeniusWeb profile type winwin reads.
const linearAdditive = "LinearAdditiveUtilitySpace"

// A member is one key and value of a JSON object, in file order.
type member struct {
	key string
	val json.RawMessage
}

// members returns the members of the JSON object raw in the order they
// are written (GeniusWeb lists issues in objects, and their order is the
// domain's).
func members(raw json.RawMessage) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("want an object {…}")
	}
	var out []member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if seen[k] {
			return nil, fmt.Errorf("key %q appears twice", k)
		}
		seen[k] = true
		out = append(out, member{k, v})
	}
	return out, nil
}

// get returns the value of key in ms, or nil.
func get(ms []member, key string) json.RawMessage {
	for _, m := range ms {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// jsonPath joins the segments of a JSON path for errors:
// LinearAdditiveUtilitySpace.issueWeights["lease car"].
func jsonPath(segs ...string) string {
	var b strings.Builder
	for i, s := range segs {
		if i > 0 && isIdent(s) {
			b.WriteByte('.')
		}
		if isIdent(s) {
			b.WriteString(s)
		} else {
			b.WriteString("[" + strconv.Quote(s) + "]")
		}
	}
	return b.String()
}

func isIdent(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
}

// jsonNumber reads a number written as a JSON number or a string.
func jsonNumber(raw json.RawMessage) (float64, bool) {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		x, err := number(n.String())
		return x, err == nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		x, err := number(s)
		return x, err == nil
	}
	return 0, false
}

// checkJSON reports a syntax error in data at its line.
func checkJSON(data []byte, file string) error {
	if json.Valid(data) {
		return nil
	}
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	line := 0
	if errors.As(err, &se) {
		line = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
	}
	return &Error{File: file, Line: line, Msg: fmt.Sprintf("not valid JSON: %v", err), Err: err}
}

// readJSONDomain reads a GeniusWeb domain:
//
//	{"name": "jobs", "issuesValues": {
//	  "lease car": {"values": ["yes", "no"]},
//	  "salary": {"range": {"low": 2000, "high": 4000, "step": 500}}}}
//
// path is the JSON path of the domain object in its file (empty for a
// domain file, LinearAdditiveUtilitySpace.domain inside a profile).
func readJSONDomain(raw json.RawMessage, file string, path ...string) (*domain, string, error) {
	fail := func(segs []string, format string, args ...any) error {
		return &Error{File: file, Element: jsonPath(segs...), Msg: fmt.Sprintf(format, args...)}
	}
	ms, err := members(raw)
	if err != nil {
		return nil, "", fail(path, "the domain: %v", err)
	}
	var name string
	if v := get(ms, "name"); v != nil {
		_ = json.Unmarshal(v, &name)
	}
	iv := get(ms, "issuesValues")
	ivPath := append(slices.Clone(path), "issuesValues")
	if iv == nil {
		return nil, "", fail(path, "no issuesValues: not a GeniusWeb domain")
	}
	issues, err := members(iv)
	if err != nil {
		return nil, "", fail(ivPath, "%v", err)
	}
	if len(issues) > MaxIssues {
		return nil, "", fail(ivPath, "%d issues, more than the %d winwin allows", len(issues), MaxIssues)
	}
	d := &domain{file: file}
	for _, m := range issues {
		at := append(slices.Clone(ivPath), m.key)
		vs, err := members(m.val)
		if err != nil {
			return nil, "", fail(at, "%v", err)
		}
		is := issue{name: m.key, key: m.key}
		switch {
		case get(vs, "values") != nil:
			is.kind = Discrete
			if err := json.Unmarshal(get(vs, "values"), &is.values); err != nil {
				return nil, "", fail(append(at, "values"), "want a list of strings: %v", err)
			}
		case get(vs, "range") != nil:
			is.kind = Number
			r := get(vs, "range")
			var parts [3]json.RawMessage
			if rm, err := members(r); err == nil {
				parts = [3]json.RawMessage{get(rm, "low"), get(rm, "high"), get(rm, "step")}
			} else {
				var list []json.RawMessage
				if json.Unmarshal(r, &list) != nil || len(list) != 3 {
					return nil, "", fail(append(at, "range"), `want {"low": …, "high": …, "step": …}`)
				}
				copy(parts[:], list)
			}
			var xs [3]float64
			for i, p := range parts {
				x, ok := jsonNumber(p)
				if !ok {
					return nil, "", fail(append(at, "range"), `want {"low": …, "high": …, "step": …}, three numbers`)
				}
				xs[i] = x
			}
			if !(xs[2] > 0) || xs[0] > xs[1] {
				return nil, "", fail(append(at, "range"), "low %v, high %v, step %v: want low ≤ high and a step above 0", xs[0], xs[1], xs[2])
			}
			is.lo, is.hi, is.step = xs[0], xs[1], xs[2]
		default:
			return nil, "", fail(at, `want {"values": [...]} or {"range": {...}}`)
		}
		d.issues = append(d.issues, is)
	}
	if len(d.issues) == 0 {
		return nil, "", fail(ivPath, "the domain has no issues")
	}
	return d, name, nil
}

// sameDomain reports how the issues of a and b differ, or "" if they do
// not.
func sameDomain(a, b *domain) string {
	if len(a.issues) != len(b.issues) {
		return fmt.Sprintf("%d issues against %d", len(a.issues), len(b.issues))
	}
	for i := range a.issues {
		x, y := a.issues[i], b.issues[i]
		if x.name != y.name || x.kind != y.kind || !slices.Equal(x.values, y.values) || x.lo != y.lo || x.hi != y.hi || x.step != y.step {
			return fmt.Sprintf("issue %d is %q against %q, or its values differ", i+1, x.name, y.name)
		}
	}
	return ""
}

// profileType returns the one key of a GeniusWeb profile file: its type.
func profileType(raw json.RawMessage) (string, json.RawMessage, error) {
	ms, err := members(raw)
	if err != nil {
		return "", nil, err
	}
	if len(ms) != 1 {
		return "", nil, fmt.Errorf("%d top-level keys: a GeniusWeb profile has one, its type", len(ms))
	}
	return ms[0].key, ms[0].val, nil
}

// readJSONProfile reads a GeniusWeb LinearAdditiveUtilitySpace profile of
// domain d (whose winwin issues are built):
//
//	{"LinearAdditiveUtilitySpace": {
//	  "issueUtilities": {
//	    "lease car": {"DiscreteValueSetUtilities": {"valueUtilities": {"yes": 0, "no": 1}}},
//	    "salary": {"NumberValueSetUtilities": {"lowValue": 2000, "lowUtility": 0, "highValue": 4000, "highUtility": 1}}},
//	  "issueWeights": {"lease car": 0.3, "salary": 0.7},
//	  "domain": {…}, "name": "jobs1",
//	  "reservationBid": {"issuevalues": {"lease car": "no", "salary": 2500}}}}
func readJSONProfile(data []byte, file string, d *domain) (*profile, error) {
	typ, body, err := profileType(data)
	if err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	if typ != linearAdditive {
		return nil, &Error{File: file, Element: jsonPath(typ), Msg: fmt.Sprintf("a %s profile: winwin reads %s profiles only (weights and one utility function per issue)", typ, linearAdditive)}
	}
	fail := func(segs []string, format string, args ...any) error {
		return &Error{File: file, Element: jsonPath(append([]string{typ}, segs...)...), Msg: fmt.Sprintf(format, args...)}
	}
	ms, err := members(body)
	if err != nil {
		return nil, fail(nil, "%v", err)
	}
	if emb := get(ms, "domain"); emb != nil && d.file != file {
		ed, _, err := readJSONDomain(emb, file, typ, "domain")
		if err != nil {
			return nil, err
		}
		if diff := sameDomain(ed, d); diff != "" {
			return nil, fail([]string{"domain"}, "the profile's own domain is not the domain of %s: %s", d.file, diff)
		}
	}
	p := &profile{file: file, weights: make([]float64, len(d.issues)), evals: make([][]float64, len(d.issues)), discount: 1,
		weightElem: jsonPath(typ, "issueWeights")}
	// Weights.
	wm, err := members(get(ms, "issueWeights"))
	if err != nil {
		return nil, fail([]string{"issueWeights"}, "%v", err)
	}
	weighted := make([]bool, len(d.issues))
	for _, m := range wm {
		i := d.find(m.key)
		if i < 0 {
			return nil, fail([]string{"issueWeights", m.key}, "the domain (%s) has no issue %q", d.file, m.key)
		}
		x, ok := jsonNumber(m.val)
		if !ok || x < 0 {
			return nil, fail([]string{"issueWeights", m.key}, "a weight is a number ≥ 0")
		}
		p.weights[i], weighted[i] = x, true
	}
	// Utility functions.
	um, err := members(get(ms, "issueUtilities"))
	if err != nil {
		return nil, fail([]string{"issueUtilities"}, "%v", err)
	}
	fns := make([]func(json.RawMessage) (float64, error), len(d.issues))
	for _, m := range um {
		at := []string{"issueUtilities", m.key}
		i := d.find(m.key)
		if i < 0 {
			return nil, fail(at, "the domain (%s) has no issue %q", d.file, m.key)
		}
		kind, err := members(m.val)
		if err != nil || len(kind) != 1 {
			return nil, fail(at, "want one utility function, {\"DiscreteValueSetUtilities\": …} or {\"NumberValueSetUtilities\": …}")
		}
		is := &d.issues[i]
		at = append(at, kind[0].key)
		switch kind[0].key {
		case "DiscreteValueSetUtilities", "discreteutils":
			if is.kind != Discrete {
				return nil, fail(at, "issue %q is a range of numbers in the domain", is.name)
			}
			vm, err := members(get(mustMembers(kind[0].val), "valueUtilities"))
			if err != nil {
				return nil, fail(append(at, "valueUtilities"), "%v", err)
			}
			u := map[string]float64{}
			known := make(map[string]bool, len(is.values))
			for _, v := range is.values {
				known[v] = true
			}
			for _, v := range vm {
				if !known[v.key] {
					return nil, fail(append(at, "valueUtilities", v.key), "the domain's issue %q has no value %q (its values: %s)", is.name, v.key, strings.Join(quoted(is.values), ", "))
				}
				x, ok := jsonNumber(v.val)
				if !ok || x < 0 || x > 1 {
					return nil, fail(append(at, "valueUtilities", v.key), "a utility is a number 0..1")
				}
				u[v.key] = x
			}
			ev := make([]float64, len(is.values))
			for k, v := range is.values {
				x, ok := u[v]
				if !ok {
					return nil, fail(append(at, "valueUtilities"), "value %q of issue %q has no utility", v, is.name)
				}
				ev[k] = x
			}
			p.evals[i] = ev
			fns[i] = func(raw json.RawMessage) (float64, error) {
				var s string
				if json.Unmarshal(raw, &s) != nil || !slices.Contains(is.values, s) {
					return 0, fmt.Errorf("issue %q has no value %s", is.name, raw)
				}
				return u[s], nil
			}
		case "NumberValueSetUtilities", "numberutils":
			if is.kind == Discrete {
				return nil, fail(at, "issue %q lists its values in the domain: give it DiscreteValueSetUtilities", is.name)
			}
			nm := mustMembers(kind[0].val)
			var xs [4]float64
			for j, k := range []string{"lowValue", "lowUtility", "highValue", "highUtility"} {
				x, ok := jsonNumber(get(nm, k))
				if !ok {
					return nil, fail(at, "%s: want a number", k)
				}
				xs[j] = x
			}
			lv, lu, hv, hu := xs[0], xs[1], xs[2], xs[3]
			if lu < 0 || lu > 1 || hu < 0 || hu > 1 || lv > hv {
				return nil, fail(at, "lowValue %v ≤ highValue %v and utilities 0..1 (here %v, %v)", lv, hv, lu, hu)
			}
			lin := func(x float64) float64 {
				if hv == lv {
					return lu
				}
				return clip01(lu + (x-lv)*(hu-lu)/(hv-lv))
			}
			opts := d.agents.Issues[i].Numeric
			ev := make([]float64, len(opts))
			for k, x := range opts {
				if x < lv-1e-9 || x > hv+1e-9 {
					return nil, fail(at, "value %v of issue %q lies outside lowValue..highValue (%v..%v), where the profile does not say what it is worth", x, is.name, lv, hv)
				}
				ev[k] = lin(x)
			}
			p.evals[i] = ev
			fns[i] = func(raw json.RawMessage) (float64, error) {
				x, ok := jsonNumber(raw)
				if !ok || x < lv || x > hv {
					return 0, fmt.Errorf("issue %q: %s is not a number within %v..%v", is.name, raw, lv, hv)
				}
				return lin(x), nil
			}
		default:
			return nil, fail(at, "a %s: winwin reads DiscreteValueSetUtilities and NumberValueSetUtilities", kind[0].key)
		}
	}
	for i, is := range d.issues {
		switch {
		case p.evals[i] == nil:
			return nil, fail([]string{"issueUtilities"}, "no utility function for issue %q", is.name)
		case !weighted[i]:
			return nil, fail([]string{"issueWeights"}, "no weight for issue %q", is.name)
		}
	}
	// The reservation value is the utility of the reservation bid.
	if rb := get(ms, "reservationBid"); rb != nil && string(rb) != "null" {
		bm, err := members(rb)
		if err == nil {
			iv := get(bm, "issuevalues")
			if iv == nil {
				err = errors.New(`want {"issuevalues": {…}}`)
			} else {
				bm, err = members(iv)
			}
		}
		if err != nil {
			return nil, fail([]string{"reservationBid"}, "%v", err)
		}
		for _, v := range bm {
			i := d.find(v.key)
			if i < 0 {
				return nil, fail([]string{"reservationBid", "issuevalues", v.key}, "the domain has no issue %q", v.key)
			}
			u, err := fns[i](v.val)
			if err != nil {
				return nil, fail([]string{"reservationBid", "issuevalues", v.key}, "%v", err)
			}
			p.reservation += p.weights[i] * u
		}
	}
	return p, nil
}

// mustMembers returns the members of raw, or none if it is no object.
func mustMembers(raw json.RawMessage) []member {
	ms, _ := members(raw)
	return ms
}
