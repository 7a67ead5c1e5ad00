package runfolder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/research"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/shard"
)

// CheckpointDir is the folder of a run folder that holds its checkpoints
// while it runs: a shard folder (package shard) of the whole run, with the
// configuration as recorded. It is removed once the run is complete.
const CheckpointDir = "checkpoint"

// maxRecordBytes caps the configuration a checkpoint folder holds (what a
// report reads of a domain file, and as much again for the configuration).
const maxRecordBytes = 2 * report.MaxDomainBytes

// writeCheckpoint makes the checkpoint folder ck: the configuration as
// recorded (config.toml, domain.toml), then its manifest, which says
// running.
func writeCheckpoint(ck string, rec *Record, sm *shard.Manifest) error {
	if err := os.MkdirAll(filepath.Join(ck, shard.SlicesDir), 0o755); err != nil {
		return fmt.Errorf("checkpoints: %w", err)
	}
	if err := writeBytes(filepath.Join(ck, results.ConfigFile), []byte(rec.Text)); err != nil {
		return err
	}
	if rec.Domain != nil {
		if err := writeBytes(filepath.Join(ck, results.DomainFile), rec.Domain); err != nil {
			return err
		}
	}
	if err := shard.WriteManifest(ck, sm); err != nil {
		return err
	}
	return results.SyncDir(ck)
}

// A Checkpoint is a folder of checkpoints to resume from: a run folder's,
// or a shard folder.
type Checkpoint struct {
	// Dir is the checkpoint folder; RunDir the run folder it belongs to
	// ("" for a shard folder).
	Dir, RunDir string
	// Config is the configuration run, read back from the folder's
	// record; its Workers are the configuration file's, which the caller
	// may change.
	Config *configs.Config
	// Record is what the run folder records: the configuration's text and
	// domain, the overrides and the command line of the run's start.
	Record *Record
	// Manifest is the folder's shard.json.
	Manifest *shard.Manifest
}

// ErrComplete is returned by OpenCheckpoint for a run folder whose run is
// complete: there is nothing to resume.
var ErrComplete = errors.New("the run is complete: nothing to resume")

// OpenCheckpoint reads the checkpoints of dir, a run folder or a shard
// folder, and the configuration they were made with, checked against the
// hash their manifest records.
func OpenCheckpoint(dir string) (*Checkpoint, error) {
	cp := &Checkpoint{Dir: dir}
	if _, err := os.Stat(filepath.Join(dir, shard.ManifestFile)); err != nil {
		cp.RunDir, cp.Dir = dir, filepath.Join(dir, CheckpointDir)
		if _, err := os.Stat(filepath.Join(cp.Dir, shard.ManifestFile)); err != nil {
			if f, err := os.Open(filepath.Join(dir, results.ManifestFile)); err == nil {
				m, err := results.ReadManifest(io.LimitReader(f, maxRecordBytes))
				f.Close()
				if err == nil && m.Status == results.StatusComplete {
					return nil, fmt.Errorf("%s: %w", dir, ErrComplete)
				}
			}
			return nil, fmt.Errorf("%s holds no checkpoints (no %s, nor %s/%s): it is not a run folder or shard folder that can be resumed",
				dir, shard.ManifestFile, CheckpointDir, shard.ManifestFile)
		}
	}
	m, err := shard.ReadManifest(cp.Dir)
	if err != nil {
		return nil, err
	}
	switch {
	case m.Kind != KindTournament && m.Kind != research.KindSweep:
		return nil, fmt.Errorf("%s: checkpoints of a %q run; this winwin resumes tournaments and the shards of sweeps", dir, m.Kind)
	}
	text, domain, err := readRecord(cp.Dir, m)
	if err != nil {
		return nil, err
	}
	cfg, err := report.ParseRecorded(text, domain)
	if err != nil {
		return nil, fmt.Errorf("%s: the configuration the checkpoints were made with does not load: %w", cp.Dir, err)
	}
	for i, st := range cfg.Strategies {
		if d, ok := m.AgentDirs[st.Name]; ok && st.Strategy == configs.ExecStrategy {
			cfg.Strategies[i].Dir = d
		}
	}
	cp.Config, cp.Manifest = cfg, m
	cp.Record = &Record{Config: cfg, Text: text, Domain: domain, Overrides: m.Overrides, Command: m.Command}
	return cp, nil
}

