// Package tomltext writes values as TOML text, for the places that write
// configuration a user will read and winwin will load again.
package tomltext

import (
	"fmt"
	"strings"
)

// String quotes s as a TOML basic string: quotes and backslashes escaped,
// control characters as \u escapes, everything else as it is.
func String(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
