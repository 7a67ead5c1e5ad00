package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/winwin-sim/winwin/configs"
	htmlreport "github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/results"
)

// A runRecord is what a run folder records of how its run was made: the
// configuration with the command line's overrides written in (config.toml,
// echoed in the manifest), a copy of the domain file it names, if any, and
// the overrides and command line (in the manifest). It is made before the
// run starts, so that a run that could not be recorded is refused before
// its folder exists.
type runRecord struct {
	config    string
	domain    []byte // nil: a built-in or inline domain
	overrides []results.Override
	command   []string
}

// newRunRecord records a run of cfg, whose keys named in overridden the
// command line args of `winwin run` set (cfg holds the values used).
//
// The number of workers is recorded in the manifest but not written into
// config.toml: it changes no figure, and leaving it out keeps config.toml
// and report.html the same for any number of workers.
func newRunRecord(cfg *configs.Config, overridden, args []string) (*runRecord, error) {
	rec := &runRecord{command: append([]string{"winwin", "run"}, args...)}
	var written []results.Override
	for _, key := range overridden {
		var v int64
		switch key {
		case "seed":
			if cfg.Seed > math.MaxInt64 {
				return nil, fmt.Errorf("--seed %d: a configuration's seed is at most %d, and the run folder must record it in one", cfg.Seed, int64(math.MaxInt64))
			}
			v = int64(cfg.Seed)
		case "relationships":
			v = int64(cfg.Relationships)
		case "workers":
			v = int64(cfg.Workers)
		default:
			return nil, fmt.Errorf("cannot record an override of %q in the run folder", key)
		}
		o := results.Override{Key: key, Value: v}
		rec.overrides = append(rec.overrides, o)
		if key != "workers" {
			written = append(written, o)
		}
	}
	domain := ""
	if src := cfg.Domain.Source; src != "built-in" && src != "inline" {
		b, err := readDomainCopy(src)
		if err != nil {
			return nil, err
		}
		rec.domain, domain = b, results.DomainFile
	}
	text, err := results.EffectiveConfig(cfg.Source, written, domain)
	if err != nil {
		return nil, err
	}
	// What the folder records must make the same run again.
	again, err := htmlreport.ParseRecorded(text, rec.domain)
	if err != nil {
		return nil, fmt.Errorf("the configuration as the run folder would record it does not load: %w", err)
	}
	again.Workers = cfg.Workers
	if again.Settings != cfg.Settings || !reflect.DeepEqual(again.Scenario, cfg.Scenario) {
		return nil, errors.New("the configuration as the run folder would record it makes another run: give the settings in the file rather than on the command line")
	}
	rec.config = text
	return rec, nil
}

// readDomainCopy reads the domain file at path for the run folder's copy,
// at most htmlreport.MaxDomainBytes (what a report reads of it).
func readDomainCopy(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("copying the domain file into the run folder: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, htmlreport.MaxDomainBytes+1))
	if err != nil {
		return nil, fmt.Errorf("copying the domain file into the run folder: %w", err)
	}
	if len(b) > htmlreport.MaxDomainBytes {
		return nil, fmt.Errorf("domain file %s: larger than %d MB, more than a report reads", path, htmlreport.MaxDomainBytes>>20)
	}
	return b, nil
}

// finishRun writes what a run that ended (complete or interrupted) leaves
// in its folder dir: the tables, samples.json, the charts, config.toml and
// the domain copy, as many at once as the run had workers; then
// report.html; and last manifest.json, listing them. m is the run's
// manifest, its status set; finishRun fills in the rest.
//
// A manifest that says complete (or interrupted) is written only after
// every file it lists was written and synced, so that a folder never says
// more than it holds, even if the process is killed. If a file cannot be
// written, the manifest says the run failed and why, and lists only the
// files that were; if it cannot be written either, the folder has no
// manifest. The error returned is the first failure.
func finishRun(dir string, m *results.Manifest, agg *results.Aggregate, cfg *configs.Config, rec *runRecord, workers int) error {
	m.Config, m.Overrides, m.Command = rec.config, rec.overrides, rec.command
	m.SetTotals(agg)
	files, err := writeOutputs(dir, agg, cfg, rec, workers)
	for _, f := range files {
		if rel, e := filepath.Rel(dir, f); e == nil {
			m.Files = append(m.Files, rel)
		}
	}
	if err == nil {
		m.Files = append(m.Files, htmlreport.File)
		_, err = htmlreport.GenerateWith(dir, m)
	}
	if err == nil {
		err = results.SyncDir(dir)
	}
	if err != nil {
		m.Status, m.Reason = results.StatusFailed, "an output could not be written: "+err.Error()
		m.Files = existingFiles(dir, m.Files)
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
// workers; the list of files is in a fixed order. It returns the files
// it set out to write and the first error.
func writeOutputs(dir string, agg *results.Aggregate, cfg *configs.Config, rec *runRecord, workers int) ([]string, error) {
	var tables []string
	var samples string
	jobs := []func() error{
		func() (err error) { tables, err = results.WriteTables(dir, agg); return err },
		func() (err error) { samples, err = htmlreport.WriteSamples(dir, agg, cfg); return err },
	}
	var charts []results.ChartJob
	if cfg.Output.Charts {
		var err error
		if charts, err = results.ChartJobs(dir, agg, cfg.Output.Formats); err != nil {
			return nil, err
		}
		for _, c := range charts {
			jobs = append(jobs, c.Write)
		}
	}
	record := []string{filepath.Join(dir, results.ConfigFile)}
	jobs = append(jobs, func() error { return writeBytes(record[0], []byte(rec.config)) })
	if rec.domain != nil {
		record = append(record, filepath.Join(dir, results.DomainFile))
		jobs = append(jobs, func() error { return writeBytes(record[1], rec.domain) })
	}
	var g errgroup.Group
	g.SetLimit(max(workers, 1))
	for _, j := range jobs {
		g.Go(j)
	}
	err := g.Wait()
	files := append(tables, samples)
	for _, c := range charts {
		files = append(files, c.Path)
	}
	return append(files, record...), err
}

// writeBytes writes b to path atomically.
func writeBytes(path string, b []byte) error {
	return results.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