// readRecord reads the configuration of the checkpoint folder dir and
// checks it against m's hash.
func readRecord(dir string, m *shard.Manifest) (string, []byte, error) {
	read := func(name string) ([]byte, error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxRecordBytes+1))
		if err == nil && len(b) > maxRecordBytes {
			err = fmt.Errorf("%s is larger than %d MB", name, maxRecordBytes>>20)
		}
		return b, err
	}
	text, err := read(results.ConfigFile)
	if err != nil {
		return "", nil, fmt.Errorf("%s: the configuration the shard was made with: %w", dir, err)
	}
	domain, err := read(results.DomainFile)
	if errors.Is(err, fs.ErrNotExist) {
		domain, err = nil, nil
	}
	if err != nil {
		return "", nil, fmt.Errorf("%s: the domain the shard was made with: %w", dir, err)
	}
	if shard.ConfigHash(string(text), domain) != m.ConfigSHA256 {
		return "", nil, fmt.Errorf("%s: its %s (or %s) is not the configuration its %s was made with: it was edited after the run started",
			dir, results.ConfigFile, results.DomainFile, shard.ManifestFile)
	}
	return string(text), domain, nil
}

// Resume finishes the run whose checkpoints cp holds, from the slices
// they hold: a run folder's, whose outputs and manifest it then writes as
// Run does (the folder byte-identical to an uninterrupted run's, its
// manifest's start the run's first), or a shard folder, as RunShard.
// o.Config, o.Name, o.Overridden and o.Command are not used: the
// checkpoints say what runs. cp.Config.Workers may be changed first.
func Resume(ctx context.Context, cp *Checkpoint, o Options) (*Result, error) {
	m := cp.Manifest
	if m.Version != o.Version {
		return nil, &RefusedError{fmt.Errorf("%s was started by winwin %s; this is winwin %s: resume it with the winwin that started it", cp.Dir, m.Version, o.Version)}
	}
	if m.Kind == research.KindSweep {
		job, err := newSweepJob(cp.Config)
		if err != nil {
			return nil, &RefusedError{err}
		}
		if job.Tasks() != m.Tasks {
			return nil, &RefusedError{fmt.Errorf("%s: its configuration makes %d tasks, its manifest says %d", cp.Dir, job.Tasks(), m.Tasks)}
		}
		if cp.RunDir != "" {
			return playSweep(ctx, o, cp.RunDir, cp.Dir, job, cp.Record, m)
		}
		return playSweepShard(ctx, o, cp.Dir, job, m)
	}
	job, err := newTournamentJob(cp.Config)
	if err != nil {
		return nil, &RefusedError{err}
	}
	if job.Tasks() != m.Tasks {
		return nil, &RefusedError{fmt.Errorf("%s: its configuration makes %d tasks, its manifest says %d", cp.Dir, job.Tasks(), m.Tasks)}
	}
	if cp.RunDir == "" {
		return playShard(ctx, o, cp.Dir, job, m)
	}
	return play(ctx, o, cp.RunDir, cp.Dir, job, cp.Record, m, false)
}

// ShardDirName is the name of the folder of shard s of the run name.
func ShardDirName(name string, s shard.Spec) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '-'
	}, name)
	return fmt.Sprintf("%s-shard-%d-of-%d", name, s.Index, s.Count)
}

// RunShard plays shard s of the run of o.Config — its tournament's
// relationships, then its market's replications, if it has a [market]
// table — into the shard
// folder o.Base/ShardDirName(o.Name, s) (o.Base "" means the
// configuration's output.dir): its configuration as recorded, its slices'
// states as they finish, and, once they cover the shard, a shard.json
// that says complete and lists them. MergeShards makes the run folder of
// all the shards.
//
// A shard folder that exists already is taken up where it stopped, if it
// is the same shard of the same run (a job requeued by its scheduler);
// one of another run is refused. A complete one is left as it is. If ctx
// ends, the error wraps ErrInterrupted and the folder keeps the finished
// slices. The Result's Aggregate holds the shard's relationships.
func RunShard(ctx context.Context, o Options, s shard.Spec) (*Result, error) {
	if err := s.Valid(); err != nil {
		return nil, &RefusedError{err}
	}
	cfg := o.Config
	if cfg.Sweep != nil {
		return runSweepShard(ctx, o, s)
	}
	job, err := newTournamentJob(cfg)
	if err != nil {
		return nil, &RefusedError{err}
	}
	rec, err := NewRecord(cfg, o.Overridden, o.Command)
	if err != nil {
		return nil, &RefusedError{err}
	}
	dir, sm, err := openShard(o, s, KindTournament, rec, job.Tasks(), agentDirs(cfg))
	if err != nil {
		return nil, err
	}
	return playShard(ctx, o, dir, job, sm)
}

