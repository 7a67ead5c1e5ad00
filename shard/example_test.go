package shard_test

import (
	"fmt"

	"github.com/winwin-sim/winwin/shard"
)

// The classic tournament's 28,800 relationships cut into four shards, as
// a Slurm array of four tasks runs them.
func ExampleSpec_Range() {
	for i := range 4 {
		s := shard.Spec{Index: i, Count: 4}
		fmt.Println(s, s.Range(28800))
	}
	// Output:
	// 0/4 tasks 0–7199
	// 1/4 tasks 7200–14399
	// 2/4 tasks 14400–21599
	// 3/4 tasks 21600–28799
}

// SpecFromEnv reads the shard a scheduler started the process as.
func ExampleSpecFromEnv() {
	env := map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}
	s, err := shard.SpecFromEnv(func(k string) string { return env[k] }, 0)
	fmt.Println(s, err)
	// Output:
	// 2/4 <nil>
}
