package configs

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/strategies"
)

// A Sweep is a config's [sweep] table (docs/model.md#sweeps): one or two
// of its keys, each over a list of values, and the two groups of
// entrants whose long-run payoffs the sweep's crossover compares. Every
// point of the sweep is the config with the keys set to one combination
// of values, run on the same seed: the points share their random numbers,
// so differences between them are paired.
type Sweep struct {
	// Axes are the swept keys in file order: the first varies fastest
	// along a chart's x axis, the second (if any) across its lines.
	Axes []Axis
	// WinWin and Hard name the entrants of the two groups (keys win_win
	// and hard_bargainers; by default the article's win-win strategies,
	// integrative and walk-away-disciplined, against the hard bargainers,
	// hard-anchorer and hardheaded, those of them that entered).
	WinWin, Hard []string

	points []SweepPoint
}

// An Axis is one swept key and its values.
type Axis struct {
	// Key is the dotted path of the key: "relationship.p_hi", "periods",
	// "domain", "strategies.boulware.e".
	Key    string
	Values []SweepValue
}

// A SweepValue is one value of an axis: a number, or a text (a domain).
type SweepValue struct {
	Num  float64
	Text string
}

// String returns the value as a config writes it.
func (v SweepValue) String() string {
	if v.Text != "" {
		return v.Text
	}
	return strconv.FormatFloat(v.Num, 'g', -1, 64)
}

// A SweepPoint is one point of a sweep: the values of its axes (in axis
// order) and the config they make. Index numbers the points with the
// first axis varying fastest.
type SweepPoint struct {
	Index  int
	Values []SweepValue
	Config *Config
}

// Points returns the sweep's points, first axis fastest.
func (s *Sweep) Points() []SweepPoint { return slices.Clone(s.points) }

// Limits of a sweep.
const (
	MaxSweepAxes   = 2
	MaxSweepPoints = 1000
)

// Default groups of the crossover.
var (
	DefaultWinWin = []string{"integrative", "walk-away-disciplined"}
	DefaultHard   = []string{"hard-anchorer", "hardheaded"}
)

// sweepGroupKeys are the keys of [sweep] that name groups, not axes.
var sweepGroupKeys = []string{"win_win", "hard_bargainers"}

// SweepKeys returns the keys a sweep of c may vary, for messages and
// docs: every [relationship] key, the settings that change a run's
// figures, the domain, and every parameter of every entrant.
func (c *Config) SweepKeys() []string {
	keys := []string{"periods", "rounds", "jitter", "period_jitter", "domain"}
	for _, mk := range modelKeys {
		keys = append(keys, "relationship."+mk.key)
	}
	for _, s := range c.Strategies {
		if spec, ok := strategies.Lookup(s.Strategy); ok {
			for _, p := range spec.Params {
				keys = append(keys, "strategies."+s.Name+"."+p.Name)
			}
		}
	}
	return keys
}