// openShard opens the folder of shard s of the run o of kind kind, with
// tasks tasks in all: a new folder with its manifest, or the one a
// requeued job left (openShardDir).
func openShard(o Options, s shard.Spec, kind string, rec *Record, tasks int, agents map[string]string) (string, *shard.Manifest, error) {
	base := o.Base
	if base == "" {
		base = o.Config.Output.Dir
	}
	dir := filepath.Join(base, ShardDirName(o.Name, s))
	sm := &shard.Manifest{Kind: kind, Name: o.Name, Version: o.Version, Seed: o.Config.Seed,
		ConfigSHA256: shard.ConfigHash(rec.Text, rec.Domain), Tasks: tasks, Shard: s, Range: s.Range(tasks),
		Overrides: rec.Overrides, Command: rec.Command, AgentDirs: agents, Status: shard.StatusRunning, Start: time.Now().UTC()}
	sm, err := openShardDir(dir, rec, sm)
	return dir, sm, err
}

// openShardDir makes the shard folder dir of the shard sm, or returns the
// manifest of the one there, if it is the same shard of the same run (a
// job requeued by its scheduler); another is refused.
func openShardDir(dir string, rec *Record, sm *shard.Manifest) (*shard.Manifest, error) {
	if old, err := shard.ReadManifest(dir); err == nil {
		if old.Kind != sm.Kind || old.Name != sm.Name || old.Version != sm.Version || old.ConfigSHA256 != sm.ConfigSHA256 || old.Shard != sm.Shard || old.Tasks != sm.Tasks {
			return nil, &RefusedError{fmt.Errorf("%s holds shard %s of another run (%s, winwin %s): remove it, or give another --out", dir, old.Shard, old.Name, old.Version)}
		}
		return old, nil
	} else if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, &RefusedError{fmt.Errorf("%s exists and is not a shard folder: remove it, or give another --out", dir)}
	} else if err := writeCheckpoint(dir, rec, sm); err != nil {
		return nil, err
	}
	return sm, nil
}

// playShard plays the slices of shard folder dir it lacks and marks it
// complete.
func playShard(ctx context.Context, o Options, dir string, job *tournamentJob, sm *shard.Manifest) (*Result, error) {
	if o.StartAgents != nil && sm.Status != shard.StatusComplete {
		stop, err := o.StartAgents(ctx, &job.t, dir)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("%w while the agents started; nothing ran", ErrInterrupted)
			}
			return nil, &RefusedError{err}
		}
		defer stop()
	}
	if o.Started != nil {
		o.Started(dir, &job.t)
	}
	st, err := shard.Play(ctx, job, dir, sm.Range, job.sliceSize(sm.Range.Len()), job.progress(o, sm.Range.Len()))
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("%w; the shard folder %s keeps the slices that finished: run the same command again, or winwin run --resume %s", ErrInterrupted, dir, dir)
	case err != nil:
		return nil, fmt.Errorf("shard %s: %w", sm.Shard, err)
	}
	if sm.Status != shard.StatusComplete {
		if err := shard.Complete(dir, sm); err != nil {
			return nil, err
		}
	}
	agg := st.(aggState).agg
	rels, reps := job.split(sm.Range)
	m := &results.Manifest{Name: sm.Name, Version: sm.Version, Seed: sm.Seed, Start: sm.Start, End: sm.End,
		Status: results.StatusComplete, RelationshipsPlanned: int64(rels.Len()), MarketsPlanned: int64(reps.Len())}
	m.SetTotals(agg)
	return &Result{Dir: dir, Manifest: m, Aggregate: agg}, nil
}

// MergeOptions say where MergeShards writes and what it records.
type MergeOptions struct {
	// Base is the folder to make the run folder in; "" means the
	// configuration's output.dir.
	Base string
	// Version is this program's version: it must be the shards'.
	Version string
	// Command is the merge's command line; Workers how many outputs are
	// written at once (0: one per CPU).
	Command []string
	Workers int
}

