package research_test

import (
	"context"
	"fmt"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/shard"
)

// A sweep as a task list: two plays (one per domain) of 3 × 3 pairs × 5
// relationships, each relationship rescored for the three values of
// p_hi. Two halves of it, played apart — on two machines, say — merge
// into the state of the whole sweep, whose figures are the same bits.
func ExampleSweepJob() {
	cfg, err := configs.Parse([]byte(`
relationships = 5
periods = 4
[sweep]
relationship.p_hi = [0.5, 0.9, 1.0]
domain = ["supply-deal", "bundle"]
[[strategies]]
name = "integrative"
[[strategies]]
name = "hard-anchorer"
[[strategies]]
name = "random"
`), "sweep.toml")
	if err != nil {
		panic(err)
	}
	job, err := research.NewSweepJob(cfg)
	if err != nil {
		panic(err)
	}
	n := job.Tasks()
	first, _ := job.Play(context.Background(), shard.Range{Lo: 0, Hi: n / 2}, nil)
	second, _ := job.Play(context.Background(), shard.Range{Lo: n / 2, Hi: n}, nil)
	if err := first.Merge(second); err != nil {
		panic(err)
	}
	fmt.Printf("%d points, %d relationships to play; the halves merged hold %d\n", job.Points(), n, job.Played(first))
	// Output: 6 points, 90 relationships to play; the halves merged hold 90
}
