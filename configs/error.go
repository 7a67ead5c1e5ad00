package configs

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/internal/safetext"
)

// An Error is a problem at a known place in a config or domain file: a
// syntax error, an unknown key, a value of the wrong type or out of range,
// a strategy or domain that does not exist. Its message says what is
// allowed; Error prints it after file:line:col, followed by the offending
// line with a caret under the culprit:
//
//	bad.toml:4:1: unknown key "relationshps" (did you mean "relationships"?)
//	    4 | relationshps = 200
//	      | ^^^^^^^^^^^^
type Error struct {
	// File is the file name given to Parse or Load ("" if none).
	File string
	// Line and Col are 1-based (Col counts bytes); 0 when unknown.
	Line, Col int
	// Key is the dotted key the error is about, as the file spells it
	// ("strategies.params.e"); "" for syntax errors.
	Key string
	// Msg says what is wrong and what is allowed.
	Msg string
	// Text is the source line at Line, and Len the width of the caret.
	Text string
	Len  int
	// Err is the underlying error, if any: a toml.ParseError, a
	// *strategies.UnknownError, an *UnknownDomainError.
	Err error
}

// Error returns "file:line:col: message" and, when the line is known, the
// line with a caret. Control characters and invalid UTF-8 from the input
// are shown escaped (\x1b, \u202e), never raw, and a long line is cut
// to the part around the caret.
func (e *Error) Error() string {
	var b strings.Builder
	file := safetext.Escape(e.File)
	switch {
	case file != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", file, e.Line, e.Col)
	case file != "":
		fmt.Fprintf(&b, "%s: ", file)
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d:%d: ", e.Line, e.Col)
	}
	b.WriteString(safetext.Escape(e.Msg))
	if e.Line > 0 && e.Text != "" {
		num := fmt.Sprint(e.Line)
		gutter := strings.Repeat(" ", len(num))
		col := min(max(e.Col-1, 0), len(e.Text))
		end := min(col+max(e.Len, 1), len(e.Text))
		before, culprit, after := safetext.Escape(e.Text[:col]), safetext.Escape(e.Text[col:end]), safetext.Escape(e.Text[end:])
		// Cut a long line to a window around the culprit.
		if utf8.RuneCountInString(before) > maxBefore {
			r := []rune(before)
			before = "…" + string(r[len(r)-maxBefore+1:])
		}
		if utf8.RuneCountInString(culprit) > maxCulprit {
			culprit = string([]rune(culprit)[:maxCulprit-1]) + "…"
		}
		if utf8.RuneCountInString(after) > maxAfter {
			after = string([]rune(after)[:maxAfter-1]) + "…"
		}
		fmt.Fprintf(&b, "\n    %s | %s%s%s\n    %s | ", num, before, culprit, after, gutter)
		// One space per character before the culprit, keeping tabs so
		// that the caret lines up whatever the tab width.
		for _, r := range before {
			if r == '\t' {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(strings.Repeat("^", max(utf8.RuneCountInString(culprit), 1)))
	}
	return b.String()
}

// How much of a long line an Error shows, in characters: before the
// culprit, of the culprit, and after it.
const maxBefore, maxCulprit, maxAfter = 60, 60, 40

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// UnknownDomainError is returned for a domain name that is neither built in
// nor a path to a file (a path contains a slash or ends in .toml).
type UnknownDomainError struct{ Name string }

func (e *UnknownDomainError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unknown domain %q", e.Name)
	if s := didyoumean.Closest(e.Name, Domains()); s != "" {
		fmt.Fprintf(&b, " (did you mean %q?)", s)
	}
	fmt.Fprintf(&b, "; built-in domains: %s; or give a path to a .toml file", strings.Join(Domains(), ", "))
	return b.String()
}

// firstError keeps the error that comes first in the file: the one with
// the lowest line, errors without a line last.
type firstError struct{ err error }

// add records err if it comes before the one kept so far.
func (f *firstError) add(err error) {
	if err == nil {
		return
	}
	if f.err == nil || lineOf(err) < lineOf(f.err) {
		f.err = err
	}
}

// lineOf returns the line of an *Error in err's chain, or a line after any
// file's end.
func lineOf(err error) int {
	var e *Error
	if errors.As(err, &e) && e.Line > 0 {
		return e.Line
	}
	return math.MaxInt
}