// MergeShards checks that the shard folders dirs (or folders of shard
// folders) are the complete shards of one tournament, each once, and
// writes its run folder from their states: the same tables, samples,
// charts, config.toml, domain copy and report, byte for byte, as one
// process running the whole tournament would have written. Its
// manifest.json differs from that process's only in what records when
// and how the folder was made: start (the earliest shard's), end,
// command (the merge's), the workers override, and shards (their
// number).
//
// Shards that do not belong together — another kind, name, winwin
// version, seed or configuration; another cut; a shard missing or given
// twice, a slice edited or missing, a configuration edited — are refused
// with a *RefusedError that says which and how, and nothing is written.
func MergeShards(ctx context.Context, dirs []string, o MergeOptions) (*Result, error) {
	paths, err := shard.Expand(dirs)
	if err != nil {
		return nil, &RefusedError{err}
	}
	parts, slices, err := shard.Gather(paths)
	if err != nil {
		return nil, &RefusedError{err}
	}
	m0 := parts[0].Manifest
	if m0.Kind != KindTournament && m0.Kind != research.KindSweep {
		return nil, &RefusedError{fmt.Errorf("%s: a shard of a %q run; this winwin merges tournaments and sweeps", parts[0].Dir, m0.Kind)}
	}
	if m0.Version != o.Version {
		return nil, &RefusedError{fmt.Errorf("the shards were made by winwin %s; this is winwin %s: merge them with the winwin that made them", m0.Version, o.Version)}
	}
	var text string
	var domain []byte
	for i, p := range parts {
		t, d, err := readRecord(p.Dir, p.Manifest)
		if err != nil {
			return nil, &RefusedError{err}
		}
		if i == 0 {
			text, domain = t, d
		}
	}
	cfg, err := report.ParseRecorded(text, domain)
	if err != nil {
		return nil, &RefusedError{fmt.Errorf("%s: the configuration the shards were made with does not load: %w", parts[0].Dir, err)}
	}
	cfg.Workers = o.Workers
	if m0.Kind == research.KindSweep {
		return mergeSweep(ctx, parts, slices, cfg, text, o)
	}
	job, err := newTournamentJob(cfg)
	if err != nil {
		return nil, &RefusedError{err}
	}
	if job.Tasks() != m0.Tasks {
		return nil, &RefusedError{fmt.Errorf("%s: its configuration makes %d tasks, its manifest says %d", parts[0].Dir, job.Tasks(), m0.Tasks)}
	}
	total, err := mergeSlices(ctx, job, slices)
	if err != nil {
		return nil, err
	}
	agg := total.(aggState).agg
	if agg.Relationships() != int64(job.relationships()) {
		return nil, &RefusedError{fmt.Errorf("the shards hold %d relationships of %d", agg.Relationships(), job.relationships())}
	}
	if agg.Market != nil && agg.Market.Markets() != int64(job.markets) {
		return nil, &RefusedError{fmt.Errorf("the shards hold %d of the market's %d replications", agg.Market.Markets(), job.markets)}
	}

	start := earliestStart(parts)
	var overrides []results.Override
	for _, ov := range m0.Overrides {
		if ov.Key != "workers" {
			overrides = append(overrides, ov)
		}
	}
	rec := &Record{Config: cfg, Text: text, Domain: domain, Overrides: overrides, Command: o.Command}
	base := o.Base
	if base == "" {
		base = cfg.Output.Dir
	}
	dir, err := results.NewRunDir(base, m0.Name, time.Now())
	if err != nil {
		return nil, err
	}
	m := &results.Manifest{Name: m0.Name, Version: m0.Version, Seed: m0.Seed, Start: start, Status: results.StatusComplete,
		RelationshipsPlanned: int64(job.relationships()), MarketsPlanned: int64(job.markets), Shards: m0.Shard.Count}
	res := &Result{Dir: dir, Manifest: m, Aggregate: agg}
	switch err := finish(ctx, dir, rec, m, agg, nil, true); {
	case errors.Is(err, ErrInterrupted):
		return res, err
	case err != nil:
		return res, fmt.Errorf("writing %s: %w", dir, err)
	}
	return res, nil
}

// mergeSlices reads the states of slices and merges them.
func mergeSlices(ctx context.Context, job shard.Job, slices []shard.Slice) (shard.State, error) {
	total := job.Empty()
	for _, s := range slices {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("%w while the shards were read; nothing was written", ErrInterrupted)
		}
		st, err := readState(job, s.Path)
		if err != nil {
			return nil, &RefusedError{err}
		}
		if err := total.Merge(st); err != nil {
			return nil, &RefusedError{fmt.Errorf("%s: %w", s.Path, err)}
		}
	}
	return total, nil
}

// earliestStart returns the earliest start of parts.
func earliestStart(parts []shard.Part) time.Time {
	start := parts[0].Manifest.Start
	for _, p := range parts {
		if p.Manifest.Start.Before(start) {
			start = p.Manifest.Start
		}
	}
	return start
}

// readState reads the state file at path.
func readState(job shard.Job, path string) (shard.State, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := job.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

// agentDirs returns the absolute folders cfg's external agents run in, by
// entrant name.
func agentDirs(cfg *configs.Config) map[string]string {
	var dirs map[string]string
	for _, s := range cfg.Strategies {
		if s.Strategy != configs.ExecStrategy || s.Dir == "" {
			continue
		}
		d, err := filepath.Abs(s.Dir)
		if err != nil {
			continue
		}
		if dirs == nil {
			dirs = map[string]string{}
		}
		dirs[s.Name] = d
	}
	return dirs
}
