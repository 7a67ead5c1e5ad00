package configs

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/internal/safetext"
)

// A source is one TOML text being loaded: its file name, its lines and
// where each key is written.
type source struct {
	file  string
	lines []string
	locs  map[string]loc
}

// parseTOML parses data and returns the document as a tree of
// map[string]any, []map[string]any (arrays of tables), []any, string,
// int64, float64, bool and time values. A syntax error is an *Error with
// the line, column and caret of toml.ParseError.
func parseTOML(data []byte, file string) (*source, map[string]any, error) {
	text := string(stripBOM(data))
	src := &source{file: file, lines: strings.Split(text, "\n")}
	var root map[string]any
	if _, err := toml.Decode(text, &root); err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			return nil, nil, &Error{File: file, Msg: err.Error(), Err: err}
		}
		e := &Error{File: file, Line: pe.Position.Line, Col: max(pe.Position.Col, 1), Len: pe.Position.Len,
			Msg: "syntax error: " + pe.Message, Err: pe}
		e.Text = src.line(e.Line)
		// Point at the control character the parser complains about.
		if strings.Contains(pe.Message, "control character") {
			if i := strings.IndexFunc(e.Text, safetext.IsControl); i >= 0 && e.Text[i] != '\t' {
				e.Col, e.Len = i+1, 1
			}
		}
		if e.Col > len(e.Text)+1 {
			e.Col = len(e.Text) + 1
		}
		return nil, nil, e
	}
	src.locs = locate(text)
	return src, root, nil
}

// line returns source line n (1-based) without its line ending.
func (s *source) line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	return strings.TrimRight(s.lines[n-1], "\r")
}

// find returns where path, or failing that its closest written ancestor,
// is written.
func (s *source) find(path string) (loc, bool) {
	for {
		if l, ok := s.locs[path]; ok {
			return l, true
		}
		if path == "" {
			return loc{}, false
		}
		path = parent(path)
	}
}

// raw returns the value at path as written, if it is on one line and
// short enough to quote in a message.
func (s *source) raw(path string) (string, bool) {
	l, ok := s.locs[path]
	if !ok || l.val.line == 0 || l.val.col < 1 {
		return "", false
	}
	text := s.line(l.val.line)
	end := l.val.col - 1 + l.val.n
	if end > len(text) {
		return "", false
	}
	raw := text[l.val.col-1 : end]
	open := strings.HasPrefix(raw, "[") && !strings.HasSuffix(raw, "]") ||
		strings.HasPrefix(raw, "{") && !strings.HasSuffix(raw, "}") ||
		strings.HasPrefix(raw, `"""`) || strings.HasPrefix(raw, "'''")
	if len(raw) > 40 || open {
		return "", false
	}
	return raw, true
}

// errAt returns an Error about the key at path: pointing at its value when
// onValue is set, else at the key itself.
func (s *source) errAt(path string, onValue bool, cause error, format string, args ...any) *Error {
	e := &Error{File: s.file, Key: display(path), Msg: fmt.Sprintf(format, args...), Err: cause}
	if l, ok := s.find(path); ok {
		sp := l.key
		if onValue && l.val.line > 0 {
			sp = l.val
		}
		e.Line, e.Col, e.Len = sp.line, sp.col, sp.n
		e.Text = s.line(sp.line)
	}
	return e
}

// A table is one TOML table of the document being loaded, at path.
type table struct {
	src  *source
	path string
	m    map[string]any
}

// key returns the path of key k of t.
func (t *table) key(k string) string { return join(t.path, k) }

// name returns how the table is written in the file: "[relationship]",
// "[[strategies]]", or "the top level".
func (t *table) name() string {
	switch {
	case t.path == "":
		return "the top level"
	case strings.HasSuffix(t.path, "]"):
		return "[[" + display(t.path) + "]]"
	}
	return "[" + display(t.path) + "]"
}

