package report

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// A Run is what a run folder holds, read back from its files alone:
// manifest.json, summary.csv, pairs.csv, the charts and samples.json.
type Run struct {
	// Dir is the run folder.
	Dir      string
	Manifest results.Manifest
	// Config is the configuration echoed in the manifest, read back; nil
	// when it cannot be (ConfigErr says why: a domain file other than the
	// folder's own copy, or a strategy this program does not know).
	Config    *configs.Config
	ConfigErr error
	// Strategies are the rows of summary.csv (ranked by long-run payoff),
	// Pairs those of pairs.csv (seller-major, in entrant order), Roles
	// those of roles.csv (each strategy as seller and as buyer; empty for
	// a folder without the file).
	Strategies []results.StrategyRow
	Pairs      []results.PairRow
	Roles      []results.StrategyRow
	// Names are the entrants in entrant order (their chart colours).
	Names []string
	// Charts are the chart images found, in the order of results.Charts.
	Charts []Chart
	// Samples are the relationships recorded move by move.
	Samples []*transcript.Relationship
	// Market is the word-of-mouth market's tables, nil for a run without one.
	Market *Market

	// lessons are the lessons picked from Samples when picked is set
	// (Preloaded); otherwise the page picks them.
	lessons []Lesson
	picked  bool
}

// A Chart is one chart image of a run folder, ready to inline.
type Chart struct {
	// Name, Title and Caption are the chart's in results.Charts; File is
	// the image file read.
	Name, Title, Caption, File string
	// MIME is the image's media type, Data its bytes.
	MIME string
	Data []byte
}

// DataURL returns the image as a data: URL, so that the page needs no
// other file. An image loaded this way runs no script, whatever the file
// holds.
func (c Chart) DataURL() string {
	// One allocation of the URL's size: a wide run's charts take tens of
	// megabytes in base64, which concatenating would copy once more.
	var b strings.Builder
	b.Grow(len("data:;base64,") + len(c.MIME) + base64.StdEncoding.EncodedLen(len(c.Data)))
	b.WriteString("data:" + c.MIME + ";base64,")
	enc := base64.NewEncoder(base64.StdEncoding, &b)
	enc.Write(c.Data) // a strings.Builder's Write never fails
	enc.Close()
	return b.String()
}

// Load reads a run folder. The manifest and the two tables are required;
// the charts and samples.json are shown when present. A manifest that
// lists a file the folder lacks (report.html aside) is an error naming the
// file: the folder is not what it says.
//
// The folder is read as untrusted input: no path named in it is opened
// outside it, only the files a run writes are read, and each read is
// capped (MaxManifestBytes, MaxTableBytes, MaxChartBytes,
// MaxSamplesBytes, MaxDomainBytes).
func Load(dir string) (*Run, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer root.Close()
	f, err := openFile(root, results.ManifestFile, MaxManifestBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := results.ReadManifest(capped(f, MaxManifestBytes))
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", results.ManifestFile, err)
	}
	return load(root, dir, m)
}

// LoadWith reads the run folder dir as Load does, but takes its manifest
// from m instead of manifest.json: a run makes its report before it
// writes its manifest, which it writes last.
func LoadWith(dir string, m *results.Manifest) (*Run, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer root.Close()
	return load(root, dir, m)
}

func load(root *os.Root, dir string, m *results.Manifest) (*Run, error) {
	return loadWith(root, dir, m, nil)
}

// loadWith reads the folder as load does, taking its samples and lessons
// from pre when pre was read for the same configuration, read back the
// same way (see Preloaded).
func loadWith(root *os.Root, dir string, m *results.Manifest, pre *Preloaded) (*Run, error) {
	r := &Run{Dir: dir, Manifest: *m}
	if err := checkFiles(root, m); err != nil {
		return nil, err
	}
	if r.Manifest.Config != "" {
		r.Config, r.ConfigErr = parseConfig(r.Manifest.Config, domainFS{root})
	} else {
		r.ConfigErr = errors.New("the manifest holds no configuration")
	}
	var err error
	if r.Strategies, err = readTable(root, results.SummaryFile, results.ReadSummaryCSV); err != nil {
		return nil, err
	}
	if r.Pairs, err = readTable(root, results.PairsFile, results.ReadPairsCSV); err != nil {
		return nil, err
	}
	if r.Market, err = readMarket(root); err != nil {
		return nil, err
	}
	if _, err := root.Lstat(results.RolesFile); err == nil {
		if r.Roles, err = readTable(root, results.RolesFile, results.ReadSummaryCSV); err != nil {
			return nil, err
		}
	}
	r.Names = entrantOrder(r)
	for i := range r.Strategies {
		r.Strategies[i].Entrant = slices.Index(r.Names, r.Strategies[i].Strategy)
	}
	for _, c := range results.Charts {
		for _, f := range []struct{ ext, mime string }{{"svg", "image/svg+xml"}, {"png", "image/png"}} {
			file := c.Name + "." + f.ext
			if _, err := root.Lstat(file); errors.Is(err, fs.ErrNotExist) {
				continue
			}
			b, err := readFile(root, file, MaxChartBytes)
			if err != nil {
				return nil, err
			}
			r.Charts = append(r.Charts, Chart{Name: c.Name, Title: c.Title, Caption: c.Caption, File: file, MIME: f.mime, Data: b})
			break
		}
	}
	var model *arena.Model
	if r.Config != nil {
		model = &r.Config.Model
	}
	if pre != nil && pre.text == m.Config && pre.parsed == (r.Config != nil) {
		r.Samples = pre.samples
		r.lessons, r.picked = pre.lessons, pre.parsed
		return r, nil
	}
	if r.Samples, err = readSamples(root, model); err != nil {
		return nil, err
	}
	return r, nil
}

// entrantOrder returns the entrants in entrant order: the config's, or
// else the order in which pairs.csv (seller-major) names them.
func entrantOrder(r *Run) []string {
	var names []string
	if r.Config != nil {
		for _, s := range r.Config.Strategies {
			names = append(names, s.Name)
		}
		return names
	}
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, p := range r.Pairs {
		add(p.Seller)
	}
	for _, p := range r.Pairs {
		add(p.Buyer)
	}
	for _, s := range r.Strategies {
		add(s.Strategy)
	}
	return names
}

// readTable reads the CSV table name of root with read, a reader of
// package results, at most MaxTableBytes of it.
func readTable[R any](root *os.Root, name string, read func(io.Reader) ([]R, error)) ([]R, error) {
	f, err := openFile(root, name, MaxTableBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := read(capped(f, MaxTableBytes))
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", name, err)
	}
	return rows, nil
}
