package report

import (
	"bufio"
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
	return WriteSampleRecords(dir, agg.Samples(), cfg)
}

// WriteSampleRecords writes samples.json as WriteSamples does, from the
// records an aggregate's Samples returned: a run that has played every
// relationship it samples writes the file while the others play.
func WriteSampleRecords(dir string, recs []*arena.RelationshipRecord, cfg *configs.Config) (string, error) {
	var rels []*transcript.Relationship
	for _, rec := range recs {
		if rec.Sampled {
			rels = append(rels, transcript.FromRecord(cfg.Scenario.Domain, rec, cfg.Periods, cfg.Rounds, &cfg.Model))
		}
	}
	keep := Candidates(rels, KeepTranscripts, avoidNames(cfg, nil)...)
	path := filepath.Join(dir, SamplesFile)
	err := results.WriteFileAtomic(path, func(w io.Writer) error {
		// The bytes json.Encoder would write for a Samples value, one
		// relationship at a time: a wide run's file is never whole in
		// memory, nor every relationship's document at once.
		bw := bufio.NewWriter(w)
		fmt.Fprintf(bw, `{"version":%d,"relationships":[`, transcript.Version)
		for i, rel := range rels {
			doc := transcript.NewRelationshipDoc(rel)
			if !keep[rel] {
				for i := range doc.Deals {
					doc.Deals[i].Moves = nil
				}
			}
			b, err := json.Marshal(doc)
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteByte(',')
			}
			bw.Write(b)
		}
		bw.WriteString("]}\n")
		return bw.Flush()
	})
	return path, err
}

// ReadSamples reads samples.json, as WriteSamples writes it, and tells its
// relationships with the relationship model m (nil: arena.DefaultModel).
// It reads r to its end: a caller reading untrusted input caps r (Load
// reads at most MaxSamplesBytes).
func ReadSamples(r io.Reader, m *arena.Model) ([]*transcript.Relationship, error) {
	var s Samples
	if err := json.NewDecoder(r).Decode(&s); err != nil {
		return nil, err
	}
	if s.Version != transcript.Version {
		return nil, fmt.Errorf("version %d, want %d", s.Version, transcript.Version)
	}
	out := make([]*transcript.Relationship, 0, len(s.Relationships))
	for i := range s.Relationships {
		rel, err := s.Relationships[i].Relationship(m)
		if err != nil {
			return nil, err
		}
		out = append(out, rel)
	}
	return out, nil
}

// readSamples reads the folder's samples.json, if it has one, at most
// MaxSamplesBytes of it.
func readSamples(root *os.Root, m *arena.Model) ([]*transcript.Relationship, error) {
	if _, err := root.Lstat(SamplesFile); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	f, err := openFile(root, SamplesFile, MaxSamplesBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rels, err := ReadSamples(capped(f, MaxSamplesBytes), m)
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", SamplesFile, err)
	}
	return rels, nil
}
