package runfolder

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/market"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// shardConfig is testConfig with more relationships (3 × 3 pairs × 7 =
// 63 tasks), faults and samples spread over them.
const shardConfig = `
seed = 5
relationships = 7
periods = 4
rounds = 30
workers = 2
domain = "supply-deal"

[[strategies]]
name = "integrative"

[[strategies]]
name = "hard-anchorer"

[[strategies]]
name = "random"

[output]
sample_transcripts = 2
charts = false
`

// marketTable is a small [market] table: withMarket adds it to the shard
// config, whose task list then ends with its 6 replications.
const marketTable = `
[market]
markets = 6
buyers = 30
prospects = 10
periods = 5
`

// withMarket makes the runs of the shard config play a market after the
// tournament.
var withMarket = false

// marketRuns runs the test with the shard config's market.
func marketRuns(t *testing.T) {
	withMarket = true
	t.Cleanup(func() { withMarket = false })
}

// withCharts makes the runs of the shard config draw their charts: the
// tests that compare folders many times leave them out to stay quick,
// TestMergeFolderOfShards compares them.
var withCharts = false

func shardOptions(t *testing.T, base string) Options {
	t.Helper()
	text := shardConfig
	if withCharts {
		// SVG alone: PNGs are drawn from the same figures, and take far
		// longer under the race detector.
		text = strings.Replace(text, "charts = false", "charts = true\nformats = [\"svg\"]", 1)
	}
	if withMarket {
		text += marketTable
	}
	cfg, err := configs.Parse([]byte(text), "shards.toml")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Config: cfg, Name: "shards", Base: base, Command: []string{"winwin", "run", "shards.toml"}, Version: "test"}
}

// smallSlices cuts runs into slices of 2 tasks per worker, so that a
// small run has many checkpoints.
func smallSlices(t *testing.T) {
	old := sliceMin
	sliceMin = 2
	t.Cleanup(func() { sliceMin = old })
}

