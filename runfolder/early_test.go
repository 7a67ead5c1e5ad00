package runfolder

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/shard"
)

// A tournament hands its samples over once, as soon as the relationships
// it samples (the first of its task list) are played and merged, while
// the others still play; they are then the samples of the whole run.
func TestSamplesReadyBeforeTheLastRelationships(t *testing.T) {
	smallSlices(t)
	o := shardOptions(t, t.TempDir())
	job, err := newTournamentJob(o.Config)
	if err != nil {
		t.Fatal(err)
	}
	if job.samplesEnd != 2*9 {
		t.Fatalf("samplesEnd = %d, want the first 2 relationships of 9 pairs", job.samplesEnd)
	}
	var played atomic.Int64
	calls, playedThen := 0, int64(0)
	var got []*arena.RelationshipRecord
	job.samplesReady = func(s []*arena.RelationshipRecord) {
		calls++
		got, playedThen = s, played.Load()
	}
	total := job.Tasks()
	st, err := shard.Play(context.Background(), job, t.TempDir(), shard.Range{Lo: 0, Hi: total}, job.sliceSize(total), func(done int) { played.Store(int64(done)) })
	if err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("samplesReady called %d times, want once", calls)
	}
	if playedThen >= int64(total) {
		t.Errorf("samplesReady called once %d of %d relationships were played, not while some still played", playedThen, total)
	}
	want := st.(aggState).agg.Samples()
	if len(want) != 2*9 || !slices.Equal(got, want) {
		t.Errorf("samplesReady got %d samples, the run has %d (equal: %v)", len(got), len(want), slices.Equal(got, want))
	}
}

// With workers to share, a run writes samples.json while its last
// relationships play; its folder is the one a single worker writes, which
// writes it after them.
func TestEarlySamplesWriteTheSameFolder(t *testing.T) {
	smallSlices(t)
	withCharts = true
	t.Cleanup(func() { withCharts = false })
	folders := map[int]string{}
	for _, w := range []int{1, 2} {
		o := shardOptions(t, t.TempDir())
		o.Config.Workers = w
		res, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		readManifest(t, res.Dir)
		if s := res.Aggregate.Samples(); s != nil {
			t.Errorf("workers %d: the run kept %d samples after writing them", w, len(s))
		}
		folders[w] = res.Dir
	}
	sameFolder(t, folders[2], folders[1])
}

// Once the samples handed over are written, the run lets go of its
// copies while the rest plays: the slices after hold none, so the run
// ends with at most the stand-in of a later slice (no transcripts).
func TestSamplesLetGoOnceWritten(t *testing.T) {
	smallSlices(t)
	o := shardOptions(t, t.TempDir())
	job, err := newTournamentJob(o.Config)
	if err != nil {
		t.Fatal(err)
	}
	handed := false
	job.samplesReady = func([]*arena.RelationshipRecord) { handed = true }
	job.samplesDone = func() bool { return handed }
	total := job.Tasks()
	st, err := shard.Play(context.Background(), job, t.TempDir(), shard.Range{Lo: 0, Hi: total}, job.sliceSize(total), nil)
	if err != nil {
		t.Fatal(err)
	}
	if job.samplesDone != nil {
		t.Fatal("the samples were never let go")
	}
	for _, s := range st.(aggState).agg.Samples() {
		if s.Sampled {
			t.Errorf("the run kept sampled relationship %d of pair %d", s.Index, s.Pair.Index)
		}
	}
}
