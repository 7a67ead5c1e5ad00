package configs

import (
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/strategies"
)

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// articleAndBaselines are the strategies the classic config must enter.
var articleAndBaselines = []string{"hard-anchorer", "integrative", "flincher", "walk-away-disciplined", "unbundler",
	"boulware", "linear", "conceder", "hardliner", "tit-for-tat", "hardheaded", "random"}

// TestExamples loads every example config. The strategies they name must
// be registered: a failure naming a strategy means the strategies package
// does not (yet) register it.
func TestExamples(t *testing.T) {
	if got, want := Examples(), []string{"classic", "market", "one-shot", "quick", "workshop"}; !slices.Equal(got, want) {
		t.Errorf("Examples() = %v, want %v", got, want)
	}
	for _, name := range Examples() {
		t.Run(name, func(t *testing.T) {
			data, err := Example(name)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Parse(data, name+".toml")
			if err != nil {
				t.Fatalf("example %s does not load (are its strategies registered? registered: %v):\n%v", name, strategies.Names(), err)
			}
			if c.Source != string(data) {
				t.Error("Source is not the text read")
			}
			tour, err := c.Tournament()
			if err != nil {
				t.Fatal(err)
			}
			if err := tour.Validate(); err != nil {
				t.Errorf("the arena rejects example %s: %v", name, err)
			}
			if len(tour.Entrants) != len(c.Strategies) {
				t.Fatalf("%d entrants for %d strategies", len(tour.Entrants), len(c.Strategies))
			}
			for _, e := range tour.Entrants {
				if a := e.New(); a == nil {
					t.Errorf("entrant %s makes a nil agent", e.Name)
				}
			}
		})
	}
}

func TestDefaultIsClassic(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatalf("Default: %v (registered strategies: %v)", err, strategies.Names())
	}
	var names []string
	for _, s := range c.Strategies {
		names = append(names, s.Strategy)
	}
	if !slices.Equal(names, articleAndBaselines) {
		t.Errorf("classic enters %v, want %v", names, articleAndBaselines)
	}
	if c.DomainName != "supply-deal" || c.Periods != 10 || c.File != "classic.toml" {
		t.Errorf("classic: domain %q, periods %d, file %q", c.DomainName, c.Periods, c.File)
	}
	if c.Model != arena.DefaultModel() {
		t.Errorf("classic's [relationship] %+v differs from arena.DefaultModel %+v", c.Model, arena.DefaultModel())
	}
	one, err := Example("one-shot")
	if err != nil {
		t.Fatal(err)
	}
	o, err := Parse(one, "one-shot.toml")
	if err != nil {
		t.Fatal(err)
	}
	if o.Periods != 1 {
		t.Errorf("one-shot has %d periods", o.Periods)
	}
}

// TestClassicDocumentsEveryKey checks that classic.toml, the file a
// researcher learns the schema from, writes every key of the schema.
func TestClassicDocumentsEveryKey(t *testing.T) {
	data, err := Example("classic")
	if err != nil {
		t.Fatal(err)
	}
	locs := locate(string(data))
	var keys []string
	for _, k := range topKeys {
		if k == "sweep" {
			continue // a [sweep] makes a sweep: configs/sweeps documents it (TestSweepExamples)
		}
		if k == "market" {
			continue // market.toml documents it (TestMarketDocumentsEveryKey)
		}
		keys = append(keys, k)
	}
	for _, mk := range modelKeys {
		keys = append(keys, "relationship."+mk.key)
	}
	for _, k := range outputKeys {
		keys = append(keys, "output."+k)
	}
	for _, k := range keys {
		if _, ok := locs[k]; !ok {
			t.Errorf("classic.toml does not write %s", k)
		}
	}
}

func TestExampleUnknown(t *testing.T) {
	if _, err := Example("nope"); err == nil || !strings.Contains(err.Error(), "classic, market, one-shot, quick") {
		t.Errorf("Example(nope) = %v, want an error listing the examples", err)
	}
	if _, err := Example("quick.toml"); err != nil {
		t.Errorf("Example(quick.toml): %v", err)
	}
}

