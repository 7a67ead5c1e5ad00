package configs

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/winwin-sim/winwin/agents"
)

// A GENIUS scenario loads the same through --domain genius:DIR, a config's
// domain table and the winwin domain it converts to.
func TestGeniusScenarioEverywhereADomainIsNamed(t *testing.T) {
	byName, info, err := LoadDomain("genius:genius/testdata/party,seller=party_profile1.xml,buyer=2")
	if err != nil {
		t.Fatal(err)
	}
	if info.Source != "genius:genius/testdata/party" || info.Name != "party" || len(info.Converted) == 0 {
		t.Errorf("info %+v", info)
	}
	fromText, err := ParseDomain(info.Converted, "party.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(byName, fromText) {
		t.Error("the converted domain loads to another scenario")
	}
	cfg := `domain = { genius = "genius/testdata/party", seller = "1", buyer = "party_profile2.xml" }
[[strategies]]
name = "boulware"
`
	c, err := Parse([]byte(cfg), "run.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Scenario, byName) || c.DomainName != "genius:genius/testdata/party" {
		t.Errorf("the config's scenario differs from --domain's (%s)", c.DomainName)
	}
	// Swapping the profiles swaps the sides.
	swapped, _, err := LoadDomain("genius:genius/testdata/party,seller=2,buyer=1")
	if err != nil {
		t.Fatal(err)
	}
	if swapped.Prefs[agents.Seller].Reservation != byName.Prefs[agents.Buyer].Reservation {
		t.Error("seller=2 did not give the seller the second profile")
	}
	// A run folder's config (ParseFS) reads a scenario inside the folder.
	dir := t.TempDir()
	for _, f := range []string{"party_domain.xml", "party_profile1.xml", "party_profile2.xml"} {
		data, err := os.ReadFile(filepath.Join("genius/testdata/party", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "scenario"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "scenario", f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := os.DirFS(dir)
	c2, err := ParseFS([]byte(strings.Replace(cfg, "genius/testdata/party", "scenario", 1)), "config.toml", fsys)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c2.Scenario.Prefs, byName.Prefs) {
		t.Error("ParseFS imported other preferences")
	}
}

// Options after genius:DIR are checked with what is allowed.
func TestGeniusNameOptions(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"genius:", "needs a folder"},
		{"genius:x,real_steps=0", "real_steps=0: must be an integer 1..1000"},
		{"genius:x,discount=maybe", `discount=maybe: must be "ignore" or "refuse"`},
		{"genius:x,buyer", `"buyer": want key=value`},
		{"genius:x,byer=2", `unknown key "byer" (did you mean "buyer"?)`},
	} {
		_, _, err := LoadDomain(c.name)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to say %q", c.name, err, c.want)
		}
	}
	spec, err := parseGeniusName("genius:a/b,seller=s.xml,buyer=3,real_steps=20,discount=ignore")
	if err != nil {
		t.Fatal(err)
	}
	if spec.dir != "a/b" || spec.opts.Seller != "s.xml" || spec.opts.Buyer != "3" || spec.opts.RealSteps != 20 || !spec.opts.IgnoreDiscount {
		t.Errorf("spec %+v", spec)
	}
	_ = fstest.MapFS{}
}
