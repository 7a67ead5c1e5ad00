package play

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/internal/didyoumean"
)

// A Command is what a line typed by the player asks for.
type Command uint8

// The commands a player can type.
const (
	// Empty: an empty line.
	Empty Command = iota
	// Offer: an offer, complete or partial (Input.Terms).
	Offer
	// Accept the partner's offer.
	Accept
	// Walk away from this deal.
	Walk
	// Hint: ask the coach.
	Hint
	// Help: show how to type moves.
	Help
	// Hold: repeat one's previous offer (with Input.Tags, if any).
	Hold
	// Prompt: make an offer issue by issue.
	Prompt
	// Quit: walk away and end the session.
	Quit
)

// An Input is one line typed by the player, understood.
type Input struct {
	Command Command
	// Terms are the options of an offer by issue index: a partial offer
	// leaves issues out.
	Terms map[int]int
	// Tags are the signals the player adds to the move ("why", "flinch").
	Tags agents.Tags
	// Notes say how tolerant matches were read ("30d → 4 weeks, the
	// nearest option"), to be shown back to the player.
	Notes []string
}

// commandWords maps whole lines to commands.
var commandWords = map[string]Command{
	"?": Hint, "hint": Hint, "coach": Hint, "help": Help, "h": Help,
	"accept": Accept, "a": Accept, "yes": Accept, "y": Accept, "ok": Accept, "deal": Accept, "agree": Accept, "agreed": Accept,
	"walk": Walk, "walk away": Walk, "walkaway": Walk, "w": Walk, "no deal": Walk, "leave": Walk,
	"quit": Quit, "exit": Quit, "q": Quit, "bye": Quit,
	"offer": Prompt, "o": Prompt, "counter": Prompt,
	"same": Hold, "hold": Hold, "again": Hold, "repeat": Hold,
}

// tagWords maps words a player may add to a move to the signals they send.
var tagWords = map[string]agents.Tag{
	"why": agents.TagAskWhy, "ask": agents.TagAskWhy, "ask-why": agents.TagAskWhy, "how": agents.TagAskWhy,
	"flinch": agents.TagFlinch, "justify": agents.TagJustify, "because": agents.TagJustify,
	"disclose": agents.TagDisclose, "priorities": agents.TagDisclose,
	"unhappy": agents.TagDissatisfied, "dissatisfied": agents.TagDissatisfied,
	"reprice": agents.TagReprice, "re-price": agents.TagReprice,
	"unbundle": agents.TagUnbundle, "anchor": agents.TagAnchor,
}

// TagWords lists the words that add a signal to a move, one per signal,
// for help texts.
var TagWords = []struct {
	Word string
	Tag  agents.Tag
}{
	{"why", agents.TagAskWhy}, {"flinch", agents.TagFlinch}, {"justify", agents.TagJustify},
	{"disclose", agents.TagDisclose}, {"unhappy", agents.TagDissatisfied}, {"reprice", agents.TagReprice},
	{"unbundle", agents.TagUnbundle}, {"anchor", agents.TagAnchor},
}

// keyRE finds "issue=" (or "issue:") in an offer line.
var keyRE = regexp.MustCompile(`([\p{L}_][\p{L}\p{N}_\-]*)\s*[=:]\s*`)