func TestDefaults(t *testing.T) {
	c, err := Parse([]byte("[[strategies]]\nname = \"linear\"\n"), "min.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{Seed: DefaultSeed, Relationships: DefaultRelationships, Periods: DefaultPeriods, Rounds: DefaultRounds,
		Opener: arena.Alternate, SelfPlay: true, Jitter: DefaultJitter}
	if c.Settings != want {
		t.Errorf("settings %+v, want %+v", c.Settings, want)
	}
	if c.Model != arena.DefaultModel() {
		t.Errorf("model %+v, want the default", c.Model)
	}
	wantOut := Output{Dir: "results/runs", Charts: true, Formats: []string{"png", "svg"}, SampleTranscripts: DefaultSamples}
	if !reflect.DeepEqual(c.Output, wantOut) {
		t.Errorf("output %+v, want %+v", c.Output, wantOut)
	}
	if c.DomainName != DefaultDomain || c.Domain.Name != DefaultDomain || c.Scenario.Domain == nil {
		t.Errorf("domain %q (%q), want %q", c.DomainName, c.Domain.Name, DefaultDomain)
	}
	s := c.Strategies[0]
	if s.Name != "linear" || s.Strategy != "linear" || len(s.Params) != 0 {
		t.Errorf("strategy %+v", s)
	}
	spec, _ := strategies.Lookup("linear")
	if len(s.Resolved) != len(spec.Params) {
		t.Errorf("resolved params %v, want every parameter of %v", s.Resolved, spec.Params)
	}
}

func TestSettingsParsed(t *testing.T) {
	src := `
seed = 99
workers = 3
relationships = 1_000
periods = 4
rounds = 12
opener = "buyer"
self_play = false
jitter = 0.25
period_jitter = 0.05
domain = "price-haggle"

[[strategies]]
name = "a"
strategy = "boulware"
params = { e = 0.5 }

[[strategies]]
name = "b"
strategy = "boulware"

[output]
dir = "out"
charts = false
formats = ["svg"]
sample_transcripts = 0
`
	c, err := Parse([]byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{Seed: 99, Workers: 3, Relationships: 1000, Periods: 4, Rounds: 12, Opener: arena.BuyerOpens,
		SelfPlay: false, Jitter: 0.25, PeriodJitter: 0.05}
	if c.Settings != want {
		t.Errorf("settings %+v, want %+v", c.Settings, want)
	}
	if c.Domain.Name != "price-haggle" {
		t.Errorf("domain %q", c.Domain.Name)
	}
	if c.Strategies[0].Params["e"] != 0.5 || c.Strategies[0].Resolved["e"] != 0.5 {
		t.Errorf("params %v resolved %v", c.Strategies[0].Params, c.Strategies[0].Resolved)
	}
	if c.Strategies[1].Resolved["e"] == 0.5 {
		t.Error("the second entrant shares the first one's override")
	}
	wantOut := Output{Dir: "out", Formats: []string{"svg"}}
	if !reflect.DeepEqual(c.Output, wantOut) {
		t.Errorf("output %+v, want %+v", c.Output, wantOut)
	}
	tour, err := c.Tournament()
	if err != nil {
		t.Fatal(err)
	}
	if err := tour.Validate(); err != nil {
		t.Errorf("the arena rejects the tournament: %v", err)
	}
	if tour.Seed != 99 || tour.Workers != 3 || tour.Relationships != 1000 || tour.Periods != 4 || tour.Deadline != 12 ||
		tour.Opener != arena.BuyerOpens || tour.SelfPlay || tour.Jitter != 0.25 || tour.PeriodJitter != 0.05 ||
		tour.Scenario.Domain.Name != "price-haggle" || len(tour.Entrants) != 2 || tour.Entrants[0].Name != "a" || tour.Entrants[0].Strategy != "boulware" {
		t.Errorf("tournament %+v", tour)
	}
}

// TestModelKeys checks that [relationship] reaches every field of
// arena.Model exactly once: setting each key to a distinct value must
// change every field to that value.
func TestModelKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("[[strategies]]\nname = \"linear\"\n[relationship]\n")
	want := map[float64]bool{}
	for i, mk := range modelKeys {
		// Distinct values: the ranges differ in width (0..1, 0..2, 0..10).
		v := mk.lo + min(mk.hi-mk.lo, 1)*float64(i+1)/float64(len(modelKeys)+2)
		if mk.key == "p_lo" {
			v = 0.01 // stays below p_hi
		}
		want[v] = true
		b.WriteString(mk.key + " = " + strconv.FormatFloat(v, 'g', -1, 64) + "\n")
	}
	c, err := Parse([]byte(b.String()), "model.toml")
	if err != nil {
		t.Fatal(err)
	}
	rv := reflect.ValueOf(c.Model)
	if rv.NumField() != len(modelKeys) {
		t.Errorf("arena.Model has %d fields, [relationship] %d keys", rv.NumField(), len(modelKeys))
	}
	seen := map[float64]bool{}
	for i := range rv.NumField() {
		v := rv.Field(i).Float()
		if !want[v] || seen[v] {
			t.Errorf("Model.%s = %v was not set by its own key", rv.Type().Field(i).Name, v)
		}
		seen[v] = true
	}
}

