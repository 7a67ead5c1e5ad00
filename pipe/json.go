package pipe

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is the codec's JSON syntax, and knows nothing of winwin's
// messages: a scanner that checks a line is one JSON object and splits it
// into its members' raw values, helpers that read those values (strings,
// whole numbers, the elements of arrays and members of objects), and the
// append functions the encoder writes values with. decode.go and
// encode.go give the messages their meaning. Neither direction allocates
// once its buffers have grown; the package doc says why the codec is
// written by hand rather than with encoding/json.

// errGarbage wraps every syntax problem of a line.
var errGarbage = errors.New("not a JSON object")

// maxDepth is how deep a line may nest arrays and objects below its top
// level; a deeper line is garbage.
const maxDepth = 32

// A scanner checks and splits JSON held in line. Strings it unescapes go
// to scratch, which is reused from line to line.
type scanner struct {
	line    []byte
	scratch []byte
	depth   int
}

// object checks that s.line is one JSON object, with nothing but white
// space around it, and calls set with each member's key (the raw bytes
// between its quotes, still escaped) and raw value, in order. An error,
// wrapping errGarbage, says what is wrong with the syntax.
func (s *scanner) object(set func(key, v []byte)) error {
	line := s.line
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return errGarbage
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return s.end(i + 1)
	}
	for {
		ks, ke, err := s.skipString(i)
		if err != nil {
			return err
		}
		i = skipSpace(line, ke)
		if i >= len(line) || line[i] != ':' {
			return fmt.Errorf("%w: missing ':' after key %s", errGarbage, line[ks:ke])
		}
		vs := skipSpace(line, i+1)
		ve, err := s.skipValue(vs)
		if err != nil {
			return err
		}
		set(line[ks+1:ke-1], line[vs:ve])
		i = skipSpace(line, ve)
		if i >= len(line) {
			return fmt.Errorf("%w: the line ends inside the object", errGarbage)
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case '}':
			return s.end(i + 1)
		default:
			return fmt.Errorf("%w: unexpected %q after a value", errGarbage, line[i])
		}
	}
}

// end checks that only white space follows the closing brace at i-1.
func (s *scanner) end(i int) error {
	if i = skipSpace(s.line, i); i != len(s.line) {
		return fmt.Errorf("%w: text after the closing brace", errGarbage)
	}
	return nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipValue checks the JSON value starting at i and returns where it ends.
func (s *scanner) skipValue(i int) (int, error) {
	b := s.line
	if i >= len(b) {
		return i, fmt.Errorf("%w: a value is missing", errGarbage)
	}
	switch c := b[i]; {
	case c == '"':
		_, e, err := s.skipString(i)
		return e, err
	case c == '{' || c == '[':
		s.depth++
		if s.depth > maxDepth {
			return i, fmt.Errorf("%w: nested too deep", errGarbage)
		}
		defer func() { s.depth-- }()
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == closer {
			return i + 1, nil
		}
		for {
			if c == '{' {
				_, ke, err := s.skipString(i)
				if err != nil {
					return i, err
				}
				i = skipSpace(b, ke)
				if i >= len(b) || b[i] != ':' {
					return i, fmt.Errorf("%w: missing ':' in an object", errGarbage)
				}
				i = skipSpace(b, i+1)
			}
			e, err := s.skipValue(i)
			if err != nil {
				return i, err
			}
			i = skipSpace(b, e)
			if i >= len(b) {
				return i, fmt.Errorf("%w: the line ends inside a value", errGarbage)
			}
			if b[i] == closer {
				return i + 1, nil
			}
			if b[i] != ',' {
				return i, fmt.Errorf("%w: unexpected %q inside a value", errGarbage, b[i])
			}
			i = skipSpace(b, i+1)
		}
	case c == '-' || (c >= '0' && c <= '9'):
		return skipNumber(b, i)
	}
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit {
			return i + len(lit), nil
		}
	}
	return i, fmt.Errorf("%w: unexpected %q", errGarbage, b[i])
}

// skipNumber checks the JSON number at i.
func skipNumber(b []byte, i int) (int, error) {
	start := i
	digits := func() bool {
		s := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > s
	}
	if b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if !digits() {
		return i, fmt.Errorf("%w: bad number %q", errGarbage, b[start:min(i+1, len(b))])
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return i, fmt.Errorf("%w: bad number %q", errGarbage, b[start:min(i+1, len(b))])
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return i, fmt.Errorf("%w: bad number %q", errGarbage, b[start:min(i+1, len(b))])
		}
	}
	return i, nil
}

