// Package class reports on a class's role-play sessions: the sessions
// that `winwin play --save FILE` wrote, gathered in one folder, become
// class.html, the page a trainer shows after the exercise.
//
// For each domain played, the page shows the deals on the outcome space
// (every deal as a point: its value to the seller against its value to
// the buyer, coloured by outcome class, with the Pareto frontier, the
// fair Nash point and the walk-away points), the spread of the prices
// agreed (where the domain has a price), who opened with an extreme
// anchor, who walked away and whether they showed dissatisfaction first,
// and the coach's mistakes counted over the class. A table gives each
// session in a row. Everything a session holds is checked as it is read
// (play.ReadSession); names come from the sessions and are escaped by
// html/template.
//
// [Load] reads a folder, [Write] writes the page, [Generate] does both
// into the folder, atomically. The charts are inline SVG, drawn here: the
// page is one file that opens offline and prints as it shows.
package class

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/internal/safetext"
	"github.com/winwin-sim/winwin/internal/words"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// File is the name of the class report in the sessions' folder.
const File = "class.html"

// A Class is the sessions of one folder.
type Class struct {
	// Dir is the folder read.
	Dir string
	// Sessions are the saved sessions, by file name.
	Sessions []*Entry
	// Other counts the JSON files of the folder that are no saved
	// session (a run's manifest, say): skipped.
	Other int
}

// An Entry is one saved session, read and rebuilt.
type Entry struct {
	// File is the session's file name in the folder.
	File    string
	Session *play.Session
	Rel     *transcript.Relationship
	Me      agents.Role
	// Debrief is the coach's debrief, made again from the relationship.
	Debrief *play.Debrief
}

// Player names the player: the name saved with the session, else the
// file name without its extension.
func (e *Entry) Player() string {
	if e.Session.Player != "" {
		return e.Session.Player
	}
	return strings.TrimSuffix(e.File, filepath.Ext(e.File))
}

// Load reads every saved session in dir (the *.json files whose format is
// winwin-play-session; other JSON files are skipped and counted). A
// session that does not read is an error naming its file; a folder
// without sessions is an error that says how to make them.
func Load(dir string) (*Class, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("class: %w", err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("class: %s is not a folder", dir)
	}
	slices.Sort(paths)
	c := &Class{Dir: dir}
	for _, path := range paths {
		s, err := play.ReadSessionFile(path)
		if errors.Is(err, play.ErrNotSession) {
			c.Other++
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("class: %w", err)
		}
		rel, err := s.Rebuild()
		if err != nil {
			return nil, fmt.Errorf("class: %s: %w", path, err)
		}
		me, err := s.Role()
		if err != nil {
			return nil, fmt.Errorf("class: %s: %w", path, err)
		}
		c.Sessions = append(c.Sessions, &Entry{File: filepath.Base(path), Session: s, Rel: rel, Me: me,
			Debrief: play.NewDebrief(rel, me, s.Left)})
	}
	if len(c.Sessions) == 0 {
		return nil, fmt.Errorf("class: no saved sessions in %s (each player saves one with winwin play --save %s)",
			dir, filepath.Join(dir, "NAME.json"))
	}
	return c, nil
}

// Generate reads the sessions in dir and writes dir/class.html,
// atomically. It returns the page's path.
func Generate(dir string) (string, error) {
	c, err := Load(dir)
	if err != nil {
		return "", err
	}
	return c.WriteFile()
}

// WriteFile writes the class report into the sessions' folder,
// atomically, and returns its path.
func (c *Class) WriteFile() (string, error) {
	path := filepath.Join(c.Dir, File)
	if err := results.WriteFileAtomic(path, func(w io.Writer) error { return Write(w, c) }); err != nil {
		return "", fmt.Errorf("class: %w", err)
	}
	return path, nil
}

// A deal is one negotiation of a session, as the page shows it.
type deal struct {
	e *Entry
	k int // the deal's index in the relationship
	n *transcript.Negotiation
}