func (c *Config) sweep(t *table, dr domainReader) error {
	st, err := t.sub("sweep")
	if err != nil || st == nil {
		return err
	}
	sw := &Sweep{WinWin: DefaultWinWin, Hard: DefaultHard}
	for i, k := range sweepGroupKeys {
		v, ok := st.m[k]
		if !ok {
			continue
		}
		list, isList := v.([]any)
		var names []string
		for _, x := range list {
			s, isStr := x.(string)
			if !isStr || !slices.ContainsFunc(c.Strategies, func(e StrategyConfig) bool { return e.Name == s }) {
				return st.bad(k, nil, "must be a list of the entrants' names (%s)", strings.Join(entrantNamesOf(c), ", "))
			}
			names = append(names, s)
		}
		if !isList || len(names) == 0 {
			return st.bad(k, nil, "must be a non-empty list of the entrants' names (%s)", strings.Join(entrantNamesOf(c), ", "))
		}
		if i == 0 {
			sw.WinWin = names
		} else {
			sw.Hard = names
		}
	}
	// The axes are the leaves of the table: a list of values or a
	// { from, to, steps } range, under their dotted paths.
	type leaf struct {
		key, path string
		v         any
	}
	var leaves []leaf
	var walk func(prefix, path string, m map[string]any) error
	walk = func(prefix, path string, m map[string]any) error {
		for k, v := range m {
			if prefix == "" && slices.Contains(sweepGroupKeys, k) {
				continue
			}
			key, p := join(prefix, k), join(path, k)
			if sub, ok := v.(map[string]any); ok && !isRange(sub) {
				if err := walk(key, p, sub); err != nil {
					return err
				}
				continue
			}
			leaves = append(leaves, leaf{key, p, v})
		}
		return nil
	}
	if err := walk("", st.path, st.m); err != nil {
		return err
	}
	slices.SortFunc(leaves, func(a, b leaf) int {
		la, _ := t.src.find(a.path)
		lb, _ := t.src.find(b.path)
		return cmp.Or(cmp.Compare(la.key.line, lb.key.line), cmp.Compare(la.key.col, lb.key.col), strings.Compare(a.key, b.key))
	})
	allowed := c.SweepKeys()
	for _, l := range leaves {
		if !slices.Contains(allowed, l.key) {
			msg := fmt.Sprintf("[sweep] cannot vary %q", l.key)
			if s := didyoumean.Closest(l.key, allowed); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return t.src.errAt(l.path, false, nil, "%s; a sweep varies a dotted key: %s, relationship.<key>, or strategies.<name>.<parameter>", msg, strings.Join(allowed[:5], ", "))
		}
	}
	switch {
	case len(leaves) == 0:
		return st.missing("a key to vary", `give one or two keys with their values, e.g. relationship.p_hi = { from = 0.5, to = 1.0, steps = 6 } or periods = [1, 2, 5, 10]`)
	case len(leaves) > MaxSweepAxes:
		return t.src.errAt(leaves[MaxSweepAxes].path, false, nil, "[sweep] varies at most %d keys, this is the %s; run one sweep per pair of keys", MaxSweepAxes, ordinal(MaxSweepAxes+1))
	}
	for _, l := range leaves {
		ax, err := c.axis(t.src, l.key, l.path, l.v)
		if err != nil {
			return err
		}
		sw.Axes = append(sw.Axes, ax)
	}
	n := 1
	for _, ax := range sw.Axes {
		n *= len(ax.Values)
	}
	if n > MaxSweepPoints {
		return t.src.errAt(st.path, false, nil, "[sweep] has %d points, more than the %d allowed: use fewer values", n, MaxSweepPoints)
	}
	// Every point is made and checked now: a bad value is a config error
	// before anything runs.
	domains := map[string]*Config{}
	for i := range n {
		vals := make([]SweepValue, len(sw.Axes))
		paths := make([]string, len(sw.Axes))
		k := i
		for a, ax := range sw.Axes {
			vals[a] = ax.Values[k%len(ax.Values)]
			paths[a] = leaves[a].path
			if _, isList := leaves[a].v.([]any); isList {
				paths[a] = index(leaves[a].path, k%len(ax.Values))
			}
			k /= len(ax.Values)
		}
		pc, err := c.at(sw.Axes, vals, paths, dr, domains)
		if err != nil {
			return err
		}
		sw.points = append(sw.points, SweepPoint{Index: i, Values: vals, Config: pc})
	}
	c.Sweep = sw
	return nil
}

func entrantNamesOf(c *Config) []string {
	out := make([]string, len(c.Strategies))
	for i, s := range c.Strategies {
		out[i] = s.Name
	}
	return out
}

func ordinal(n int) string {
	return map[int]string{1: "first", 2: "second", 3: "third"}[n]
}

// isRange reports whether m is written as a { from, to, steps } range.
func isRange(m map[string]any) bool {
	for _, k := range []string{"from", "to", "steps"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// axis reads the values of the axis key, written at path as v.
func (c *Config) axis(src *source, key, path string, v any) (Axis, error) {
	ax := Axis{Key: key}
	textual := key == "domain"
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return ax, src.errAt(path, true, nil, "sweep.%s: give at least one value", key)
		}
		for i, el := range x {
			if textual {
				s, ok := el.(string)
				if !ok {
					return ax, src.errAt(index(path, i), true, nil, "sweep.%s: each value is a domain name or file, in quotes", key)
				}
				ax.Values = append(ax.Values, SweepValue{Text: s})
				continue
			}
			f, ok := toFloat(el)
			if !ok {
				return ax, src.errAt(index(path, i), true, nil, "sweep.%s: each value is a number", key)
			}
			ax.Values = append(ax.Values, SweepValue{Num: f})
		}
	case map[string]any:
		rt := &table{src: src, path: path, m: x}
		if err := rt.check("from", "to", "steps"); err != nil {
			return ax, err
		}
		if textual {
			return ax, src.errAt(path, true, nil, "sweep.domain: list the domains, e.g. domain = [\"supply-deal\", \"price-haggle\", \"bundle\"]")
		}
		for _, k := range []string{"from", "to", "steps"} {
			if _, ok := x[k]; !ok {
				return ax, rt.missing(k, "a range is { from = LOW, to = HIGH, steps = N } with N ≥ 2 values, ends included")
			}
		}
		from, err := rt.number("from", 0, -math.MaxFloat64, math.MaxFloat64)
		if err != nil {
			return ax, err
		}
		to, err := rt.number("to", 0, -math.MaxFloat64, math.MaxFloat64)
		if err != nil {
			return ax, err
		}
		steps, err := rt.integer("steps", 2, 2, MaxSweepPoints)
		if err != nil {
			return ax, err
		}
		for i := range steps {
			f := to
			if i < steps-1 {
				f = from + (to-from)*float64(i)/float64(steps-1)
				f = math.Round(f*1e12) / 1e12 // 0.3, not 0.30000000000000004
			}
			ax.Values = append(ax.Values, SweepValue{Num: f})
		}
	default:
		return ax, src.errAt(path, true, nil, "sweep.%s: give a list of values, e.g. [0.5, 0.7, 0.9], or a range { from = 0.5, to = 1.0, steps = 6 }", key)
	}
	return ax, nil
}

