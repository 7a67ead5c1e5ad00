package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// SamplesFile is the name of the sampled relationships' file in a run
// folder.
const SamplesFile = "samples.json"

// Samples is the content of samples.json: every relationship a run
// recorded move by move (arena.RelationshipRecord.Sampled), as
// transcript.RelationshipDoc, lowest (pair, relationship) first: the
// figures of every deal, and the moves of those the report may teach from
// (Candidates), so that the file stays small (a few megabytes for the
// classic tournament, where every transcript would take twenty).
type Samples struct {
	Version       int                          `json:"version"`
	Relationships []transcript.RelationshipDoc `json:"relationships"`
}

// KeepTranscripts is how many candidates of each kind of lesson keep their
// moves in samples.json.
const KeepTranscripts = 8

// WriteSamples writes the sampled relationships kept by agg into
// dir/samples.json, atomically, and returns the file's path. cfg is the
// run's configuration (domain, periods, rounds, relationship model).
// Relationships kept without transcripts (results.Aggregate's stand-in
// when nothing was sampled) are left out.
func WriteSamples(dir string, agg *results.Aggregate, cfg *configs.Config) (string, error) {
	s := Samples{Version: transcript.Version, Relationships: []transcript.RelationshipDoc{}}
	var rels []*transcript.Relationship
	for _, rec := range agg.Samples() {
		if rec.Sampled {
			rels = append(rels, transcript.FromRecord(cfg.Scenario.Domain, rec, cfg.Periods, cfg.Rounds, &cfg.Model))
		}
	}
	keep := Candidates(rels, KeepTranscripts)
	for _, rel := range rels {
		doc := transcript.NewRelationshipDoc(rel)
		if !keep[rel] {
			for i := range doc.Deals {
				doc.Deals[i].Moves = nil
			}
		}
		s.Relationships = append(s.Relationships, *doc)
	}
	path := filepath.Join(dir, SamplesFile)
	err := results.WriteFileAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		return enc.Encode(&s)
	})
	return path, err
}

// ReadSamples reads dir/samples.json and tells its relationships with the
// relationship model m (nil: arena.DefaultModel). A folder without the
// file has no samples: ReadSamples returns nil and no error. The file is
// read as Load reads a run folder: inside it, at most MaxSamplesBytes.
func ReadSamples(dir string, m *arena.Model) ([]*transcript.Relationship, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer root.Close()
	return readSamples(root, m)
}

func readSamples(root *os.Root, m *arena.Model) ([]*transcript.Relationship, error) {
	if _, err := root.Lstat(SamplesFile); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	f, err := openFile(root, SamplesFile, MaxSamplesBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var s Samples
	dec := json.NewDecoder(io.LimitReader(f, MaxSamplesBytes))
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("report: reading %s: %w", SamplesFile, err)
	}
	if s.Version != transcript.Version {
		return nil, fmt.Errorf("report: %s has version %d, want %d", SamplesFile, s.Version, transcript.Version)
	}
	out := make([]*transcript.Relationship, 0, len(s.Relationships))
	for i := range s.Relationships {
		rel, err := s.Relationships[i].Relationship(m)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %w", SamplesFile, err)
		}
		out = append(out, rel)
	}
	return out, nil
}
