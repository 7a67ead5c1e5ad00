package results

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Files of a run folder that record how the run was made.
const (
	// ConfigFile is the configuration the run was made from, with the
	// command line's overrides written in: `winwin run RUN_DIR/config.toml`
	// makes the same run again.
	ConfigFile = "config.toml"
	// DomainFile is a copy of the domain file the configuration named, if
	// it named one; ConfigFile's domain key names this copy, so the folder
	// describes its domain without reading anything outside it.
	DomainFile = "domain.toml"
)

// An Override is a top-level setting of a configuration given on the
// command line instead (winwin run --seed 8): the key it sets and the
// value used.
type Override struct {
	Key   string `json:"key"`
	Value int64  `json:"value"`
}

// EffectiveConfig returns the configuration text source with each
// override written in and, when domain is not "", its domain key set to
// the string domain: the text that reproduces a run made from source with
// those overrides. A key the text sets at its top level to another value
// is rewritten on its line; a key it leaves out is inserted before its
// first setting. Each line written carries a comment saying what it
// replaced.
//
// The result is checked: it must decode to the document of source with
// exactly those keys changed, or EffectiveConfig returns an error (a key
// written in a way it does not rewrite, such as inside a multi-line
// string).
func EffectiveConfig(source string, overrides []Override, domain string) (string, error) {
	return EffectiveConfigWhy(source, overrides, domain, "")
}

// EffectiveConfigWhy is EffectiveConfig with the comment of the domain
// line given: why, when not "", says where the domain came from (a
// --domain flag); otherwise the comment names what the file said.
func EffectiveConfigWhy(source string, overrides []Override, domain, why string) (string, error) {
	var before map[string]any
	if _, err := toml.Decode(source, &before); err != nil {
		return "", fmt.Errorf("results: configuration: %w", err)
	}
	type setting struct {
		key, value string
		want       any
	}
	var set []setting
	var names, seen []string
	for _, o := range overrides {
		if slices.Contains(seen, o.Key) {
			return "", fmt.Errorf("results: %s is overridden twice", o.Key)
		}
		seen = append(seen, o.Key)
		// A key that already says what it should keeps its line, so
		// that the text of a run folder runs again to the same text.
		if before[o.Key] != o.Value {
			set = append(set, setting{o.Key, strconv.FormatInt(o.Value, 10), o.Value})
			names = append(names, o.Key)
		}
	}
	if domain != "" && before["domain"] != domain {
		set = append(set, setting{"domain", strconv.Quote(domain), domain})
		names = append(names, "domain")
	}
	if len(set) == 0 {
		return source, nil
	}
	what := strings.Join(names, ", ")
	bom := ""
	if rest, ok := strings.CutPrefix(source, "\uFEFF"); ok {
		bom, source = "\uFEFF", rest
	}
	lines := strings.SplitAfter(source, "\n")
	eol := "\n"
	if strings.HasSuffix(lines[0], "\r\n") {
		eol = "\r\n"
	}
	top := topLevelLines(lines, names)
	var insert []string
	for _, s := range set {
		comment := note(s.key, before[s.key])
		if s.key == "domain" && why != "" {
			comment = why
		}
		line := s.key + " = " + s.value + "  # " + comment + eol
		i := top[s.key]
		if i < 0 {
			insert = append(insert, line)
			continue
		}
		lines[i] = line
	}
	at := firstSetting(lines)
	if at == len(lines) && len(insert) > 0 && lines[at-1] != "" && !strings.HasSuffix(lines[at-1], "\n") {
		lines[at-1] += eol
	}
	lines = append(lines[:at], append(insert, lines[at:]...)...)
	text := bom + strings.Join(lines, "")

	var after map[string]any
	if _, err := toml.Decode(text, &after); err != nil {
		return "", fmt.Errorf("results: cannot write %s into the configuration: %w", what, err)
	}
	for _, s := range set {
		before[s.key] = s.want
	}
	if !reflect.DeepEqual(before, after) {
		return "", fmt.Errorf("results: cannot write %s into the configuration: it sets them in a way this program does not rewrite; set them at the top of the file instead",
			what)
	}
	return text, nil
}

// note says what an effective configuration's line replaced.
func note(key string, was any) string {
	switch {
	case key == "domain" && was != nil:
		if m, ok := was.(map[string]any); ok && m["genius"] != nil {
			return fmt.Sprintf("the GENIUS scenario %q, imported", fmt.Sprint(m["genius"]))
		}
		return fmt.Sprintf("a copy of the domain file %q", fmt.Sprint(was))
	case was != nil:
		return fmt.Sprintf("set on the command line; the file said %v", was)
	}
	return "set on the command line"
}

// topKeyLine matches a line that sets a top-level key: the key bare or
// quoted, then "=".
var topKeyLine = regexp.MustCompile(`^[ \t]*(?:([A-Za-z0-9_-]+)|"([A-Za-z0-9_-]+)"|'([A-Za-z0-9_-]+)')[ \t]*=`)

// topLevelLines returns the line index at which each of keys is set at
// the top level of the TOML text lines (before the first table header),
// or -1 for keys not found. Lines inside multi-line strings are skipped.
func topLevelLines(lines, keys []string) map[string]int {
	idx := map[string]int{}
	for _, k := range keys {
		idx[k] = -1
	}
	inString := ""
	for i, l := range lines {
		if inString != "" {
			if strings.Count(l, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			break
		}
		if m := topKeyLine.FindStringSubmatch(l); m != nil {
			k := m[1] + m[2] + m[3]
			if j, ok := idx[k]; ok && j < 0 {
				idx[k] = i
			}
		}
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(l, q)%2 == 1 {
				inString = q
				break
			}
		}
	}
	return idx
}

// firstSetting returns the index of the first line that is neither blank
// nor a comment: keys inserted there are at the top level, after the
// file's opening comments.
func firstSetting(lines []string) int {
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			return i
		}
	}
	return len(lines)
}
