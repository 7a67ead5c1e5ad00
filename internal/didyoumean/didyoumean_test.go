package didyoumean

import (
	"fmt"
	"testing"
)

func TestClosest(t *testing.T) {
	names := []string{"boulware", "linear", "conceder", "hard-anchorer", "hardheaded", "tit-for-tat"}
	for _, tc := range []struct{ in, want string }{
		{"boulwar", "boulware"},
		{"Boulware", "boulware"},
		{"lineer", "linear"},
		{"hard", "hard-anchorer"}, // cut short: the first of the names it begins
		{"titfortat", "tit-for-tat"},
		{"xyz", ""},
		{"b", ""},
		{"", ""},
		{"negotiator", ""},
	} {
		if got := Closest(tc.in, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	keys := []string{"relationships", "rounds", "periods", "seed"}
	for _, tc := range []struct{ in, want string }{
		{"relationshps", "relationships"},
		{"Periods", "periods"},
		{"round", "rounds"},
		{"relation", "relationships"},
		{"sed", "seed"},
		{"colour", ""},
		{"x", ""},
	} {
		if got := Closest(tc.in, keys); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Closest("x", nil); got != "" {
		t.Errorf("no candidates: %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"alpah", "alpha", 2}, {"", "abc", 3}, {"kitten", "sitting", 3}, {"sesion", "session", 1}, {"ñu", "nu", 1},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func ExampleClosest() {
	fmt.Println(Closest("sesion", []string{"type", "session", "move"}))
	// Output: session
}
