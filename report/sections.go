package report

import (
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

// A shownSection is a section the page shows: its anchor and its name in
// the navigation.
type shownSection struct {
	ID, Nav string
}

// showSections lists the sections p shows, in page order.
func showSections(p *page) {
	p.Sections = nil
	for _, s := range sections {
		if s.Show == nil || s.Show(p) {
			p.Sections = append(p.Sections, shownSection{ID: s.ID, Nav: s.Nav})
		}
	}
}

// withSections adds to t the template "sections", which the page calls
// where its sections go: each shown section in its <section> element,
// drawn by its own template straight into the page — a wide run's
// pairing matrix is tens of megabytes, never held whole in memory.
func withSections(t *template.Template) *template.Template {
	var b strings.Builder
	b.WriteString("{{define \"sections\"}}{{range .Sections}}<section id=\"{{.ID}}\">\n")
	for i, s := range sections {
		if i > 0 {
			b.WriteString("{{else ")
		} else {
			b.WriteString("{{")
		}
		b.WriteString("if eq .ID " + tmplString(s.ID) + "}}{{template " + tmplString(s.Template) + " $}}")
	}
	b.WriteString("{{end}}</section>\n{{end}}{{end}}")
	return template.Must(t.Parse(b.String()))
}

// tmplString writes s as a template string literal (section names are plain
// words: no escape is needed).
func tmplString(s string) string { return "\"" + s + "\"" }
