package configs

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/didyoumean"
	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/strategies"
)

//go:embed classic.toml quick.toml one-shot.toml workshop.toml market.toml
var exampleFS embed.FS

// A Config is a loaded and validated tournament configuration. Build the
// arena's tournament from it with Tournament.
type Config struct {
	Settings
	// DomainName is the value of the domain key: a built-in name, a path
	// (as written), or "inline" for a [domain] table.
	DomainName string
	// Scenario is the loaded domain with both sides' base preferences.
	Scenario arena.Scenario
	// Domain describes the domain for reports.
	Domain DomainInfo
	// Strategies are the entrants, in file order.
	Strategies []StrategyConfig
	// Model holds the [relationship] parameters.
	Model arena.Model
	// Output holds the [output] settings.
	Output Output
	// Market holds the [market] parameters; nil without a [market]
	// table (the run plays no market).
	Market *market.Params
	// Sweep holds the [sweep] table, nil without one: a config with a
	// sweep runs once per point (Sweep.Points).
	Sweep *Sweep
	// File is the file name given to Load or Parse, Source the TOML text
	// exactly as read (echoed into a run's manifest).
	File, Source string

	src *source // where each key is written, for errors found after Parse
}

// Settings are the numeric settings of a tournament.
type Settings struct {
	// Seed makes the run reproducible: the same seed gives the same results
	// for any number of workers.
	Seed uint64
	// Workers is the number of concurrent workers; 0 means GOMAXPROCS.
	Workers int
	// Relationships per ordered pair of entrants, Periods (deals) per
	// relationship, Rounds per negotiation (the deadline).
	Relationships, Periods, Rounds int
	// Opener says who opens each period's negotiation.
	Opener arena.OpenerRule
	// SelfPlay pairs each entrant with itself too.
	SelfPlay bool
	// Jitter perturbs each relationship's preferences, PeriodJitter each
	// period's on top (0 = identical every time).
	Jitter, PeriodJitter float64
}

// A StrategyConfig is one entry of the strategies array: an entrant of the
// tournament.
type StrategyConfig struct {
	// Name is the display name, unique in the config.
	Name string
	// Strategy is the registered strategy name.
	Strategy string
	// Params are the overrides written in the file; Resolved holds every
	// parameter of the strategy, defaults filled in.
	Params   map[string]float64
	Resolved strategies.Params
	// Command, Dir and Timeout describe an external agent (strategy =
	// "exec", see exec.go): the program and its arguments, the folder it
	// runs in (the config file's), and the time it may take per move (0:
	// the default). They are empty for every other strategy.
	Command []string
	Dir     string
	Timeout time.Duration

	path string // the entry's path in the file ("strategies[2]"), for errors
}

// Output says what a run writes and where.
type Output struct {
	// Dir is the folder under which each run writes its own folder.
	Dir string
	// Charts turns the charts on; Formats lists their file formats.
	Charts  bool
	Formats []string
	// SampleTranscripts is how many relationships are recorded move by
	// move for annotated transcripts.
	SampleTranscripts int
}

// Defaults of the settings a config may leave out.
const (
	DefaultSeed          = 1
	DefaultRelationships = 100
	DefaultPeriods       = 10
	DefaultRounds        = 50
	DefaultJitter        = 0.1
	DefaultDomain        = "supply-deal"
	DefaultOutputDir     = "results/runs"
	DefaultSamples       = 3
)

// Limits of the settings.
const (
	MaxWorkers       = 4096
	MaxRelationships = 1_000_000
	MaxPeriods       = 1000
	MaxRounds        = 10_000
	MaxStrategies    = 200
	MaxSamples       = 1000
)

// chartFormats are the chart formats an [output] section may ask for.
var chartFormats = []string{"png", "svg"}

// ChartFormats returns the chart formats an [output] section may ask for.
func ChartFormats() []string { return slices.Clone(chartFormats) }

var (
	topKeys      = []string{"seed", "workers", "relationships", "periods", "rounds", "opener", "self_play", "jitter", "period_jitter", "domain", "strategies", "relationship", "output", "sweep", "market"}
	strategyKeys = []string{"name", "strategy", "params", "command", "timeout_ms"}
	outputKeys   = []string{"dir", "charts", "formats", "sample_transcripts"}
	openers      = arena.OpenerRules
)

