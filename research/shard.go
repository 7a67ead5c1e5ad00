package research

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// KindSweep is the kind of run a sweep's shards and checkpoints record
// (package shard).
const KindSweep = "sweep"

// A SweepJob is a sweep as a shard.Job: what lets a sweep run as shards
// on a cluster and be merged exactly (runfolder.RunShard,
// runfolder.MergeShards).
//
// Its task list is its plays' task lists one after the other, in the
// order RunSweep plays them: play g's tasks are its tournament's (pairs ×
// relationships, arena.Tournament.Task). A stretch of the list is a
// stretch of relationships of one or more plays, each rescored for every
// point of its play, so a shard holds slices of points rather than whole
// points: a sweep of a few plays of many relationships (the common case:
// most swept keys are [relationship] keys and share one play) still cuts
// into as many equal shards as asked. Its state is one results.Aggregate
// per point, which merge exactly; a point's figures (Summarize) come from
// its aggregate once every relationship of its play is in it.
type SweepJob struct {
	// SliceMin is the fewest relationships a worker of a slice of
	// Play's (Cut) plays, the last of a play's but; 0 means 64.
	SliceMin int

	cfg    *configs.Config
	points int
	plays  [][]configs.SweepPoint
	// start[g] is the first task of play g; start[len(plays)] the
	// number of tasks.
	start []int
	// first[g] is the index, in play order, of play g's first point.
	first []int
}

// NewSweepJob makes the job of the sweep of cfg, a configuration with a
// [sweep] table: its points take cfg's seed, relationships and workers,
// as RunSweep's do.
func NewSweepJob(cfg *configs.Config) (*SweepJob, error) {
	if cfg.Sweep == nil {
		return nil, errors.New("research: the configuration has no [sweep] table")
	}
	for _, s := range cfg.Strategies {
		if s.Strategy == configs.ExecStrategy {
			return nil, fmt.Errorf("research: %s is an external agent: sweeps run built-in strategies only", s.Name)
		}
	}
	points := cfg.Sweep.Points()
	for i := range points {
		pc := *points[i].Config
		pc.Seed, pc.Relationships, pc.Workers = cfg.Seed, cfg.Relationships, cfg.Workers
		points[i].Config = &pc
	}
	j := &SweepJob{cfg: cfg, points: len(points), plays: groupPlays(points), start: []int{0}}
	n := 0
	for _, p := range j.plays {
		t, err := p[0].Config.Tournament()
		if err != nil {
			return nil, err
		}
		j.first = append(j.first, n)
		n += len(p)
		j.start = append(j.start, j.start[len(j.start)-1]+t.Total())
	}
	return j, nil
}

// Tasks returns the number of relationships the sweep plays.
func (j *SweepJob) Tasks() int { return j.start[len(j.start)-1] }

// Points returns the number of points of the sweep.
func (j *SweepJob) Points() int { return j.points }

