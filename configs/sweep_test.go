package configs

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepExamples loads every sweep under configs/sweeps: each is a
// sweep of one or two keys whose points differ from the base config only
// in those keys.
func TestSweepExamples(t *testing.T) {
	files, err := filepath.Glob("sweeps/*.toml")
	if err != nil || len(files) < 3 {
		t.Fatalf("sweeps: %v, %v", files, err)
	}
	for _, f := range files {
		c, err := Load(f)
		if err != nil {
			t.Fatal(err)
		}
		if c.Sweep == nil || len(c.Sweep.Axes) == 0 {
			t.Fatalf("%s: no sweep", f)
		}
		for _, p := range c.Sweep.Points() {
			if p.Config.Sweep != nil || p.Config.Seed != c.Seed || len(p.Config.Strategies) != len(c.Strategies) {
				t.Errorf("%s point %d: not the config at one point", f, p.Index)
			}
		}
	}
}

// TestSweepPoints checks how the points are made: the first axis varies
// fastest, ranges include both ends, and each key lands where it belongs.
func TestSweepPoints(t *testing.T) {
	text := `
[sweep]
relationship.discount = { from = 0.5, to = 0.9, steps = 3 }
strategies.b.e = [0.1, 0.5]
[[strategies]]
name = "b"
strategy = "boulware"
`
	c, err := Parse([]byte(text), "sweep.toml")
	if err != nil {
		t.Fatal(err)
	}
	ps := c.Sweep.Points()
	if len(ps) != 6 {
		t.Fatalf("%d points", len(ps))
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Values[0].String()+"/"+p.Values[1].String())
		if p.Config.Model.Discount != p.Values[0].Num || p.Config.Strategies[0].Resolved["e"] != p.Values[1].Num {
			t.Errorf("point %d: discount %v, e %v", p.Index, p.Config.Model.Discount, p.Config.Strategies[0].Resolved["e"])
		}
	}
	if s := strings.Join(got, " "); s != "0.5/0.1 0.7/0.1 0.9/0.1 0.5/0.5 0.7/0.5 0.9/0.5" {
		t.Errorf("points %s", s)
	}
	if c.Strategies[0].Params["e"] != 0 || c.Model.Discount != 0.9 {
		t.Error("making the points changed the base config")
	}
	if c.Sweep.WinWin[0] != "integrative" {
		t.Errorf("default groups %v", c.Sweep.WinWin)
	}
}

// TestSweepDomains checks a sweep over domains: each point has its
// domain's scenario.
func TestSweepDomains(t *testing.T) {
	c, err := Parse([]byte("[sweep]\ndomain = [\"price-haggle\", \"bundle\", \"genius:scenarios/office-lease\"]\n[[strategies]]\nname = \"boulware\"\n"), "d.toml")
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range c.Sweep.Points() {
		want := []string{"price-haggle", "bundle", "genius:scenarios/office-lease"}[i]
		if p.Config.DomainName != want || p.Config.Scenario.Domain == nil || i < 2 && p.Config.Scenario.Domain.Name != want {
			t.Errorf("point %d: domain %s", i, p.Config.DomainName)
		}
	}
}
