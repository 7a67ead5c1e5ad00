package configs

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"unsafe"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/words"
)

// Limits of what a config implies, beyond the range of each key. Parse
// checks them, and CheckLimits checks them again after command-line
// overrides.
const (
	// MaxFrontierWork bounds how wide a domain may be: the estimated steps
	// of finding its Pareto frontier, which the arena does for every
	// relationship (every deal with period_jitter) and cannot interrupt.
	// 2.5×10⁸ steps take up to about a second on one core: 30 issues of 30
	// options, 5 of 1,000 or one of 10,000 stay below; 30 issues of 100
	// options, 100 of 100 or two of 10,000 do not.
	MaxFrontierWork = 250_000_000
	// MaxMemory bounds the memory a config is estimated to need (see
	// Footprint): 2 GiB.
	MaxMemory = 2 << 30
)

// Bounds of the sample transcripts a run keeps, as its results package
// applies them (results.NewSamplePlan): at most sampleRelationships
// relationships, fewer when their moves could exceed sampleMoveBudget,
// never fewer than one.
const (
	sampleRelationships = 1000
	sampleMoveBudget    = 4_000_000
)

// A Footprint is what a config implies for a run's memory, estimated at
// worst from the settings, the domain and the entrants.
type Footprint struct {
	// FrontierWork is the estimated number of steps of finding the
	// domain's Pareto frontier, once per relationship.
	FrontierWork int64
	// FrontierBytes is the memory of one frontier: twice that of the
	// domain's frontier with the base preferences, for the jitter.
	FrontierBytes int64
	// Workers is the number of relationships played at once, each with
	// its frontier in memory.
	Workers int
	// Samples is the number of relationships kept move by move for sample
	// transcripts, and SampleBytes the memory they and those being
	// recorded hold at worst (every negotiation running to its deadline).
	Samples     int
	SampleBytes int64
	// Bytes is the estimate for the run: the samples, and the frontiers
	// of the relationships being played (each with its builder's scratch).
	Bytes int64
}

// Sizes of what a kept sample holds per move and per deal, besides the
// offers (one int per issue): a transcript step, a deal's record and an
// allowance for what an agent says with a move.
const (
	stepBytes   = int64(unsafe.Sizeof(arena.Step{}))
	periodBytes = int64(unsafe.Sizeof(arena.PeriodRecord{}))
	sayBytes    = 64
	pointBytes  = int64(unsafe.Sizeof(arena.Point{}))
)

// Footprint estimates what the config implies for a run's memory with
// its current settings (Workers 0 counts one worker per CPU).
func (c *Config) Footprint() Footprint {
	var fp Footprint
	d := c.Scenario.Domain
	if d == nil {
		return fp
	}
	n := int64(len(d.Issues))
	fp.FrontierWork = frontierWork(optionCounts(d.Issues))
	if fp.FrontierWork <= MaxFrontierWork {
		f := arena.NewFrontier(d, c.Scenario.Prefs[0], c.Scenario.Prefs[1])
		fp.FrontierBytes = 2 * int64(len(f.Points)) * (pointBytes + 8*n)
	}
	pairs := len(c.Strategies) * len(c.Strategies)
	if !c.SelfPlay {
		pairs -= len(c.Strategies)
	}
	fp.Workers = c.Workers
	if fp.Workers <= 0 {
		fp.Workers = runtime.GOMAXPROCS(0)
	}
	fp.Workers = min(fp.Workers, max(pairs*c.Relationships, 1))
	moves := int64(c.Periods) * int64(c.Rounds)
	perPair := min(c.Output.SampleTranscripts, c.Relationships)
	var record int64 // one recorded relationship
	if perPair > 0 && pairs > 0 {
		limit := max(1, min(sampleRelationships, sampleMoveBudget/moves))
		fp.Samples = int(min(int64(perPair)*int64(pairs), limit))
		record = moves*(stepBytes+sayBytes+16*n) + int64(c.Periods)*(periodBytes+8*n) + fp.FrontierBytes
		// Those kept, and those being recorded.
		fp.SampleBytes = int64(fp.Samples+min(fp.Workers, fp.Samples)) * record
	}
	fp.Bytes = fp.SampleBytes + int64(fp.Workers)*2*fp.FrontierBytes
	return fp
}

// CheckLimits checks what the config implies against the limits above,
// with its current settings: call it again after changing them (as a
// command line's --workers or --relationships do). An estimate over a
// limit is an *Error at the key to change, with the figures.
func (c *Config) CheckLimits() error {
	fp := c.Footprint()
	if fp.Bytes <= MaxMemory {
		return nil
	}
	at := func(keys ...string) string {
		for _, k := range keys {
			if c.src != nil {
				if _, ok := c.src.locs[k]; ok {
					return k
				}
			}
		}
		return keys[0]
	}
	err := func(path string, format string, args ...any) error {
		if c.src == nil {
			return fmt.Errorf("configs: "+format, args...)
		}
		return c.src.errAt(path, false, nil, format, args...)
	}
	head := fmt.Sprintf("the run would need about %s of memory, more than the %s allowed", bytesText(fp.Bytes), bytesText(MaxMemory))
	if fp.SampleBytes >= fp.Bytes/2 {
		return err(at("output.sample_transcripts", "rounds", "periods", "output"),
			"%s: the %s recorded for sample transcripts (output.sample_transcripts = %d per pair), of up to %d deals of %d rounds on %d issues, hold %s; lower output.sample_transcripts (0 keeps none), periods or rounds",
			head, words.Count(fp.Samples, "relationship"), c.Output.SampleTranscripts, c.Periods, c.Rounds, len(c.Scenario.Domain.Issues), bytesText(fp.SampleBytes))
	}
	return err(at("workers", "domain"),
		"%s: %d workers each hold the Pareto frontier of a relationship (%s each on this domain); lower workers or use a narrower domain",
		head, fp.Workers, bytesText(2*fp.FrontierBytes))
}

// optionCounts returns the number of options of each issue.
func optionCounts(issues []agents.Issue) []int {
	ks := make([]int, len(issues))
	for i, is := range issues {
		ks[i] = len(is.Options)
	}
	return ks
}

// frontierWork estimates the steps of arena.NewFrontier on issues with
// ks options each (every option taken as non-dominated, which is the
// worst case): the issues are combined from the fewest options up; while
// the frontier is exact, merging an issue of k options into one of p
// points costs about k·(2p + k/2) steps, each four times dearer than a step of
// the thinned phase, where each of the p·k candidates goes to one of
// about (issues left)/tolerance buckets.
func frontierWork(ks []int) int64 {
	ks = slices.Clone(ks)
	slices.Sort(ks)
	n := len(ks)
	maxPoints := float64(arena.DefaultFrontierPoints)
	cur, buckets, thin := 1.0, math.Inf(1), false
	work := 0.0
	for step, k := range ks {
		kf := float64(k)
		if !thin || cur*kf <= maxPoints {
			// Merge: per option, one pass over the frontier so far and
			// over the merged result, itself at most the bucket count.
			grown := min(cur+kf/2, cur*kf/2, buckets)
			work += 4 * kf * (cur + grown)
		} else {
			work += 0.6 * (cur*kf + buckets)
		}
		next := cur * kf
		if !thin && next > maxPoints {
			thin = true
			buckets = float64(n-step)/arena.DefaultFrontierTolerance + 1
		}
		cur = min(next, buckets)
		if work > math.MaxInt64/2 {
			break
		}
	}
	return int64(min(work, math.MaxInt64/2))
}

// bytesText writes a size in bytes for people: "1.5 GB", "320 MB".
func bytesText(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", b)
}
