package safetext

import (
	"fmt"
	"testing"
)

func TestIsControl(t *testing.T) {
	for _, r := range []rune{0, '\t', '\n', 0x1b, 0x7f, 0x85, 0x9b, 0x202e, 0x2067} {
		if !IsControl(r) {
			t.Errorf("IsControl(%U) = false", r)
		}
	}
	for _, r := range []rune{' ', 'a', '$', 'é', '€', 0xa0, 0x2014, 0x202f, 0x206a} {
		if IsControl(r) {
			t.Errorf("IsControl(%U) = true", r)
		}
	}
}

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain $400,000 — fine", "plain $400,000 — fine"},
		{"tab\tkept", "tab\tkept"},
		{"red\x1b[31m", `red\x1b[31m`},
		{"two\nlines", `two\nlines`},
		{"back\u202ewards", `back\u202ewards`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"\x00", `\x00`},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReplace(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Traceback (most recent call last):", "Traceback (most recent call last):"},
		{"\x1b[2Jevil\r", "?[2Jevil?"},
		{"tab\tkept", "tab\tkept"},
		{"back\u202ewards", "back?wards"},
	} {
		if got := Replace(tc.in); got != tc.want {
			t.Errorf("Replace(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := string(AppendReplaced([]byte("> "), []byte(tc.in))); got != "> "+tc.want {
			t.Errorf("AppendReplaced(%q) = %q, want %q", tc.in, got, "> "+tc.want)
		}
	}
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf = AppendReplaced(buf[:0], []byte("hi\x1b[31m there")) }); n != 0 {
		t.Errorf("AppendReplaced allocates %v times with room in dst", n)
	}
}

func ExampleEscape() {
	fmt.Println(Escape("option \x1b[5mblinks"))
	// Output: option \x1b[5mblinks
}
