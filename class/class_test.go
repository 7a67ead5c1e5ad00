package class

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/golden"
	"github.com/winwin-sim/winwin/play"
	"github.com/winwin-sim/winwin/strategies"
)

// player is one scripted role-play of the test class.
type player struct {
	name, domain, strategy string
	as                     agents.Role
	script                 string
}

var players = []player{
	{"Ada", "price-haggle", "integrative", agents.Buyer, "price=$350,000 why\nprice=$380,000\nprice=$400,000\naccept\nyes\n"},
	{"Bo", "price-haggle", "hard-anchorer", agents.Buyer, "accept\nyes\n"},
	{"Cy", "price-haggle", "flincher", agents.Buyer, "walk\nyes\n"},
	{"Di", "price-haggle", "hard-anchorer", agents.Buyer, "price=$300,000\nsame\nsame unhappy\nwalk\nyes\n"},
	{"Fay", "price-haggle", "tit-for-tat", agents.Seller, "price=$460,000 why\nprice=$440,000\nprice=$430,000\naccept\nyes\n"},
	{"<b>Gus</b>", "supply-deal", "integrative", agents.Buyer, "price=100 delivery=1w warranty=3y volume=5000 payment=net90\nprice=110\nprice=120\naccept\nyes\n"},
}

// classFolder plays every player's session and saves it in a new folder,
// with a JSON file that is no session beside them.
func classFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range players {
		sc, _, err := configs.LoadDomain(p.domain)
		if err != nil {
			t.Fatal(err)
		}
		spec, _ := strategies.Lookup(p.strategy)
		g := &play.Game{Scenario: sc, Partner: spec, As: p.as, Periods: 1, Rounds: 10, Model: arena.DefaultModel(), Seed: 1, Player: p.name}
		s, err := g.PlaySession(context.Background(), strings.NewReader(p.script), &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.WriteFile(filepath.Join(dir, strings.Trim(p.name, "<b>/")+".json")); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.json"), []byte(`{"hello": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestClassReport(t *testing.T) {
	dir := classFolder(t)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Sessions) != len(players) || c.Other != 1 {
		t.Fatalf("%d sessions and %d other files, want %d and 1", len(c.Sessions), c.Other, len(players))
	}
	golden.Check(t, filepath.Join("testdata", "summary.golden"), []byte(c.Summary()))
	path, err := c.WriteFile()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{
		"6 sessions, 6 deals",
		"price-haggle: 5 players", "supply-deal: 1 player",
		`aria-label="The deals on the outcome space of price-haggle"`, `aria-label="The prices agreed"`,
		"accepted a deal below their walk-away point", "walked away without first showing dissatisfaction",
		"round 1, without showing dissatisfaction first", "round 4, after showing dissatisfaction",
		"&lt;b&gt;Gus&lt;/b&gt;", // names from sessions are escaped
		"1 other JSON file in the folder is no saved session",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("class.html lacks %q", want)
		}
	}
	if strings.Contains(page, "<b>Gus</b>") {
		t.Error("a player's name reaches the page unescaped")
	}
	// The same folder gives the same page, byte for byte.
	var again bytes.Buffer
	c2, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(&again, c2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), b) {
		t.Error("the class report of the same folder differs between two writes")
	}
}

func TestClassLoadErrors(t *testing.T) {
	empty := t.TempDir()
	if _, err := Load(empty); err == nil || !strings.Contains(err.Error(), "winwin play --save") {
		t.Errorf("an empty folder: %v, want how to save sessions", err)
	}
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "x.json"), []byte(`{"format": "winwin-play-session", "version": 1, "as": "buyer"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(broken); err == nil || !strings.Contains(err.Error(), "x.json") {
		t.Errorf("a broken session: %v, want its file named", err)
	}
	if _, err := Load(filepath.Join(empty, "nowhere")); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("a missing folder: %v", err)
	}
}
