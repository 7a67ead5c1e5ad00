package strategyarg

import (
	"maps"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		arg    string
		name   string
		params map[string]float64
		err    string // a phrase of the error; "" for none
	}{
		{arg: "boulware", name: "boulware", params: map[string]float64{}},
		{arg: "boulware:", name: "boulware", params: map[string]float64{}},
		{arg: "boulware:e=0.1", name: "boulware", params: map[string]float64{"e": 0.1}},
		{arg: "hard-anchorer:anchor=0.95,floor=0.6", name: "hard-anchorer", params: map[string]float64{"anchor": 0.95, "floor": 0.6}},
		{arg: "x: a = -1 , b=2e-3", name: "x", params: map[string]float64{"a": -1, "b": 0.002}},
		{arg: "x:a=1:2", err: `parameter "a=1:2" is not name=number`},
		{arg: ":a=1", name: "", params: map[string]float64{"a": 1}},
		{arg: "x:a", err: `parameter "a" is not name=number`},
		{arg: "x:a=", err: `parameter "a=" is not name=number`},
		{arg: "x:=1", err: `parameter "=1" is not name=number`},
		{arg: "x:a=one", err: `strategy "x:a=one": parameter "a=one" is not name=number`},
		{arg: "x:a=1.5abc", err: "is not name=number"},
		{arg: "x:a=NaN", err: "is not name=number"},
		{arg: "x:a=-Inf", err: "is not name=number"},
		{arg: "x:a=1,", err: `parameter "" is not name=number`},
		{arg: "x:a=1,a=2", err: `parameter "a" is given twice`},
	} {
		t.Run(tc.arg, func(t *testing.T) {
			name, params, err := Parse(tc.arg)
			switch {
			case tc.err != "":
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Parse(%q) = %q, %v, %v; want an error saying %q", tc.arg, name, params, err, tc.err)
				}
			case err != nil:
				t.Fatalf("Parse(%q): %v", tc.arg, err)
			case name != tc.name || !maps.Equal(params, tc.params):
				t.Errorf("Parse(%q) = %q, %v; want %q, %v", tc.arg, name, params, tc.name, tc.params)
			}
		})
	}
}
