package configs_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/configs"
)

// A config needs only its entrants; everything else has a default.
func ExampleParse() {
	c, err := configs.Parse([]byte(`
relationships = 50
domain = "price-haggle"

[[strategies]]
name = "linear"

[[strategies]]
name = "boulware-late"
strategy = "boulware"
params = { e = 0.1 }
`), "mine.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Relationships, "relationships of", c.Periods, "periods on", c.Domain.Name)
	for _, s := range c.Strategies {
		fmt.Printf("%s plays %s, e = %v\n", s.Name, s.Strategy, s.Resolved["e"])
	}
	// Output:
	// 50 relationships of 10 periods on price-haggle
	// linear plays linear, e = 1
	// boulware-late plays boulware, e = 0.1
}

// A typo is reported with its line and the key it probably meant.
func ExampleParse_error() {
	_, err := configs.Parse([]byte(`seed = 3
relationshps = 200
`), "mine.toml")
	fmt.Println(err)
	// Output:
	// mine.toml:2:1: unknown key "relationshps" (did you mean "relationships"?)
	//     2 | relationshps = 200
	//       | ^^^^^^^^^^^^
}

func ExampleLoadDomain() {
	sc, info, err := configs.LoadDomain("supply-deal")
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, is := range info.Issues {
		fmt.Printf("%-9s %-12s %d options, weights seller %.2f buyer %.2f\n",
			is.Name, is.Kind, len(sc.Domain.Issues[i].Options), is.Weight[0], is.Weight[1])
	}
	// Output:
	// price     distributive 9 options, weights seller 0.35 buyer 0.25
	// delivery  distributive 4 options, weights seller 0.10 buyer 0.30
	// warranty  distributive 4 options, weights seller 0.15 buyer 0.20
	// volume    compatible   4 options, weights seller 0.15 buyer 0.10
	// payment   distributive 4 options, weights seller 0.25 buyer 0.15
}
