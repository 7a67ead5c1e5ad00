// Package safetext keeps text that came from outside — a config or domain
// file, an external agent's output — from driving the terminal it is
// printed on. An escape sequence in an option label, an agent's name or a
// line of its stderr could otherwise clear the screen, retitle the window
// or print text backwards.
package safetext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsControl reports a character a terminal may act on rather than show:
// C0 and C1 control characters, DEL, and the bidirectional embeddings,
// overrides and isolates that reorder what follows them.
func IsControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Escape returns s with every character that does not print (unicode's
// IsPrint, and invalid UTF-8), tab excepted, written as Go writes it in a
// quoted string (\x1b, \u202e, \n, \xff): for error messages that quote
// their input, where the reader must see exactly what is there.
func Escape(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != '\t' && (r == utf8.RuneError || !unicode.IsPrint(r)) }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case r == '\t' || (r != utf8.RuneError && unicode.IsPrint(r)):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r) // '\x1b', '\u202e', '\n'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// Replace returns s with every control character (IsControl) but tab
// replaced by "?": for text shown as it is, such as an agent's stderr or
// its name, where escapes would only clutter it.
func Replace(s string) string {
	if !strings.ContainsFunc(s, isReplaced) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isReplaced(r) {
			return '?'
		}
		return r
	}, s)
}

// AppendReplaced appends s to dst as Replace would write it, without
// allocating when dst has room: for text decoded on a hot path.
func AppendReplaced(dst, s []byte) []byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		if isReplaced(r) {
			dst = append(dst, '?')
		} else {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

func isReplaced(r rune) bool { return r != '\t' && IsControl(r) }