// ParseInput reads one line typed by the player: a command (accept, walk,
// ?, help, quit, offer, same), signal words (why, flinch, …), and an offer
// written issue=option, tolerant of case, prefixes, currency signs,
// thousands separators and units: "price=$400,000 delivery=30d",
// "Price: 400k, deliv=2 weeks". In a domain of one issue a bare option
// ("400k") is an offer too. An error says what was wrong and what would
// be right.
func ParseInput(d *agents.Domain, line string) (Input, error) {
	s := strings.TrimSpace(line)
	low := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if low == "" {
		return Input{Command: Empty}, nil
	}
	if c, ok := commandWords[strings.TrimSuffix(low, ".")]; ok {
		return Input{Command: c}, nil
	}
	locs := keyRE.FindAllStringSubmatchIndex(s, -1)
	in := Input{Command: Offer, Terms: map[int]int{}}
	if len(locs) == 0 {
		// Signal words alone, maybe after a command word: "same why",
		// "why". Or a bare option in a domain of one issue.
		words := strings.Fields(low)
		var rest []string
		cmd := Hold
		for i, w := range words {
			w = strings.Trim(w, "+,;.!")
			if t, ok := tagWords[w]; ok {
				in.Tags |= t
				continue
			}
			if c, ok := commandWords[w]; ok && i == 0 && (c == Hold || c == Prompt || c == Walk) {
				cmd = c
				continue
			}
			rest = append(rest, w)
		}
		if len(rest) == 0 {
			in.Command, in.Terms = cmd, nil
			return in, nil
		}
		if len(d.Issues) == 1 {
			k, note, err := MatchOption(&d.Issues[0], strings.Join(rest, " "))
			if err != nil {
				// "accpet", "$360k why unhapy": a misspelt word, not an option.
				if e := misspelt(rest); e != nil {
					return Input{}, e
				}
				if len(rest) > 1 {
					if _, _, err2 := MatchOption(&d.Issues[0], rest[0]); err2 == nil {
						return Input{}, notUnderstood(rest[1], "after "+rest[0])
					}
				}
				return Input{}, err
			}
			in.Terms[0] = k
			if note != "" {
				in.Notes = append(in.Notes, note)
			}
			return in, nil
		}
		if e := misspelt(rest); e != nil {
			return Input{}, e
		}
		return Input{}, fmt.Errorf("I did not understand %q. Type an offer as issue=option (%s), or accept, walk, ? for a hint, help", s, example(d))
	}
	// Words before the first issue are signals.
	for _, w := range strings.Fields(strings.ToLower(s[:locs[0][0]])) {
		w = strings.Trim(w, "+,;.!")
		t, ok := tagWords[w]
		if !ok {
			return Input{}, notUnderstood(w, "before the offer")
		}
		in.Tags |= t
	}
	for j, loc := range locs {
		name := s[loc[2]:loc[3]]
		end := len(s)
		if j+1 < len(locs) {
			end = locs[j+1][0]
		}
		value := strings.Trim(strings.TrimSpace(s[loc[1]:end]), ",;")
		i, err := MatchIssue(d, name)
		if err != nil {
			return Input{}, err
		}
		// Trailing signal words: "price=400k why". A misspelt one
		// ("price=400k why unhapy") is an error, never dropped in silence.
		words := strings.Fields(value)
		for len(words) > 1 {
			w := strings.ToLower(strings.Trim(words[len(words)-1], "+,;.!"))
			t, ok := tagWords[w]
			if !ok {
				break
			}
			in.Tags |= t
			words = words[:len(words)-1]
		}
		value = strings.Trim(strings.Join(words, " "), ",;")
		if value == "" {
			return Input{}, fmt.Errorf("%s= needs an option: %s", d.Issues[i].Name, describeOptions(&d.Issues[i]))
		}
		if _, dup := in.Terms[i]; dup {
			return Input{}, fmt.Errorf("%s is given twice", d.Issues[i].Name)
		}
		k, note, err := MatchOption(&d.Issues[i], value)
		if err != nil {
			// The option may be fine and a word after it not: say which.
			for j := len(words) - 1; j >= 1; j-- {
				if _, _, err2 := MatchOption(&d.Issues[i], strings.Join(words[:j], " ")); err2 == nil {
					bad := strings.ToLower(strings.Trim(words[j], "+,;.!"))
					for _, w := range words[j:] {
						if w = strings.ToLower(strings.Trim(w, "+,;.!")); tagWords[w] == 0 {
							bad = w
							break
						}
					}
					return Input{}, notUnderstood(bad, "after "+d.Issues[i].Name+"="+strings.Join(words[:j], " "))
				}
			}
			return Input{}, err
		}
		in.Terms[i] = k
		if note != "" {
			in.Notes = append(in.Notes, note)
		}
	}
	return in, nil
}

// normalize lowercases s and drops spaces, currency signs and separators,
// so that "Net 30", "net30" and "NET-30" compare equal.
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '$', '€', '£', ',', '_', '-', '"', '\'':
			return -1
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, strings.ToLower(s))
}

