package report

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"

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
	// Pairs those of pairs.csv (seller-major, in entrant order).
	Strategies []results.StrategyRow
	Pairs      []results.PairRow
	// Names are the entrants in entrant order (their chart colours).
	Names []string
	// Charts are the chart images found, in results' order.
	Charts []Chart
	// Samples are the relationships recorded move by move.
	Samples []*transcript.Relationship
}

// A Chart is one chart image of a run folder, ready to inline.
type Chart struct {
	// Name is the chart's name (results.ChartCumulative, …), File the
	// image file read.
	Name, File string
	// MIME is the image's media type, Data its bytes.
	MIME string
	Data []byte
}

// DataURL returns the image as a data: URL, so that the page needs no
// other file. An image loaded this way runs no script, whatever the file
// holds.
func (c Chart) DataURL() string {
	return "data:" + c.MIME + ";base64," + base64.StdEncoding.EncodeToString(c.Data)
}

// chartOrder lists the charts results draws, in the order the report
// shows them.
var chartOrder = []string{results.ChartRanking, results.ChartCumulative, results.ChartSurvival, results.ChartHeatmap, results.ChartOutcomeSpace}

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
	data, err := readFile(root, results.ManifestFile, MaxManifestBytes)
	if err != nil {
		return nil, err
	}
	var m results.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("report: %s: %w", results.ManifestFile, err)
	}
	return load(root, dir, &m)
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
	if r.Strategies, err = readSummary(root, results.SummaryFile); err != nil {
		return nil, err
	}
	if r.Pairs, err = readPairs(root, results.PairsFile); err != nil {
		return nil, err
	}
	r.Names = entrantOrder(r)
	for i := range r.Strategies {
		r.Strategies[i].Entrant = slices.Index(r.Names, r.Strategies[i].Strategy)
	}
	for _, name := range chartOrder {
		for _, f := range []struct{ ext, mime string }{{"svg", "image/svg+xml"}, {"png", "image/png"}} {
			file := name + "." + f.ext
			if _, err := root.Lstat(file); errors.Is(err, fs.ErrNotExist) {
				continue
			}
			b, err := readFile(root, file, MaxChartBytes)
			if err != nil {
				return nil, err
			}
			r.Charts = append(r.Charts, Chart{Name: name, File: file, MIME: f.mime, Data: b})
			break
		}
	}
	var model *arena.Model
	if r.Config != nil {
		model = &r.Config.Model
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

// table is a CSV file read with its header, for looking cells up by
// column name.
type table struct {
	file string
	col  map[string]int
	rows [][]string
}

func readTable(root *os.Root, name string) (*table, error) {
	b, err := readFile(root, name, MaxTableBytes)
	if err != nil {
		return nil, err
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("report: %s: %w", name, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("report: %s is empty", name)
	}
	t := &table{file: name, col: map[string]int{}, rows: recs[1:]}
	for i, h := range recs[0] {
		t.col[h] = i
	}
	return t, nil
}

// cells reads one row; the first missing column or bad number is kept in
// err.
type cells struct {
	t   *table
	row []string
	n   int
	err error
}

func (c *cells) str(name string) string {
	i, ok := c.t.col[name]
	if !ok || i >= len(c.row) {
		if c.err == nil {
			c.err = fmt.Errorf("report: %s has no column %q", c.t.file, name)
		}
		return ""
	}
	return c.row[i]
}

func (c *cells) num(name string) float64 {
	s := c.str(name)
	if s == "" {
		return math.NaN()
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("report: %s row %d, %s: %w", c.t.file, c.n+2, name, err)
	}
	return x
}

func (c *cells) int(name string) int64 {
	x := c.num(name)
	if math.IsNaN(x) {
		return 0
	}
	return int64(x)
}

func (c *cells) est(prefix string, n int64) results.Estimate {
	return results.Estimate{N: n, Mean: c.num(prefix + "_mean"), SD: c.num(prefix + "_sd"), Low: c.num(prefix + "_ci_low"), High: c.num(prefix + "_ci_high")}
}

func readSummary(root *os.Root, name string) ([]results.StrategyRow, error) {
	t, err := readTable(root, name)
	if err != nil {
		return nil, err
	}
	var rows []results.StrategyRow
	for i, rec := range t.rows {
		c := &cells{t: t, row: rec, n: i}
		r := results.StrategyRow{Strategy: c.str("strategy"), Role: results.RoleAll,
			Relationships: c.int("relationships"), Negotiations: c.int("negotiations")}
		r.OneShot, r.LongRun = c.est("one_shot", r.Relationships), c.est("long_run", r.Relationships)
		r.Agreement, r.WinWin, r.WinLose, r.LoseLose = c.num("agreement_rate"), c.num("win_win_share"), c.num("win_lose_share"), c.num("lose_lose_share")
		r.Length, r.SV, r.Retention, r.LeftOnTable = c.num("mean_length"), c.num("mean_sv"), c.num("retention"), c.num("left_on_table")
		r.Faults = c.int("faults")
		r.OneShotRank, r.LongRunRank = int(c.int("one_shot_rank")), int(c.int("long_run_rank"))
		if c.err != nil {
			return nil, c.err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func readPairs(root *os.Root, name string) ([]results.PairRow, error) {
	t, err := readTable(root, name)
	if err != nil {
		return nil, err
	}
	var rows []results.PairRow
	for i, rec := range t.rows {
		c := &cells{t: t, row: rec, n: i}
		r := results.PairRow{Seller: c.str("seller"), Buyer: c.str("buyer"), Relationships: c.int("relationships"), Negotiations: c.int("negotiations")}
		r.OneShot = [2]results.Estimate{c.est("seller_one_shot", r.Relationships), c.est("buyer_one_shot", r.Relationships)}
		r.LongRun = [2]results.Estimate{c.est("seller_long_run", r.Relationships), c.est("buyer_long_run", r.Relationships)}
		r.JointLongRun = c.est("joint_long_run", r.Relationships)
		r.Agreement, r.WinWin, r.WinLose, r.LoseLose = c.num("agreement_rate"), c.num("win_win_share"), c.num("win_lose_share"), c.num("lose_lose_share")
		r.Length, r.Retention, r.LeftOnTable = c.num("mean_length"), c.num("retention"), c.num("left_on_table")
		r.SV = [2]float64{c.num("seller_mean_sv"), c.num("buyer_mean_sv")}
		r.Faults = [2]int64{c.int("seller_faults"), c.int("buyer_faults")}
		if c.err != nil {
			return nil, c.err
		}
		rows = append(rows, r)
	}
	return rows, nil
}
