// Package shard cuts a run into slices of its task list, plays them with
// checkpoints, and puts them back together exactly: it is what lets a run
// go on a cluster as n independent shards merged afterwards, and lets an
// interrupted run resume where it stopped.
//
// A run of any kind plugs in through a small adapter, a [Job]: the length
// of its task list (a tournament's pairs × relationships, followed by
// its market's replications if it has one; a sweep's plays'
// relationships, each rescored for every point of its play), a way to
// play a stretch of it into a
// [State], and a way to read a State back. A State is the run's
// accumulators — exact, so that states of disjoint stretches merged in any
// order give the bits of one process playing the whole list — written to
// bytes losslessly.
//
// [Play] plays a [Range] of the task list into a checkpoint folder, slice
// by slice: each finished slice's state is written there atomically
// (slices/LO-HI.state) before the next starts, and slices already there
// are not played again, so a run killed at any moment resumes from its
// last slice. A folder's [Manifest] (shard.json) says what it is a part of
// — the run's kind, name, program version, seed and configuration hash,
// the length of the task list, and which shard of how many — and, once
// the range is played, lists every slice with the SHA-256 of its bytes.
// [Gather] checks that folders belong together and cover the task list
// exactly once, naming what does not fit, and returns their slices for
// the caller to merge.
//
// A shard's index and count come from the command line ("--shard 2/4") or
// from the scheduler that started the process (SpecFromEnv): Slurm's
// array jobs and Kubernetes' Indexed Jobs.
package shard

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// A Range is the stretch of a task list from task Lo to task Hi−1.
type Range struct {
	Lo int `json:"lo"`
	Hi int `json:"hi"`
}

// Len returns the number of tasks in r.
func (r Range) Len() int { return r.Hi - r.Lo }

// String shows r as tasks "Lo–Hi−1" (or "none").
func (r Range) String() string {
	if r.Len() <= 0 {
		return "no tasks"
	}
	return fmt.Sprintf("tasks %d–%d", r.Lo, r.Hi-1)
}

// A Spec names one shard of a run: the Index-th (from 0) of Count.
type Spec struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// MaxShards bounds the number of shards of a run.
const MaxShards = 100000

// String shows s as "Index/Count".
func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Range returns the tasks of shard s of a list of tasks: the s.Index-th
// of s.Count stretches whose lengths differ by at most one.
func (s Spec) Range(tasks int) Range {
	return Range{Lo: tasks * s.Index / s.Count, Hi: tasks * (s.Index + 1) / s.Count}
}

// Valid reports whether s names a shard: 0 ≤ Index < Count ≤ MaxShards.
func (s Spec) Valid() error {
	switch {
	case s.Count < 1 || s.Count > MaxShards:
		return fmt.Errorf("a run is cut into 1..%d shards, not %d", MaxShards, s.Count)
	case s.Index < 0 || s.Index >= s.Count:
		return fmt.Errorf("shard %d of %d: shards are numbered from 0 to %d", s.Index, s.Count, s.Count-1)
	}
	return nil
}

// ParseSpec reads "i/n", the i-th (from 0) of n shards.
func ParseSpec(s string) (Spec, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil {
		return Spec{}, fmt.Errorf("shard %q: want INDEX/COUNT, the index from 0, such as 0/4 … 3/4", s)
	}
	sp := Spec{Index: i, Count: n}
	return sp, sp.Valid()
}

// Environment variables a scheduler sets for the processes of an array
// of tasks.
const (
	// EnvSlurmID and EnvSlurmCount are Slurm's (sbatch --array): the
	// task's ID and the number of tasks; EnvSlurmMin is the lowest ID,
	// subtracted so that --array=1-4 counts from 0 too.
	EnvSlurmID    = "SLURM_ARRAY_TASK_ID"
	EnvSlurmCount = "SLURM_ARRAY_TASK_COUNT"
	EnvSlurmMin   = "SLURM_ARRAY_TASK_MIN"
	// EnvK8sIndex is Kubernetes' (an Indexed Job): the pod's completion
	// index, from 0; the count is the Job's completions, which the pod
	// does not see: give it with --shards.
	EnvK8sIndex = "JOB_COMPLETION_INDEX"
)

// ErrNoSchedulerEnv is returned by SpecFromEnv when no scheduler variable
// is set.
var ErrNoSchedulerEnv = errors.New("no " + EnvSlurmID + " or " + EnvK8sIndex + " in the environment")

// SpecFromEnv returns the shard that a scheduler started this process as,
// from getenv (os.Getenv): Slurm's array variables, or Kubernetes'
// completion index with count shards (count 0: not given). A count given
// with Slurm's variables must agree with them.
func SpecFromEnv(getenv func(string) string, count int) (Spec, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	num := func(name string) (int, error) {
		v, err := strconv.Atoi(strings.TrimSpace(getenv(name)))
		if err != nil {
			return 0, fmt.Errorf("%s=%q is not a whole number", name, getenv(name))
		}
		return v, nil
	}
	var sp Spec
	switch {
	case getenv(EnvSlurmID) != "":
		id, err := num(EnvSlurmID)
		if err != nil {
			return Spec{}, err
		}
		lo := 0
		if getenv(EnvSlurmMin) != "" {
			if lo, err = num(EnvSlurmMin); err != nil {
				return Spec{}, err
			}
		}
		n := count
		if getenv(EnvSlurmCount) != "" {
			if n, err = num(EnvSlurmCount); err != nil {
				return Spec{}, err
			}
			if count > 0 && count != n {
				return Spec{}, fmt.Errorf("--shards %d, but Slurm's array has %s=%d tasks", count, EnvSlurmCount, n)
			}
		}
		if n == 0 {
			return Spec{}, fmt.Errorf("%s is set but not %s: give the number of shards with --shards", EnvSlurmID, EnvSlurmCount)
		}
		sp = Spec{Index: id - lo, Count: n}
		if err := sp.Valid(); err != nil {
			return Spec{}, fmt.Errorf("%s=%s (lowest %d) of %d tasks: %w; submit the array as --array=0-%d", EnvSlurmID, getenv(EnvSlurmID), lo, n, err, n-1)
		}
	case getenv(EnvK8sIndex) != "":
		id, err := num(EnvK8sIndex)
		if err != nil {
			return Spec{}, err
		}
		if count == 0 {
			return Spec{}, fmt.Errorf("%s is set: give the number of shards (the Job's completions) with --shards", EnvK8sIndex)
		}
		sp = Spec{Index: id, Count: count}
		if err := sp.Valid(); err != nil {
			return Spec{}, fmt.Errorf("%s=%d with --shards %d: %w", EnvK8sIndex, id, count, err)
		}
	default:
		return Spec{}, ErrNoSchedulerEnv
	}
	return sp, nil
}
