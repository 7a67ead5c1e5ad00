// Package report writes report.html, the page a trainer opens after a
// run: one self-contained file (the charts inline, no other file, no
// network) that says what was run, ranks the strategies one-shot against
// long-run, shows every chart, gives a card per strategy (its tactic in
// plain words, its counter-tactic and its figures), the shares of the
// outcome classes per pairing (win-win, win-lose, lose-win, lose-lose and
// no deal, judged against each side's fair share), and two or three annotated
// transcripts chosen by their figures to teach: a hard bargainer winning
// the first deal and losing the customer, two sides logrolling to a
// win-win deal, a walk-away done well.
//
// The report is made from a run folder's files alone ([Load], [Generate]):
// manifest.json (which echoes the configuration), summary.csv, pairs.csv,
// the chart images and samples.json, the sampled relationships' transcripts
// that [WriteSamples] adds to the run folder. So `winwin report RUN_DIR`
// rebuilds the page of any run, byte for byte.
//
// Every name and label that comes from a configuration is escaped by
// html/template, and the charts are embedded as images (data: URLs), which
// run no script whatever the file holds.
//
// The release check renders the page in a real browser:
// scripts/render-report.sh RUN_DIR OUT.png takes a screenshot with
// headless Chromium; look at it before a release.
package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"

	"github.com/winwin-sim/winwin/results"
)

// File is the name of the report in a run folder.
const File = "report.html"

//go:embed report.html
var pageText string

var pageTemplate = template.Must(template.Must(template.New("report").Parse(pageText)).Parse(marketText))

// Write writes the report of run r as HTML.
func Write(w io.Writer, r *Run) error {
	if err := pageTemplate.Execute(w, build(r)); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// Generate reads the run folder dir and writes dir/report.html,
// atomically. It returns the report's path.
func Generate(dir string) (string, error) {
	r, err := Load(dir)
	if err != nil {
		return "", err
	}
	return write(dir, r)
}

// GenerateWith writes dir/report.html as Generate does, taking the run's
// manifest from m instead of manifest.json (see LoadWith): the report a
// run writes before its manifest is the one Generate writes from the
// folder afterwards, byte for byte.
func GenerateWith(dir string, m *results.Manifest) (string, error) {
	r, err := LoadWith(dir, m)
	if err != nil {
		return "", err
	}
	return write(dir, r)
}

func write(dir string, r *Run) (string, error) {
	path := filepath.Join(dir, File)
	return path, results.WriteFileAtomic(path, func(w io.Writer) error { return Write(w, r) })
}