// A modelKey maps one [relationship] key to its field of arena.Model.
type modelKey struct {
	key    string
	field  func(*arena.Model) *float64
	lo, hi float64
}

// modelKeys lists the [relationship] keys, in the order of arena.Model.
var modelKeys = []modelKey{
	{"expectation", func(m *arena.Model) *float64 { return &m.Expectation }, 0, 2},
	{"self_penalty", func(m *arena.Model) *float64 { return &m.SelfPenalty }, 0, 1},
	{"penalty_extreme_anchor", func(m *arena.Model) *float64 { return &m.PenaltyExtremeAnchor }, 0, 1},
	{"penalty_flinch", func(m *arena.Model) *float64 { return &m.PenaltyFlinch }, 0, 1},
	{"penalty_unbundle", func(m *arena.Model) *float64 { return &m.PenaltyUnbundle }, 0, 1},
	{"penalty_retraction", func(m *arena.Model) *float64 { return &m.PenaltyRetraction }, 0, 1},
	{"penalty_dissatisfied", func(m *arena.Model) *float64 { return &m.PenaltyDissatisfied }, 0, 1},
	{"alpha", func(m *arena.Model) *float64 { return &m.Alpha }, 0, 10},
	{"beta", func(m *arena.Model) *float64 { return &m.Beta }, 0, 10},
	{"impasse_sv", func(m *arena.Model) *float64 { return &m.ImpasseSV }, 0, 1},
	{"p_lo", func(m *arena.Model) *float64 { return &m.PLow }, 0, 1},
	{"p_hi", func(m *arena.Model) *float64 { return &m.PHigh }, 0, 1},
	{"k", func(m *arena.Model) *float64 { return &m.K }, 0, 1000},
	{"theta", func(m *arena.Model) *float64 { return &m.Theta }, 0, 1},
	{"discount", func(m *arena.Model) *float64 { return &m.Discount }, 0, 1},
}

// Load reads and validates the config file at path, at most MaxFileSize
// bytes. A domain file it names by a relative path is looked up beside it.
// Before running the config, also call CheckPrograms.
func Load(path string) (*Config, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, fmt.Errorf("configs: %w", err)
	}
	return Parse(data, path)
}

// Parse reads and validates a config from its TOML text; filename is used
// in errors and to find domain files given by a relative path. A problem
// in the text is an *Error with its line; one in a domain file it names is
// an *Error at the line of that file. A leading UTF-8 byte-order mark is
// ignored. Parse also checks the limits of what the config implies (see
// CheckLimits).
func Parse(data []byte, filename string) (*Config, error) {
	dir := ""
	if filename != "" {
		dir = filepath.Dir(filename)
	}
	return parse(data, filename, domainReader{dir: dir})
}

// ParseFS is Parse for a config that is untrusted input, such as one
// echoed in a run folder's manifest.json: every domain file it names is
// read from fsys, by a path relative to fsys's root, with the same size
// limit. An absolute path or one through ".." is an *Error at the domain
// key; so is a path fsys refuses. Pass the FS of an os.Root opened on the
// folder (os.OpenRoot(dir) then root.FS()) and no file outside the
// folder is opened, whatever the config says, even through a symbolic
// link. Built-in domain names work as usual.
func ParseFS(data []byte, filename string, fsys fs.FS) (*Config, error) {
	if fsys == nil {
		return nil, errors.New("configs: ParseFS needs a file system")
	}
	return parse(data, filename, domainReader{fsys: fsys})
}

