package genius_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/configs/genius"
)

// Load a GENIUS scenario folder and read the utility of an outcome to
// each side. The seller's profile gives Food evaluations 1, 3, 5 (divided
// by 5), the buyer's weights sum to 0.8 (used as written, as GENIUS does).
func ExampleLoad() {
	sc, err := genius.Load("testdata/party", genius.Options{Seller: "party_profile1.xml", Buyer: "party_profile2.xml"})
	if err != nil {
		fmt.Println(err)
		return
	}
	o := agents.Offer{1, 2, 5} // Finger food, 3 bands, budget 50
	fmt.Println(sc.Format, sc.Domain.Size(), "outcomes")
	fmt.Println(sc.Domain.Format(o))
	fmt.Printf("seller %.3f, buyer %.3f\n", sc.Prefs[agents.Seller].Utility(o), sc.Prefs[agents.Buyer].Utility(o))
	// Output:
	// genius 132 outcomes
	// Food=Finger food Bands=3 Budget=50
	// seller 0.625, buyer 0.600
}
