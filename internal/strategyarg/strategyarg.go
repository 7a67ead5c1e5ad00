// Package strategyarg parses a strategy named on the command line with its
// parameter overrides, "NAME" or "NAME:param=value,param=value", as the
// negotiate and play commands take it:
//
//	winwin negotiate boulware:e=0.1 tit-for-tat
//	winwin play --strategy hard-anchorer:anchor=0.95,floor=0.6
//
// It knows the syntax only: whether the strategy exists, has those
// parameters and allows those values is for the strategies package to
// say (strategies.Lookup, Spec.Resolve).
package strategyarg

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse splits arg, "NAME" or "NAME:param=value,param=value", into the
// name and the parameter overrides (an empty map when there are none).
// Spaces around a parameter's name and value are ignored; a value is a
// finite number as Go writes it, such as 0.5, -1 or 2e-3. A parameter
// without a name or a number, or named twice, is an error.
func Parse(arg string) (name string, params map[string]float64, err error) {
	name, rest, hasParams := strings.Cut(arg, ":")
	params = map[string]float64{}
	if !hasParams || rest == "" {
		return name, params, nil
	}
	for kv := range strings.SplitSeq(rest, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		x, perr := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || k == "" || perr != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			return "", nil, fmt.Errorf("strategy %q: parameter %q is not name=number", arg, kv)
		}
		if _, dup := params[k]; dup {
			return "", nil, fmt.Errorf("strategy %q: parameter %q is given twice", arg, k)
		}
		params[k] = x
	}
	return name, params, nil
}
