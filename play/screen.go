package play

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/winwin-sim/winwin/internal/textwrap"
)

// ScreenWidth is the width of the role-play screens in columns: narrow
// enough for a projector's large font.
const ScreenWidth = 72

// A screen writes the role-play to the player's terminal, optionally in
// colour, remembering the first write error.
type screen struct {
	w     io.Writer
	color bool
	err   error
}

func (s *screen) printf(format string, args ...any) {
	if s.err != nil {
		return
	}
	_, s.err = fmt.Fprintf(s.w, format, args...)
}

// ANSI styles, used only when colour is on.
const (
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiGreen  = "\x1b[32m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiReset  = "\x1b[0m"
)

func (s *screen) style(code, text string) string {
	if !s.color || text == "" {
		return text
	}
	return code + text + ansiReset
}

func (s *screen) bold(t string) string  { return s.style(ansiBold, t) }
func (s *screen) dim(t string) string   { return s.style(ansiDim, t) }
func (s *screen) coach(t string) string { return s.style(ansiCyan, t) }
func (s *screen) warn(t string) string  { return s.style(ansiYellow, t) }

// value colours a utility green when it beats the walk-away point r, red
// when it does not.
func (s *screen) value(u, r float64) string {
	t := fmt.Sprintf("%.2f", u)
	if u >= r {
		return s.style(ansiGreen, t)
	}
	return s.style(ansiRed, t)
}

// banner prints a heavy rule with a title: ══ title ═══…
func (s *screen) banner(title string) {
	s.printf("%s\n", s.bold(ruleLine("═", title)))
}

// rule prints a light rule with a title: ── title ───…
func (s *screen) rule(title string) {
	s.printf("%s\n", s.bold(ruleLine("─", title)))
}

func ruleLine(ch, title string) string {
	if title == "" {
		return strings.Repeat(ch, ScreenWidth)
	}
	head := ch + ch + " " + title + " "
	return head + strings.Repeat(ch, max(3, ScreenWidth-utf8.RuneCountInString(head)))
}

// wrap prints text wrapped at ScreenWidth: the first line after first,
// the others after rest (see textwrap.Wrap).
func (s *screen) wrap(first, rest, text string) {
	s.printf("%s", textwrap.Wrap(ScreenWidth, first, rest, text))
}

// pad pads s with spaces to w visible columns.
func pad(s string, w int) string {
	if n := textwrap.Columns(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// barWidth is the width of a value bar in columns.
const barWidth = 22

// bar draws utility u on a 0..1 scale with the walk-away point r marked:
// █████████████░░░░│░░░░░░░░░░░░.
func (s *screen) bar(u, r float64) string {
	filled := int(math.Round(clamp01(u) * barWidth))
	mark := min(barWidth-1, int(math.Round(clamp01(r)*barWidth)))
	var b strings.Builder
	for i := range barWidth {
		switch {
		case i == mark:
			b.WriteString("│")
		case i < filled:
			b.WriteString("█")
		default:
			b.WriteString("░")
		}
	}
	if u >= r {
		return s.style(ansiGreen, b.String())
	}
	return s.style(ansiRed, b.String())
}

func clamp01(x float64) float64 { return math.Min(1, math.Max(0, x)) }
