package runfolder

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"slices"

	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/results"
)

// A Record is what a run folder records of how its run was made: the
// configuration with the command line's overrides written in (Text, the
// folder's config.toml, echoed in the manifest), a copy of the domain file
// it names, if any, and the overrides and command line (in the manifest).
type Record struct {
	// Config is the configuration run, the overrides applied.
	Config *configs.Config
	// Text is the configuration as config.toml records it: run again, it
	// makes the same run.
	Text string
	// Domain is the copy of the domain file that Text names
	// (results.DomainFile); nil for a built-in or inline domain.
	Domain []byte
	// Overrides are the settings the command line gave over the
	// configuration file's, and Command that command line.
	Overrides []results.Override
	Command   []string
}

// NewRecord records a run of cfg, whose keys named in overridden
// ("seed", "relationships", "workers") the command line set (cfg holds
// the values used); command is that command line. It checks that the
// configuration as the folder would record it loads back to the same
// settings and domain: a run it cannot record faithfully is refused.
//
// The number of workers is recorded in the manifest but not written into
// config.toml: it changes no figure, and leaving it out keeps config.toml
// and report.html the same for any number of workers.
func NewRecord(cfg *configs.Config, overridden, command []string) (*Record, error) {
	rec := &Record{Config: cfg, Command: command}
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
		case "domain":
			continue // written below, as the domain line
		default:
			return nil, fmt.Errorf("cannot record an override of %q in the run folder", key)
		}
		o := results.Override{Key: key, Value: v}
		rec.Overrides = append(rec.Overrides, o)
		if key != "workers" {
			written = append(written, o)
		}
	}
	domain, why := "", ""
	flagged := slices.Contains(overridden, "domain")
	if flagged {
		why = fmt.Sprintf("--domain %s on the command line", cfg.DomainName)
	}
	if cfg.Domain.Converted != nil {
		// An imported GENIUS or GeniusWeb scenario: the folder keeps the
		// winwin domain it was converted to, which loads to the same one.
		rec.Domain, domain = cfg.Domain.Converted, results.DomainFile
	} else if src := cfg.Domain.Source; src != "built-in" && src != "inline" {
		b, err := readDomainCopy(src)
		if err != nil {
			return nil, err
		}
		rec.Domain, domain = b, results.DomainFile
	} else if flagged && cfg.Domain.Source == "built-in" {
		domain = cfg.DomainName
	}
	text, err := results.EffectiveConfigWhy(cfg.Source, written, domain, why)
	if err != nil {
		return nil, err
	}
	// What the folder records must make the same run again.
	again, err := report.ParseRecorded(text, rec.Domain)
	if err != nil {
		return nil, fmt.Errorf("the configuration as the run folder would record it does not load: %w", err)
	}
	again.Workers = cfg.Workers
	if again.Settings != cfg.Settings || !reflect.DeepEqual(again.Scenario, cfg.Scenario) {
		return nil, errors.New("the configuration as the run folder would record it makes another run: give the settings in the file rather than on the command line")
	}
	rec.Text = text
	return rec, nil
}

// readDomainCopy reads the domain file at path for the run folder's copy,
// at most report.MaxDomainBytes (what a report reads of it).
func readDomainCopy(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("copying the domain file into the run folder: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, report.MaxDomainBytes+1))
	if err != nil {
		return nil, fmt.Errorf("copying the domain file into the run folder: %w", err)
	}
	if len(b) > report.MaxDomainBytes {
		return nil, fmt.Errorf("domain file %s: larger than %d MB, more than a report reads", path, report.MaxDomainBytes>>20)
	}
	return b, nil
}