// wholeRun runs the shard config in one process and returns its folder.
func wholeRun(t *testing.T) string {
	t.Helper()
	res, err := Run(context.Background(), shardOptions(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	return res.Dir
}

// sameFolder checks that folder got holds the files of folder want, byte
// for byte, and nothing else; manifest.json may differ only in what
// records when and how the folder was made (start, end, command, shards,
// the workers override).
func sameFolder(t *testing.T, got, want string) {
	t.Helper()
	names := func(dir string) []string {
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range ents {
			out = append(out, e.Name())
		}
		return out
	}
	if g, w := names(got), names(want); !slices.Equal(g, w) {
		t.Fatalf("%s holds %q, want %q", got, g, w)
	}
	for _, name := range names(want) {
		a, err := os.ReadFile(filepath.Join(got, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(want, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == results.ManifestFile {
			a, b = normalManifest(t, a), normalManifest(t, b)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the single run's", name)
		}
	}
}

// normalManifest blanks what a manifest records of when and how its folder
// was made.
func normalManifest(t *testing.T, b []byte) []byte {
	t.Helper()
	m, err := results.ReadManifest(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	m.Start, m.End, m.Command, m.Shards = time.Time{}, time.Time{}, nil, 0
	m.Overrides = slices.DeleteFunc(m.Overrides, func(o results.Override) bool { return o.Key == "workers" })
	var out bytes.Buffer
	if err := m.Encode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// runShards runs the n shards of the shard config under base, in a random
// order, and returns their folders in shard order.
func runShards(t *testing.T, base string, n int, rng *rand.Rand) []string {
	t.Helper()
	dirs := make([]string, n)
	for _, i := range rng.Perm(n) {
		o := shardOptions(t, base)
		o.Config.Workers = 1 + rng.IntN(3)
		res, err := RunShard(context.Background(), o, shard.Spec{Index: i, Count: n})
		if err != nil {
			t.Fatalf("shard %d/%d: %v", i, n, err)
		}
		dirs[i] = res.Dir
	}
	return dirs
}

// The shards of a run, 1 to 7 of them, played in any order with any
// number of workers and merged in any order, make the folder one process
// makes: tables, samples, charts, config and report byte for byte.
func TestShardsMergeToTheRun(t *testing.T) {
	smallSlices(t)
	want := wholeRun(t)
	rng := rand.New(rand.NewPCG(1, 14))
	for n := 1; n <= 7; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dirs := runShards(t, t.TempDir(), n, rng)
			rng.Shuffle(len(dirs), func(i, j int) { dirs[i], dirs[j] = dirs[j], dirs[i] })
			res, err := MergeShards(context.Background(), dirs, MergeOptions{Base: t.TempDir(), Version: "test", Command: []string{"winwin", "merge"}, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Manifest.Shards != n {
				t.Errorf("the manifest says %d shards, want %d", res.Manifest.Shards, n)
			}
			sameFolder(t, res.Dir, want)
		})
	}
}

// The shards' common folder stands for all of them; the charts merge
// byte for byte too.
func TestMergeFolderOfShards(t *testing.T) {
	withCharts = true
	t.Cleanup(func() { withCharts = false })
	base := t.TempDir()
	runShards(t, base, 3, rand.New(rand.NewPCG(2, 2)))
	res, err := MergeShards(context.Background(), []string{base}, MergeOptions{Base: t.TempDir(), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	sameFolder(t, res.Dir, wholeRun(t))
}

// copyDir copies the folder src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// editManifest rewrites the shard.json of dir through edit.
func editManifest(t *testing.T, dir string, edit func(m *shard.Manifest)) {
	t.Helper()
	m, err := shard.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	edit(m)
	if err := shard.WriteManifest(dir, m); err != nil {
		t.Fatal(err)
	}
}

// Shards that do not make one run exactly are refused, saying which and
// how, and nothing is written.
func TestMergeRefuses(t *testing.T) {
	smallSlices(t)
	base := t.TempDir()
	dirs := runShards(t, base, 3, rand.New(rand.NewPCG(3, 3)))
	// Another run: the same config with another seed.
	other := shardOptions(t, t.TempDir())
	other.Config.Seed = 6
	other.Overridden = []string{"seed"}
	otherRes, err := RunShard(context.Background(), other, shard.Spec{Index: 1, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	// A run cut into 2.
	halfRes, err := RunShard(context.Background(), shardOptions(t, t.TempDir()), shard.Spec{Index: 1, Count: 2})
	if err != nil {
		t.Fatal(err)
	}
	variant := func(i int, change func(dir string)) []string {
		d := filepath.Join(t.TempDir(), filepath.Base(dirs[i]))
		copyDir(t, dirs[i], d)
		change(d)
		out := slices.Clone(dirs)
		out[i] = d
		return out
	}
	firstSlice := func(dir string) string {
		done, err := shard.Done(dir)
		if err != nil || len(done) == 0 {
			t.Fatalf("no slices in %s: %v", dir, err)
		}
		return done[0].Path
	}
	tests := []struct {
		name string
		dirs []string
		want string
	}{
		{"missing", []string{dirs[0], dirs[2]}, "1 of the 3 shards missing: 1/3 (tasks 21–41)"},
		{"twice", []string{dirs[0], dirs[1], dirs[1], dirs[2]}, "shard 1/3 given twice"},
		{"another seed", []string{dirs[0], otherRes.Dir, dirs[2]}, "not shards of one run: seeds 5 and 6"},
		{"another cut", []string{dirs[0], halfRes.Dir, dirs[2]}, "not shards of one cut: shard 0/3 and shard 1/2"},
		{"slice changed", variant(1, func(d string) {
			p := firstSlice(d)
			b, _ := os.ReadFile(p)
			b[len(b)-1] ^= 1
			os.WriteFile(p, b, 0o644)
		}), "was changed after the shard finished"},
		{"slice removed", variant(2, func(d string) { os.Remove(firstSlice(d)) }), "the state of tasks 42–"},
		{"config edited", variant(0, func(d string) {
			p := filepath.Join(d, results.ConfigFile)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("relationships = 7"), []byte("relationships = 8"), 1), 0o644)
		}), "is not the configuration its shard.json was made with"},
		{"range edited", variant(1, func(d string) {
			editManifest(t, d, func(m *shard.Manifest) { m.Range.Hi++ })
		}), "its shard.json was edited"},
		{"unfinished", variant(1, func(d string) {
			editManifest(t, d, func(m *shard.Manifest) { m.Status = shard.StatusRunning })
		}), "did not finish"},
		{"another version", variant(1, func(d string) {
			editManifest(t, d, func(m *shard.Manifest) { m.Version = "0.0.9" })
		}), "winwin versions"},
		{"not a shard", []string{t.TempDir()}, "is not a shard folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			_, err := MergeShards(context.Background(), tt.dirs, MergeOptions{Base: out, Version: "test"})
			var refused *RefusedError
			if !errors.As(err, &refused) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("MergeShards = %v, want a refusal saying %q", err, tt.want)
			}
			if ents, _ := os.ReadDir(out); len(ents) > 0 {
				t.Errorf("a refused merge wrote %v", ents)
			}
		})
	}
	// Merged by another winwin: refused.
	if _, err := MergeShards(context.Background(), dirs, MergeOptions{Base: t.TempDir(), Version: "other"}); err == nil || !strings.Contains(err.Error(), "made by winwin test; this is winwin other") {
		t.Errorf("a merge by another version: %v", err)
	}
}

// A shard folder of another run is not played over; the same shard,
// complete, is left as it is.
func TestRunShardAgain(t *testing.T) {
	base := t.TempDir()
	o := shardOptions(t, base)
	first, err := RunShard(context.Background(), o, shard.Spec{Index: 0, Count: 2})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(first.Dir, shard.ManifestFile))
	again, err := RunShard(context.Background(), shardOptions(t, base), shard.Spec{Index: 0, Count: 2})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(filepath.Join(again.Dir, shard.ManifestFile))
	if !bytes.Equal(before, after) || again.Aggregate.Relationships() != first.Aggregate.Relationships() {
		t.Error("running a complete shard again changed it")
	}
	o = shardOptions(t, base)
	o.Config.Seed, o.Overridden = 9, []string{"seed"}
	var refused *RefusedError
	if _, err := RunShard(context.Background(), o, shard.Spec{Index: 0, Count: 2}); !errors.As(err, &refused) || !strings.Contains(err.Error(), "holds shard 0/2 of another run") {
		t.Errorf("a shard over another run's folder: %v", err)
	}
}

// stopAfter returns a context that ends once n relationships finished,
// and the Progress function that counts them.
func stopAfter(n int) (context.Context, func(done, total int)) {
	ctx, cancel := context.WithCancel(context.Background())
	return ctx, func(done, total int) {
		if done >= n {
			cancel()
		}
	}
}

// A run stopped at any point — interrupted and written, killed before its
// outputs, killed while a slice was being written, killed while the
// outputs were written — resumes to the folder of an uninterrupted run.
func TestResumeEqualsTheWholeRun(t *testing.T) {
	smallSlices(t)
	want := wholeRun(t)
	var total int
	{
		job, err := newTournamentJob(shardOptions(t, "").Config)
		if err != nil {
			t.Fatal(err)
		}
		total = job.Tasks()
	}
	kills := []struct {
		name string
		// leave turns an interrupted folder into what the kill left.
		leave func(t *testing.T, dir string)
	}{
		{"interrupted", func(*testing.T, string) {}},
		{"killed before the outputs", func(t *testing.T, dir string) {
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if e.Name() != CheckpointDir {
					os.RemoveAll(filepath.Join(dir, e.Name()))
				}
			}
		}},
		{"killed while a slice was written", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, results.ManifestFile))
			tmp := filepath.Join(dir, CheckpointDir, shard.SlicesDir, ".0000000060-0000000063.state.tmp-123")
			os.WriteFile(tmp, []byte("winwin aggr"), 0o644)
		}},
		{"killed while the outputs were written", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, results.ManifestFile))
			os.WriteFile(filepath.Join(dir, "report.html"), []byte("<html>half"), 0o644)
		}},
	}
	for i, k := range kills {
		// Each kind of kill at another point of the run.
		at := []int{1, total / 3, total - 2, total / 2}[i]
		{
			t.Run(fmt.Sprintf("%s after %d", k.name, at), func(t *testing.T) {
				o := shardOptions(t, t.TempDir())
				ctx, progress := stopAfter(at)
				o.Progress = progress
				res, err := Run(ctx, o)
				if !errors.Is(err, ErrInterrupted) {
					t.Fatalf("Run = %v, want interrupted", err)
				}
				k.leave(t, res.Dir)
				cp, err := OpenCheckpoint(res.Dir)
				if err != nil {
					t.Fatal(err)
				}
				cp.Config.Workers = 3
				o = Options{Version: "test"}
				last, first := 0, -1
				o.Progress = func(done, _ int) {
					if first < 0 {
						first = done
					}
					last = max(last, done)
				}
				if _, err := Resume(context.Background(), cp, o); err != nil {
					t.Fatal(err)
				}
				if last != total {
					t.Errorf("progress ended at %d of %d", last, total)
				}
				if at > 4 && first <= 0 {
					t.Errorf("the resumed run played every slice again (stopped after %d)", at)
				}
				sameFolder(t, res.Dir, want)
				if _, err := OpenCheckpoint(res.Dir); !errors.Is(err, ErrComplete) {
					t.Errorf("resuming a complete run: %v, want ErrComplete", err)
				}
			})
		}
	}
}

