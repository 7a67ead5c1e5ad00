// Package report writes report.html, the page a trainer opens after a
// run, and slides.html, the deck to debrief the run with a class.
//
// The report is one self-contained file (the charts inline, no other file,
// no network, no script) that says what was run, ranks the strategies
// one-shot against long-run, shows every chart, teaches one lesson per
// tactic of the article (a short scene picked from the run where it
// happened: an anchor answered by a first offer and a question, a flinch
// answered by asking why, an unbundle answered by a re-price,
// dissatisfaction before a walk-away, a logroll that creates value, and a
// hard bargainer who wins the first deal and loses the customer), gives a
// card per strategy (its tactic in plain words, its counter-tactic and its
// figures) and the shares of the outcome classes per pairing (win-win,
// win-lose, lose-win, lose-lose and no deal, judged against each side's
// fair share). Its sections come from one list (sections.go), each drawn
// by its own template.
//
// It is written for people, not for analysts: gains in the domain's money
// where the domain has a price (see docs/model.md#amounts-in-money), deals
// counted from 1, formulas and parameters behind a "How this is computed"
// toggle; the exact figures stay in the CSV files. It reads on a projector
// (the charts' text is 14 px or more at 1280 px), on a phone (no sideways
// scroll at 390 px: wide tables and charts scroll inside themselves) and on
// paper (the classic report prints on 7 A4 pages, headings kept with their
// content and table headers repeated). report/browser_test.go checks that
// in Debian's chromium, and CI runs it.
//
// The slides ([WriteSlides], [GenerateSlides]) are a 16:9 deck in one
// file: the question, the field, one deal against the relationship, the
// lessons, win-win against deals kept, and the article's five points with
// what the run showed of each. Arrow keys step through it; it prints one
// slide a page.
//
// Both are made from a run folder's files alone ([Load], [Generate]):
// manifest.json (which echoes the configuration), summary.csv, pairs.csv,
// the chart images and samples.json, the sampled relationships' transcripts
// that [WriteSamples] adds to the run folder. So `winwin report RUN_DIR`
// rebuilds the page of any run, byte for byte.
//
// Every name and label that comes from a configuration is escaped by
// html/template, and the charts are embedded as images (data: URLs), which
// run no script whatever the file holds.
package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"

	"github.com/winwin-sim/winwin/results"
)

// File is the name of the report in a run folder.
const File = "report.html"

// pageFiles are the page's templates: report.html, the page and its
// sections, and one file per further section under sections/.
//
//go:embed report.html sections/*.html
var pageFiles embed.FS

var pageTemplate = withSections(template.Must(template.ParseFS(pageFiles, "report.html", "sections/*.html")))

// Write writes the report of run r as HTML.
func Write(w io.Writer, r *Run) error {
	p := build(r)
	showSections(p)
	if err := pageTemplate.ExecuteTemplate(w, "report.html", p); err != nil {
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