// MatchIssue finds the issue called name: exactly, ignoring case and
// separators, or by a prefix that only one issue has.
func MatchIssue(d *agents.Domain, name string) (int, error) {
	n := normalize(name)
	var hits []int
	for i, is := range d.Issues {
		if normalize(is.Name) == n {
			return i, nil
		}
		if n != "" && strings.HasPrefix(normalize(is.Name), n) {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		msg := fmt.Sprintf("there is no issue %q", name)
		if s := closest(n, issueNames(d)); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		return -1, fmt.Errorf("%s. The issues are %s", msg, strings.Join(issueNames(d), ", "))
	}
	var names []string
	for _, i := range hits {
		names = append(names, d.Issues[i].Name)
	}
	return -1, fmt.Errorf("%q could be %s: type more of the name", name, strings.Join(names, " or "))
}

func issueNames(d *agents.Domain) []string {
	out := make([]string, len(d.Issues))
	for i, is := range d.Issues {
		out[i] = is.Name
	}
	return out
}

// itemOut and itemIn are the words for leaving a bundle item out or in.
var (
	itemOut = []string{"no", "none", "out", "without", "exclude", "excluded", "drop", "dropped", "leftout", "0", "false", "off", "n"}
	itemIn  = []string{"yes", "in", "with", "include", "included", "incl", "true", "on", "y", "1"}
)

// MatchOption finds the option of issue is that text names: its label
// (ignoring case, spaces, currency signs and separators), a prefix only
// one label has, the nearest option to a number ("400k", "$400,000",
// "30d" for a label "4 weeks", "18 months" for "1 year"), or for a bundle
// item yes/no. note says how a number was rounded to the nearest option
// ("" when it matched exactly).
func MatchOption(is *agents.Issue, text string) (k int, note string, err error) {
	t := normalize(text)
	if t == "" {
		return -1, "", fmt.Errorf("%s needs an option: %s", is.Name, describeOptions(is))
	}
	for k, o := range is.Options {
		if normalize(o) == t {
			return k, "", nil
		}
	}
	if is.Item {
		if slices.Contains(itemOut, t) {
			return 0, "", nil
		}
		if slices.Contains(itemIn, t) {
			if len(is.Options) == 2 {
				return 1, "", nil
			}
			return -1, "", fmt.Errorf("%s can be included in several ways: %s", is.Name, describeOptions(is))
		}
	}
	if x, unit, ok := parseNumber(text, hasTimeUnits(is)); ok {
		return nearestOption(is, text, x, unit)
	}
	var hits []int
	for k, o := range is.Options {
		if strings.HasPrefix(normalize(o), t) {
			hits = append(hits, k)
		}
	}
	if len(hits) == 1 {
		return hits[0], "", nil
	}
	if len(hits) == 0 {
		// A number inside words: "net 45".
		if m := labelNumRE.FindStringSubmatch(text); m != nil {
			if x, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64); err == nil {
				return nearestOption(is, text, x, strings.ToLower(m[2]))
			}
		}
	}
	if len(hits) > 1 {
		var labels []string
		for _, k := range hits {
			labels = append(labels, is.Options[k])
		}
		return -1, "", fmt.Errorf("%q could be %s: type more of it", text, strings.Join(labels, " or "))
	}
	return -1, "", fmt.Errorf("%s has no option %q: %s", is.Name, text, describeOptions(is))
}

// numRE matches a number with optional currency sign, thousands
// separators and decimals, and what follows it.
var numRE = regexp.MustCompile(`^[$€£]?\s*([0-9][0-9,_]*(?:\.[0-9]+)?|\.[0-9]+)\s*(.*)$`)

// labelNumRE finds the first number in an option label.
var labelNumRE = regexp.MustCompile(`([0-9][0-9,]*(?:\.[0-9]+)?)\s*([\p{L}/]*)`)