// check reports the first key of t (in file order) that is not allowed,
// suggesting the closest allowed one.
func (t *table) check(allowed ...string) error {
	var bad []string
	for k := range t.m {
		if !slices.Contains(allowed, k) {
			bad = append(bad, k)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	slices.SortFunc(bad, func(a, b string) int {
		la, _ := t.src.find(t.key(a))
		lb, _ := t.src.find(t.key(b))
		return cmp.Or(cmp.Compare(la.key.line, lb.key.line), cmp.Compare(la.key.col, lb.key.col), strings.Compare(a, b))
	})
	k := bad[0]
	where := ""
	if t.path != "" {
		where = " in " + t.name()
	}
	if s := didyoumean.Closest(k, allowed); s != "" {
		return t.src.errAt(t.key(k), false, nil, "unknown key %q%s (did you mean %q?)", k, where, s)
	}
	return t.src.errAt(t.key(k), false, nil, "unknown key %q%s (valid keys: %s)", k, where, strings.Join(allowed, ", "))
}

// missing returns the error for a required key k absent from t.
func (t *table) missing(k, hint string) error {
	return t.src.errAt(t.path, false, nil, "%s has no %s: %s", t.name(), k, hint)
}

// bad returns the error for key k whose value is not what is allowed.
func (t *table) bad(k string, cause error, allowed string, args ...any) error {
	return t.src.errAt(t.key(k), true, cause, "%s = %s: %s", display(t.key(k)), t.show(k), fmt.Sprintf(allowed, args...))
}

// show writes the value of key k as the file does, shortened if long.
func (t *table) show(k string) string {
	if raw, ok := t.src.raw(t.key(k)); ok {
		return raw
	}
	switch v := t.m[k].(type) {
	case string:
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return strconv.Quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case map[string]any:
		return "{...}"
	case []any, []map[string]any:
		return "[...]"
	}
	return fmt.Sprint(t.m[k])
}

// integer returns the integer at key k, def if absent; it must lie in
// lo..hi.
func (t *table) integer(k string, def, lo, hi int64) (int64, error) {
	v, ok := t.m[k]
	if !ok {
		return def, nil
	}
	n, isInt := v.(int64)
	if !isInt || n < lo || n > hi {
		return 0, t.bad(k, nil, "must be %s", intRange(lo, hi))
	}
	return n, nil
}

func intRange(lo, hi int64) string {
	switch {
	case hi == math.MaxInt64 && lo == 0:
		return "a non-negative integer"
	case hi == math.MaxInt64:
		return fmt.Sprintf("an integer ≥ %d", lo)
	}
	return fmt.Sprintf("an integer %d..%d", lo, hi)
}

// number returns the number (integer or float) at key k, def if absent;
// it must lie in lo..hi.
func (t *table) number(k string, def, lo, hi float64) (float64, error) {
	v, ok := t.m[k]
	if !ok {
		return def, nil
	}
	x, isNum := toFloat(v)
	if !isNum || !(x >= lo && x <= hi) {
		return 0, t.bad(k, nil, "must be a number %v..%v", lo, hi)
	}
	return x, nil
}

// fraction returns the number at key k, def if absent; it must lie in
// [0, 1).
func (t *table) fraction(k string, def float64) (float64, error) {
	x, err := t.number(k, def, 0, 1)
	if err != nil || x == 1 {
		return 0, t.bad(k, nil, "must be a number 0..1, below 1")
	}
	return x, nil
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// boolean returns the boolean at key k, def if absent.
func (t *table) boolean(k string, def bool) (bool, error) {
	v, ok := t.m[k]
	if !ok {
		return def, nil
	}
	b, isBool := v.(bool)
	if !isBool {
		return false, t.bad(k, nil, "must be true or false")
	}
	return b, nil
}

// str returns the string at key k, def if absent. what describes an
// allowed value for the error message.
func (t *table) str(k, def, what string) (string, error) {
	v, ok := t.m[k]
	if !ok {
		return def, nil
	}
	s, isStr := v.(string)
	if !isStr {
		return "", t.bad(k, nil, "must be %s", what)
	}
	return s, nil
}

// label returns a non-empty one-line string of at most max bytes at key k,
// def if absent.
func (t *table) label(k, def string, maxLen int) (string, error) {
	what := fmt.Sprintf("a non-empty one-line string of at most %d bytes", maxLen)
	s, err := t.str(k, def, what)
	if err != nil {
		return "", err
	}
	if _, ok := t.m[k]; ok && (s == "" || len(s) > maxLen || strings.ContainsFunc(s, safetext.IsControl)) {
		return "", t.bad(k, nil, "must be %s", what)
	}
	return s, nil
}

// textual returns the string at key k like str, refusing control
// characters (isControl) other than newlines and tabs, which a multi-line
// text such as a description may hold.
func (t *table) textual(k, def, what string) (string, error) {
	s, err := t.str(k, def, what)
	if err != nil {
		return "", err
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r != '\n' && r != '\t' && safetext.IsControl(r) }) {
		return "", t.bad(k, nil, "must be %s, without control characters", what)
	}
	return s, nil
}

// choice returns the string at key k, def if absent; it must be one of
// allowed.
func (t *table) choice(k, def string, allowed ...string) (string, error) {
	what := "one of " + quoteAll(allowed)
	s, err := t.str(k, def, what)
	if err != nil {
		return "", err
	}
	if !slices.Contains(allowed, s) {
		return "", t.bad(k, nil, "must be %s", what)
	}
	return s, nil
}

// quoteAll writes names as "a", "b" or "c".
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// sub returns the table at key k, or nil if absent.
func (t *table) sub(k string) (*table, error) {
	v, ok := t.m[k]
	if !ok {
		return nil, nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		return nil, t.bad(k, nil, "must be a table ([%s] or %s = { ... })", display(t.key(k)), k)
	}
	return &table{src: t.src, path: t.key(k), m: m}, nil
}

// tables returns the array of tables at key k ([[k]] sections, or an
// inline array of inline tables), or nil if absent.
func (t *table) tables(k string) ([]*table, error) {
	v, ok := t.m[k]
	if !ok {
		return nil, nil
	}
	var ms []map[string]any
	switch x := v.(type) {
	case []map[string]any:
		ms = x
	case []any:
		for _, el := range x {
			m, isMap := el.(map[string]any)
			if !isMap {
				ms = nil
				break
			}
			ms = append(ms, m)
		}
		if len(ms) != len(x) {
			return nil, t.bad(k, nil, "must be an array of tables ([[%s]] sections)", display(t.key(k)))
		}
	default:
		return nil, t.bad(k, nil, "must be an array of tables ([[%s]] sections)", display(t.key(k)))
	}
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = &table{src: t.src, path: index(t.key(k), i), m: m}
	}
	return out, nil
}