func TestInlineDomainEqualsFile(t *testing.T) {
	car := mustRead(t, "testdata/domains/car.toml")
	// Move the domain file under [domain]: prefix its tables.
	inline := strings.NewReplacer("[[issues]]", "[[domain.issues]]", "[seller]", "[domain.seller]", "[buyer]", "[domain.buyer]").Replace(car)
	head, body, _ := strings.Cut(inline, "[[domain.issues]]")
	src := "[[strategies]]\nname = \"linear\"\n\n[domain]\n" + head + "[[domain.issues]]" + body
	c, err := Parse([]byte(src), "inline.toml")
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	f, _, err := LoadDomain("testdata/domains/car.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.DomainName != "inline" || c.Domain.Source != "inline" {
		t.Errorf("domain %q source %q, want inline", c.DomainName, c.Domain.Source)
	}
	if !reflect.DeepEqual(c.Scenario, f) {
		t.Errorf("inline domain differs from the file:\n%+v\n%+v", c.Scenario, f)
	}
}

func TestDomainPathRelativeToConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/car.toml", []byte(mustRead(t, "testdata/domains/car.toml")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/run.toml", []byte("domain = \"car.toml\"\n[[strategies]]\nname = \"linear\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir + "/run.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Domain.Name != "car" || c.Domain.Source != dir+"/car.toml" || c.DomainName != "car.toml" {
		t.Errorf("domain %+v (%q)", c.Domain, c.DomainName)
	}
	if _, err := Load(dir + "/missing.toml"); err == nil {
		t.Error("loading a missing file succeeded")
	}
}

// TestEntrantsAreFresh checks that each call of an entrant's New makes a
// new agent: relationships must not share agent state.
func TestEntrantsAreFresh(t *testing.T) {
	c, err := Parse([]byte("[[strategies]]\nname = \"x\"\nstrategy = \"tit-for-tat\"\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Entrants()
	if err != nil {
		t.Fatal(err)
	}
	a, b := es[0].New(), es[0].New()
	if a == nil || b == nil {
		t.Fatal("nil agent")
	}
	if reflect.ValueOf(a).Kind() == reflect.Pointer && reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer() {
		t.Error("New returned the same agent twice")
	}
	var _ agents.Agent = a
}

// A [market] table gives the market's parameters, the defaults of
// market.DefaultParams for the keys it leaves out; without one a config
// plays no market.
func TestMarketTable(t *testing.T) {
	c, err := Parse([]byte("[[strategies]]\nname = \"boulware\"\n[[strategies]]\nname = \"integrative\"\n[market]\nlambda = 0.3\nbuyer_mix = { integrative = 3 }\n"), "m.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := market.DefaultParams()
	want.Lambda, want.Mix = 0.3, []float64{0, 3}
	if !reflect.DeepEqual(*c.Market, want) {
		t.Errorf("market params %+v, want %+v", *c.Market, want)
	}
	mk, ok, err := c.MarketRun()
	if err != nil || !ok || len(mk.Entrants) != 2 || mk.Deadline != c.Rounds {
		t.Errorf("MarketRun: %v %v %v", ok, err, mk.Deadline)
	}
	c, err = Default()
	if err != nil || c.Market != nil {
		t.Errorf("classic config: market %v, %v", c.Market, err)
	}
	data, err := Example("market")
	if err != nil {
		t.Fatal(err)
	}
	if c, err = Parse(data, "market.toml"); err != nil || c.Market == nil || c.Market.Markets != 40 {
		t.Fatalf("market.toml: %v", err)
	}
}

// TestMarketDocumentsEveryKey checks that market.toml writes every key of
// the [market] table.
func TestMarketDocumentsEveryKey(t *testing.T) {
	data, err := Example("market")
	if err != nil {
		t.Fatal(err)
	}
	locs := locate(string(data))
	for _, k := range marketKeys() {
		if _, ok := locs["market."+k]; !ok {
			t.Errorf("market.toml does not write market.%s", k)
		}
	}
}