func parse(data []byte, filename string, dr domainReader) (*Config, error) {
	src, root, err := parseTOML(data, filename)
	if err != nil {
		return nil, err
	}
	t := &table{src: src, m: root}
	c := &Config{File: filename, Source: string(data), src: src}
	// Each part is checked on its own; the problem reported is the one
	// that comes first in the file.
	var first firstError
	first.add(t.check(topKeys...))
	first.add(c.settings(t))
	first.add(c.domain(t, dr))
	first.add(c.strategies(t))
	first.add(c.model(t))
	first.add(c.output(t))
	first.add(c.market(t))
	if first.err == nil {
		first.add(c.sweep(t, dr))
	}
	if first.err != nil {
		return nil, first.err
	}
	if err := c.CheckLimits(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) settings(t *table) error {
	var first firstError
	seed, err := t.integer("seed", DefaultSeed, 0, math.MaxInt64)
	first.add(err)
	c.Seed = uint64(seed)
	ints := []struct {
		key         string
		dst         *int
		def, lo, hi int64
	}{
		{"workers", &c.Workers, 0, 0, MaxWorkers},
		{"relationships", &c.Relationships, DefaultRelationships, 1, MaxRelationships},
		{"periods", &c.Periods, DefaultPeriods, 1, MaxPeriods},
		{"rounds", &c.Rounds, DefaultRounds, 1, MaxRounds},
	}
	for _, x := range ints {
		n, err := t.integer(x.key, x.def, x.lo, x.hi)
		first.add(err)
		*x.dst = int(n)
	}
	opener, err := t.choice("opener", "alternate", openers...)
	first.add(err)
	c.Opener = arena.OpenerRule(max(slices.Index(openers, opener), 0))
	c.SelfPlay, err = t.boolean("self_play", true)
	first.add(err)
	c.Jitter, err = t.fraction("jitter", DefaultJitter)
	first.add(err)
	c.PeriodJitter, err = t.fraction("period_jitter", 0)
	first.add(err)
	return first.err
}

func (c *Config) domain(t *table, dr domainReader) error {
	switch v := t.m["domain"].(type) {
	case nil:
		c.DomainName = DefaultDomain
		sc, info, err := LoadDomain(DefaultDomain)
		c.Scenario, c.Domain = sc, info
		return err
	case map[string]any:
		if _, ok := v["genius"]; ok {
			dt := &table{src: t.src, path: "domain", m: v}
			spec, err := geniusTable(dt)
			if err != nil {
				return err
			}
			c.DomainName = GeniusPrefix + spec.dir
			text, source, err := loadGenius(spec, dr)
			if err != nil {
				return dt.bad("genius", err, "%v", geniusCause(err))
			}
			if c.Scenario, c.Domain, err = parseGenius(text, source); err != nil {
				return dt.bad("genius", err, "%v", strings.TrimPrefix(err.Error(), "configs: "))
			}
			return nil
		}
		c.DomainName = "inline"
		sc, info, err := buildDomain(&table{src: t.src, path: "domain", m: v}, "inline")
		c.Scenario, c.Domain = sc, info
		return err
	case string:
		c.DomainName = v
		if strings.HasPrefix(v, GeniusPrefix) {
			spec, err := parseGeniusName(v)
			if err != nil {
				return t.bad("domain", err, "%v", err)
			}
			text, source, err := loadGenius(spec, dr)
			if err != nil {
				return t.bad("domain", err, "%v", geniusCause(err))
			}
			if c.Scenario, c.Domain, err = parseGenius(text, source); err != nil {
				return t.bad("domain", err, "%v", strings.TrimPrefix(err.Error(), "configs: "))
			}
			return nil
		}
		data, file, source, err := readDomain(v, dr)
		if err != nil {
			var ude *UnknownDomainError
			if errors.As(err, &ude) {
				return t.bad("domain", err, "%v", err)
			}
			var out errOutside
			if errors.As(err, &out) {
				return t.bad("domain", err, "%v", out)
			}
			return t.bad("domain", err, "cannot read the domain file: %v", errors.Unwrap(err))
		}
		// A problem inside the domain file is reported at its own line.
		c.Scenario, c.Domain, err = parseDomain(data, file, source)
		return err
	}
	return t.bad("domain", nil, "must be a built-in domain name (%s), a path to a .toml domain file, \"genius:DIR\" for a GENIUS or GeniusWeb scenario folder, or a [domain] table", strings.Join(Domains(), ", "))
}

func (c *Config) strategies(t *table) error {
	entries, err := t.tables("strategies")
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return t.src.errAt("strategies", false, nil,
			"no strategies: add a [[strategies]] section per entrant, e.g. [[strategies]] name = \"boulware\" (registered strategies: %s)", strings.Join(strategies.Names(), ", "))
	}
	if len(entries) > MaxStrategies {
		return t.bad("strategies", nil, "must have 1..%d entries, not %d", MaxStrategies, len(entries))
	}
	seen := map[string]int{}
	for i, e := range entries {
		s, err := strategyEntry(e)
		if err != nil {
			return err
		}
		if j, dup := seen[s.Name]; dup {
			l, _ := t.src.find(entries[j].key("name"))
			return e.bad("name", nil, "display names must be unique (the entry at line %d has it too); name one of them differently, e.g. name = %q", l.key.line, s.Name+"-2")
		}
		seen[s.Name] = i
		c.Strategies = append(c.Strategies, s)
	}
	if !c.SelfPlay && len(c.Strategies) < 2 {
		return t.src.errAt("self_play", true, nil, "self_play = false needs at least two strategies, the config has one")
	}
	return nil
}

