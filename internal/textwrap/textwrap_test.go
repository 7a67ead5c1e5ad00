package textwrap

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	const bold, reset = "\x1b[1m", "\x1b[0m"
	for _, tc := range []struct {
		name              string
		width             int
		first, rest, text string
		want              string
	}{
		{"fits", 20, "", "", "one two three", "one two three\n"},
		{"exactly the width", 13, "", "", "one two three", "one two three\n"},
		{"one column over", 12, "", "", "one two three", "one two\nthree\n"},
		{"prefixes", 12, "> ", "  ", "one two three four", "> one two\n  three four\n"},
		{"prefixes count", 9, "> ", "    ", "one two three", "> one two\n    three\n"},
		{"long word alone", 5, "", "", "a supercalifragilistic b", "a\nsupercalifragilistic\nb\n"},
		{"spaces collapse", 20, "", "", "  one   two\tthree\n", "one two three\n"},
		{"runes not bytes", 7, "", "", "€€€ €€€ €", "€€€ €€€\n€\n"},
		{"no-break space joins", 8, "", "", "a 8" + NoBreak + "weeks 0.80", "a\n8 weeks\n0.80\n"},
		{"no-break space at the margin", 12, "", "", "worth 8" + NoBreak + "weeks", "worth\n8 weeks\n"},
		{"escapes take no columns", 7, "", "", bold + "one" + reset + " two", bold + "one" + reset + " two\n"},
		{"escapes in the prefix", 9, bold + "> " + reset, "  ", "one two three", bold + "> " + reset + "one two\n  three\n"},
		{"no words", 10, "  ( ", "  ", " ", "  (\n"},
		{"no words, no prefix", 10, "", "", "", "\n"},
		{"a word of escapes only starts the line once", 5, "> ", "", bold + " ab " + reset, "> " + bold + " ab\n" + reset + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Wrap(tc.width, tc.first, tc.rest, tc.text); got != tc.want {
				t.Errorf("Wrap(%d, %q, %q, %q) =\n%q\nwant\n%q", tc.width, tc.first, tc.rest, tc.text, got, tc.want)
			}
		})
	}
}

func TestColumns(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"══ ab", 5},
		{"\x1b[1mbold\x1b[0m", 4},
		{"\x1b[36m  Coach: \x1b[0m", 9},
		{"a\x1b[2mb\x1b[0mc", 3},
		{"x\u00a0y", 3},
	} {
		if got := Columns(tc.s); got != tc.want {
			t.Errorf("Columns(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

// FuzzWrap: whatever the text, the words come out in order, each line
// holding one or more of them after its prefix, and a line wider than the
// width holds a single word.
func FuzzWrap(f *testing.F) {
	f.Add(10, "> ", "  ", "the seller opens with an extreme anchor")
	f.Add(3, "", "", "a\u00a0b c\td\n\x1b[1me\x1b[0m")
	f.Add(1, "€ ", "", "€€ € €€€")
	f.Fuzz(func(t *testing.T, width int, first, rest, text string) {
		if width < 1 || width > 200 || strings.ContainsAny(first+rest, "\n\x1b") {
			return
		}
		out := Wrap(width, first, rest, text)
		words := strings.FieldsFunc(text, breaks)
		if len(words) == 0 {
			if want := strings.TrimRight(first, " ") + "\n"; out != want {
				t.Fatalf("no words: got %q, want %q", out, want)
			}
			return
		}
		lines := strings.Split(out, "\n")
		if lines[len(lines)-1] != "" {
			t.Fatalf("%q does not end in a newline", out)
		}
		lines = lines[:len(lines)-1]
		for i, line := range lines {
			prefix := rest
			if i == 0 {
				prefix = first
			}
			body, ok := strings.CutPrefix(line, prefix)
			if !ok {
				t.Fatalf("line %d %q does not start with %q", i, line, prefix)
			}
			k := 0
			for joined := ""; joined != body; k++ {
				if k == len(words) || len(joined) > len(body) {
					t.Fatalf("line %d %q: its words are not the next words of %q", i, line, text)
				}
				if k > 0 {
					joined += " "
				}
				joined += strings.ReplaceAll(words[k], NoBreak, " ")
			}
			if k > 1 && Columns(line) > width {
				t.Fatalf("line %d %q is %d columns, more than %d", i, line, Columns(line), width)
			}
			words = words[k:]
		}
		if len(words) > 0 {
			t.Fatalf("the words %q are missing from %q", words, out)
		}
	})
}
