package play

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/golden"
	"github.com/winwin-sim/winwin/strategies"
)

// session is one scripted role-play.
type session struct {
	name, domain, strategy string
	as                     agents.Role
	periods, rounds        int
	script                 []string
	// alwaysBack: the partner always comes back (the model's stay
	// probability is 1), and the seller opens every deal.
	alwaysBack bool
}

// sessions are the scripted role-plays of the golden files. Each script
// also types bad input (an empty line, an unknown issue, an impossible
// option) and ends with the end of the input, somewhere.
var sessions = []session{
	{
		name: "haggle-buyer-vs-hard-anchorer", domain: "price-haggle", strategy: "hard-anchorer",
		as: agents.Buyer, periods: 1, rounds: 6,
		script: []string{
			"",                // empty line: help
			"prise=$380,000",  // unknown issue
			"price=1,000,000", // impossible option
			"accept",          // below the walk-away point: asks to confirm
			"?",               // the coach
			"$360k why",       // a bare option in a one-issue domain, with a signal
			"same",            // hold
			"price=390k",      // concede
			"same unhappy",    // disengage
			"walk",            // walk away (their offer is below the walk-away point): asks to confirm
			"walkaway",        // confirmed by the same command
		},
	},
	{
		name: "supply-buyer-vs-hard-anchorer-relationship", domain: "supply-deal", strategy: "hard-anchorer",
		as: agents.Buyer, periods: 3, rounds: 5,
		script: []string{
			"help",
			"offer", "$110", "1w", "", "5000", "net 60", // issue by issue; Enter keeps theirs
			"price=$115 why",
			"warranty=2 years pay=net 30",
			"delivery=2w",
			"accept",
			"yes",
			"", // next deal
			"price=120 delivery=1 week warranty=2y volume=5,000 payment=upfront",
			"accept",
			"yes",
			// The input ends at the next deal's prompt, if there is one.
		},
	},
	{
		name: "bundle-seller-vs-unbundler", domain: "bundle", strategy: "unbundler",
		as: agents.Seller, periods: 1, rounds: 6,
		script: []string{
			"price=58k", // a partial first offer: the other issues are asked for
			"?", "incl",
			"price=$52,000",         // terms at an issue's prompt are placed
			"3 years",               // not an option of training
			"installation=maybe",    // impossible option, at an issue's prompt
			"yes", "support=3y why", // the last issue by its terms, with a signal
			"price=$55,000 reprice",
			"same",
			"accept",
			"yes",
		},
	},
	{
		name: "supply-seller-vs-flincher", domain: "supply-deal", strategy: "flincher",
		as: agents.Seller, periods: 1, rounds: 5,
		script: []string{
			"price=$135 delivery=4 weeks warranty=1 year volume=5,000 units payment=net 30",
			"?",
			"same why",
			"price=130",
			"delivery=2 weeks",
			// The input ends mid-negotiation: the player walks away.
		},
	},
}

// everyMistake is a session that makes every mistake the coach names:
// an extreme anchor, a concession the partner had not earned, giving up
// an issue both want, accepting the first offer, accepting below the
// walk-away point and walking away in round 1 without first showing
// dissatisfaction. The partner always comes back, so that each deal
// happens.
var everyMistake = session{
	name: "every-mistake", domain: "supply-deal", strategy: "hard-anchorer",
	as: agents.Buyer, periods: 3, rounds: 8, alwaysBack: true,
	script: []string{
		// Deal 1: the seller opens.
		"price=100 delivery=1w warranty=3y volume=5000 payment=net90", // an extreme anchor
		"?", "?", "?", // hints, never repeated word for word
		"price=110 volume=1000", // a concession, unearned, cutting volume
		"price=120",             // another, unearned
		"same unhappy",          // dissatisfaction first …
		"walk", "yes",           // … then walking away: done well
		"",
		// Deal 2: accepting the first offer, below the walk-away point.
		"accept", "yes",
		"",
		// Deal 3: walking away in round 1.
		"walk", "yes",
	},
}

func (s *session) game(t testing.TB) *Game {
	t.Helper()
	sc, _, err := configs.LoadDomain(s.domain)
	if err != nil {
		t.Fatal(err)
	}
	spec, ok := strategies.Lookup(s.strategy)
	if !ok {
		t.Fatalf("no strategy %q", s.strategy)
	}
	g := &Game{Scenario: sc, Partner: spec, As: s.as, Periods: s.periods, Rounds: s.rounds,
		Model: arena.DefaultModel(), Seed: 7, Echo: true}
	if s.alwaysBack {
		g.Model.PLow, g.Model.PHigh = 1, 1
		g.Opener = arena.SellerOpens
	}
	return g
}

func TestPlayGolden(t *testing.T) {
	for _, s := range append(sessions, everyMistake) {
		t.Run(s.name, func(t *testing.T) {
			g := s.game(t)
			var out bytes.Buffer
			in := strings.NewReader(strings.Join(s.script, "\n") + "\n")
			rel, err := g.Play(context.Background(), in, &out)
			if err != nil {
				t.Fatal(err)
			}
			if len(rel.Deals) == 0 {
				t.Fatal("no deal was negotiated")
			}
			golden.Check(t, filepath.Join("testdata", s.name+".golden"), out.Bytes())
		})
	}
}

