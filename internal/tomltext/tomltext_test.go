package tomltext_test

import (
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/winwin-sim/winwin/internal/tomltext"
)

// Whatever String writes, TOML reads back as the same string.
func TestStringRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ backslash`, "tab\tnew\nline\x7f", "é ünïcode ✓", "a\x00b"} {
		var v struct{ S string }
		if _, err := toml.Decode("S = "+tomltext.String(s), &v); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if v.S != s {
			t.Errorf("%q read back as %q", s, v.S)
		}
	}
}
