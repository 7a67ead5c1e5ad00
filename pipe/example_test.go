package pipe_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/pipe"
	"github.com/winwin-sim/winwin/strategies"
)

// An external agent plays one negotiation against the built-in boulware.
// Here the agent is a shell script, so the example runs wherever there is a
// POSIX shell: it greets winwin and accepts as soon as there is an offer
// on the table (opening with option 0 of each issue otherwise). Real
// agents are in examples/agents.
func Example() {
	const script = `
read hello
echo '{"type":"hello","protocol":1,"name":"sh-accepter"}'
while read line; do
  case "$line" in
  *'"type":"turn"'*)
    s=${line#*'"session":'}; s=${s%%,*}
    case "$line" in
    *'"last":null'*) echo '{"type":"move","session":'$s',"kind":"offer","offer":[0,0]}' ;;
    *) echo '{"type":"move","session":'$s',"kind":"accept"}' ;;
    esac ;;
  esac
done`
	pool, err := pipe.NewPool(pipe.Config{Name: "sh-accepter", Command: []string{"sh", "-c", script}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()

	price, _ := agents.NumericIssue("price", 100, 120, 10, "$", "")
	d := &agents.Domain{Name: "example", Issues: []agents.Issue{price, {Name: "delivery", Options: []string{"7 days", "30 days"}}}}
	seller := &agents.Preferences{Weights: []float64{0.7, 0.3}, Values: [][]float64{{0, 0.5, 1}, {1, 0}}, Reservation: 0.3}
	buyer := &agents.Preferences{Weights: []float64{0.6, 0.4}, Values: [][]float64{{1, 0.5, 0}, {0.2, 1}}, Reservation: 0.3}
	boulware, _ := strategies.Factory("boulware", nil)

	var table arena.Table
	out := table.Negotiate(arena.Setup{Domain: d, Deadline: 5, Opener: agents.Seller},
		&arena.Party{Agent: boulware(), Prefs: seller, Rand: arena.NewRand(1, 0)},
		&arena.Party{Agent: pool.NewAgent(), Prefs: buyer, Rand: arena.NewRand(1, 1)})
	fmt.Println("agreed:", out.Agreed, "on", d.Format(out.Offer), "after", out.Turns, "moves; fault:", out.Fault)
	fmt.Println("agent:", pool.AgentName())
	// Output:
	// agreed: true on price=$120 delivery=7 days after 2 moves; fault: <nil>
	// agent: sh-accepter
}