// A shard interrupted resumes to the same shard, and a manifest records
// the run's start, not the resume's.
func TestResumeShard(t *testing.T) {
	smallSlices(t)
	base := t.TempDir()
	o := shardOptions(t, base)
	ctx, progress := stopAfter(5)
	o.Progress = progress
	if _, err := RunShard(ctx, o, shard.Spec{Index: 1, Count: 2}); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("RunShard = %v, want interrupted", err)
	}
	dir := filepath.Join(base, ShardDirName("shards", shard.Spec{Index: 1, Count: 2}))
	cp, err := OpenCheckpoint(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Resume(context.Background(), cp, Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	first, err := RunShard(context.Background(), shardOptions(t, base), shard.Spec{Index: 0, Count: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := MergeShards(context.Background(), []string{first.Dir, dir}, MergeOptions{Base: t.TempDir(), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	sameFolder(t, res.Dir, wholeRun(t))
	var m shard.Manifest
	b, _ := os.ReadFile(filepath.Join(dir, shard.ManifestFile))
	if err := json.Unmarshal(b, &m); err != nil || m.Status != shard.StatusComplete || len(m.Slices) < 2 {
		t.Errorf("the resumed shard's manifest: %s (%v)", b, err)
	}
	if _, err := Resume(context.Background(), cp, Options{Version: "other"}); err == nil || !strings.Contains(err.Error(), "resume it with the winwin that started it") {
		t.Errorf("resumed by another version: %v", err)
	}
}

// A resume runs external agents in the folder their configuration named
// them from, wherever it is started: the checkpoints record it.
func TestResumeKeepsAgentDirs(t *testing.T) {
	src := t.TempDir()
	path := filepath.Join(src, "agents.toml")
	text := strings.Replace(shardConfig, `name = "random"`, "name = \"mine\"\nstrategy = \"exec\"\ncommand = [\"python3\", \"agent.py\"]", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := configs.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o := Options{Config: cfg, Name: "agents", Base: t.TempDir(), Version: "test"}
	if _, err := RunShard(ctx, o, shard.Spec{Index: 0, Count: 2}); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("RunShard = %v, want interrupted", err)
	}
	cp, err := OpenCheckpoint(filepath.Join(o.Base, ShardDirName("agents", shard.Spec{Index: 0, Count: 2})))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(src)
	for _, s := range cp.Config.Strategies {
		if s.Name == "mine" && s.Dir != abs {
			t.Errorf("the agent runs in %q after a resume, want %q", s.Dir, abs)
		}
	}
}

// A run with a market is sharded like a tournament: its task list is the
// tournament's relationships followed by the market's replications, and
// shards of it, 1 to 4 of them, played in any order with any number of
// workers, merge to the folder one process makes, market tables and
// charts included.
func TestMarketShardsMergeToTheRun(t *testing.T) {
	smallSlices(t)
	marketRuns(t)
	withCharts = true
	t.Cleanup(func() { withCharts = false })
	want := wholeRun(t)
	if _, err := os.Stat(filepath.Join(want, results.MarketFile)); err != nil {
		t.Fatalf("the single run has no market: %v", err)
	}
	if m := readManifest(t, want); m.MarketsDone != 6 || m.MarketsPlanned != 6 || m.RelationshipsDone != 63 {
		t.Fatalf("the single run's manifest: %d of %d markets, %d relationships", m.MarketsDone, m.MarketsPlanned, m.RelationshipsDone)
	}
	rng := rand.New(rand.NewPCG(3, 14))
	for n := 1; n <= 4; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dirs := runShards(t, t.TempDir(), n, rng)
			rng.Shuffle(len(dirs), func(i, j int) { dirs[i], dirs[j] = dirs[j], dirs[i] })
			res, err := MergeShards(context.Background(), dirs, MergeOptions{Base: t.TempDir(), Version: "test", Command: []string{"winwin", "merge"}, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			sameFolder(t, res.Dir, want)
		})
	}
	// A shard of nothing but replications (the last of 23 holds tasks
	// 66–68 of 69: market replications 3–5) says so.
	res, err := RunShard(context.Background(), shardOptions(t, t.TempDir()), shard.Spec{Index: 22, Count: 23})
	if err != nil {
		t.Fatal(err)
	}
	if m := res.Manifest; m.RelationshipsPlanned != 0 || m.MarketsPlanned != 3 || m.MarketsDone != 3 {
		t.Errorf("the last shard plans %d relationships and %d markets, played %d markets; want 0, 3, 3", m.RelationshipsPlanned, m.MarketsPlanned, m.MarketsDone)
	}
}

// The shards of a market run that miss some of its replications are
// refused, naming what is missing.
func TestMarketMergeRefusesMissing(t *testing.T) {
	smallSlices(t)
	marketRuns(t)
	dirs := runShards(t, t.TempDir(), 3, rand.New(rand.NewPCG(4, 4)))
	var refused *RefusedError
	if _, err := MergeShards(context.Background(), dirs[:2], MergeOptions{Base: t.TempDir(), Version: "test"}); !errors.As(err, &refused) {
		t.Errorf("merging 2 of 3 shards: %v, want refused", err)
	}
}

// A run with a market stopped anywhere — in its tournament, at the
// tournament's end, among its replications — resumes to the folder of an
// uninterrupted run: the replications that finished are kept, not played
// again.
func TestMarketResumeEqualsTheWholeRun(t *testing.T) {
	smallSlices(t)
	marketRuns(t)
	want := wholeRun(t)
	job, err := newTournamentJob(shardOptions(t, "").Config)
	if err != nil {
		t.Fatal(err)
	}
	rels, total := job.relationships(), job.Tasks()
	for _, at := range []int{rels / 2, rels, rels + 2, total - 1} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			o := shardOptions(t, t.TempDir())
			ctx, cancel := context.WithCancel(context.Background())
			// The tournament's progress counts relationships, the
			// market's replications after them.
			o.Progress = func(done, _ int) {
				if done >= at {
					cancel()
				}
			}
			o.MarketProgress = func(done, _ int) {
				if rels+done >= at {
					cancel()
				}
			}
			started := 0
			o.MarketStarted = func(int, market.Params) { started++ }
			res, err := Run(ctx, o)
			if !errors.Is(err, ErrInterrupted) {
				t.Fatalf("Run = %v, want interrupted", err)
			}
			if started > 1 {
				t.Errorf("the market started %d times", started)
			}
			m := readManifest(t, res.Dir)
			if m.Status != results.StatusInterrupted {
				t.Errorf("the interrupted run's manifest says %s", m.Status)
			}
			cp, err := OpenCheckpoint(res.Dir)
			if err != nil {
				t.Fatal(err)
			}
			played := 0
			if _, err := Resume(context.Background(), cp, Options{Version: "test", Progress: func(done, total int) {
				if total != job.Tasks() {
					t.Errorf("resume's progress counts %d tasks, want %d", total, job.Tasks())
				}
				played = max(played, done)
			}}); err != nil {
				t.Fatal(err)
			}
			if played != total {
				t.Errorf("progress ended at %d of %d", played, total)
			}
			sameFolder(t, res.Dir, want)
		})
	}
}

// sweepConfig is a small sweep of two plays (two domains) of 3 × 3 pairs
// × 5 relationships, each rescored at three values of p_hi: 90 tasks.
const sweepConfig = `
seed = 3
relationships = 5
periods = 4
rounds = 30
workers = 2

[sweep]
relationship.p_hi = [0.5, 0.9, 1.0]
domain = ["supply-deal", "bundle"]

[[strategies]]
name = "integrative"

[[strategies]]
name = "hard-anchorer"

[[strategies]]
name = "random"

[output]
charts = false
`

// sweepCharts makes the sweeps of the sweep config draw their charts
// (SVG): TestSweepShardsMergeToTheSweep compares them, the resume tests
// leave them out to stay quick.
var sweepCharts = false

func sweepOptions(t *testing.T, base string) Options {
	t.Helper()
	text := sweepConfig
	if sweepCharts {
		text = strings.Replace(text, "charts = false", "charts = true\nformats = [\"svg\"]", 1)
	}
	cfg, err := configs.Parse([]byte(text), "sweep.toml")
	if err != nil {
		t.Fatal(err)
	}
	return Options{Config: cfg, Name: "sweep", Base: base, Command: []string{"winwin", "run", "sweep.toml"}, Version: "test"}
}

// wholeSweep runs the sweep config in one process (research.RunSweep)
// and returns its folder.
func wholeSweep(t *testing.T) string {
	t.Helper()
	o := sweepOptions(t, t.TempDir())
	sw, err := research.RunSweep(context.Background(), research.SweepOptions{Config: o.Config, Name: o.Name, Base: o.Base, Command: o.Command, Version: o.Version})
	if err != nil {
		t.Fatal(err)
	}
	return sw.Dir
}

// A sweep's shards, 1 to 4 of them, played in any order with any number
// of workers and merged in any order, make the folder research.RunSweep
// makes: sweep.csv, crossover.csv, charts, config and report byte for
// byte. Its task list is its plays' relationships, so shards cut through
// points; the slices of a shard stop at the plays' bounds.
func TestSweepShardsMergeToTheSweep(t *testing.T) {
	smallSlices(t)
	sweepCharts = true
	t.Cleanup(func() { sweepCharts = false })
	want := wholeSweep(t)
	rng := rand.New(rand.NewPCG(5, 10))
	for n := 1; n <= 4; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			base := t.TempDir()
			dirs := make([]string, n)
			for _, i := range rng.Perm(n) {
				o := sweepOptions(t, base)
				o.Config.Workers = 1 + rng.IntN(3)
				res, err := RunShard(context.Background(), o, shard.Spec{Index: i, Count: n})
				if err != nil {
					t.Fatalf("shard %d/%d: %v", i, n, err)
				}
				dirs[i] = res.Dir
			}
			rng.Shuffle(len(dirs), func(i, j int) { dirs[i], dirs[j] = dirs[j], dirs[i] })
			res, err := MergeShards(context.Background(), dirs, MergeOptions{Base: t.TempDir(), Version: "test", Command: []string{"winwin", "merge"}, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Sweep == nil || len(res.Sweep.Points) != 6 {
				t.Fatalf("the merged sweep: %+v", res.Sweep)
			}
			sameFolder(t, res.Dir, want)
			if n > 1 {
				var refused *RefusedError
				if _, err := MergeShards(context.Background(), dirs[1:], MergeOptions{Base: t.TempDir(), Version: "test"}); !errors.As(err, &refused) {
					t.Errorf("merging %d of %d shards: %v, want refused", n-1, n, err)
				}
			}
		})
	}
}

