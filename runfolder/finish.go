package runfolder

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/results"
)

// ErrInterrupted is wrapped by the error of a run whose context ended:
// while its agents started (it left no folder), while its tournament
// played (the folder holds what finished), or while its outputs were
// written (the folder holds those that were). Its manifest, if any, says
// interrupted.
var ErrInterrupted = errors.New("interrupted")

// Finish writes what a run leaves in its folder dir: the tables,
// samples.json, the charts, config.toml and the domain's copy (rec), as
// many at once as rec's configuration has workers; then report.html; and
// last manifest.json, listing them. m is the run's manifest, with its
// name, version, seed, start, planned relationships and status set
// (results.StatusComplete, or StatusInterrupted for a tournament that did
// not finish); Finish fills in the rest from agg and rec. agg may come
// from a tournament or from elsewhere (shards merged).
//
// A manifest that says complete (or interrupted) is written only after
// every file it lists was written and the folder synced, so that a folder
// never says more than it holds, even if the process is killed.
//
// If ctx ends while the outputs are written, Finish starts no more of
// them (those being written are finished: each is written whole or not at
// all), writes no report, and writes a manifest that says interrupted and
// lists the files that were written; its error wraps ErrInterrupted. A
// caller that wants the outputs of a run its context already ended (a
// tournament interrupted) passes context.WithoutCancel(ctx).
//
// If a file cannot be written, the manifest says the run failed and why,
// and lists only the files that were. If it cannot be written either, the
// folder has no manifest. The error returned is the first failure.
func Finish(ctx context.Context, dir string, rec *Record, m *results.Manifest, agg *results.Aggregate) error {
	return finish(ctx, dir, rec, m, agg, nil, false)
}

// finish is Finish, with the outputs early wrote while the tournament
// played (nil, or not started: none). With release, agg's samples are
// let go once written and charted (results.Aggregate.ReleaseSamples),
// before the report, which reads them from samples.json: a caller that
// made agg for this folder alone lowers the run's peak of memory.
func finish(ctx context.Context, dir string, rec *Record, m *results.Manifest, agg *results.Aggregate, early *earlyOutputs, release bool) error {
	if early != nil && !early.started {
		early = nil
	}
	m.Config, m.Overrides, m.Command = rec.Text, rec.Overrides, rec.Command
	m.SetTotals(agg)
	files, err := writeOutputs(ctx, dir, agg, rec, early, release)
	for _, f := range files {
		if rel, e := filepath.Rel(dir, f); e == nil {
			m.Files = append(m.Files, rel)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		m.Files = append(m.Files, report.File)
		var pre *report.Preloaded
		if early != nil {
			pre = early.pre
		}
		_, err = report.GeneratePreloaded(dir, m, pre)
	}
	if err == nil {
		err = results.SyncDir(dir)
	}
	if err != nil {
		if ctx.Err() != nil {
			m.Status, m.Reason = results.StatusInterrupted, "interrupted while the outputs were written"
			err = fmt.Errorf("%w while the outputs were written; the results folder holds those that were", ErrInterrupted)
		} else {
			m.Status, m.Reason = results.StatusFailed, "an output could not be written: "+err.Error()
		}
		m.Files = existingFiles(dir, m.Files)
		// Best effort: the manifest below lists only files that exist,
		// and what a crash keeps of the folder is no worse than its
		// files without a manifest.
		_ = results.SyncDir(dir)
	}
	m.End = time.Now().UTC()
	if _, merr := results.WriteManifest(dir, m); merr != nil {
		err = errors.Join(err, merr)
	}
	return err
}

// existingFiles returns the names of files, relative to dir, that are
// regular files of dir.
func existingFiles(dir string, files []string) []string {
	var out []string
	for _, f := range files {
		if fi, err := os.Lstat(filepath.Join(dir, f)); err == nil && fi.Mode().IsRegular() {
			out = append(out, f)
		}
	}
	return out
}

// writeOutputs writes the tables, the samples, the charts and the run's
// record (config.toml, the domain copy), as many at once as the run had
// workers, starting none once ctx ended; the list of files is in a fixed
// order. What early wrote (if not nil: samples.json, the charts of the
// samples) is not written again; with release, agg's samples go once
// written and charted. It returns the files it set out to write and the
// first error.
func writeOutputs(ctx context.Context, dir string, agg *results.Aggregate, rec *Record, early *earlyOutputs, release bool) ([]string, error) {
	cfg := rec.Config
	var tables []string
	var samples string
	jobs := []func() error{
		func() (err error) { tables, err = results.WriteTables(dir, agg); return err },
	}
	if early == nil {
		jobs = append(jobs, func() (err error) { samples, err = report.WriteSamples(dir, agg, cfg); return err })
	}
	var charts []results.ChartJob
	if cfg.Output.Charts {
		var err error
		if charts, err = results.ChartJobs(dir, agg, cfg.Output.Formats); err != nil {
			return nil, err
		}
		// The rasters first, the biggest first (a PNG's time goes with
		// its pixels: 55 to 130 ms on the classic run), and the vector
		// files fill the gaps at the end, so that no worker is left
		// rendering a PNG alone after the others are done. Early drew
		// the charts of the samples.
		var rasters, vectors []results.ChartJob
		for _, c := range charts {
			switch {
			case early != nil && c.Samples:
			case filepath.Ext(c.Path) == ".png":
				rasters = append(rasters, c)
			default:
				vectors = append(vectors, c)
			}
		}
		slices.SortStableFunc(rasters, func(a, b results.ChartJob) int { return cmp.Compare(b.Pixels, a.Pixels) })
		for _, c := range slices.Concat(rasters, vectors) {
			jobs = append(jobs, c.Write)
		}
	}
	record := []string{filepath.Join(dir, results.ConfigFile)}
	jobs = append(jobs, func() error { return writeBytes(record[0], []byte(rec.Text)) })
	if rec.Domain != nil {
		record = append(record, filepath.Join(dir, results.DomainFile))
		jobs = append(jobs, func() error { return writeBytes(record[1], rec.Domain) })
	}
	if early != nil {
		// The charts' figures are drawn, and the samples written: the
		// aggregate's copies go before the charts are rendered, at the
		// run's peak of memory.
		<-early.done
		if release {
			agg.ReleaseSamples()
		}
	}
	var g errgroup.Group
	g.SetLimit(arena.Workers(cfg.Workers))
	for _, j := range jobs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return j()
		})
	}
	err := g.Wait()
	if early != nil {
		samples = early.samples
		err = cmp.Or(err, early.err)
	}
	if release {
		// The sampled relationships are written and charted: what is
		// left (the report) reads them from samples.json.
		agg.ReleaseSamples()
	}
	files := tables
	if samples != "" {
		files = append(files, samples)
	}
	var chartFiles []string
	for _, c := range charts {
		if early == nil || !c.Samples {
			chartFiles = append(chartFiles, c.Path)
		}
	}
	if early != nil {
		// In the order of results.Charts and of the formats, as if
		// written here.
		chartFiles = append(chartFiles, early.charts...)
		rank := chartRanks(cfg.Output.Formats)
		slices.SortStableFunc(chartFiles, func(a, b string) int { return cmp.Compare(rank[filepath.Base(a)], rank[filepath.Base(b)]) })
	}
	files = append(files, chartFiles...)
	return append(files, record...), err
}

