package arena

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
)

// A Scenario is a domain with both sides' base preferences: Prefs[agents.Seller]
// and Prefs[agents.Buyer].
type Scenario struct {
	Domain *agents.Domain
	Prefs  [2]*agents.Preferences
}

// An Entrant is one strategy in a tournament under its display name (the
// same strategy may enter twice with different parameters).
type Entrant struct {
	Name string
	// Strategy is the registered strategy name, for reports.
	Strategy string
	// New returns a fresh agent for one side of one relationship.
	New func() agents.Agent
}

// OpenerRule says who makes the first offer of each period's negotiation.
type OpenerRule uint8

// Opener rules.
const (
	// Alternate: the seller opens in even periods, the buyer in odd ones.
	Alternate OpenerRule = iota
	SellerOpens
	BuyerOpens
)

// Opener returns the side that opens in period t.
func (o OpenerRule) Opener(t int) agents.Role {
	switch o {
	case SellerOpens:
		return agents.Seller
	case BuyerOpens:
		return agents.Buyer
	}
	return agents.Role(t % 2)
}

// String returns "alternate", "seller" or "buyer".
func (o OpenerRule) String() string {
	switch o {
	case SellerOpens:
		return "seller"
	case BuyerOpens:
		return "buyer"
	}
	return "alternate"
}

// OpenerRules names the opener rules, in OpenerRule order.
var OpenerRules = []string{"alternate", "seller", "buyer"}

// ParseOpenerRule returns the rule called name ("alternate", "seller" or
// "buyer").
func ParseOpenerRule(name string) (OpenerRule, error) {
	for i, n := range OpenerRules {
		if n == name {
			return OpenerRule(i), nil
		}
	}
	return 0, fmt.Errorf("opener %q: must be alternate, seller or buyer", name)
}
