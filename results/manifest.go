package results

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// Run statuses of a Manifest.
const (
	StatusComplete    = "complete"
	StatusInterrupted = "interrupted"
	// StatusFailed marks a run whose outputs could not all be written:
	// its manifest lists only the files that were.
	StatusFailed = "failed"
)

// ManifestFile is the name of the manifest in a run folder.
const ManifestFile = "manifest.json"

// A Manifest describes a run folder: what was run (the configuration, its
// seed, the program version), when, whether it finished, and what came out.
// It is written as indented JSON.
type Manifest struct {
	// Name of the run (the configuration's name).
	Name string `json:"name"`
	// Version of the program that ran it.
	Version string `json:"version"`
	// Seed of the run: with Config it reproduces every figure.
	Seed uint64 `json:"seed"`
	// Start and End of the run.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Status is StatusComplete, StatusInterrupted or StatusFailed; Reason
	// says why a run did not complete.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	// RelationshipsDone of RelationshipsPlanned were played; Negotiations
	// counts their deals.
	RelationshipsDone    int64 `json:"relationships_done"`
	RelationshipsPlanned int64 `json:"relationships_planned"`
	Negotiations         int64 `json:"negotiations"`
	// Faults counts negotiations that an agent broke; FaultNotes lists the
	// first of them.
	Faults int64 `json:"faults"`
	// MarketsDone of MarketsPlanned replications of a word-of-mouth
	// market were played (a config with a [market] table), with
	// MarketNegotiations deals, MarketFaults of them broken by an agent.
	MarketsDone        int64       `json:"markets_done,omitempty"`
	MarketsPlanned     int64       `json:"markets_planned,omitempty"`
	MarketNegotiations int64       `json:"market_negotiations,omitempty"`
	MarketFaults       int64       `json:"market_faults,omitempty"`
	FaultNotes         []FaultNote `json:"fault_notes,omitempty"`
	// Files lists the files of the run folder, relative to it.
	Files []string `json:"files,omitempty"`
	// Config is the configuration text the run was made from, with the
	// command line's overrides written in (the run folder's config.toml
	// holds the same text): run again, it reproduces every figure.
	Config string `json:"config"`
	// Overrides are the settings the command line gave over the
	// configuration file's; Command is that command line.
	Overrides []Override `json:"overrides,omitempty"`
	Command   []string   `json:"command,omitempty"`
	// Shards is the number of shards the run was merged from (winwin
	// merge); 0 for a run played by one process.
	Shards int `json:"shards,omitempty"`
}

// SetTotals copies the totals of agg into m: relationships done,
// negotiations, faults and fault notes, and the market's.
func (m *Manifest) SetTotals(agg *Aggregate) {
	m.RelationshipsDone = agg.Relationships()
	m.Negotiations = agg.Negotiations()
	m.Faults = agg.Faults()
	m.FaultNotes = agg.FaultNotes()
	if agg.Market != nil {
		m.MarketsDone = agg.Market.Markets()
		m.MarketNegotiations = agg.Market.Negotiations()
		m.MarketFaults = agg.Market.Faults()
	}
}

// Encode writes m as indented JSON followed by a newline.
func (m *Manifest) Encode(w io.Writer) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("results: manifest: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// ReadManifest reads a manifest written by Manifest.Encode. It reads r to
// its end: a caller reading untrusted input caps r.
func ReadManifest(r io.Reader) (*Manifest, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// WriteManifest writes m atomically to dir/manifest.json and returns the
// file's path.
func WriteManifest(dir string, m *Manifest) (string, error) {
	path := filepath.Join(dir, ManifestFile)
	return path, WriteFileAtomic(path, m.Encode)
}