// TestPlayColorOnlyStyles: colour adds escapes and nothing else: without
// them the coloured screens are the plain ones, wrapped at the same
// places.
func TestPlayColorOnlyStyles(t *testing.T) {
	escape := regexp.MustCompile("\x1b\\[[0-9;]*m")
	for _, s := range sessions {
		t.Run(s.name, func(t *testing.T) {
			var outs [2]bytes.Buffer
			for i, color := range []bool{false, true} {
				g := s.game(t)
				g.Color = color
				in := strings.NewReader(strings.Join(s.script, "\n") + "\n")
				if _, err := g.Play(context.Background(), in, &outs[i]); err != nil {
					t.Fatal(err)
				}
			}
			plain, color := outs[0].String(), outs[1].String()
			if !escape.MatchString(color) {
				t.Fatal("no colour in the coloured screens")
			}
			if d := golden.Diff(plain, escape.ReplaceAllString(color, "")); d != "" {
				t.Errorf("the coloured screens without their escapes differ from the plain ones (- plain, + coloured):\n%s", d)
			}
		})
	}
}

// TestPlayEveryEOF cuts every script after each of its lines: wherever the
// input ends, the game ends cleanly, with a scorecard and without an error.
func TestPlayEveryEOF(t *testing.T) {
	for _, s := range append(sessions, everyMistake) {
		for k := 0; k <= len(s.script); k++ {
			g := s.game(t)
			var out bytes.Buffer
			in := strings.NewReader(strings.Join(s.script[:k], "\n"))
			if _, err := g.Play(context.Background(), in, &out); err != nil {
				t.Fatalf("%s cut after %d lines: %v", s.name, k, err)
			}
			if !strings.Contains(out.String(), "══ The end ") {
				t.Fatalf("%s cut after %d lines: no ending:\n%s", s.name, k, out.String())
			}
		}
	}
}

