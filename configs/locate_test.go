package configs

import (
	"strings"
	"testing"
)

func TestLocate(t *testing.T) {
	const text = `# comment with = and [brackets]
seed = 1 # trailing comment
"quoted key" = 'lit'
a.b = """multi
line = 2
"""
arr = [1,
  2, # comment ]
  3]

[[strategies]]
name = "x"
params = { e = 0.3, "f" = [1, 2] }

[strategies.extra]
deep = true

[[strategies]]
	name = "y"    
list = [{ k = 1 }, { k = 2 }]

[ domain . seller ]
reservation = 0.3
s = "a \" b # not a comment"
after = 1
`
	want := map[string]span{
		"seed":                     {2, 1, 4},
		"quoted key":               {3, 1, 12},
		"a.b":                      {4, 1, 3},
		"a":                        {4, 1, 3},
		"arr":                      {7, 1, 3},
		"arr[2]":                   {9, 3, 1},
		"strategies[0]":            {11, 1, 14},
		"strategies[0].name":       {12, 1, 4},
		"strategies[0].params":     {13, 1, 6},
		"strategies[0].params.e":   {13, 12, 1},
		"strategies[0].params.f":   {13, 21, 3},
		"strategies[0].extra":      {15, 1, 18},
		"strategies[0].extra.deep": {16, 1, 4},
		"strategies":               {11, 1, 14},
		"strategies[1]":            {18, 1, 14},
		"strategies[1].name":       {19, 2, 4},
		"strategies[1].list[1].k":  {20, 22, 1},
		"domain":                   {22, 1, 19},
		"domain.seller":            {22, 1, 19},
		"domain.seller.s":          {24, 1, 1},
		"domain.seller.after":      {25, 1, 5},
	}
	locs := locate(text)
	for path, sp := range want {
		got, ok := locs[path]
		if !ok {
			t.Errorf("%s not found", path)
			continue
		}
		if got.key != sp {
			t.Errorf("%s at %+v, want %+v", path, got.key, sp)
		}
	}
	vals := map[string]string{
		"seed":                   "1",
		"strategies[1].name":     `"y"`,
		"strategies[0].params.e": "0.3",
		"domain.seller.s":        `"a \" b # not a comment"`,
		"arr":                    "[1,",
	}
	lines := strings.Split(text, "\n")
	for path, v := range vals {
		l := locs[path].val
		if got := lines[l.line-1][l.col-1 : l.col-1+l.n]; got != v {
			t.Errorf("value of %s is %q, want %q", path, got, v)
		}
	}
}

// TestLocateStopsOnGarbage checks that the scanner ends on text that is
// not TOML rather than looping or panicking.
func TestLocateStopsOnGarbage(t *testing.T) {
	for _, text := range []string{"", "=", "[", "[[", "a = ", `a = "x`, "a = [1,", "a = {b = ", "a = '''x", "\x00\xff", "a.", "[a.]"} {
		locate(text)
	}
}

func TestPaths(t *testing.T) {
	tests := []struct{ path, parent, display string }{
		{"strategies[2].params.e", "strategies[2].params", "strategies.params.e"},
		{"strategies[2]", "strategies", "strategies"},
		{"seed", "", "seed"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := parent(tt.path); got != tt.parent {
			t.Errorf("parent(%q) = %q, want %q", tt.path, got, tt.parent)
		}
		if got := display(tt.path); got != tt.display {
			t.Errorf("display(%q) = %q, want %q", tt.path, got, tt.display)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{File: "f.toml", Line: 2, Col: 3, Msg: "bad", Text: "\tx = 1", Len: 1},
			"f.toml:2:3: bad\n    2 | \tx = 1\n      | \t ^"},
		{Error{File: "f.toml", Msg: "no strategies"}, "f.toml: no strategies"},
		{Error{Line: 10, Col: 1, Msg: "bad", Text: "ab", Len: 2}, "line 10:1: bad\n    10 | ab\n       | ^^"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got\n%s\nwant\n%s", got, tt.want)
		}
	}
}