// strategyEntry reads and checks one [[strategies]] entry against the
// registry.
func strategyEntry(e *table) (StrategyConfig, error) {
	var s StrategyConfig
	if err := e.check(strategyKeys...); err != nil {
		return s, err
	}
	if _, ok := e.m["name"]; !ok {
		return s, e.missing("name", `give each entrant a display name, e.g. name = "boulware"`)
	}
	var err error
	if s.Name, err = e.label("name", "", 64); err != nil {
		return s, err
	}
	nameKey := "strategy"
	if _, ok := e.m["strategy"]; !ok {
		nameKey = "name"
	}
	if s.Strategy, err = e.label("strategy", s.Name, 64); err != nil {
		return s, err
	}
	if s.Strategy == ExecStrategy || e.m["command"] != nil || e.m["timeout_ms"] != nil {
		return execEntry(e, s)
	}
	spec, ok := strategies.Lookup(s.Strategy)
	if !ok {
		msg := fmt.Sprintf("unknown strategy %q", s.Strategy)
		if sug := didyoumean.Closest(s.Strategy, append(strategies.Names(), ExecStrategy)); sug != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sug)
		} else if nameKey == "name" {
			msg += `; to enter a registered strategy under this display name, add strategy = "..."`
		}
		msg += "; registered strategies: " + strings.Join(strategies.Names(), ", ")
		return s, e.bad(nameKey, &strategies.UnknownError{Name: s.Strategy}, "%s", msg)
	}
	pt, err := e.sub("params")
	if err != nil {
		return s, err
	}
	s.Params = map[string]float64{}
	if pt != nil {
		for _, k := range slices.Sorted(maps.Keys(pt.m)) {
			x, ok := toFloat(pt.m[k])
			if !ok {
				return s, pt.bad(k, nil, "strategy parameters are numbers")
			}
			// Resolve one override at a time to point at the culprit.
			if _, err := spec.Resolve(map[string]float64{k: x}); err != nil {
				return s, pt.src.errAt(pt.key(k), false, err, "%v", err)
			}
			s.Params[k] = x
		}
	}
	if s.Resolved, err = spec.Resolve(s.Params); err != nil {
		return s, e.src.errAt(e.key("params"), false, err, "%v", err)
	}
	return s, nil
}

func (c *Config) model(t *table) error {
	c.Model = arena.DefaultModel()
	rt, err := t.sub("relationship")
	if err != nil || rt == nil {
		return err
	}
	if _, old := rt.m["aspiration"]; old {
		return rt.src.errAt(rt.key("aspiration"), false, nil,
			"key \"aspiration\" in %s was replaced by \"expectation\": a deal is now judged against each side's fair share, e = r + expectation·(u* − r) with u* its utility at the Nash point, not against a fixed utility; remove aspiration and set expectation (0..2, default 1)",
			rt.name())
	}
	keys := make([]string, len(modelKeys))
	for i, mk := range modelKeys {
		keys[i] = mk.key
	}
	if err := rt.check(keys...); err != nil {
		return err
	}
	for _, mk := range modelKeys {
		f := mk.field(&c.Model)
		if *f, err = rt.number(mk.key, *f, mk.lo, mk.hi); err != nil {
			return err
		}
	}
	if c.Model.PLow > c.Model.PHigh {
		return rt.bad("p_lo", nil, "must not exceed p_hi = %v (the stay probability runs from p_lo to p_hi)", c.Model.PHigh)
	}
	return nil
}