// chartRanks returns the rank of every chart file name in the order
// results.ChartJobs gives them: chart by chart, each in formats.
func chartRanks(formats []string) map[string]int {
	rank := map[string]int{}
	for _, c := range results.Charts {
		for _, f := range formats {
			rank[c.Name+"."+f] = len(rank)
		}
	}
	return rank
}

// writeBytes writes b to path atomically.
func writeBytes(path string, b []byte) error {
	return results.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// earlyOutputs are the outputs a tournament writes while its last
// relationships play, beside its workers: samples.json and the charts
// drawn from the samples alone (results.SampleChartJobs), once every
// relationship it samples is played (they are among the first of its
// task list: tournamentJob.samplesEnd), and what its report takes from
// samples.json (report.Preload). What is left for Finish after the last
// relationship is then the tables, the other charts and the rest of the
// report.
type earlyOutputs struct {
	// started is set once the samples are ready and being written; done
	// is closed when they and their charts are written (samples, or err)
	// and preloaded (pre; nil if that failed: the report then reads the
	// file itself).
	started bool
	done    chan struct{}
	samples string
	// charts are the chart files written, of the charts drawn from the
	// samples (results.ChartJob.Samples).
	charts []string
	err    error
	pre    *report.Preloaded
}

// written reports whether the early outputs are done.
func (e *earlyOutputs) written() bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

// startEarly returns the early outputs of the run folder dir of rec, and
// the function that starts them with the run's samples (a
// tournamentJob's samplesReady). Nothing starts until that is called.
func startEarly(dir string, rec *Record) (*earlyOutputs, func([]*arena.RelationshipRecord)) {
	e := &earlyOutputs{done: make(chan struct{})}
	return e, func(samples []*arena.RelationshipRecord) {
		e.started = true
		go func() {
			defer close(e.done)
			cfg := rec.Config
			if e.samples, e.err = report.WriteSampleRecords(dir, samples, cfg); e.err != nil {
				return
			}
			if cfg.Output.Charts {
				charts, err := results.SampleChartJobs(dir, samples, cfg.Output.Formats)
				for i := 0; err == nil && i < len(charts); i++ {
					e.charts = append(e.charts, charts[i].Path)
					err = charts[i].Write()
				}
				if e.err = err; err != nil {
					return
				}
			}
			e.pre, _ = report.Preload(dir, rec.Text, rec.Domain)
		}()
	}
}
