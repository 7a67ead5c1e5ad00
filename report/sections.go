package report

import (
	"fmt"
	"html/template"
	"strings"
)

// A section is one part of the report: an anchor, its name in the page's
// navigation, and the template that draws it from the page. A new section
// is one entry here and its {{define}} in report.html or in a file of its
// own under sections/ (every *.html there is read with the page).
type section struct {
	ID, Nav, Template string
	// Show says whether the page has anything to show in it (nil: always).
	Show func(p *page) bool
}

// sections are the report's sections, in page order.
var sections = []section{
	{ID: "run", Nav: "What was run", Template: "run"},
	{ID: "ranking", Nav: "Ranking", Template: "ranking"},
	{ID: "charts", Nav: "Charts", Template: "charts"},
	{ID: "market", Nav: "Market", Template: "market", Show: func(p *page) bool { return p.Market != nil }},
	{ID: "lessons", Nav: "Lessons", Template: "lessons"},
	{ID: "strategies", Nav: "Strategies", Template: "strategies"},
	{ID: "outcomes", Nav: "Outcomes by pairing", Template: "outcomes"},
	{ID: "glossary", Nav: "Tactics", Template: "glossary"},
}

// A shownSection is a section drawn for the page.
type shownSection struct {
	ID, Nav string
	// HTML is the section's markup, made by html/template (so escaped).
	HTML template.HTML
}

// drawSections draws the page's sections with the templates of t.
func drawSections(t *template.Template, p *page) error {
	p.Sections = nil
	for _, s := range sections {
		if s.Show != nil && !s.Show(p) {
			continue
		}
		// A strings.Builder hands its bytes over as the string: a wide
		// run's pairing matrix is tens of megabytes, not copied again.
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, s.Template, p); err != nil {
			return fmt.Errorf("section %s: %w", s.ID, err)
		}
		// The markup comes from html/template, which escaped every value.
		p.Sections = append(p.Sections, shownSection{ID: s.ID, Nav: s.Nav, HTML: template.HTML(b.String())})
	}
	return nil
}