// A sweep's shard stopped partway resumes to the same shard: the merge
// is the sweep's folder.
func TestSweepShardResumes(t *testing.T) {
	smallSlices(t)
	base := t.TempDir()
	o := sweepOptions(t, base)
	ctx, progress := stopAfter(20)
	o.Progress = progress
	if _, err := RunShard(ctx, o, shard.Spec{Index: 0, Count: 2}); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("RunShard = %v, want interrupted", err)
	}
	dir := filepath.Join(base, ShardDirName("sweep", shard.Spec{Index: 0, Count: 2}))
	cp, err := OpenCheckpoint(dir)
	if err != nil {
		t.Fatal(err)
	}
	if done, _ := shard.Done(dir); len(done) == 0 {
		t.Fatal("the interrupted shard kept no slice")
	}
	if _, err := Resume(context.Background(), cp, Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := RunShard(context.Background(), sweepOptions(t, base), shard.Spec{Index: 1, Count: 2}); err != nil {
		t.Fatal(err)
	}
	res, err := MergeShards(context.Background(), []string{base}, MergeOptions{Base: t.TempDir(), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	sameFolder(t, res.Dir, wholeSweep(t))
}

// A sweep run whole (RunSweep) writes research.RunSweep's folder; stopped
// anywhere — in its first play, at a play's end, in its last play — it
// writes the points of the plays that finished, and resumes from its
// checkpoints to the folder of a sweep never stopped.
func TestSweepResumeEqualsTheWholeSweep(t *testing.T) {
	smallSlices(t)
	want := wholeSweep(t)
	res, err := RunSweep(context.Background(), sweepOptions(t, t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	sameFolder(t, res.Dir, want)
	if _, err := os.Stat(filepath.Join(res.Dir, CheckpointDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a complete sweep keeps its checkpoints: %v", err)
	}
	for _, at := range []int{10, 45, 60} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			o := sweepOptions(t, t.TempDir())
			ctx, progress := stopAfter(at)
			o.Progress = progress
			res, err := RunSweep(ctx, o)
			if !errors.Is(err, ErrInterrupted) {
				t.Fatalf("RunSweep = %v, want interrupted", err)
			}
			if m := readManifest(t, res.Dir); m.Status != results.StatusInterrupted || len(res.Sweep.Points) != 3*(at/45) {
				t.Errorf("interrupted after %d of 90: status %s, %d points", at, m.Status, len(res.Sweep.Points))
			}
			cp, err := OpenCheckpoint(res.Dir)
			if err != nil {
				t.Fatal(err)
			}
			cp.Config.Workers = 3
			if _, err := Resume(context.Background(), cp, Options{Version: "test"}); err != nil {
				t.Fatal(err)
			}
			sameFolder(t, res.Dir, want)
			if _, err := OpenCheckpoint(res.Dir); !errors.Is(err, ErrComplete) {
				t.Errorf("resuming a complete sweep: %v, want ErrComplete", err)
			}
		})
	}
}