// parseNumber reads "400k", "$400,000", "1.2m", "30d", "2 weeks". A
// trailing k, m (million, unless the issue counts time: then months) or
// bn multiplies; any other trailing word is returned as the unit.
func parseNumber(text string, timeIssue bool) (float64, string, bool) {
	m := numRE.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return 0, "", false
	}
	x, err := strconv.ParseFloat(strings.NewReplacer(",", "", "_", "").Replace(m[1]), 64)
	if err != nil {
		return 0, "", false
	}
	unit := strings.ToLower(strings.TrimSpace(m[2]))
	switch unit {
	case "k", "thousand", "grand":
		return x * 1e3, "", true
	case "bn", "billion":
		return x * 1e9, "", true
	case "mn", "million", "mio":
		return x * 1e6, "", true
	case "m":
		if !timeIssue {
			return x * 1e6, "", true
		}
	}
	return x, unit, true
}

// timeUnits gives the length in days of the time units a label or an
// offer may use.
var timeUnits = map[string]float64{
	"d": 1, "day": 1, "days": 1,
	"w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7,
	"m": 30.44, "mo": 30.44, "mos": 30.44, "mon": 30.44, "month": 30.44, "months": 30.44,
	"y": 365.25, "yr": 365.25, "yrs": 365.25, "year": 365.25, "years": 365.25,
}

// labelNumber returns the number in an option label and its unit
// ("4 weeks" → 4, "weeks"; "net 30" → 30, "").
func labelNumber(is *agents.Issue, k int) (float64, string, bool) {
	if is.Numeric != nil {
		return is.Numeric[k], "", true
	}
	m := labelNumRE.FindStringSubmatch(is.Options[k])
	if m == nil {
		return 0, "", false
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil {
		return 0, "", false
	}
	return x, strings.ToLower(m[2]), true
}

func hasTimeUnits(is *agents.Issue) bool {
	for k := range is.Options {
		if _, u, ok := labelNumber(is, k); ok {
			if _, t := timeUnits[u]; t {
				return true
			}
		}
	}
	return false
}

// nearestOption picks the option whose number is nearest x (converted
// between time units when both have one), or explains why none is.
func nearestOption(is *agents.Issue, text string, x float64, unit string) (int, string, error) {
	vd, valueTime := timeUnits[unit]
	if unit != "" && !(valueTime && hasTimeUnits(is)) && !unitFits(is, unit) {
		// "$380,000 why unhapy": words after a number that are no unit of
		// this issue are not thrown away.
		return -1, "", fmt.Errorf("%s has no option %q: %s", is.Name, strings.TrimSpace(text), describeOptions(is))
	}
	type cand struct {
		k int
		v float64
	}
	var cs []cand
	for k := range is.Options {
		y, u, ok := labelNumber(is, k)
		if !ok {
			continue
		}
		if ld, labelTime := timeUnits[u]; labelTime && valueTime {
			cs = append(cs, cand{k, y * ld / vd}) // the label in the value's unit
		} else {
			cs = append(cs, cand{k, y})
		}
	}
	if len(cs) == 0 {
		return -1, "", fmt.Errorf("%s has no option %q: %s", is.Name, text, describeOptions(is))
	}
	best := cs[0]
	lo, hi := cs[0].v, cs[0].v
	for _, c := range cs[1:] {
		if math.Abs(c.v-x) < math.Abs(best.v-x) {
			best = c
		}
		lo, hi = min(lo, c.v), max(hi, c.v)
	}
	tol := 0.5 * math.Abs(lo)
	if len(cs) > 1 {
		tol = 0.5 * (hi - lo) / float64(len(cs)-1)
	}
	if x < lo-tol-1e-9 || x > hi+tol+1e-9 {
		msg := fmt.Sprintf("%s has no option near %q: %s", is.Name, text, describeOptions(is))
		if is.Numeric != nil {
			for _, f := range []float64{1e3, 1e6} {
				if y := x * f; y >= lo-tol && y <= hi+tol {
					msg += fmt.Sprintf(" (did you mean %s? type %sk)", is.Options[nearestIndex(is.Numeric, y)], strings.TrimSuffix(agents.FormatNumber(y/1e3), ".0"))
					break
				}
			}
		}
		return -1, "", fmt.Errorf("%s", msg)
	}
	if math.Abs(best.v-x) > 0.005*math.Max(1e-9, math.Abs(x)) { // unit conversions are not exact
		return best.k, fmt.Sprintf("%s=%s → %s, the nearest option", is.Name, strings.TrimSpace(text), is.Options[best.k]), nil
	}
	return best.k, "", nil
}

// unitFits reports whether unit, typed after a number, is the unit of
// some option label of is ("units" or "unit" for "5,000 units", "/unit"
// for "$120/unit"), or a word for its currency.
func unitFits(is *agents.Issue, unit string) bool {
	norm := func(u string) string {
		u = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(u, "/"), "per "))
		return strings.TrimSuffix(u, "s")
	}
	u := norm(unit)
	if u == "" {
		return true
	}
	for _, o := range is.Options {
		if strings.Contains(o, "$") && (u == "dollar" || u == "usd") {
			return true
		}
		if m := labelNumRE.FindStringSubmatch(o); m != nil {
			if lu := norm(strings.ToLower(m[2])); lu != "" && strings.HasPrefix(lu, u) {
				return true
			}
		}
	}
	return false
}

