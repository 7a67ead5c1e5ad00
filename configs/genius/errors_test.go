package genius_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/configs/genius"
	"github.com/winwin-sim/winwin/internal/golden"
)

// xmlDomain is a two-issue GENIUS domain: Food (three values) and Bands
// (integer 1..3).
const xmlDomain = `<negotiation_template><utility_space><objective index="0" name="p">
<issue index="1" name="Food" type="discrete"><item value="Chips"/><item value="Soup"/><item value="Cake"/></issue>
<issue index="2" name="Bands" type="integer" lowerbound="1" upperbound="3"/>
</objective></utility_space></negotiation_template>
`

// xmlProfile returns a profile of xmlDomain with the given Food items,
// weights and extra elements inside <utility_space>.
func xmlProfile(items string, w1, w2 string, extra string) string {
	return `<utility_space>
<objective index="0" name="p">
<issue index="1" name="Food" type="discrete">` + items + `</issue>
<weight index="1" value="` + w1 + `"/>
<issue index="2" name="Bands" type="integer" lowerbound="1" upperbound="3"><evaluator ftype="linear" slope="0.5" offset="0"/></issue>
<weight index="2" value="` + w2 + `"/>
</objective>` + extra + `
</utility_space>
`
}

const okItems = `<item value="Chips" evaluation="1"/><item value="Soup" evaluation="2"/><item value="Cake" evaluation="4"/>`

