package configs

import (
	"embed"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/safetext"
)

//go:embed domains/*.toml
var domainFS embed.FS

// DomainInfo describes a loaded domain for people: its name, what it
// models, where it came from and the character of each issue.
type DomainInfo struct {
	Name        string
	Description string
	// Source is "built-in", the path of the domain file, or "inline" for
	// a config's [domain] table.
	Source string
	Issues []IssueInfo
	// Converted is the winwin domain text of an imported GENIUS or
	// GeniusWeb scenario (Source "genius:DIR"): what a run folder keeps
	// as its domain.toml and `winwin domains import` writes. Nil for a
	// winwin domain.
	Converted []byte
}

// IssueInfo is the character of one issue of a domain.
type IssueInfo struct {
	Name string
	Kind IssueKind
	// Weight is each side's weight of the issue, indexed by role
	// (agents.Seller, agents.Buyer). Sides that weigh issues differently
	// can trade (logroll): each gives way where it cares less.
	Weight [2]float64
}

// IssueKind says how the two sides' interests in an issue relate.
type IssueKind string

// Issue kinds (docs/model.md#domain).
const (
	// Distributive: each side's best option is the other's worst; what
	// one gains the other loses.
	Distributive IssueKind = "distributive"
	// Compatible: both sides want the same option; settling anywhere else
	// is lose-lose.
	Compatible IssueKind = "compatible"
	// Mixed: neither, for example when one side is indifferent.
	Mixed IssueKind = "mixed"
)

// Domains returns the names of the built-in domains, sorted.
func Domains() []string {
	ents, err := domainFS.ReadDir("domains")
	if err != nil {
		panic(fmt.Sprintf("configs: embedded domains: %v", err)) // cannot happen: embedded at build time
	}
	var names []string
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	slices.Sort(names)
	return names
}

// LoadDomain loads a built-in domain by name, or a domain file (at most
// MaxFileSize bytes) when nameOrFile contains a slash or ends in ".toml",
// or imports a GENIUS or GeniusWeb scenario folder named
// "genius:DIR[,seller=…,buyer=…]" (see GeniusPrefix). An unknown name is an
// *UnknownDomainError listing the built-in names; a problem in the file is
// an *Error with its line, one in a scenario folder a *genius.Error
// naming the file and the element.
func LoadDomain(nameOrFile string) (arena.Scenario, DomainInfo, error) {
	if strings.HasPrefix(nameOrFile, GeniusPrefix) {
		spec, err := parseGeniusName(nameOrFile)
		if err != nil {
			return arena.Scenario{}, DomainInfo{}, fmt.Errorf("configs: domain %q: %w", nameOrFile, err)
		}
		text, source, err := loadGenius(spec, domainReader{})
		if err != nil {
			return arena.Scenario{}, DomainInfo{}, err
		}
		return parseGenius(text, source)
	}
	data, file, source, err := readDomain(nameOrFile, domainReader{})
	if err != nil {
		return arena.Scenario{}, DomainInfo{}, err
	}
	return parseDomain(data, file, source)
}

