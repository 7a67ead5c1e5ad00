package configs

import (
	"strconv"
	"strings"
)

// A span is a place in a source text: a 1-based line and column (in bytes)
// and a length in bytes on that line.
type span struct{ line, col, n int }

// A loc is where a key and its value are written.
type loc struct{ key, val span }

// locate maps every key of a TOML document that has already parsed
// successfully to where it is written. The TOML library reports positions
// only for syntax errors, so this small scanner recovers them for the
// loader's own errors (unknown keys, wrong types, values out of range).
//
// Paths name keys the way the loader walks the document: segments joined by
// dots, with the index of each element of an array of tables or of an
// inline array: "strategies[2].params.e", "domain.issues[0].seller.weight".
// A table header is recorded under the path of its table.
//
// The scanner trusts the document to be valid TOML; on anything else it
// stops early and returns what it found, never panicking or looping.
func locate(text string) map[string]loc {
	s := &scanner{text: text, locs: make(map[string]loc), aot: make(map[string]int)}
	s.document()
	return s.locs
}

type scanner struct {
	text string
	pos  int
	// lineStart is the offset of the current line; line its 1-based number.
	line, lineStart int
	locs            map[string]loc
	// aot counts the elements of each array of tables seen so far.
	aot map[string]int
}

func (s *scanner) eof() bool { return s.pos >= len(s.text) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.text[s.pos]
}

// advance moves one byte on, keeping count of lines.
func (s *scanner) advance() {
	if s.eof() {
		return
	}
	if s.text[s.pos] == '\n' {
		s.line++
		s.lineStart = s.pos + 1
	}
	s.pos++
}

func (s *scanner) here() span { return span{line: s.line + 1, col: s.pos - s.lineStart + 1} }

// spanTo returns the span from start to the current position, cut at the
// end of start's line.
func (s *scanner) spanTo(start span, startPos int) span {
	end := s.pos
	if i := strings.IndexByte(s.text[startPos:end], '\n'); i >= 0 {
		end = startPos + i
	}
	start.n = max(end-startPos, 1)
	return start
}

// skipBlank skips spaces and tabs, and also newlines and comments when
// lines is set.
func (s *scanner) skipBlank(lines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t':
			s.advance()
		case lines && (c == '\n' || c == '\r'):
			s.advance()
		case lines && c == '#':
			s.skipLine()
		default:
			return
		}
	}
}

// skipLine moves to the start of the next line.
func (s *scanner) skipLine() {
	for !s.eof() && s.peek() != '\n' {
		s.advance()
	}
	s.advance()
}

func (s *scanner) document() {
	prefix := ""
	for {
		s.skipBlank(true)
		if s.eof() {
			return
		}
		if s.peek() == '[' {
			start, startPos := s.here(), s.pos
			s.advance()
			array := s.peek() == '['
			if array {
				s.advance()
			}
			s.skipBlank(false)
			segs, _, ok := s.key()
			if !ok {
				return
			}
			s.skipBlank(false)
			for !s.eof() && s.peek() == ']' {
				s.advance()
			}
			sp := s.spanTo(start, startPos)
			prefix = s.resolve(segs, array, sp)
			s.locs[prefix] = loc{key: sp, val: sp}
			s.skipBlank(false)
			if s.peek() == '#' || s.peek() == '\r' || s.peek() == '\n' {
				s.skipLine()
			}
			continue
		}
		if !s.keyValue(prefix) {
			return
		}
	}
}

// resolve turns the segments of a table header into a path, indexing
// arrays of tables: the last element for a segment that names one, a new
// element for the last segment of an [[array]] header.
func (s *scanner) resolve(segs []string, array bool, at span) string {
	p := ""
	for i, seg := range segs {
		p = join(p, seg)
		if _, ok := s.locs[p]; !ok && i < len(segs)-1 {
			// [a.b] defines a implicitly, here.
			s.locs[p] = loc{key: at, val: at}
		}
		if array && i == len(segs)-1 {
			if _, ok := s.locs[p]; !ok {
				s.locs[p] = loc{key: at, val: at} // the array, at its first element
			}
			n := s.aot[p]
			s.aot[p] = n + 1
			p = index(p, n)
		} else if n, ok := s.aot[p]; ok {
			p = index(p, n-1)
		}
	}
	return p
}