// scenarioFS returns a folder "s" holding files.
func scenarioFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys["s/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// What winwin cannot represent, or what is not well formed, is an error
// naming the file, the element and why; never a silent approximation.
// The messages are kept in testdata/errors.golden for reading.
func TestErrorsNameFileElementAndWhy(t *testing.T) {
	ok := xmlProfile(okItems, "0.5", "0.5", "")
	cases := []struct {
		name  string
		files map[string]string
		opt   genius.Options
		want  string // in the message
	}{
		{"value not in the domain", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": xmlProfile(okItems+`<item value="Pizza" evaluation="3"/>`, "0.5", "0.5", "")}, genius.Options{}, `s/b.xml:3: <item value="Pizza">: value "Pizza": the domain's issue "Food" has no such value`},
		{"domain value without evaluation", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": xmlProfile(`<item value="Chips" evaluation="1"/><item value="Cake" evaluation="2"/>`, "0.5", "0.5", "")}, genius.Options{}, `value "Soup" of the domain has no evaluation`},
		{"issue the domain lacks", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": strings.Replace(ok, `</objective>`, `<issue index="7" name="Music" type="discrete"/></objective>`, 1)}, genius.Options{}, `the domain (s/d.xml) has no issue with index "7"`},
		{"non-linear profile", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": strings.Replace(ok, `<utility_space>`, `<utility_space type="nonlinear">`, 1)}, genius.Options{}, "winwin reads linear additive profiles only"},
		{"constraint-based profile", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": xmlProfile(okItems, "0.5", "0.5", `<constraint type="sumZero"/>`)}, genius.Options{}, "a non-linear or constraint-based profile"},
		{"discount factor", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": xmlProfile(okItems, "0.5", "0.5", `<discount_factor value="0.8"/>`)}, genius.Options{}, "discount factor 0.8"},
		{"three profiles, none chosen", map[string]string{"d.xml": xmlDomain, "a.xml": ok, "b.xml": ok, "c.xml": ok}, genius.Options{}, "has 3 profiles (1 a.xml, 2 b.xml, 3 c.xml): choose the seller's and the buyer's"},
		{"one profile", map[string]string{"d.xml": xmlDomain, "a.xml": ok}, genius.Options{}, "has 1 profile: winwin needs two"},
		{"unknown profile", map[string]string{"d.xml": xmlDomain, "a.xml": ok, "b.xml": ok}, genius.Options{Seller: "z.xml"}, `seller profile "z.xml": no such profile in s; its profiles: 1 a.xml, 2 b.xml`},
		{"profile number out of range", map[string]string{"d.xml": xmlDomain, "a.xml": ok, "b.xml": ok}, genius.Options{Buyer: "3"}, "buyer profile 3: the folder s has profiles 1..2"},
		{"weights above 1 that GENIUS caps", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": xmlProfile(okItems, "0.7", "0.6", "")}, genius.Options{}, "GENIUS caps utilities above 1"},
		{"largest evaluation rounding to 1", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": xmlProfile(`<item value="Chips" evaluation="1.4"/><item value="Soup" evaluation="1"/><item value="Cake" evaluation="0"/>`, "0.5", "0.5", "")}, genius.Options{}, `value "Chips" has evaluation 1.4`},
		{"negative evaluation", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": xmlProfile(`<item value="Chips" evaluation="-1"/><item value="Soup" evaluation="1"/><item value="Cake" evaluation="0"/>`, "0.5", "0.5", "")}, genius.Options{}, `evaluation="-1": an evaluation is a number ≥ 0`},
		{"missing weight", map[string]string{"d.xml": xmlDomain, "a.xml": ok,
			"b.xml": strings.Replace(ok, `<weight index="2" value="0.5"/>`, "", 1)}, genius.Options{}, `no <weight index="2"> for issue "Bands"`},
		{"triangular real evaluator", map[string]string{"d.xml": strings.Replace(xmlDomain, `<issue index="2" name="Bands" type="integer" lowerbound="1" upperbound="3"/>`, `<issue index="2" name="Bands" type="real"><range lowerbound="0" upperbound="1"/></issue>`, 1), "a.xml": ok,
			"b.xml": strings.Replace(ok, `<issue index="2" name="Bands" type="integer" lowerbound="1" upperbound="3"><evaluator ftype="linear" slope="0.5" offset="0"/></issue>`, `<issue index="2" name="Bands" type="real"><evaluator ftype="triangular" parameter0="0" parameter1="1" parameter2="0.5"/></issue>`, 1)},
			genius.Options{Seller: "b.xml", Buyer: "a.xml"}, `ftype="triangular": winwin reads linear and constant evaluators of real issues`},
		{"malformed XML", map[string]string{"d.xml": xmlDomain, "a.xml": ok, "b.xml": "<utility_space>\n<objective>\n</utility_space>\n"}, genius.Options{}, "s/b.xml:3: not well-formed XML"},
		{"no domain", map[string]string{"a.xml": ok, "b.xml": ok}, genius.Options{}, "holds no domain file"},
		{"nested objective", map[string]string{"d.xml": strings.Replace(xmlDomain, `<issue index="1"`, `<objective index="9" name="sub"/><issue index="1"`, 1), "a.xml": ok, "b.xml": ok}, genius.Options{}, "a nested objective"},
		{"GeniusWeb profile of another type", map[string]string{"d.json": jsonDomain, "a.json": jsonProfile("0.5", "0.5"),
			"b.json": `{"LinearAdditive": {}}`}, genius.Options{}, "s/b.json: LinearAdditive: a LinearAdditive profile: winwin reads LinearAdditiveUtilitySpace profiles only"},
		{"GeniusWeb value not in the domain", map[string]string{"d.json": jsonDomain, "a.json": jsonProfile("0.5", "0.5"),
			"b.json": strings.Replace(jsonProfile("0.5", "0.5"), `"Cake": 1`, `"Cake": 1, "Pizza": 0.5`, 1)}, genius.Options{}, `LinearAdditiveUtilitySpace.issueUtilities.Food.DiscreteValueSetUtilities.valueUtilities.Pizza: the domain's issue "Food" has no value "Pizza"`},
		{"GeniusWeb numbers outside the utility's range", map[string]string{"d.json": jsonDomain, "a.json": jsonProfile("0.5", "0.5"),
			"b.json": strings.Replace(jsonProfile("0.5", "0.5"), `"highValue": 3`, `"highValue": 2`, 1)}, genius.Options{}, "value 3 of issue \"Bands\" lies outside lowValue..highValue (1..2)"},
		{"GeniusWeb syntax error", map[string]string{"d.json": jsonDomain, "a.json": jsonProfile("0.5", "0.5"), "b.json": "{\n\"LinearAdditiveUtilitySpace\": {,}}"}, genius.Options{}, "s/b.json:2: not valid JSON"},
	}
	var log strings.Builder
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := genius.LoadFS(scenarioFS(c.files), "s", c.opt)
			if err == nil {
				t.Fatalf("loaded; want an error saying %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n  %v\nwant it to say\n  %s", err, c.want)
			}
			var ge *genius.Error
			if errors.As(err, &ge) && ge.File == "" {
				t.Errorf("error %v names no file", err)
			}
			fmt.Fprintf(&log, "%s:\n  %v\n", c.name, err)
		})
	}
	golden.Check(t, "testdata/errors.golden", []byte(log.String()))
}

const jsonDomain = `{"name": "p", "issuesValues": {"Food": {"values": ["Chips", "Soup", "Cake"]}, "Bands": {"range": {"low": 1, "high": 3, "step": 1}}}}`

func jsonProfile(w1, w2 string) string {
	return `{"LinearAdditiveUtilitySpace": {"issueUtilities": {
"Food": {"DiscreteValueSetUtilities": {"valueUtilities": {"Chips": 0.25, "Soup": 0.5, "Cake": 1}}},
"Bands": {"NumberValueSetUtilities": {"lowValue": 1, "lowUtility": 0, "highValue": 3, "highUtility": 1}}},
"issueWeights": {"Food": ` + w1 + `, "Bands": ` + w2 + `}, "name": "x", "reservationBid": {"issuevalues": {"Food": "Soup", "Bands": 2}}}}`
}

// The odd cases GENIUS accepts load with GENIUS's utilities.
func TestOddCasesLoadAsGENIUSComputes(t *testing.T) {
	ok := xmlProfile(okItems, "0.5", "0.5", "")
	t.Run("evaluations rounded to whole numbers when the largest rounds above 1", func(t *testing.T) {
		// GENIUS rounds each evaluation (halves up) and divides by the
		// rounded largest: 2.5 → 3, 4 → 4, 0.4 → 0: 3/4, 4/4, 0.
		b := xmlProfile(`<item value="Chips" evaluation="2.5"/><item value="Soup" evaluation="4"/><item value="Cake" evaluation="0.4"/>`, "1", "0", "")
		sc, err := genius.LoadFS(scenarioFS(map[string]string{"d.xml": xmlDomain, "a.xml": ok, "b.xml": b}), "s", genius.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := sc.Prefs[agents.Buyer].Values[0]; !close3(got, []float64{0.75, 1, 0}) {
			t.Errorf("values %v, want [0.75 1 0]", got)
		}
	})
	t.Run("discount ignored on request, and factors GENIUS ignores", func(t *testing.T) {
		for _, c := range []struct {
			df   string
			opt  genius.Options
			want float64
		}{
			{"0.8", genius.Options{IgnoreDiscount: true}, 0.8},
			{"0", genius.Options{}, 1},   // GENIUS: a factor ≤ 0 means none
			{"1.5", genius.Options{}, 1}, // and so does one above 1
			{"1", genius.Options{}, 1},
		} {
			b := xmlProfile(okItems, "0.5", "0.5", `<discount_factor value="`+c.df+`"/>`)
			sc, err := genius.LoadFS(scenarioFS(map[string]string{"d.xml": xmlDomain, "a.xml": ok, "b.xml": b}), "s", c.opt)
			if err != nil {
				t.Fatalf("discount %s: %v", c.df, err)
			}
			if sc.Discount[agents.Buyer] != c.want {
				t.Errorf("discount %s: recorded %v, want %v", c.df, sc.Discount[agents.Buyer], c.want)
			}
		}
	})
	t.Run("three profiles, two chosen by name and number", func(t *testing.T) {
		sc, err := genius.LoadFS(scenarioFS(map[string]string{"d.xml": xmlDomain, "a.xml": ok, "b.xml": ok,
			"c.xml": xmlProfile(okItems, "0.2", "0.8", `<reservation value="0.5"/>`)}), "s", genius.Options{Seller: "c.xml", Buyer: "1"})
		if err != nil {
			t.Fatal(err)
		}
		if sc.Chosen != [2]string{"s/c.xml", "s/a.xml"} || sc.Prefs[agents.Seller].Reservation != 0.5 {
			t.Errorf("chose %v (seller reservation %v)", sc.Chosen, sc.Prefs[agents.Seller].Reservation)
		}
	})
	t.Run("GeniusWeb weights summing to 0.5 and a reservation bid", func(t *testing.T) {
		sc, err := genius.LoadFS(scenarioFS(map[string]string{"d.json": jsonDomain, "a.json": jsonProfile("0.5", "0.5"), "b.json": jsonProfile("0.25", "0.25")}), "s", genius.Options{})
		if err != nil {
			t.Fatal(err)
		}
		// Reservation: Soup and 2 bands, 0.5·0.5 + 0.5·0.5 = 0.5 for a;
		// 0.25·0.5 + 0.25·0.5 = 0.25 for b, whose utilities are half a's.
		a, b := sc.Prefs[agents.Seller], sc.Prefs[agents.Buyer]
		if math.Abs(a.Reservation-0.5) > 1e-12 || math.Abs(b.Reservation-0.25) > 1e-12 {
			t.Errorf("reservations %v, %v; want 0.5, 0.25", a.Reservation, b.Reservation)
		}
		for _, o := range allOffers(sc.Domain) {
			if math.Abs(b.Utility(o)-a.Utility(o)/2) > 1e-12 {
				t.Errorf("%s: %v, want half of %v", sc.Domain.Format(o), b.Utility(o), a.Utility(o))
			}
		}
	})
}

// The GeniusWeb scenario of testdata/jobs, by hand.
func TestGeniusWebByHand(t *testing.T) {
	sc, err := genius.Load("testdata/jobs", genius.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sc.Format != genius.GeniusWebJSON || sc.Domain.Size() != 5*4*3 {
		t.Fatalf("format %s, %v outcomes", sc.Format, sc.Domain.Size())
	}
	// company.json sorts first: the seller. Stipend 1500, 2 remote days,
	// start July: company 0.6·0.6 + 0.1·0.5 + 0.3·1 = 0.71; intern
	// 0.5·0.5 + 0.3·0.8 + 0.2·0.7 = 0.63.
	o := agents.Offer{2, 2, 1}
	if got := sc.Domain.Format(o); got != "stipend=1,500 remote days=2 start=July" {
		t.Fatalf("offer %s", got)
	}
	if s, b := sc.Prefs[agents.Seller].Utility(o), sc.Prefs[agents.Buyer].Utility(o); math.Abs(s-0.71) > 1e-12 || math.Abs(b-0.63) > 1e-12 {
		t.Errorf("utilities (%v, %v), want (0.71, 0.63)", s, b)
	}
	// The intern's reservation bid: stipend 1250, 1 remote day, September:
	// 0.5·0.25 + 0.3·0.4 + 0.2·0.2 = 0.285. The company has none: 0.
	if r := sc.Prefs[agents.Buyer].Reservation; math.Abs(r-0.285) > 1e-12 {
		t.Errorf("intern reservation %v, want 0.285", r)
	}
	if r := sc.Prefs[agents.Seller].Reservation; r != 0 {
		t.Errorf("company reservation %v, want 0", r)
	}
}

func close3(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-12 {
			return false
		}
	}
	return true
}