// domains groups the deals by domain name, in the order first played.
func (c *Class) domains() [][]deal {
	var names []string
	by := map[string][]deal{}
	for _, e := range c.Sessions {
		for k := range e.Rel.Deals {
			name := e.Rel.Domain.Name
			if _, ok := by[name]; !ok {
				names = append(names, name)
			}
			by[name] = append(by[name], deal{e: e, k: k, n: &e.Rel.Deals[k]})
		}
	}
	out := make([][]deal, 0, len(names))
	for _, n := range names {
		out = append(out, by[n])
	}
	return out
}

// Counts are the class's figures, for the page and the terminal.
type Counts struct {
	Sessions, Deals, Agreed int
	// Classes counts the deals by outcome class.
	Classes map[arena.Class]int
	// Anchored, Walked and WalkedCold name the players who opened with
	// an extreme anchor, who walked away, and who walked away without
	// first showing dissatisfaction.
	Anchored, Walked, WalkedCold []string
	// Mistakes counts, for each kind of mistake, the players who made it.
	Mistakes map[play.Kind]int
}

// Counts returns the class's figures.
func (c *Class) Counts() Counts {
	ct := Counts{Sessions: len(c.Sessions), Classes: map[arena.Class]int{}, Mistakes: map[play.Kind]int{}}
	for _, e := range c.Sessions {
		anchored, walked := false, false
		for k := range e.Rel.Deals {
			n := &e.Rel.Deals[k]
			ct.Deals++
			ct.Classes[n.Analysis.Class]++
			if n.Outcome.Agreed {
				ct.Agreed++
			}
			anchored = anchored || n.Outcome.AnchorExtremity[e.Me] > 0
			last := k == len(e.Rel.Deals)-1
			walked = walked || n.Outcome.WalkAway && n.Outcome.EndedBy == e.Me && !(last && e.Session.Left)
		}
		if anchored {
			ct.Anchored = append(ct.Anchored, e.Player())
		}
		if walked {
			ct.Walked = append(ct.Walked, e.Player())
		}
		for _, k := range e.Debrief.Mistakes() {
			ct.Mistakes[k]++
			if k == play.WalkedWithoutDissatisfaction {
				ct.WalkedCold = append(ct.WalkedCold, e.Player())
			}
		}
	}
	return ct
}

// Summary says the class's figures in a few lines, for the terminal
// (the players' names with their control characters replaced).
func (c *Class) Summary() string {
	ct := c.Counts()
	var b strings.Builder
	fmt.Fprintf(&b, "%s, %s, %d agreed", words.Count(ct.Sessions, "session"), words.Count(ct.Deals, "deal"), ct.Agreed)
	for _, cl := range classOrder {
		if ct.Classes[cl] > 0 {
			fmt.Fprintf(&b, " · %s %d", cl, ct.Classes[cl])
		}
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Opened with an extreme anchor: %s\n", namesOrNone(ct.Anchored))
	fmt.Fprintf(&b, "Walked away: %s (without first showing dissatisfaction: %s)\n", namesOrNone(ct.Walked), namesOrNone(ct.WalkedCold))
	return b.String()
}

// classOrder is the order the page lists outcome classes in.
var classOrder = []arena.Class{arena.WinWin, arena.WinLose, arena.LoseWin, arena.LoseLose, arena.NoDeal}

// namesOrNone lists names, their control characters replaced (they come
// from session files and reach terminals), or says nobody.
func namesOrNone(xs []string) string {
	if len(xs) == 0 {
		return "nobody"
	}
	return safetext.Replace(strings.Join(xs, ", "))
}

// byPlayer sorts entries by player name, then file.
func byPlayer(a, b *Entry) int {
	return cmp.Or(cmp.Compare(a.Player(), b.Player()), cmp.Compare(a.File, b.File))
}
