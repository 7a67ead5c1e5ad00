package play

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/configs"
)

func loadDomain(t testing.TB, name string) *agents.Domain {
	t.Helper()
	sc, _, err := configs.LoadDomain(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc.Domain
}

// terms renders parsed terms as "issue=option …" in issue order.
func termsString(d *agents.Domain, terms map[int]int) string {
	var parts []string
	for i, is := range d.Issues {
		if k, ok := terms[i]; ok {
			parts = append(parts, is.Name+"="+is.Options[k])
		}
	}
	return strings.Join(parts, " ")
}

func TestPlayParseInput(t *testing.T) {
	supply := loadDomain(t, "supply-deal")
	haggle := loadDomain(t, "price-haggle")
	bundle := loadDomain(t, "bundle")
	tests := []struct {
		name  string
		d     *agents.Domain
		line  string
		cmd   Command
		terms string
		tags  agents.Tags
		notes int
	}{
		{"empty", supply, "   ", Empty, "", 0, 0},
		{"accept", supply, "Accept", Accept, "", 0, 0},
		{"accept with dot", supply, "deal.", Accept, "", 0, 0},
		{"walk away", supply, "walk  away", Walk, "", 0, 0},
		{"hint", supply, "?", Hint, "", 0, 0},
		{"help", supply, "HELP", Help, "", 0, 0},
		{"quit", supply, "quit", Quit, "", 0, 0},
		{"prompt", supply, "offer", Prompt, "", 0, 0},
		{"hold", supply, "same", Hold, "", 0, 0},
		{"signal alone holds", supply, "why", Hold, "", agents.TagAskWhy, 0},
		{"hold with signals", supply, "same flinch unhappy", Hold, "", agents.TagFlinch | agents.TagDissatisfied, 0},
		{"exact labels", supply, "price=$120/unit delivery=2 weeks", Offer, "price=$120/unit delivery=2 weeks", 0, 0},
		{"case and prefixes", supply, "PRICE=120 Deliv=1 week pay=Net 30", Offer, "price=$120/unit delivery=1 week payment=net 30", 0, 0},
		{"colon and commas", supply, "price: 125, warranty: 2 years, volume: 5,000", Offer, "price=$125/unit warranty=2 years volume=5,000 units", 0, 0},
		{"days to weeks", supply, "delivery=30d", Offer, "delivery=4 weeks", 0, 1},
		{"weeks short", supply, "delivery=2w", Offer, "delivery=2 weeks", 0, 0},
		{"months to years", supply, "warranty=24 months", Offer, "warranty=2 years", 0, 0},
		{"years short", supply, "warranty=3y", Offer, "warranty=3 years", 0, 0},
		{"nearest price", supply, "price=$122", Offer, "price=$120/unit", 0, 1},
		{"number in words", supply, "payment=net 45", Offer, "payment=net 30", 0, 1},
		{"label prefix", supply, "payment=up", Offer, "payment=upfront", 0, 0},
		{"signals before and after", supply, "why price=130 justify", Offer, "price=$130/unit", agents.TagAskWhy | agents.TagJustify, 0},
		{"thousands k", haggle, "price=400k", Offer, "price=$400,000", 0, 0},
		{"dollars and commas", haggle, "price=$400,000", Offer, "price=$400,000", 0, 0},
		{"millions", haggle, "price=0.42m", Offer, "price=$420,000", 0, 0},
		{"bare option, one issue", haggle, "$410,000", Offer, "price=$410,000", 0, 0},
		{"bare option with signal", haggle, "410k why", Offer, "price=$410,000", agents.TagAskWhy, 0},
		{"item no", bundle, "installation=no support=none", Offer, "installation=left out support=left out", 0, 0},
		{"item yes", bundle, "training=yes", Offer, "training=included", 0, 0},
		{"item label", bundle, "support=1 year price=50k", Offer, "price=$50,000 support=1 year", 0, 0},
		{"unit of the label", supply, "volume=5000 units price=120/unit", Offer, "price=$120/unit volume=5,000 units", 0, 0},
		{"unit singular", supply, "volume=2000 unit", Offer, "volume=2,000 units", 0, 0},
		{"currency word", haggle, "price=400000 dollars", Offer, "price=$400,000", 0, 0},
		{"two signals after an option", haggle, "price=$380,000 why unhappy", Offer, "price=$380,000", agents.TagAskWhy | agents.TagDissatisfied, 0},
		{"walkaway", haggle, "walkaway", Walk, "", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := ParseInput(tt.d, tt.line)
			if err != nil {
				t.Fatalf("ParseInput(%q): %v", tt.line, err)
			}
			if in.Command != tt.cmd {
				t.Errorf("command %d, want %d", in.Command, tt.cmd)
			}
			if got := termsString(tt.d, in.Terms); got != tt.terms {
				t.Errorf("terms %q, want %q", got, tt.terms)
			}
			if in.Tags != tt.tags {
				t.Errorf("tags %v, want %v", in.Tags, tt.tags)
			}
			if len(in.Notes) != tt.notes {
				t.Errorf("notes %q, want %d", in.Notes, tt.notes)
			}
		})
	}
}

