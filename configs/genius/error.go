package genius

import (
	"fmt"
	"strings"

	"github.com/winwin-sim/winwin/internal/safetext"
)

// An Error is something in a scenario file that winwin cannot represent
// or that is not well formed: the file, where in it (the line of an XML
// element, or the path of a JSON value), the element and why.
//
//	party/party1_utility.xml:14: <issue name="Food" index="1">: item "Pizza": the domain's issue "Food" has no such value
type Error struct {
	// File is the file's name as the scenario folder lists it.
	File string
	// Line is the 1-based line of the XML element, 0 when unknown (JSON).
	Line int
	// Element names what the error is about: `<issue name="Food">`, or a
	// JSON path such as `LinearAdditiveUtilitySpace.issueWeights.salary`.
	Element string
	// Msg says what is wrong and, where it can, what to do.
	Msg string
	// Err is the underlying error, if any (a syntax error).
	Err error
}

// Error returns "file:line: element: message", with text from the file
// escaped for a terminal.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(safetext.Escape(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Element != "" {
		b.WriteString(safetext.Escape(e.Element))
		b.WriteString(": ")
	}
	b.WriteString(safetext.Escape(e.Msg))
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }
