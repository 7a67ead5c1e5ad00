package transcript_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/strategies"
	"github.com/winwin-sim/winwin/transcript"
)

// articleTactics are the strategies of the article's five tactics and the
// lines ("When" of strategies.Lines) each says in some deal of the games
// below, in both roles.
var articleTactics = []struct {
	name  string
	lines []string
}{
	{"hard-anchorer", []string{"anchor", "justify"}},
	{"integrative", []string{"ask why (after an anchor)", "ask why (after a flinch)", "disclose", "re-price"}},
	{"flincher", []string{"flinch"}},
	{"walk-away-disciplined", []string{"ask why (after a flinch)", "dissatisfied", "walk away"}},
	{"unbundler", []string{"unbundle"}},
}

// Every tactic's line in both roles matches the role: each article
// strategy plays every registered strategy in both roles on every
// built-in domain and on costlyExtras (three deals, three seeds), and every line it says is
// its own role's line, never the other role's. The lines it is known for
// must each be said in both roles, so the check cannot pass on silence.
// The telling matches too: "instead of conceding" is never said of a move
// that concedes.
func TestLinesMatchTheRoleOnEveryDomain(t *testing.T) {
	lines := strategies.Lines()
	whenOf := [2]map[string]string{{}, {}} // words → situation, per role
	for _, l := range lines {
		for r := range 2 {
			whenOf[r][l.Words[r]] = l.When
		}
	}
	partners := strategies.Names()
	for _, a := range articleTactics {
		t.Run(a.name, func(t *testing.T) {
			said := [2]map[string]bool{{}, {}}
			for _, domain := range append(configs.Domains(), "costly-extras") {
				sc, err := lineDomain(domain)
				if err != nil {
					t.Fatal(err)
				}
				for _, partner := range partners {
					for role := range 2 {
						names := [2]string{partner, partner}
						names[role] = a.name
						for seed := uint64(1); seed <= 3; seed++ {
							rel := play(t, sc, names, seed)
							game := fmt.Sprintf("%s, seller %s, buyer %s, seed %d", domain, names[0], names[1], seed)
							for i := range rel.Deals {
								n := &rel.Deals[i]
								for _, st := range n.Outcome.Transcript {
									if st.Move.Say == "" || names[st.By] != a.name {
										continue
									}
									when, ok := whenOf[st.By][st.Move.Say]
									if !ok {
										if other, mine := whenOf[st.By.Other()][st.Move.Say]; mine {
											t.Errorf("%s, deal %d: the %s says the %s's %s line: %q", game, i+1, st.By, st.By.Other(), other, st.Move.Say)
										} else {
											t.Errorf("%s, deal %d: the %s says %q, no line of the table", game, i+1, st.By, st.Move.Say)
										}
										continue
									}
									said[st.By][when] = true
								}
								for _, b := range transcript.Scene(n) {
									for _, nt := range b.Notes {
										if b.Shift.Concedes() && strings.Contains(nt.Text, "instead of conceding") {
											t.Errorf("%s, deal %d, move %d: %q on a move that concedes", game, i+1, b.Move+1, nt.Text)
										}
									}
								}
							}
						}
					}
				}
			}
			for _, when := range a.lines {
				for r := range 2 {
					if !said[r][when] {
						t.Errorf("never says its %s line as the %s", when, agents.Role(r))
					}
				}
			}
		})
	}
}

// costlyExtras is a package whose add-ons cost the seller more than they
// earn it while the buyer wants them: the mirror of the built-in bundle,
// where only a buyer would take items out. Here a seller unbundles, and a
// buyer re-prices, so both roles' lines of those tactics are said.
const costlyExtras = `
name = "costly-extras"
[[issues]]
name = "price"
range = [40_000, 60_000]
step = 1_000
prefix = "$"
seller = { weight = 0.55, values = "ascending" }
buyer = { weight = 0.55, values = "descending" }
[[issues]]
name = "installation"
item = true
options = ["left out", "included"]
seller = { weight = 0.25, values = "descending" }
buyer = { weight = 0.20, values = "ascending" }
[[issues]]
name = "support"
item = true
options = ["left out", "1 year", "3 years"]
seller = { weight = 0.20, values = [1.0, 0.6, 0.0] }
buyer = { weight = 0.25, values = [0.0, 0.6, 1.0] }
[seller]
reservation = 0.35
[buyer]
reservation = 0.35
`

// lineDomain loads a built-in domain, or costlyExtras by its name.
func lineDomain(name string) (arena.Scenario, error) {
	if name == "costly-extras" {
		return configs.ParseDomain([]byte(costlyExtras), "costly-extras.toml")
	}
	sc, _, err := configs.LoadDomain(name)
	return sc, err
}

// play runs a relationship of three deals between the strategies names
// (seller, buyer) on sc.
func play(t *testing.T, sc arena.Scenario, names [2]string, seed uint64) *transcript.Relationship {
	t.Helper()
	var ag [2]agents.Agent
	for r, name := range names {
		f, err := strategies.Factory(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		ag[r] = f()
	}
	const periods, rounds = 3, 20
	m := &arena.Match{Scenario: sc, Names: names, Agents: ag, Periods: periods, Deadline: rounds,
		Opener: arena.Alternate, Model: arena.DefaultModel(), Seed: seed, Record: true}
	rec, err := m.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	return transcript.FromRecord(sc.Domain, rec, periods, rounds, &m.Model)
}