func TestPlayParseInputErrors(t *testing.T) {
	supply := loadDomain(t, "supply-deal")
	haggle := loadDomain(t, "price-haggle")
	bundle := loadDomain(t, "bundle")
	tests := []struct {
		name string
		d    *agents.Domain
		line string
		want string // in the error
	}{
		{"unknown issue", supply, "prise=120", `no issue "prise" (did you mean price?). The issues are price, delivery`},
		{"far unknown issue", supply, "colour=red", `no issue "colour". The issues are`},
		{"ambiguous issue", bundle, "=1", "did not understand"},
		{"impossible option", supply, "delivery=tomorrow", `delivery has no option "tomorrow": the options are 1 week, 2 weeks, 4 weeks, 8 weeks`},
		{"out of range", haggle, "price=1,000,000", "from $300,000 to $500,000 in steps of $10,000"},
		{"thousands forgotten", haggle, "price=400", "did you mean $400,000? type 400k"},
		{"too long delivery", supply, "delivery=90d", "no option near"},
		{"missing option", supply, "price=", "price= needs an option"},
		{"twice", supply, "price=120 price=130", "price is given twice"},
		{"gibberish", supply, "make me an offer", "did not understand"},
		{"bad signal", supply, "please price=120", `did not understand "please"`},
		{"ambiguous yes", bundle, "support=yes", "support can be included in several ways"},
		{"ambiguous prefix", supply, "payment=net", `"net" could be net 30 or net 60 or net 90`},
		// Misspelt signals and commands are named, never dropped in silence.
		{"misspelt trailing signal", haggle, "price=$380,000 why unhapy", `did not understand "unhapy" after price=$380,000 (did you mean unhappy?)`},
		{"misspelt signal after a bare option", haggle, "$380k why unhapy", `did not understand "unhapy" (did you mean unhappy?)`},
		{"misspelt signal before the offer", supply, "unhapy price=120", `did not understand "unhapy" before the offer (did you mean unhappy?)`},
		{"misspelt signal after same", supply, "same unhapy", `did not understand "unhapy" (did you mean unhappy?)`},
		{"misspelt accept, one issue", haggle, "accpet", `did not understand "accpet" (did you mean accept?)`},
		{"misspelt accept", supply, "acept", `did not understand "acept" (did you mean accept?)`},
		{"misspelt walk", bundle, "wlak", `did not understand "wlak" (did you mean walk?)`},
		{"unknown word after an option", supply, "price=120 please", `did not understand "please" after price=120`},
		{"no such unit", supply, "volume=5000 boxes", `did not understand "boxes" after volume=5000`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := ParseInput(tt.d, tt.line)
			if err == nil {
				t.Fatalf("ParseInput(%q) = %+v, want an error", tt.line, in)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func FuzzParseInput(f *testing.F) {
	d := loadDomain(f, "supply-deal")
	for _, s := range []string{"price=$120 delivery=30d", "why", "payment: net 45, volume=5k", "=", "a=b=c", "price=1e309", "delivery=.5w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		in, err := ParseInput(d, line)
		if err != nil {
			return
		}
		for i, k := range in.Terms {
			if i < 0 || i >= len(d.Issues) || k < 0 || k >= len(d.Issues[i].Options) {
				t.Fatalf("ParseInput(%q) picked issue %d option %d", line, i, k)
			}
		}
	})
}

func ExampleParseInput() {
	sc, _, err := configs.LoadDomain("supply-deal")
	if err != nil {
		panic(err)
	}
	in, err := ParseInput(sc.Domain, "Price: $122, deliv=30d why")
	if err != nil {
		panic(err)
	}
	for i, is := range sc.Domain.Issues {
		if k, ok := in.Terms[i]; ok {
			fmt.Printf("%s = %s\n", is.Name, is.Options[k])
		}
	}
	fmt.Println("signals:", in.Tags)
	for _, n := range in.Notes {
		fmt.Println("note:", n)
	}
	// Output:
	// price = $120/unit
	// delivery = 4 weeks
	// signals: ask-why
	// note: price=$122 → $120/unit, the nearest option
	// note: delivery=30d → 4 weeks, the nearest option
}