// Play plays the relationships of r, each play's under every point of it,
// into a fresh state.
func (j *SweepJob) Play(ctx context.Context, r shard.Range, progress func(done int)) (shard.State, error) {
	st := j.empty()
	done := 0
	for g, group := range j.plays {
		lo, hi := max(r.Lo, j.start[g]), min(r.Hi, j.start[g+1])
		if lo >= hi {
			continue
		}
		vs := st.variants(j, g)
		base := done
		n, err := playRange(ctx, group[0].Config, false, vs, lo-j.start[g], hi-j.start[g], func(d int) {
			if progress != nil {
				progress(base + d)
			}
		})
		done += n
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

// checkpointPoints bounds the point aggregates a sweep's checkpoints
// write in all: a slice's state holds every point's aggregate, whose
// lossless encoding costs about 2 ms, so a sweep of many points is cut
// into fewer slices than a run (shadow-of-the-future.toml, 44 points in
// one play: cut into sixteenths, its checkpoints cost a third more CPU
// time than the sweep without them; cut into sixths, about a tenth).
const checkpointPoints = 256

// Cut cuts a stretch of the task list at the plays' bounds, and each
// play's part into slices of a sixteenth of the sweep, at least SliceMin
// relationships a worker, as runs are cut (shard.SliceSize) — and at
// least points/checkpointPoints of the sweep, so that the checkpoints of
// a sweep of many points cost little.
func (j *SweepJob) Cut(r shard.Range) []shard.Range {
	least := j.SliceMin
	if least <= 0 {
		least = 64
	}
	size := shard.SliceSize(j.Tasks(), least*arena.Workers(j.cfg.Workers))
	size = max(size, (j.Tasks()*j.points+checkpointPoints-1)/checkpointPoints)
	var out []shard.Range
	for g := range j.plays {
		lo, hi := max(r.Lo, j.start[g]), min(r.Hi, j.start[g+1])
		for ; lo < hi; lo += size {
			out = append(out, shard.Range{Lo: lo, Hi: min(lo+size, hi)})
		}
	}
	return out
}

// Empty returns the state of no relationship.
func (j *SweepJob) Empty() shard.State { return j.empty() }

func (j *SweepJob) empty() *SweepState {
	st := &SweepState{aggs: make([]*results.Aggregate, 0, j.points)}
	for _, group := range j.plays {
		for _, p := range group {
			st.aggs = append(st.aggs, newVariant(p.Config).agg)
		}
	}
	return st
}

// variants returns the variants of play g's points, scoring into st.
func (st *SweepState) variants(j *SweepJob, g int) []*variant {
	vs := make([]*variant, len(j.plays[g]))
	for k, p := range j.plays[g] {
		v := newVariant(p.Config)
		v.agg = st.aggs[j.first[g]+k]
		v.cl = v.agg.Clusters()
		vs[k] = v
	}
	return vs
}

// sweepMagic opens a sweep's state: the number of points, then each
// point's aggregate state (results.Aggregate.WriteState), in play order.
const sweepMagic = "winwin sweep state 1\n"

// Read reads a state that SweepState.Write wrote, for this sweep.
func (j *SweepJob) Read(r io.Reader) (shard.State, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(sweepMagic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != sweepMagic {
		return nil, errors.New("research: not a sweep's state")
	}
	var n int
	if _, err := fmt.Fscanf(br, "%d\n", &n); err != nil || n != j.points {
		return nil, fmt.Errorf("research: a sweep state of %d points, this sweep has %d", n, j.points)
	}
	st := &SweepState{}
	for k := range n {
		agg, err := results.ReadState(br)
		if err != nil {
			return nil, fmt.Errorf("research: point %d of the sweep state: %w", k, err)
		}
		st.aggs = append(st.aggs, agg)
	}
	return st, nil
}

// A SweepState is the accumulators of some relationships of a sweep: an
// aggregate per point, in play order.
type SweepState struct{ aggs []*results.Aggregate }

// Write writes the state losslessly.
func (st *SweepState) Write(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "%s%d\n", sweepMagic, len(st.aggs)); err != nil {
		return err
	}
	for _, a := range st.aggs {
		if err := a.WriteState(w); err != nil {
			return err
		}
	}
	return nil
}

// Merge adds the relationships of o, a state of the same sweep, to st,
// point by point, exactly.
func (st *SweepState) Merge(o shard.State) error {
	os, ok := o.(*SweepState)
	if !ok || len(os.aggs) != len(st.aggs) {
		return fmt.Errorf("research: merging a %T into a sweep's state of %d points", o, len(st.aggs))
	}
	for k := range st.aggs {
		if err := st.aggs[k].MergeAggregate(os.aggs[k]); err != nil {
			return fmt.Errorf("research: point %d: %w", k, err)
		}
	}
	return nil
}

// A SweepFolder is what a sweep folder records of how it was made.
type SweepFolder struct {
	// Dir is the folder; Name, Version and Command as SweepOptions'.
	Dir, Name, Version string
	Command            []string
	// Text is the configuration as recorded (config.toml); Overrides the
	// command line's settings (SweepOptions.Overrides).
	Text      string
	Overrides []results.Override
	// Manifest is filled in with the totals, the files and the status:
	// its Start, Shards and Status (complete or interrupted) are the
	// caller's.
	Manifest *results.Manifest
}

// Finish writes the sweep folder f.Dir from st, the state of the sweep's
// relationships: the points whose play is complete in st, summarised,
// the tables, charts, config.toml, report.html and, last, manifest.json —
// byte for byte what RunSweep writes of the same points.
func (j *SweepJob) Finish(st shard.State, f SweepFolder) (*Sweep, error) {
	s, ok := st.(*SweepState)
	if !ok {
		return nil, fmt.Errorf("research: finishing a sweep from a %T", st)
	}
	cfg := j.cfg
	sw := &Sweep{Dir: f.Dir, Axes: cfg.Sweep.Axes, WinWin: cfg.Sweep.WinWin, Hard: cfg.Sweep.Hard, Names: entrantNames(cfg)}
	m := f.Manifest
	m.Name, m.Version, m.Seed = f.Name, f.Version, cfg.Seed
	m.RelationshipsPlanned, m.Config, m.Overrides, m.Command = int64(j.Tasks()), f.Text, f.Overrides, f.Command
	done := 0
	for g, group := range j.plays {
		n := int(s.aggs[j.first[g]].Relationships())
		done += n
		if n != j.start[g+1]-j.start[g] {
			continue // an unfinished play's points are left out
		}
		for k, p := range group {
			agg := s.aggs[j.first[g]+k]
			sw.Points = append(sw.Points, Summarize(p, agg, cfg.Sweep))
			m.Negotiations += agg.Negotiations()
			m.Faults += agg.Faults()
		}
	}
	m.RelationshipsDone = int64(done)
	slices.SortFunc(sw.Points, func(a, b Point) int { return a.Index - b.Index })
	sw.Crossovers = crossovers(sw)
	if m.Status == results.StatusInterrupted {
		m.Reason = fmt.Sprintf("interrupted by signal: %d of %d points finished", len(sw.Points), j.points)
	}
	sw.Manifest = m
	return sw, writeSweepFolder(sw, cfg)
}

// Played returns the number of relationships st holds, of this sweep.
func (j *SweepJob) Played(st shard.State) int64 {
	s, ok := st.(*SweepState)
	if !ok {
		return 0
	}
	var n int64
	for g := range j.plays {
		n += s.aggs[j.first[g]].Relationships()
	}
	return n
}
