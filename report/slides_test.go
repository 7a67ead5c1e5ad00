package report

import (
	"bytes"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSlides: the deck has its slides in order (the question, the field,
// the ranking, the charts, one slide per lesson, the takeaways), is one
// file that refers to nothing outside itself, and is the same for the same
// folder.
func TestSlides(t *testing.T) {
	dir := runFolder(t)
	path, err := GenerateSlides(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := html.UnescapeString(string(b))
	run, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	lessons := Pick(run.Samples, avoidNames(run.Config, run.Names)...)
	heading := func(l Lesson) string { return l.Title[:strings.LastIndex(l.Title, ": ")] }
	at := 0
	for _, want := range []string{"Win-win or win-lose?", "The field", "One deal against the relationship", "One-shot against long-run payoff",
		"Cumulative long-run payoff by deal", heading(lessons[0]), heading(lessons[len(lessons)-1]), "Win-win deals and repeat business",
		"Takeaways: the article's five points", "1. Focus on interests", "5. Know your walk-away point"} {
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Errorf("the deck lacks %q, or shows it out of order", want)
			continue
		}
		at += i + len(want)
	}
	if n, want := strings.Count(text, `<section class="slide`), 3+3+len(lessons)+1; n != want {
		t.Errorf("%d slides, want %d", n, want)
	}
	if m := regexp.MustCompile(`(?i)(src|href|url)[=(]"?(https?:|//|file:)`).FindString(text); m != "" {
		t.Errorf("the deck refers outside itself: %s", m)
	}
	again, err := GenerateSlides(dir)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Error("writing the deck again changes it")
	}
}