// keyValue reads `key = value` and records it under prefix.
func (s *scanner) keyValue(prefix string) bool {
	start, startPos := s.here(), s.pos
	segs, end, ok := s.key()
	if !ok {
		return false
	}
	start.n = max(end-startPos, 1)
	keySpan := start
	s.skipBlank(false)
	if s.peek() != '=' {
		return false
	}
	s.advance()
	s.skipBlank(false)
	path := prefix
	for _, seg := range segs {
		path = join(path, seg)
		// A dotted key defines its tables implicitly, here.
		if _, ok := s.locs[path]; !ok {
			s.locs[path] = loc{key: keySpan, val: keySpan}
		}
	}
	vstart, vpos := s.here(), s.pos
	s.locs[path] = loc{key: keySpan, val: vstart}
	if !s.value(path) {
		return false
	}
	s.locs[path] = loc{key: keySpan, val: s.spanTo(vstart, vpos)}
	return true
}

// key reads a possibly dotted key and returns its segments and the offset
// just after its last segment.
func (s *scanner) key() ([]string, int, bool) {
	var segs []string
	for {
		s.skipBlank(false)
		var seg string
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			startPos := s.pos
			if !s.str() {
				return nil, 0, false
			}
			seg = unquoteKey(s.text[startPos:s.pos])
		case isBare(c):
			startPos := s.pos
			for !s.eof() && isBare(s.peek()) {
				s.advance()
			}
			seg = s.text[startPos:s.pos]
		default:
			return nil, 0, false
		}
		segs = append(segs, seg)
		end := s.pos
		s.skipBlank(false)
		if s.peek() != '.' {
			return segs, end, true
		}
		s.advance()
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// unquoteKey returns the text of a quoted key.
func unquoteKey(q string) string {
	if strings.HasPrefix(q, "'") {
		return strings.Trim(q, "'")
	}
	if u, err := strconv.Unquote(q); err == nil {
		return u
	}
	return strings.Trim(q, `"`)
}

// value skips one value, recording the keys of inline tables and the
// elements of arrays under path.
func (s *scanner) value(path string) bool {
	switch s.peek() {
	case '"', '\'':
		return s.str()
	case '[':
		s.advance()
		for i := 0; ; i++ {
			s.skipBlank(true)
			if s.eof() {
				return false
			}
			if s.peek() == ']' {
				s.advance()
				return true
			}
			el := index(path, i)
			start, startPos := s.here(), s.pos
			if !s.value(el) {
				return false
			}
			if _, ok := s.locs[el]; !ok {
				sp := s.spanTo(start, startPos)
				s.locs[el] = loc{key: sp, val: sp}
			}
			s.skipBlank(true)
			if s.peek() == ',' {
				s.advance()
			}
		}
	case '{':
		s.advance()
		for {
			s.skipBlank(true)
			if s.eof() {
				return false
			}
			switch s.peek() {
			case '}':
				s.advance()
				return true
			case ',':
				s.advance()
				continue
			}
			if !s.keyValue(path) {
				return false
			}
		}
	}
	// A number, boolean or date: up to the next delimiter.
	// No newline can occur inside, so stepping back over trailing blanks
	// keeps the line count right.
	startPos := s.pos
	for !s.eof() && !strings.ContainsRune(",]}#\r\n", rune(s.peek())) {
		s.advance()
	}
	for s.pos > startPos && (s.text[s.pos-1] == ' ' || s.text[s.pos-1] == '\t') {
		s.pos--
	}
	return s.pos > startPos
}

// str skips a basic, literal or multi-line string.
func (s *scanner) str() bool {
	q := s.peek()
	triple := strings.HasPrefix(s.text[s.pos:], strings.Repeat(string(q), 3))
	n := 1
	if triple {
		n = 3
	}
	for range n {
		s.advance()
	}
	for !s.eof() {
		c := s.peek()
		switch {
		case c == '\\' && q == '"':
			s.advance()
			s.advance()
		case c == q && !triple:
			s.advance()
			return true
		case c == q && strings.HasPrefix(s.text[s.pos:], strings.Repeat(string(q), 3)):
			// Up to two more quotes may end the content before the delimiter.
			run := 0
			for !s.eof() && s.peek() == q && run < 5 {
				s.advance()
				run++
			}
			return true
		case c == '\n' && !triple:
			return false
		default:
			s.advance()
		}
	}
	return false
}

// join appends a key segment to a path.
func join(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

// index appends an element index to a path.
func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// parent returns the path one level up ("" at the top), dropping the last
// segment or element index.
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// display returns the path as the file spells it: without element indices
// ("strategies.params.e").
func display(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if path[i] == '[' {
			for i < len(path) && path[i] != ']' {
				i++
			}
			continue
		}
		b.WriteByte(path[i])
	}
	return b.String()
}
