package shard

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/winwin-sim/winwin/results"
)

// ManifestFile is the name of a checkpoint folder's manifest.
const ManifestFile = "shard.json"

// Format is the layout of shard.json and the slices this winwin writes.
const Format = 1

// Statuses of a checkpoint folder's Manifest.
const (
	// StatusRunning: slices are being played; the folder holds those that
	// finished.
	StatusRunning = "running"
	// StatusComplete: every slice of the range is played and listed.
	StatusComplete = "complete"
)

// maxManifestBytes caps what ReadManifest reads.
const maxManifestBytes = 16 << 20

// A Manifest (shard.json) says what a checkpoint folder — a shard, or an
// unfinished run's checkpoints — is a part of, and what it holds. Two
// folders are parts of one run when Kind, Name, Version, Seed,
// ConfigSHA256, Tasks and Shard.Count agree.
//
// What the manifest records is what makes the run's figures, and nothing
// of how or when a part was played (workers, host, command line, time
// aside from Start, End), so that parts played anywhere merge into the
// folder one process would have written.
type Manifest struct {
	Format int `json:"format"`
	// Kind is the run kind ("tournament"), Name the run's name (its
	// configuration file's, which titles its report).
	Kind string `json:"kind"`
	Name string `json:"name"`
	// Version is the winwin that played it: parts of two versions may not
	// give the figures of either, and are not merged.
	Version string `json:"version"`
	// Seed is the run's seed; ConfigSHA256 the hash of its configuration
	// as the run folder records it (ConfigHash).
	Seed         uint64 `json:"seed"`
	ConfigSHA256 string `json:"config_sha256"`
	// Tasks is the length of the run's task list; Shard which part of it
	// the folder plays (0/1 for a whole run), Range its tasks.
	Tasks int   `json:"tasks"`
	Shard Spec  `json:"shard"`
	Range Range `json:"range"`
	// Overrides are the settings the command line gave over the
	// configuration file's (also written into the configuration), Command
	// the command line that started the part.
	Overrides []results.Override `json:"overrides,omitempty"`
	Command   []string           `json:"command,omitempty"`
	// AgentDirs are the folders the external agents ran in (by entrant
	// name, absolute): the configuration's folder, which a resume needs
	// and config.toml does not say.
	AgentDirs map[string]string `json:"agent_dirs,omitempty"`
	// Status is StatusRunning or StatusComplete; Start and End when the
	// part began and was completed.
	Status string    `json:"status"`
	Start  time.Time `json:"start"`
	End    time.Time `json:"end,omitzero"`
	// Slices lists, once complete, every slice of Range with the SHA-256
	// of its state file.
	Slices []Slice `json:"slices,omitempty"`
}

