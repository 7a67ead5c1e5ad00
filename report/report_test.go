package report

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/arena"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/results"
	"github.com/winwin-sim/winwin/transcript"
)

// testConfig is a small tournament with the article's strategies, every
// pair recording two relationships move by move.
const testConfig = `
seed = 3
relationships = 6
periods = 4
rounds = 20
domain = "supply-deal"

[[strategies]]
name = "hard-anchorer"

[[strategies]]
name = "integrative"

[[strategies]]
name = "walk-away-disciplined"

[[strategies]]
name = "flincher"

[output]
charts = true
formats = ["svg"]
sample_transcripts = 2
`

// runFolder runs testConfig into a new run folder, as winwin run does,
// and returns the folder.
func runFolder(t *testing.T) string {
	t.Helper()
	cfg, err := configs.Parse([]byte(testConfig), "test.toml")
	if err != nil {
		t.Fatal(err)
	}
	tour, err := cfg.Tournament()
	if err != nil {
		t.Fatal(err)
	}
	tour.Sample = func(pair, rel int) bool { return rel < cfg.Output.SampleTranscripts }
	var names []string
	for _, s := range cfg.Strategies {
		names = append(names, s.Name)
	}
	agg := results.NewAggregate(names, cfg.Periods, cfg.Model.Discount)
	agg.KeepSamples = len(tour.Pairs()) * cfg.Output.SampleTranscripts
	if _, err := tour.Run(context.Background(), agg); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := results.WriteTables(dir, agg); err != nil {
		t.Fatal(err)
	}
	if _, err := results.WriteCharts(dir, agg, cfg.Output.Formats); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteSamples(dir, agg, cfg); err != nil {
		t.Fatal(err)
	}
	m := &results.Manifest{Name: "test", Version: "test", Seed: cfg.Seed, Status: results.StatusComplete,
		Start: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), End: time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC), Config: testConfig}
	m.SetTotals(agg)
	if _, err := results.WriteManifest(dir, m); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReportGenerate(t *testing.T) {
	dir := runFolder(t)
	path, err := Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := html.UnescapeString(string(page))
	for _, want := range []string{
		"<title>winwin report: test</title>",
		"A round robin of 4 strategies on the supply-deal domain.",
		"One-shot against long-run ranking",
		`id="strategies"`, "Counter-tactic.", "Long-run payoff", "Relationships last",
		"Outcome classes by pairing",
		"no deal: no zone of agreement (walking away was right)",
		"Lessons from the run", "Hard bargaining wins the deal and loses the customer", "How this is computed",
		"The tactics, and how to answer them",
		"data:image/svg+xml;base64,",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	// Every chart of results.Charts is shown, in order, with its title
	// and caption.
	at := 0
	for _, c := range results.Charts {
		if c.Market {
			continue // this run has no market (cli's TestRunMarket shows one's)
		}
		shown := "<b>" + c.Title + ".</b> " + c.Caption + "</figcaption>"
		i := strings.Index(text[at:], shown)
		if i < 0 {
			t.Errorf("the report lacks the chart %s (or shows it out of order), with its title and caption", c.Name)
			continue
		}
		at += i + len(shown)
	}
	// Self-contained: no reference to anything outside the file.
	if m := regexp.MustCompile(`(?i)(src|href|url)[=(]"?(https?:|//|file:)`).FindString(text); m != "" {
		t.Errorf("the report refers outside itself: %s", m)
	}
	if strings.Contains(text, "<script") || strings.Contains(text, "<link") {
		t.Error("the report has a script or a link element")
	}
	if n := strings.Count(text, `<section class="lesson`); n < 2 || n > len(LessonKinds) {
		t.Errorf("%d lessons, want 2 to %d", n, len(LessonKinds))
	}
	// winwin report RUN_DIR rebuilds the same bytes from the files.
	again, err := Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	page2, err := os.ReadFile(again)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(page, page2) {
		t.Error("regenerating the report changes it")
	}
}

// TestReportEscapes: names and labels from a configuration cannot inject
// markup.
func TestReportEscapes(t *testing.T) {
	evil := `<img src=x onerror=alert(1)>`
	r := &Run{Dir: "run", Manifest: results.Manifest{Name: evil, Status: results.StatusComplete, Config: "</pre><script>alert(2)</script>"},
		ConfigErr: os.ErrNotExist,
		Names:     []string{evil, "b"},
		Strategies: []results.StrategyRow{
			{Strategy: evil, OneShotRank: 1, LongRunRank: 2, LongRun: results.Estimate{Mean: 0.5}},
			{Strategy: "b", Entrant: 1, OneShotRank: 2, LongRunRank: 1, LongRun: results.Estimate{Mean: 0.6}},
		},
		Pairs: []results.PairRow{{Seller: evil, Buyer: "b", Negotiations: 3, Outcomes: results.Outcomes{WinWin: 1}}},
	}
	var b bytes.Buffer
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{evil, "<script>alert(2)"} {
		if strings.Contains(out, bad) {
			t.Errorf("the report contains %q unescaped", bad)
		}
	}
	if !strings.Contains(out, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the escaped name is missing")
	}
}

// TestReportPickTeaches: the lessons show what their titles say, by the figures.
func TestReportPickTeaches(t *testing.T) {
	dir := runFolder(t)
	run, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	lessons := Pick(run.Samples)
	if len(lessons) < 2 {
		t.Fatalf("%d lessons from %d samples", len(lessons), len(run.Samples))
	}
	seen := map[*transcript.Relationship]bool{}
	for _, l := range lessons {
		if seen[l.Rel] {
			t.Errorf("relationship %d of pair %d taught twice", l.Rel.Index, l.Rel.Pair)
		}
		seen[l.Rel] = true
		d := &l.Rel.Deals[l.Focus]
		switch l.Kind {
		case LessonHardBargaining:
			o := &d.Outcome
			x := agents.Seller
			if o.Surplus[1] > o.Surplus[0] {
				x = agents.Buyer
			}
			// The winner won the deal and the partner lost it: win-lose
			// when the seller won, lose-win when the buyer did.
			want := map[agents.Role]arena.Class{agents.Seller: arena.WinLose, agents.Buyer: arena.LoseWin}[x]
			if o.Used[x]&hardTags == 0 || !l.Rel.LeftBy[x.Other()] || l.Rel.End != arena.Left || d.Analysis.Class != want {
				t.Errorf("hard-bargaining lesson: the winner (%s) used %v, the partner left %v: %s", x, o.Used[x], l.Rel.LeftBy, l.Why)
			}
		case LessonLogrolling:
			if d.Analysis.Class != arena.WinWin {
				t.Errorf("logrolling lesson on a %s deal", d.Analysis.Class)
			}
		case LessonWalkAway:
			if !d.Outcome.WalkAway || !d.Outcome.Used[d.Outcome.EndedBy].Has(agents.TagDissatisfied) {
				t.Errorf("walk-away lesson without dissatisfaction then a walk-away: %s", l.Why)
			}
		}
	}
}

// TestReportCandidatesKeepPicks: samples.json keeps only the candidates' moves,
// and Pick chooses from it what it chooses from every transcript.
func TestReportCandidatesKeepPicks(t *testing.T) {
	dir := runFolder(t)
	f, err := os.Open(filepath.Join(dir, SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	stored, err := ReadSamples(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	full := 0
	for _, rel := range stored {
		if len(recorded([]*transcript.Relationship{rel})) == 1 {
			full++
		}
	}
	if full == 0 || full == len(stored) {
		t.Errorf("%d of %d stored relationships keep their moves; want some but not all", full, len(stored))
	}
	picked := Pick(stored)
	if len(picked) < 2 {
		t.Fatalf("only %d lessons from the stored samples", len(picked))
	}
	// Stripping the moves of every relationship Pick did not choose
	// changes nothing.
	chosen := map[*transcript.Relationship]bool{}
	for _, l := range picked {
		chosen[l.Rel] = true
	}
	var stripped []*transcript.Relationship
	for _, rel := range stored {
		if chosen[rel] {
			stripped = append(stripped, rel)
			continue
		}
		c := *rel
		c.Deals = append([]transcript.Negotiation(nil), rel.Deals...)
		for i := range c.Deals {
			c.Deals[i].Outcome.Transcript = nil
		}
		stripped = append(stripped, &c)
	}
	again := Pick(stripped)
	if len(again) != len(picked) {
		t.Fatalf("%d lessons, then %d", len(picked), len(again))
	}
	for i := range picked {
		if again[i].Title != picked[i].Title || again[i].Rel.Pair != picked[i].Rel.Pair || again[i].Rel.Index != picked[i].Rel.Index {
			t.Errorf("lesson %d: %q, then %q", i, picked[i].Title, again[i].Title)
		}
	}
}

func TestReportLoadErrors(t *testing.T) {
	dir := runFolder(t)
	tests := []struct {
		name, file, content, want string
	}{
		{"no manifest", results.ManifestFile, "", "manifest.json"},
		{"bad manifest", results.ManifestFile, "{", "manifest.json"},
		{"no summary", results.SummaryFile, "", "summary.csv"},
		{"bad number", results.SummaryFile, "", "summary.csv: row 2, long_run_mean"},
		{"bad samples", SamplesFile, `{"version": 99}`, "version 99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := t.TempDir()
			ents, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range ents {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(d, e.Name()), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p := filepath.Join(d, tt.file)
			if tt.name == "bad number" {
				b, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				lines := strings.Split(string(b), "\n")
				cells := strings.Split(lines[1], ",")
				cells[7] = "abc" // long_run_mean
				lines[1] = strings.Join(cells, ",")
				tt.content = strings.Join(lines, "\n")
			}
			if tt.content == "" {
				os.Remove(p)
			} else if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = Load(d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error about %q", err, tt.want)
			}
		})
	}
}

// TestOutcomeWords: every class is named and said in words as the report
// shows it; a no deal without a zone of agreement is said to be right, not
// a loss.
func TestOutcomeWords(t *testing.T) {
	tests := []struct {
		a                arena.Analysis
		css, label, says string
	}{
		{arena.Analysis{Class: arena.WinWin}, "win-win", "win-win", "win-win"},
		{arena.Analysis{Class: arena.WinLose}, "win-lose", "win-lose", "win-lose: the seller won, the buyer lost"},
		{arena.Analysis{Class: arena.LoseWin}, "lose-win", "lose-win", "lose-win: the buyer won, the seller lost"},
		{arena.Analysis{Class: arena.LoseLose}, "lose-lose", "lose-lose", "lose-lose: a deal that gave neither side half its fair share"},
		{arena.Analysis{Class: arena.NoDeal, NoDeal: arena.NoZone}, "no-deal", "no deal: no zone of agreement",
			"no deal: no zone of agreement, so walking away was right"},
		{arena.Analysis{Class: arena.NoDeal, NoDeal: arena.WalkedAway, ValueLost: 0.25}, "no-deal", "no deal: walked away",
			"no deal: walked away, and the two lost all the fair deal would have given them"},
		{arena.Analysis{Class: arena.NoDeal, NoDeal: arena.DeadlinePassed, ValueLost: 0.4}, "no-deal", "no deal: deadline",
			"no deal: deadline, and the two lost all the fair deal would have given them"},
	}
	for _, tt := range tests {
		if got := classCSS(tt.a.Class); got != tt.css {
			t.Errorf("classCSS(%v) = %q, want %q", tt.a.Class, got, tt.css)
		}
		if got := classLabel(&tt.a); got != tt.label {
			t.Errorf("classLabel(%v, %v) = %q, want %q", tt.a.Class, tt.a.NoDeal, got, tt.label)
		}
		if got := outcomeWords(&tt.a); got != tt.says {
			t.Errorf("outcomeWords(%v, %v) = %q, want %q", tt.a.Class, tt.a.NoDeal, got, tt.says)
		}
	}
}

// TestMatrixFiveClasses: a pairing's bar shows the five classes in the
// legend's order (win-win, win-lose, lose-win, lose-lose, no deal) at
// their shares, and its title names each, with the reasons for no deal.
func TestMatrixFiveClasses(t *testing.T) {
	o := results.Outcomes{WinWin: 0.4, WonLost: 0.2, LostWon: 0.1, LoseLose: 0.05, NoDeal: 0.25,
		NoZone: 0.15, WalkedAway: 0.05, Deadline: 0.05, ValueLost: 0.03}
	r := &Run{Names: []string{"a", "b"}, Pairs: []results.PairRow{{Seller: "a", Buyer: "b", Negotiations: 20, Outcomes: o, Length: 2}}}
	m := makeMatrix(r)
	c := m.Rows[0].Cells[1]
	if !m.Rows[0].Cells[0].Empty || c.Empty {
		t.Fatalf("cells %+v: want a→a empty, a→b shown", m.Rows[0].Cells)
	}
	want := []segment{{"win-win", 40}, {"win-lose", 20}, {"lose-win", 10}, {"lose-lose", 5}, {"no-deal", 25}}
	if len(c.Segments) != len(want) {
		t.Fatalf("segments %+v, want %+v", c.Segments, want)
	}
	for i, w := range want {
		if g := c.Segments[i]; g.Class != w.Class || math.Abs(g.Width-w.Width) > 1e-9 {
			t.Errorf("segment %d = %+v, want %+v", i, g, w)
		}
	}
	for _, s := range []string{"win-win 40%", "win-lose (the seller won, the buyer lost) 20%", "lose-win (the buyer won, the seller lost) 10%",
		"lose-lose 5%", "no deal 25% (no zone of agreement 15%, walked away 5%, deadline 5%; value both lost 0.03 a negotiation)"} {
		if !strings.Contains(c.Title, s) {
			t.Errorf("title %q lacks %q", c.Title, s)
		}
	}
	if c.Label != "40%" {
		t.Errorf("label %q, want the win-win share 40%%", c.Label)
	}
}

// TestClassColoursMatchCharts: the report's pairing view paints each class
// in the colour the charts give it (results.ClassColor).
func TestClassColoursMatchCharts(t *testing.T) {
	vars := map[arena.Class]string{arena.WinWin: "--ww", arena.WinLose: "--wl", arena.LoseWin: "--lw", arena.LoseLose: "--ll", arena.NoDeal: "--nd"}
	b, err := pageFiles.ReadFile("report.html")
	if err != nil {
		t.Fatal(err)
	}
	pageText := string(b)
	for c, v := range vars {
		want := fmt.Sprintf("%s:%s;", v, cssColor(results.ClassColor(c)))
		if !strings.Contains(pageText, want) {
			t.Errorf("report.html does not set %s (the %s colour of the charts)", want, c)
		}
	}
}

// TestSamplesFileIsOneEncoding: WriteSamples, which writes the file one
// relationship at a time, writes the bytes json.Encoder writes for the
// whole Samples value, so that the file's format is the type's.
func TestSamplesFileIsOneEncoding(t *testing.T) {
	dir := runFolder(t)
	b, err := os.ReadFile(filepath.Join(dir, SamplesFile))
	if err != nil {
		t.Fatal(err)
	}
	var s Samples
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Relationships) < 2 {
		t.Fatalf("%d relationships in the file; want several", len(s.Relationships))
	}
	var want bytes.Buffer
	if err := json.NewEncoder(&want).Encode(&s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want.Bytes()) {
		t.Errorf("samples.json (%d bytes) is not json.Encoder's encoding of its content (%d bytes)", len(b), want.Len())
	}
}

// TestChartDataURL: a chart's data: URL is its MIME type and its bytes in
// standard base64, whatever their length (padding included).
func TestChartDataURL(t *testing.T) {
	for _, data := range []string{"", "a", "ab", "abc", "<svg>…</svg>", strings.Repeat("x", 100_001)} {
		c := Chart{MIME: "image/svg+xml", Data: []byte(data)}
		want := "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(data))
		if got := c.DataURL(); got != want {
			t.Errorf("DataURL of %d bytes = %.60q…, want %.60q…", len(data), got, want)
		}
	}
}
