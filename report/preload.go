package report

import (
	"fmt"
	"os"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// Preloaded is what a report takes from samples.json — the sampled
// relationships, and the lessons picked from them — read ahead of the
// rest of the run folder. Reading and picking are most of the time a
// report takes; a run whose samples are written early (they are among
// its first relationships) preloads them while its last relationships
// play and its charts are drawn, and its report then waits only for the
// tables and the charts.
type Preloaded struct {
	// text is the configuration the samples were read with: the
	// manifest's Config that GeneratePreloaded must be given.
	text string
	// parsed says the configuration could be read back (the report then
	// knows its model and its entrants); lessons are the lessons picked.
	parsed  bool
	samples []*transcript.Relationship
	lessons []Lesson
}

// Preload reads the run folder dir's samples.json, as Load would, and
// picks the report's lessons from it, for the run's configuration as the
// folder records it: the text of its config.toml and the copy of its
// domain file (nil: it names none; see ParseRecorded). The folder need
// hold nothing else yet.
func Preload(dir, config string, domain []byte) (*Preloaded, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer root.Close()
	cfg, cerr := ParseRecorded(config, domain)
	var model *arena.Model
	if cerr == nil {
		model = &cfg.Model
	}
	samples, err := readSamples(root, model)
	if err != nil {
		return nil, err
	}
	pre := &Preloaded{text: config, parsed: cerr == nil, samples: samples}
	if pre.parsed {
		pre.lessons = Pick(samples, avoidNames(cfg, configNames(cfg))...)
	}
	return pre, nil
}

// GeneratePreloaded writes dir/report.html as GenerateWith does, taking
// the samples and lessons from pre, which Preload read from the folder's
// samples.json for the configuration m.Config: the page is the one
// GenerateWith writes, byte for byte. A nil pre, or one read for another
// configuration, is not used.
func GeneratePreloaded(dir string, m *results.Manifest, pre *Preloaded) (string, error) {
	if pre != nil && pre.text != m.Config {
		pre = nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	defer root.Close()
	r, err := loadWith(root, dir, m, pre)
	if err != nil {
		return "", err
	}
	return write(dir, r)
}

// configNames returns the entrants of cfg in entrant order, as the
// report names them (entrantOrder).
func configNames(cfg *configs.Config) []string {
	names := make([]string, len(cfg.Strategies))
	for i, s := range cfg.Strategies {
		names[i] = s.Name
	}
	return names
}