// skipString checks the JSON string at i and returns its span, quotes
// included.
func (s *scanner) skipString(i int) (int, int, error) {
	b := s.line
	if i >= len(b) || b[i] != '"' {
		return i, i, fmt.Errorf("%w: expected a string", errGarbage)
	}
	start := i
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return start, i + 1, nil
		case c == '\\':
			i++
			if i >= len(b) {
				break
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) {
					return start, i, fmt.Errorf("%w: bad \\u escape", errGarbage)
				}
				for _, h := range b[i+1 : i+5] {
					if !isHex(h) {
						return start, i, fmt.Errorf("%w: bad \\u escape", errGarbage)
					}
				}
				i += 4
			default:
				return start, i, fmt.Errorf("%w: bad escape \\%c", errGarbage, b[i])
			}
		case c < 0x20:
			return start, i, fmt.Errorf("%w: control character in a string", errGarbage)
		}
	}
	return start, len(b), fmt.Errorf("%w: unterminated string", errGarbage)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// str returns the content of the JSON string v (checked by skipString),
// unescaped: a span of v when it has no escapes, otherwise a span of
// s.scratch (valid until the next reset). ok is false if v is not a
// string.
func (s *scanner) str(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '"' {
		return nil, false
	}
	q := v[1 : len(v)-1]
	esc := false
	for _, c := range q {
		if c == '\\' {
			esc = true
			break
		}
	}
	if !esc {
		return q, true
	}
	start := len(s.scratch)
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c != '\\' {
			s.scratch = append(s.scratch, c)
			continue
		}
		i++
		switch q[i] {
		case 'b':
			s.scratch = append(s.scratch, '\b')
		case 'f':
			s.scratch = append(s.scratch, '\f')
		case 'n':
			s.scratch = append(s.scratch, '\n')
		case 'r':
			s.scratch = append(s.scratch, '\r')
		case 't':
			s.scratch = append(s.scratch, '\t')
		case 'u':
			r := hexRune(q[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) && i+7 <= len(q) && q[i+1] == '\\' && q[i+2] == 'u' {
				if r2 := hexRune(q[i+3 : i+7]); utf16.IsSurrogate(r2) {
					r = utf16.DecodeRune(r, r2)
					i += 6
				}
			}
			s.scratch = utf8.AppendRune(s.scratch, r)
		default: // '"', '\\', '/'
			s.scratch = append(s.scratch, q[i])
		}
	}
	return s.scratch[start:], true
}

func hexRune(h []byte) rune {
	var r rune
	for _, c := range h {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		default:
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

// integer returns the JSON number v as an int64 if it is a whole number.
func integer(v []byte) (int64, bool) {
	if len(v) == 0 || v[0] == '"' {
		return 0, false
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		// 3.0 and 3e0 are whole numbers too (some JSON writers emit them).
		f, ferr := strconv.ParseFloat(string(v), 64)
		if ferr != nil || f != float64(int64(f)) {
			return 0, false
		}
		return int64(f), true
	}
	return n, true
}

// elems calls f with each element of the JSON array v (checked by
// skipValue) and reports whether v is an array.
func (s *scanner) elems(v []byte, f func(e []byte) error) (bool, error) {
	if len(v) < 2 || v[0] != '[' {
		return false, nil
	}
	i := skipSpace(v, 1)
	if v[i] == ']' {
		return true, nil
	}
	sub := scanner{line: v}
	for {
		e, _ := sub.skipValue(i)
		if err := f(v[i:e]); err != nil {
			return true, err
		}
		i = skipSpace(v, e)
		if v[i] == ']' {
			return true, nil
		}
		i = skipSpace(v, i+1)
	}
}

// members calls f with each key (unescaped) and value of the JSON object
// v (checked by skipValue) and reports whether v is an object.
func (s *scanner) members(v []byte, f func(k, val []byte) error) (bool, error) {
	if len(v) < 2 || v[0] != '{' {
		return false, nil
	}
	i := skipSpace(v, 1)
	if v[i] == '}' {
		return true, nil
	}
	sub := scanner{line: v}
	for {
		ks, ke, _ := sub.skipString(i)
		key, _ := s.str(v[ks:ke])
		i = skipSpace(v, ke)
		vs := skipSpace(v, i+1)
		ve, _ := sub.skipValue(vs)
		if err := f(key, v[vs:ve]); err != nil {
			return true, err
		}
		i = skipSpace(v, ve)
		if v[i] == '}' {
			return true, nil
		}
		i = skipSpace(v, i+1)
	}
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendFloat appends x as a JSON number: the shortest form that reads
// back as the same float64. JSON has no NaN or infinity; they are written
// as null (validated preferences never hold them).
func appendFloat(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

func appendFloats(b []byte, xs []float64) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFloat(b, x)
	}
	return append(b, ']')
}

// appendInts appends xs as a JSON array, or null if xs is nil.
func appendInts(b []byte, xs []int) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, ']')
}