func (c *Config) output(t *table) error {
	c.Output = Output{Dir: DefaultOutputDir, Charts: true, Formats: slices.Clone(chartFormats), SampleTranscripts: DefaultSamples}
	ot, err := t.sub("output")
	if err != nil || ot == nil {
		return err
	}
	if err := ot.check(outputKeys...); err != nil {
		return err
	}
	if c.Output.Dir, err = ot.label("dir", DefaultOutputDir, 4096); err != nil {
		return err
	}
	if c.Output.Charts, err = ot.boolean("charts", true); err != nil {
		return err
	}
	if v, ok := ot.m["formats"]; ok {
		list, isList := v.([]any)
		if !isList {
			return ot.bad("formats", nil, "must be a list of %s", quoteAll(chartFormats))
		}
		c.Output.Formats = nil
		for k, f := range list {
			s, _ := f.(string)
			if !slices.Contains(chartFormats, s) {
				return ot.src.errAt(index(ot.key("formats"), k), true, nil, "output.formats: %s is not a chart format: each must be %s", ot.showElem("formats", k), quoteAll(chartFormats))
			}
			if slices.Contains(c.Output.Formats, s) {
				return ot.src.errAt(index(ot.key("formats"), k), true, nil, "output.formats: %q is listed twice", s)
			}
			c.Output.Formats = append(c.Output.Formats, s)
		}
	}
	n, err := ot.integer("sample_transcripts", DefaultSamples, 0, MaxSamples)
	c.Output.SampleTranscripts = int(n)
	return err
}

// showElem writes element k of the array at key as the file does.
func (t *table) showElem(key string, k int) string {
	if raw, ok := t.src.raw(index(t.key(key), k)); ok {
		return raw
	}
	v := t.m[key].([]any)[k]
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

// Entrants returns the tournament's entrants, each making fresh agents of
// its strategy with its parameters.
func (c *Config) Entrants() ([]arena.Entrant, error) {
	out := make([]arena.Entrant, len(c.Strategies))
	for i, s := range c.Strategies {
		if s.Strategy == ExecStrategy {
			out[i] = arena.Entrant{Name: s.Name, Strategy: s.Strategy, New: unattached(s.Name)}
			continue
		}
		f, err := strategies.Factory(s.Strategy, s.Params)
		if err != nil {
			return nil, fmt.Errorf("configs: strategy %q: %w", s.Name, err)
		}
		out[i] = arena.Entrant{Name: s.Name, Strategy: s.Strategy, New: f}
	}
	return out, nil
}

// Tournament returns the tournament the config describes. Progress and
// Sample are left for the caller to set.
func (c *Config) Tournament() (arena.Tournament, error) {
	es, err := c.Entrants()
	if err != nil {
		return arena.Tournament{}, err
	}
	return arena.Tournament{
		Scenario:      c.Scenario,
		Entrants:      es,
		SelfPlay:      c.SelfPlay,
		Relationships: c.Relationships,
		Periods:       c.Periods,
		Deadline:      c.Rounds,
		Opener:        c.Opener,
		Jitter:        c.Jitter,
		PeriodJitter:  c.PeriodJitter,
		Model:         c.Model,
		Seed:          c.Seed,
		Workers:       c.Workers,
	}, nil
}

// Examples returns the names of the embedded example configs, sorted:
// "classic", "one-shot", "quick".
func Examples() []string {
	ents, err := exampleFS.ReadDir(".")
	if err != nil {
		panic(fmt.Sprintf("configs: embedded examples: %v", err)) // cannot happen: embedded at build time
	}
	var names []string
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	slices.Sort(names)
	return names
}

// Example returns the TOML text of the example config name ("classic" or
// "classic.toml").
func Example(name string) ([]byte, error) {
	name = strings.TrimSuffix(name, ".toml")
	if !slices.Contains(Examples(), name) {
		return nil, fmt.Errorf("configs: no example config %q (examples: %s)", name, strings.Join(Examples(), ", "))
	}
	return exampleFS.ReadFile(name + ".toml")
}

// Default returns the classic example config: every article strategy and
// baseline on the supply-deal domain.
func Default() (*Config, error) {
	data, err := Example("classic")
	if err != nil {
		return nil, err
	}
	return Parse(data, "classic.toml")
}