// readDomain returns the text of the domain nameOrFile, the file name to
// report errors against and its DomainInfo.Source. A domain file is read
// by r.
func readDomain(nameOrFile string, r domainReader) (data []byte, file, source string, err error) {
	if slices.Contains(Domains(), nameOrFile) {
		data, err := domainFS.ReadFile("domains/" + nameOrFile + ".toml")
		if err != nil {
			return nil, "", "", fmt.Errorf("configs: domain %q: %w", nameOrFile, err)
		}
		return data, "domains/" + nameOrFile + ".toml", "built-in", nil
	}
	if !strings.ContainsAny(nameOrFile, `/\`) && !strings.HasSuffix(nameOrFile, ".toml") {
		return nil, "", "", &UnknownDomainError{Name: nameOrFile}
	}
	data, file, err = r.read(nameOrFile)
	if err != nil {
		return nil, "", "", fmt.Errorf("configs: domain file: %w", err)
	}
	return data, file, file, nil
}

// ParseDomain reads a domain from the TOML text of a domain file (see the
// package documentation for the schema); filename is used in errors.
func ParseDomain(data []byte, filename string) (arena.Scenario, error) {
	sc, _, err := parseDomain(data, filename, filename)
	return sc, err
}

func parseDomain(data []byte, filename, source string) (arena.Scenario, DomainInfo, error) {
	src, root, err := parseTOML(data, filename)
	if err != nil {
		return arena.Scenario{}, DomainInfo{}, err
	}
	return buildDomain(&table{src: src, m: root}, source)
}

var (
	domainKeys = []string{"name", "description", "issues", "seller", "buyer"}
	issueKeys  = []string{"name", "options", "range", "step", "prefix", "suffix", "item", "seller", "buyer"}
	sideKeys   = []string{"weight", "values"}
	roleNames  = [2]string{agents.Seller: "seller", agents.Buyer: "buyer"}
)

// maxIssues bounds the issues of a domain.
const maxIssues = 100

// buildDomain reads a domain table: a domain file, or a config's [domain].
func buildDomain(t *table, source string) (arena.Scenario, DomainInfo, error) {
	var (
		sc   arena.Scenario
		info = DomainInfo{Source: source}
		err  error
	)
	if err := t.check(domainKeys...); err != nil {
		return sc, info, err
	}
	if _, ok := t.m["name"]; !ok {
		return sc, info, t.missing("name", `name the domain, e.g. name = "supply-deal"`)
	}
	if info.Name, err = t.label("name", "", 64); err != nil {
		return sc, info, err
	}
	if info.Description, err = t.textual("description", "", "a string"); err != nil {
		return sc, info, err
	}
	issues, err := t.tables("issues")
	if err != nil {
		return sc, info, err
	}
	if len(issues) == 0 || len(issues) > maxIssues {
		if _, ok := t.m["issues"]; !ok {
			return sc, info, t.missing("issues", "add one [[issues]] section per issue")
		}
		return sc, info, t.bad("issues", nil, "must have 1..%d issues", maxIssues)
	}
	d := &agents.Domain{Name: info.Name}
	var prefs [2]*agents.Preferences
	for r := range prefs {
		prefs[r] = &agents.Preferences{}
	}
	seen := map[string]*table{}
	for _, it := range issues {
		is, err := buildIssue(it)
		if err != nil {
			return sc, info, err
		}
		if first, dup := seen[is.Name]; dup {
			l, _ := t.src.find(first.key("name"))
			return sc, info, it.bad("name", nil, "issue names must be unique (%q is also the issue at line %d)", is.Name, l.key.line)
		}
		seen[is.Name] = it
		d.Issues = append(d.Issues, is)
		for r, side := range roleNames {
			w, vs, err := buildSide(it, side, is)
			if err != nil {
				return sc, info, err
			}
			prefs[r].Weights = append(prefs[r].Weights, w)
			prefs[r].Values = append(prefs[r].Values, vs)
		}
	}
	if w := frontierWork(optionCounts(d.Issues)); w > MaxFrontierWork {
		ks := optionCounts(d.Issues)
		i := slices.Index(ks, slices.Max(ks))
		key := "options"
		if _, ok := issues[i].m["range"]; ok {
			key = "step"
		}
		return sc, info, issues[i].src.errAt(issues[i].key(key), false, nil,
			"the domain is too wide: finding the Pareto frontier of its %d issues of up to %d options (this one) takes about %.2g steps, more than the %.2g allowed (about a second, for every relationship); use fewer issues or fewer options (for a range, a larger step)",
			len(ks), ks[i], float64(w), float64(MaxFrontierWork))
	}
	for r, side := range roleNames {
		st, err := t.sub(side)
		if err != nil {
			return sc, info, err
		}
		if st == nil {
			return sc, info, t.missing("["+display(t.key(side))+"] table", fmt.Sprintf("give the %s's walk-away point, e.g. [%s] reservation = 0.3", side, display(t.key(side))))
		}
		if err := st.check("reservation"); err != nil {
			return sc, info, err
		}
		if _, ok := st.m["reservation"]; !ok {
			return sc, info, st.missing("reservation", "the utility of no deal (the BATNA), a number 0..1")
		}
		if prefs[r].Reservation, err = st.number("reservation", 0, 0, 1); err != nil {
			return sc, info, err
		}
		if sum := floatSum(prefs[r].Weights); math.Abs(sum-1) > 1e-6 {
			var parts []string
			for i, w := range prefs[r].Weights {
				parts = append(parts, fmt.Sprintf("%s %v", d.Issues[i].Name, w))
			}
			return sc, info, t.src.errAt(st.path, false, nil, "the %s's issue weights sum to %.6g (%s): they must sum to 1", side, sum, strings.Join(parts, " + "))
		}
	}
	// Backstops: the SDK's own checks, which the checks above should make
	// unreachable.
	if err := d.Validate(); err != nil {
		return sc, info, t.src.errAt(t.path, false, err, "%v", err)
	}
	for r := range prefs {
		if err := prefs[r].Validate(d); err != nil {
			return sc, info, t.src.errAt(t.key(roleNames[r]), false, err, "%s: %v", roleNames[r], err)
		}
	}
	sc = arena.Scenario{Domain: d, Prefs: prefs}
	info.Issues = describeIssues(sc)
	return sc, info, nil
}

func floatSum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// buildIssue reads the options of one [[issues]] section.
func buildIssue(it *table) (agents.Issue, error) {
	var is agents.Issue
	if err := it.check(issueKeys...); err != nil {
		return is, err
	}
	if _, ok := it.m["name"]; !ok {
		return is, it.missing("name", `name the issue, e.g. name = "price"`)
	}
	name, err := it.label("name", "", 64)
	if err != nil {
		return is, err
	}
	_, hasOptions := it.m["options"]
	_, hasRange := it.m["range"]
	switch {
	case hasOptions && hasRange:
		return is, it.bad("range", nil, "give either options = [...] or range = [lo, hi], not both")
	case hasOptions:
		for _, k := range []string{"step", "prefix", "suffix"} {
			if _, ok := it.m[k]; ok {
				return is, it.src.errAt(it.key(k), false, nil, "%s goes with range = [lo, hi], not with options", k)
			}
		}
		opts, ok := it.m["options"].([]any)
		if !ok || len(opts) == 0 || len(opts) > agents.MaxOptions {
			return is, it.bad("options", nil, "must be a list of 1..%d option labels", agents.MaxOptions)
		}
		is = agents.Issue{Name: name, Options: make([]string, len(opts))}
		for k, o := range opts {
			s, ok := o.(string)
			if !ok || s == "" || strings.ContainsFunc(s, safetext.IsControl) {
				return is, it.src.errAt(index(it.key("options"), k), true, nil, "options: option %d must be a non-empty string label, without control characters", k+1)
			}
			if j := slices.Index(is.Options[:k], s); j >= 0 {
				return is, it.src.errAt(index(it.key("options"), k), true, nil, "options: %q appears twice (options %d and %d)", s, j+1, k+1)
			}
			is.Options[k] = s
		}
	case hasRange:
		rg, ok := it.m["range"].([]any)
		var lo, hi float64
		if ok && len(rg) == 2 {
			var okLo, okHi bool
			lo, okLo = toFloat(rg[0])
			hi, okHi = toFloat(rg[1])
			ok = okLo && okHi && lo <= hi && !math.IsInf(lo, 0) && !math.IsInf(hi, 0)
		} else {
			ok = false
		}
		if !ok {
			return is, it.bad("range", nil, "must be [lo, hi], two numbers with lo ≤ hi")
		}
		if _, ok := it.m["step"]; !ok {
			return is, it.src.errAt(it.key("range"), false, nil, "range needs a step, e.g. step = 10000")
		}
		step, err := it.number("step", 0, math.SmallestNonzeroFloat64, math.MaxFloat64)
		if err != nil {
			return is, err
		}
		prefix, err := it.textual("prefix", "", "a string")
		if err != nil {
			return is, err
		}
		suffix, err := it.textual("suffix", "", "a string")
		if err != nil {
			return is, err
		}
		if n := math.Floor((hi-lo)/step+1e-9) + 1; n > agents.MaxOptions {
			return is, it.bad("step", nil, "makes %.0f options from %v to %v, more than the %d allowed; use a larger step", n, lo, hi, agents.MaxOptions)
		}
		is, err = agents.NumericIssue(name, lo, hi, step, prefix, suffix)
		if err != nil {
			return is, it.bad("range", err, "%v", err)
		}
	default:
		return is, it.missing("options", `give options = ["a", "b", ...] or range = [lo, hi] with a step`)
	}
	if is.Item, err = it.boolean("item", false); err != nil {
		return is, err
	}
	if is.Item && len(is.Options) < 2 {
		return is, it.bad("item", nil, "an item needs at least two options: the first means left out, the others included")
	}
	return is, nil
}

// buildSide reads one side's weight and option values of an issue.
func buildSide(it *table, side string, is agents.Issue) (float64, []float64, error) {
	st, err := it.sub(side)
	if err != nil {
		return 0, nil, err
	}
	if st == nil {
		return 0, nil, it.missing(side, fmt.Sprintf(`say how the %s values it, e.g. %s = { weight = 0.3, values = "ascending" }`, side, side))
	}
	if err := st.check(sideKeys...); err != nil {
		return 0, nil, err
	}
	if _, ok := st.m["weight"]; !ok {
		return 0, nil, st.missing("weight", "the issue's share of the side's utility, a number 0..1")
	}
	w, err := st.number("weight", 0, 0, 1)
	if err != nil {
		return 0, nil, err
	}
	const what = `must be "ascending", "descending" or a list of one value 0..1 per option`
	switch v := st.m["values"].(type) {
	case nil:
		return 0, nil, st.missing("values", `"ascending", "descending" or one value 0..1 per option`)
	case string:
		switch v {
		case "ascending":
			return w, agents.Linear(len(is.Options), true), nil
		case "descending":
			return w, agents.Linear(len(is.Options), false), nil
		}
		return 0, nil, st.bad("values", nil, what)
	case []any:
		if len(v) != len(is.Options) {
			return 0, nil, st.bad("values", nil, "has %d values for the %d options of %q: give one value 0..1 per option", len(v), len(is.Options), is.Name)
		}
		vs := make([]float64, len(v))
		for k, x := range v {
			f, ok := toFloat(x)
			if !ok || !(f >= 0 && f <= 1) {
				return 0, nil, st.src.errAt(index(st.key("values"), k), true, nil, "%s: the value of option %q must be a number 0..1", display(st.key("values")), is.Options[k])
			}
			vs[k] = f
		}
		return w, vs, nil
	}
	return 0, nil, st.bad("values", nil, what)
}

// describeIssues classifies the issues of a scenario.
func describeIssues(sc arena.Scenario) []IssueInfo {
	out := make([]IssueInfo, len(sc.Domain.Issues))
	for i, is := range sc.Domain.Issues {
		s, b := sc.Prefs[agents.Seller].Values[i], sc.Prefs[agents.Buyer].Values[i]
		kind := Mixed
		switch {
		case flat(s) || flat(b):
		case best(s) == best(b):
			kind = Compatible
		case best(s) == worst(b) && best(b) == worst(s):
			kind = Distributive
		}
		out[i] = IssueInfo{Name: is.Name, Kind: kind,
			Weight: [2]float64{sc.Prefs[agents.Seller].Weights[i], sc.Prefs[agents.Buyer].Weights[i]}}
	}
	return out
}

func flat(vs []float64) bool { return slices.Min(vs) == slices.Max(vs) }

// best and worst return the index of the first highest and lowest value.
func best(vs []float64) int  { return slices.Index(vs, slices.Max(vs)) }
func worst(vs []float64) int { return slices.Index(vs, slices.Min(vs)) }