// TestPlayCancel: a cancelled context ends a game waiting for input.
func TestPlayCancel(t *testing.T) {
	g := sessions[0].game(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close()
	defer pr.Close()
	var out bytes.Buffer
	cancel()
	if _, err := g.Play(ctx, pr, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Interrupted: you walk away") {
		t.Errorf("a cancelled game does not say it was interrupted:\n%s", out.String())
	}
}

// TestPlayDeterministic: the same seed and input give the same screens.
func TestPlayDeterministic(t *testing.T) {
	s := sessions[1]
	var outs [2]string
	for i := range outs {
		var out bytes.Buffer
		if _, err := s.game(t).Play(context.Background(), strings.NewReader(strings.Join(s.script, "\n")), &out); err != nil {
			t.Fatal(err)
		}
		outs[i] = out.String()
	}
	if outs[0] != outs[1] {
		t.Error("two plays with the same seed and input differ")
	}
}

// TestPlayFixes: the role-play bugs of issue 10, each as a short scripted
// session and what its screens must (and must not) say.
func TestPlayFixes(t *testing.T) {
	tests := []struct {
		name          string
		s             session
		want, notWant []string
	}{
		{
			name: "the deadline names its rounds",
			s: session{domain: "price-haggle", strategy: "hardliner", as: agents.Buyer, periods: 1, rounds: 2,
				script: []string{"price=$350,000", "same"}},
			want:    []string{"Time is up: 2 rounds passed without a deal.", "the deadline of 2 rounds passed"},
			notWant: []string{"deadline of 0 rounds"},
		},
		{
			name: "terms typed at an issue's prompt are placed, not thrown away",
			s: session{domain: "supply-deal", strategy: "hard-anchorer", as: agents.Buyer, periods: 1, rounds: 3,
				script: []string{"price=120", "payment=net30", "1w", "2y", "5000"}},
			want:    []string{"(placed: payment net 30)", "You offer price $120/unit, delivery 1 week, warranty 2 years,\n  volume 5,000 units, payment net 30"},
			notWant: []string{"That is a move of its own"},
		},
		{
			name: "signals typed at an issue's prompt join the offer",
			s: session{domain: "supply-deal", strategy: "hard-anchorer", as: agents.Buyer, periods: 1, rounds: 3,
				script: []string{"offer", "$110", "why", "1w", "2y", "5000", "net 60"}},
			want: []string{"You signal: asks why."},
		},
		{
			name: "a misspelt signal is named, and nothing is offered",
			s: session{domain: "price-haggle", strategy: "hard-anchorer", as: agents.Buyer, periods: 1, rounds: 3,
				script: []string{"price=$380,000 why unhapy", "price=$380,000 why unhappy"}},
			want: []string{`I did not understand "unhapy" after price=$380,000 (did you mean unhappy?)`,
				"You signal: asks why, dissatisfied."},
		},
		{
			name: "a misspelt command is named",
			s: session{domain: "price-haggle", strategy: "hard-anchorer", as: agents.Buyer, periods: 1, rounds: 3,
				script: []string{"accpet"}},
			want:    []string{`I did not understand "accpet" (did you mean accept?)`},
			notWant: []string{"has no option"},
		},
		{
			name: "walking away below the walk-away point is confirmed, with the article's advice",
			s: session{domain: "price-haggle", strategy: "hard-anchorer", as: agents.Buyer, periods: 1, rounds: 5,
				script: []string{"walkaway", "price=$350,000", "walk", "yes"}},
			want: []string{"Walking away ends this deal for good, with 4 rounds left.", "show dissatisfaction before you walk",
				"You walk away from this deal.", "No deal: you walked away in round 2."},
		},
		{
			name: "walking away from an offer above the walk-away point is confirmed",
			s: session{domain: "price-haggle", strategy: "conceder", as: agents.Buyer, periods: 1, rounds: 10,
				script: []string{"price=$300,000", "same", "same", "same", "same", "same", "walk", "walk"}},
			want: []string{"more than walking away (0.30): no deal leaves you worse off"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			in := strings.NewReader(strings.Join(tt.s.script, "\n") + "\n")
			if _, err := tt.s.game(t).Play(context.Background(), in, &out); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			flat := strings.Join(strings.Fields(text), " ") // the words, wrapped anywhere
			for _, w := range tt.want {
				if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("the screens do not say %q:\n%s", w, text)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("the screens say %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestPlayCoachNeverRepeats: across every scripted session, no line of
// the coach is said twice word for word.
func TestPlayCoachNeverRepeats(t *testing.T) {
	for _, s := range append(sessions, everyMistake) {
		var out bytes.Buffer
		in := strings.NewReader(strings.Join(s.script, "\n") + "\n")
		if _, err := s.game(t).Play(context.Background(), in, &out); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, line := range coachLines(out.String()) {
			if seen[line] {
				t.Errorf("%s: the coach repeats %q", s.name, line)
			}
			seen[line] = true
		}
		if len(seen) == 0 {
			t.Errorf("%s: the coach said nothing", s.name)
		}
	}
}

// coachLines joins the wrapped lines of each "Coach:" paragraph of a
// role-play's screens.
func coachLines(screens string) []string {
	var out []string
	cur := ""
	for _, l := range strings.Split(screens, "\n") {
		switch {
		case strings.HasPrefix(l, "  Coach: "):
			if cur != "" {
				out = append(out, cur)
			}
			cur = strings.TrimPrefix(l, "  Coach: ")
		case cur != "" && strings.HasPrefix(l, "         "):
			cur += " " + strings.TrimSpace(l)
		default:
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
		}
	}
	return out
}

// TestPlayDebriefNamesEveryMistake: the session that makes every mistake
// gets a debrief that names each, with advice tied to the article.
func TestPlayDebriefNamesEveryMistake(t *testing.T) {
	g := everyMistake.game(t)
	var out bytes.Buffer
	rel, err := g.Play(context.Background(), strings.NewReader(strings.Join(everyMistake.script, "\n")+"\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	db := NewDebrief(rel, g.As, false)
	want := []Kind{ExtremeAnchor, GaveUpSharedIssue, UnreciprocatedConcession, AcceptedFirstOffer, AcceptedBelowWalkAway, WalkedWithoutDissatisfaction}
	if got := db.Mistakes(); !slices.Equal(got, want) {
		t.Errorf("mistakes %v, want %v", got, want)
	}
	for _, k := range want {
		i := slices.IndexFunc(db.Try, func(a Advice) bool { return a.For == k })
		if i < 0 {
			t.Errorf("no advice for %s", k)
			continue
		}
		if a := db.Try[i]; a.Point < 1 || a.Point > 5 {
			t.Errorf("the advice for %s is tied to no point of the article: %+v", k, a)
		}
	}
}

// TestPlayRandomInput: whatever a player types, in any order, the game
// ends cleanly with a debrief, and its coach never repeats itself.
func TestPlayRandomInput(t *testing.T) {
	words := []string{"", "?", "help", "accept", "accpet", "yes", "y", "walk", "walkaway", "same", "same why", "unhapy",
		"offer", "cancel", "price=120", "payment=net30", "price=$380,000 why unhapy", "400k", "1w", "2y", "5000",
		"why", "same unhappy", "flinch", "reprice", "price=", "=", "training=yes", "quit", "no", "next"}
	for seed := range uint64(12) {
		r := rand.New(rand.NewPCG(seed, 1))
		s := sessions[int(seed)%len(sessions)]
		var script []string
		for range 120 {
			script = append(script, words[r.IntN(len(words))])
		}
		var out bytes.Buffer
		if _, err := s.game(t).Play(context.Background(), strings.NewReader(strings.Join(script, "\n")), &out); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !strings.Contains(out.String(), "══ Debrief ") {
			t.Fatalf("seed %d: no debrief:\n%s", seed, out.String())
		}
		seen := map[string]bool{}
		for _, l := range coachLines(out.String()) {
			if seen[l] {
				t.Errorf("seed %d: the coach repeats %q", seed, l)
			}
			seen[l] = true
		}
	}
}
