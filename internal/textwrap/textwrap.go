// Package textwrap breaks prose into lines of a fixed width for the
// terminal: the role-play's screens (package play) and the text
// transcripts (package transcript) wrap with it, so that both measure and
// break text the same way.
//
// A line is measured in columns: one per rune, except the ANSI escape
// sequences that colour a terminal, which take none. Words are separated
// by white space; a no-break space ([NoBreak]) joins two words that must
// stay on one line ("8 weeks 0.80") and is printed as a plain space.
//
//	textwrap.Wrap(30, "▸ ", "  ", "the seller opens with an extreme anchor, far from any deal")
//
// returns
//
//	▸ the seller opens with an
//	  extreme anchor, far from any
//	  deal
package textwrap

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NoBreak is the no-break space: put it between words that Wrap must not
// separate. Wrap prints it as a plain space.
const NoBreak = "\u00a0"

// Wrap breaks text into lines of at most width columns, the first line
// starting with first and the others with rest, and returns them, each
// ending in a newline. A word longer than a line gets a line of its own.
// Text with no words gives first, without its trailing spaces, and a
// newline.
func Wrap(width int, first, rest, text string) string {
	var b strings.Builder
	line, started := 0, false
	for _, word := range strings.FieldsFunc(text, breaks) {
		word = strings.ReplaceAll(word, NoBreak, " ")
		wl := Columns(word)
		switch {
		case !started:
			b.WriteString(first)
			line, started = Columns(first), true
		case line+1+wl > width:
			b.WriteString("\n")
			b.WriteString(rest)
			line = Columns(rest)
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += wl
	}
	if !started {
		b.WriteString(strings.TrimRight(first, " "))
	}
	b.WriteString("\n")
	return b.String()
}

// breaks reports whether a line may break at r: any white space but the
// no-break space.
func breaks(r rune) bool { return r != '\u00a0' && unicode.IsSpace(r) }

// Columns is the number of columns s takes on a terminal: its runes,
// without the ANSI escape sequences ("\x1b[1m" … "m") that style it.
func Columns(s string) int {
	if !strings.Contains(s, "\x1b") {
		return utf8.RuneCountInString(s)
	}
	n, esc := 0, false
	for _, r := range s {
		switch {
		case r == '\x1b':
			esc = true
		case esc:
			esc = r != 'm'
		default:
			n++
		}
	}
	return n
}