// at returns c with the axes set to vals (written at paths, for errors).
func (c *Config) at(axes []Axis, vals []SweepValue, paths []string, dr domainReader, domains map[string]*Config) (*Config, error) {
	p := *c
	p.Sweep = nil
	p.Strategies = slices.Clone(c.Strategies)
	for i, ax := range axes {
		v := vals[i]
		bad := func(format string, args ...any) error {
			return c.src.errAt(paths[i], true, nil, "sweep.%s = %s: %s", ax.Key, v, fmt.Sprintf(format, args...))
		}
		integer := func(dst *int, lo, hi int) error {
			if v.Num != math.Trunc(v.Num) || v.Num < float64(lo) || v.Num > float64(hi) {
				return bad("must be a whole number in %d..%d", lo, hi)
			}
			*dst = int(v.Num)
			return nil
		}
		fraction := func(dst *float64) error {
			if v.Num < 0 || v.Num >= 1 {
				return bad("must be at least 0 and below 1")
			}
			*dst = v.Num
			return nil
		}
		var err error
		switch key := ax.Key; {
		case key == "periods":
			err = integer(&p.Periods, 1, MaxPeriods)
		case key == "rounds":
			err = integer(&p.Rounds, 1, MaxRounds)
		case key == "jitter":
			err = fraction(&p.Jitter)
		case key == "period_jitter":
			err = fraction(&p.PeriodJitter)
		case key == "domain":
			d, ok := domains[v.Text]
			if !ok {
				d = &Config{}
				var rerr error
				if strings.HasPrefix(v.Text, GeniusPrefix) {
					// A standard (GENIUS) scenario, as the domain key reads one.
					spec, err := parseGeniusName(v.Text)
					var text []byte
					source := ""
					if rerr = err; rerr == nil {
						text, source, rerr = loadGenius(spec, dr)
					}
					if rerr == nil {
						d.Scenario, d.Domain, rerr = parseGenius(text, source)
					}
				} else {
					data, file, source, err := readDomain(v.Text, dr)
					if rerr = err; rerr == nil {
						d.Scenario, d.Domain, rerr = parseDomain(data, file, source)
					}
				}
				if rerr != nil {
					return nil, bad("%v", rerr)
				}
				d.DomainName = v.Text
				domains[v.Text] = d
			}
			p.Scenario, p.Domain, p.DomainName = d.Scenario, d.Domain, d.DomainName
		case strings.HasPrefix(key, "relationship."):
			name := strings.TrimPrefix(key, "relationship.")
			for _, mk := range modelKeys {
				if mk.key == name {
					if v.Num < mk.lo || v.Num > mk.hi {
						return nil, bad("must be in %v..%v", mk.lo, mk.hi)
					}
					*mk.field(&p.Model) = v.Num
				}
			}
		case strings.HasPrefix(key, "strategies."):
			rest := strings.TrimPrefix(key, "strategies.")
			dot := strings.LastIndex(rest, ".")
			name, param := rest[:dot], rest[dot+1:]
			for j, s := range p.Strategies {
				if s.Name != name {
					continue
				}
				spec, _ := strategies.Lookup(s.Strategy)
				params := maps.Clone(s.Params)
				params[param] = v.Num
				res, rerr := spec.Resolve(params)
				if rerr != nil {
					return nil, bad("%v", rerr)
				}
				s.Params, s.Resolved = params, res
				p.Strategies[j] = s
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if p.Model.PLow > p.Model.PHigh {
		return nil, c.src.errAt(paths[0], true, nil, "sweep: a point has p_lo = %v above p_hi = %v (the stay probability runs from p_lo to p_hi); keep the swept values on the right side of the other", p.Model.PLow, p.Model.PHigh)
	}
	if err := p.CheckLimits(); err != nil {
		return nil, err
	}
	return &p, nil
}