func nearestIndex(xs []float64, y float64) int {
	b := 0
	for k, x := range xs {
		if math.Abs(x-y) < math.Abs(xs[b]-y) {
			b = k
		}
	}
	return b
}

// describeOptions lists an issue's options for a help message: all of
// them when few, else the range.
func describeOptions(is *agents.Issue) string {
	n := len(is.Options)
	switch {
	case n <= 8:
		return "the options are " + strings.Join(is.Options, ", ")
	case is.Numeric != nil && n > 1:
		return fmt.Sprintf("from %s to %s in steps of %s", is.Options[0], is.Options[n-1], stepLabel(is))
	}
	return fmt.Sprintf("the options are %s, %s, … %s (%d in all)", is.Options[0], is.Options[1], is.Options[n-1], n)
}

// stepLabel writes the step of a numeric issue like its labels: "$10,000".
func stepLabel(is *agents.Issue) string {
	step := is.Numeric[1] - is.Numeric[0]
	lab := is.Options[0]
	num := agents.FormatNumber(is.Numeric[0])
	if i := strings.Index(lab, num); i >= 0 {
		return lab[:i] + agents.FormatNumber(step) + lab[i+len(num):]
	}
	return agents.FormatNumber(step)
}

// example writes an example offer in the domain's words: its first two
// issues at their middle options.
func example(d *agents.Domain) string {
	var parts []string
	for i, is := range d.Issues {
		if i == 2 {
			break
		}
		parts = append(parts, is.Name+"="+is.Options[len(is.Options)/2])
	}
	return strings.Join(parts, " ")
}

func tagList() string {
	var ws []string
	for _, t := range TagWords {
		ws = append(ws, t.Word)
	}
	return strings.Join(ws, ", ")
}

// notUnderstood is the error for a word that is neither a signal nor part
// of an option, where says where it stood ("after price=$380,000"), with
// the signal or command it likely misspells.
func notUnderstood(w, where string) error {
	msg := fmt.Sprintf("I did not understand %q %s", w, where)
	if s := didyoumean.Closest(w, moveWords()); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return fmt.Errorf("%s. Signals you can add: %s", msg, tagList())
}

// misspelt returns an error naming the first of words that looks like a
// misspelt command or signal ("accpet": did you mean accept?), or nil.
func misspelt(words []string) error {
	for _, w := range words {
		if len(w) < 3 {
			continue
		}
		if s := didyoumean.Closest(w, moveWords()); s != "" && s != w {
			if _, isTag := tagWords[s]; isTag {
				return fmt.Errorf("I did not understand %q (did you mean %s?). Signals you can add: %s", w, s, tagList())
			}
			return fmt.Errorf("I did not understand %q (did you mean %s?)", w, s)
		}
	}
	return nil
}

// moveWords are the commands and signal words of three letters or more,
// sorted: the candidates a misspelt word is matched against.
func moveWords() []string {
	var out []string
	for w := range commandWords {
		if len(w) >= 3 && !strings.Contains(w, " ") {
			out = append(out, w)
		}
	}
	for w := range tagWords {
		if len(w) >= 3 {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// closest returns the name within edit distance 2 of s, if any.
func closest(s string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := didyoumean.Distance(s, normalize(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}