// ConfigHash returns the hex SHA-256 of a run's configuration: the text
// of its config.toml and the bytes of its domain file (nil for none).
func ConfigHash(config string, domain []byte) string {
	h := sha256.New()
	for _, p := range [][]byte{[]byte(config), domain} {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// WriteManifest writes m into the folder dir as shard.json, atomically.
func WriteManifest(dir string, m *Manifest) error {
	m.Format = Format
	return results.WriteFileAtomic(filepath.Join(dir, ManifestFile), func(w io.Writer) error {
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	})
}

// ReadManifest reads the shard.json of the folder dir.
func ReadManifest(dir string) (*Manifest, error) {
	f, err := os.Open(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("shard: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxManifestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("shard: %s: %w", dir, err)
	}
	if len(b) > maxManifestBytes {
		return nil, fmt.Errorf("shard: %s: %s is larger than %d MB", dir, ManifestFile, maxManifestBytes>>20)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("shard: %s: %s: %w", dir, ManifestFile, err)
	}
	if m.Format != Format {
		return nil, fmt.Errorf("shard: %s: %s of format %d; this winwin reads format %d", dir, ManifestFile, m.Format, Format)
	}
	return &m, nil
}

// Complete lists the slices of the folder dir in m, checks that they
// cover m.Range exactly, and writes m as complete.
func Complete(dir string, m *Manifest) error {
	done, err := Done(dir)
	if err != nil {
		return err
	}
	if err := tiles(m.Range, done); err != nil {
		return fmt.Errorf("shard: %s: %w", dir, err)
	}
	m.Slices, m.Status, m.End = done, StatusComplete, time.Now().UTC()
	return WriteManifest(dir, m)
}

// tiles checks that the slices cover r exactly once, in order.
func tiles(r Range, ss []Slice) error {
	at := r.Lo
	for _, s := range ss {
		switch {
		case s.Lo > at:
			return fmt.Errorf("%s missing", Range{at, s.Lo})
		case s.Lo < at:
			return fmt.Errorf("%s held twice", Range{s.Lo, min(at, s.Hi)})
		}
		at = s.Hi
	}
	if at != r.Hi {
		return fmt.Errorf("%s missing", Range{at, r.Hi})
	}
	return nil
}

// A Part is a checkpoint folder given to Gather, with its manifest.
type Part struct {
	Dir      string
	Manifest *Manifest
}

// Expand returns the checkpoint folders that args name: each argument is
// a folder with a shard.json, or a folder of such folders (the shards'
// common output folder, its shard folders taken in name order).
func Expand(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if _, err := os.Stat(filepath.Join(a, ManifestFile)); err == nil {
			out = append(out, a)
			continue
		}
		ents, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%s: not a shard folder: %w", a, err)
		}
		n := len(out)
		for _, e := range ents {
			if _, err := os.Stat(filepath.Join(a, e.Name(), ManifestFile)); e.IsDir() && err == nil {
				out = append(out, filepath.Join(a, e.Name()))
			}
		}
		if len(out) == n {
			return nil, fmt.Errorf("%s is not a shard folder: it has no %s, and no folder in it has one", a, ManifestFile)
		}
	}
	return out, nil
}

// Gather reads the manifests of the checkpoint folders dirs and checks
// that they are the complete shards of one run, each once: same kind,
// name, version, seed, configuration, task list and number of shards,
// every slice listed there with the bytes the manifest's hash says. It
// returns the parts in shard order and their slices in task order, or an
// error that names the folders that do not fit and how.
func Gather(dirs []string) ([]Part, []Slice, error) {
	if len(dirs) == 0 {
		return nil, nil, errors.New("no shards to merge")
	}
	parts := make([]Part, len(dirs))
	for i, d := range dirs {
		m, err := ReadManifest(d)
		if err != nil {
			return nil, nil, err
		}
		parts[i] = Part{d, m}
	}
	first := parts[0]
	for _, p := range parts[1:] {
		if err := sameRun(first, p); err != nil {
			return nil, nil, err
		}
	}
	slices.SortStableFunc(parts, func(a, b Part) int { return a.Manifest.Shard.Index - b.Manifest.Shard.Index })
	var all []Slice
	var missing []string
	at := 0
	for i, p := range parts {
		m := p.Manifest
		if i > 0 && m.Shard.Index == parts[i-1].Manifest.Shard.Index {
			return nil, nil, fmt.Errorf("shard %s given twice: %s and %s", m.Shard, parts[i-1].Dir, p.Dir)
		}
		for ; at < m.Shard.Index; at++ {
			sp := Spec{at, m.Shard.Count}
			missing = append(missing, fmt.Sprintf("%s (%s)", sp, sp.Range(m.Tasks)))
		}
		at = m.Shard.Index + 1
		if err := m.Shard.Valid(); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p.Dir, err)
		}
		if m.Range != m.Shard.Range(m.Tasks) {
			return nil, nil, fmt.Errorf("%s: shard %s of %d tasks holds %s, not %s: its %s was edited", p.Dir, m.Shard, m.Tasks, m.Range, m.Shard.Range(m.Tasks), ManifestFile)
		}
		if m.Status != StatusComplete {
			return nil, nil, fmt.Errorf("%s: shard %s did not finish (status %q): run it again with winwin run --resume %s", p.Dir, m.Shard, m.Status, p.Dir)
		}
		if err := tiles(m.Range, m.Slices); err != nil {
			return nil, nil, fmt.Errorf("%s: shard %s lists its slices with %s: its %s was edited", p.Dir, m.Shard, err, ManifestFile)
		}
		for _, s := range m.Slices {
			s.Path = filepath.Join(p.Dir, SlicesDir, sliceName(s.Range))
			sum, err := fileSHA256(s.Path)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: shard %s: the state of %s: %w", p.Dir, m.Shard, s.Range, err)
			}
			if sum != s.SHA256 {
				return nil, nil, fmt.Errorf("%s: shard %s: %s is not the file its %s lists (SHA-256 %.12s…, listed %.12s…): it was changed after the shard finished", p.Dir, m.Shard, s.Path, ManifestFile, sum, s.SHA256)
			}
			all = append(all, s)
		}
	}
	count := first.Manifest.Shard.Count
	for ; at < count; at++ {
		sp := Spec{at, count}
		missing = append(missing, fmt.Sprintf("%s (%s)", sp, sp.Range(first.Manifest.Tasks)))
	}
	if len(missing) > 0 {
		return nil, nil, fmt.Errorf("%d of the %d shards missing: %s", len(missing), count, strings.Join(missing, ", "))
	}
	return parts, all, nil
}

// sameRun checks that parts a and b are parts of one run, and says how
// they differ if not.
func sameRun(a, b Part) error {
	x, y := a.Manifest, b.Manifest
	differ := func(what string, u, v any) error {
		return fmt.Errorf("%s and %s are not shards of one run: %s %v and %v", a.Dir, b.Dir, what, u, v)
	}
	switch {
	case x.Kind != y.Kind:
		return differ("kinds", x.Kind, y.Kind)
	case x.Name != y.Name:
		return differ("run names", x.Name, y.Name)
	case x.Version != y.Version:
		return differ("winwin versions", x.Version, y.Version)
	case x.Seed != y.Seed:
		return differ("seeds", x.Seed, y.Seed)
	case x.ConfigSHA256 != y.ConfigSHA256:
		return fmt.Errorf("%s and %s are not shards of one run: their configurations differ (compare their config.toml)", a.Dir, b.Dir)
	case x.Tasks != y.Tasks:
		return differ("task lists of", x.Tasks, y.Tasks)
	case x.Shard.Count != y.Shard.Count:
		return fmt.Errorf("%s and %s are not shards of one cut: shard %s and shard %s", a.Dir, b.Dir, x.Shard, y.Shard)
	}
	return nil
}
