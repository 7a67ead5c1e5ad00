package play

import (
	"slices"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
)

func loadScenario(t testing.TB, name string) arena.Scenario {
	t.Helper()
	sc, _, err := configs.LoadDomain(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func TestSharedIssues(t *testing.T) {
	tests := []struct {
		domain string
		want   []string
	}{
		{"supply-deal", []string{"volume"}},
		{"bundle", []string{"training"}},
		{"price-haggle", nil},
	}
	for _, tt := range tests {
		sc := loadScenario(t, tt.domain)
		var got []string
		for _, i := range SharedIssues(sc) {
			got = append(got, sc.Domain.Issues[i].Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: shared issues %v, want %v", tt.domain, got, tt.want)
		}
	}
}

// TestCoachNeverAdvisesGivingUpASharedIssue: on every built-in domain, in
// either role, the coach's advice on where to concede never names an
// issue both sides want (the issue's bug: "concede volume" to a buyer on
// supply-deal, "concede training" to a seller on bundle).
func TestCoachNeverAdvisesGivingUpASharedIssue(t *testing.T) {
	for _, name := range configs.Domains() {
		sc := loadScenario(t, name)
		for _, me := range []agents.Role{agents.Seller, agents.Buyer} {
			c := NewCoach(sc, me)
			v := &agents.View{Domain: sc.Domain, Prefs: sc.Prefs[me], Role: me, Deadline: 10}
			for _, line := range c.Hint(v) {
				concede, _, ok := strings.Cut(line, "and hold on")
				if !ok || !strings.HasPrefix(line, "Create value: concede") {
					continue
				}
				for _, i := range SharedIssues(sc) {
					if strings.Contains(concede, sc.Domain.Issues[i].Name) {
						t.Errorf("%s as %s: the coach advises conceding %s, which both sides want: %q", name, me, sc.Domain.Issues[i].Name, line)
					}
				}
			}
		}
	}
}

// TestMoney checks the money words against closed forms: on price-haggle
// the buyer's value falls by 1 over $200,000, so 0.30 is $60,000; on
// supply-deal the buyer's price weighs 0.25 over $40/unit, so 0.10 is
// $16/unit; bundle's seller values price on a straight line too; an issue
// without a price has no money.
func TestMoney(t *testing.T) {
	haggle := loadScenario(t, "price-haggle")
	supply := loadScenario(t, "supply-deal")
	tests := []struct {
		name string
		sc   arena.Scenario
		r    agents.Role
		du   float64
		want string
	}{
		{"haggle buyer", haggle, agents.Buyer, 0.30, "$60,000"},
		{"haggle seller, a loss", haggle, agents.Seller, -0.05, "$10,000"},
		{"supply buyer", supply, agents.Buyer, 0.10, "$16/unit"},
		{"rounded to a fifth of a step", supply, agents.Buyer, 0.13, "$21/unit"},
	}
	for _, tt := range tests {
		if got := Money(tt.sc.Domain, tt.sc.Prefs[tt.r], tt.du); got != tt.want {
			t.Errorf("%s: Money(%.2f) = %q, want %q", tt.name, tt.du, got, tt.want)
		}
	}
	noPrice := &agents.Domain{Name: "x", Issues: []agents.Issue{{Name: "colour", Options: []string{"red", "blue"}}}}
	if got := Money(noPrice, &agents.Preferences{Weights: []float64{1}, Values: [][]float64{{0, 1}}}, 0.5); got != "" {
		t.Errorf("Money without a price = %q, want none", got)
	}
}

// TestCoachRemarksKeepThePartnersWalkAwayPrivate: during the deal the
// remark on the player's extreme anchor says how far outside the zone it
// was, never the partner's walk-away point; the debrief after it does.
func TestCoachRemarksKeepThePartnersWalkAwayPrivate(t *testing.T) {
	sc := loadScenario(t, "price-haggle")
	for _, tt := range []struct {
		opening int // option index of the seller's opening
		live    string
	}{
		{20, "Your opening was as extreme as an anchor gets: worth nothing to the buyer."},
		{15, "Your opening was an extreme anchor, just outside the zone of agreement: worse for the buyer than no deal."},
	} {
		c := NewCoach(sc, agents.Seller)
		v := &agents.View{Domain: sc.Domain, Prefs: sc.Prefs[agents.Seller], Role: agents.Seller, Opener: agents.Seller, Deadline: 10, Round: 1, Turn: 2,
			Moves: []agents.Move{
				{Kind: agents.MoveOffer, Offer: agents.Offer{tt.opening}, Tags: agents.TagExtremeAnchor},
				{Kind: agents.MoveOffer, Offer: agents.Offer{5}},
			}}
		got := c.Remarks(v)
		if len(got) != 1 || !strings.HasPrefix(got[0], tt.live) {
			t.Errorf("opening %s: remarks %q, want one starting %q", sc.Domain.Issues[0].Options[tt.opening], got, tt.live)
		}
		if strings.Contains(strings.Join(got, " "), "0.30") {
			t.Errorf("the remark gives away the buyer's walk-away point: %q", got)
		}
		if again := c.Remarks(v); len(again) != 0 {
			t.Errorf("the same moves remarked on twice: %q", again)
		}
	}
}

// TestCoachWithoutThePartnersPreferences: a coach that knows only the
// player's preferences (a Human used on its own) still hints and remarks
// on what the player's own values tell, and never panics.
func TestCoachWithoutThePartnersPreferences(t *testing.T) {
	sc := loadScenario(t, "supply-deal")
	sc.Prefs[agents.Seller] = nil
	c := NewCoach(sc, agents.Buyer)
	v := &agents.View{Domain: sc.Domain, Prefs: sc.Prefs[agents.Buyer], Role: agents.Buyer, Opener: agents.Seller, Deadline: 10, Round: 1, Turn: 2,
		Moves: []agents.Move{
			{Kind: agents.MoveOffer, Offer: agents.Offer{8, 3, 0, 3, 0}},
			{Kind: agents.MoveOffer, Offer: agents.Offer{0, 0, 3, 3, 3}},
			{Kind: agents.MoveOffer, Offer: agents.Offer{8, 3, 0, 3, 0}},
			{Kind: agents.MoveOffer, Offer: agents.Offer{4, 0, 3, 3, 3}},
		}}
	v.Last = v.Moves[2]
	if len(c.Hint(v)) == 0 {
		t.Error("no hint")
	}
	if got := c.Remarks(v); len(got) != 1 || !strings.HasPrefix(got[0], "You conceded 0.12 ($20/unit on the price) although the seller had not moved") {
		t.Errorf("remarks %q, want the unearned concession", got)
	}
}
