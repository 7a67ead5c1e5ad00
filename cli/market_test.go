package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/results"
)

// smallMarket writes configs/market.toml scaled down (3 markets of 30
// buyers over 6 periods, 4 relationships per pair, charts in format)
// into a temporary folder and returns its path.
func smallMarket(t *testing.T, format string) string {
	t.Helper()
	b, err := os.ReadFile("../configs/market.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, r := range [][2]string{{"markets = 40", "markets = 3"}, {"buyers = 1000", "buyers = 30"}, {"prospects = 500", "prospects = 10"},
		{"periods = 50", "periods = 6"}, {"relationships = 100", "relationships = 4"}} {
		if !strings.Contains(s, r[0]) {
			t.Fatalf("market.toml no longer says %q", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	s += "\n[output]\nformats = [\"" + format + "\"]\n"
	path := filepath.Join(t.TempDir(), "market.toml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A run of a config with a [market] table writes the market's tables and
// charts beside the tournament's, prints its summary, puts a market
// section in the report, and gives byte-identical files for any number of
// workers.
func TestRunMarket(t *testing.T) {
	file := smallMarket(t, "svg")
	dirs := map[string]string{}
	for _, w := range []string{"1", "3"} {
		base := t.TempDir()
		code, stdout, stderr := winwin(t, context.Background(), "run", file, "--workers", w, "--out", base)
		if code != cli.ExitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
		if !strings.Contains(stdout, "Word-of-mouth market: 3 replications") || !strings.Contains(stderr, "market of 10 sellers, 30 buyers (up to 40), 6 periods, 3 replications") {
			t.Errorf("output:\n%s\n%s", stdout, stderr)
		}
		dirs[w] = runDir(t, base)
	}
	for _, f := range []string{results.MarketFile, results.MarketSummaryFile, "market-share.svg", "market-customers.svg",
		"market-reputation.svg", "market-profit.svg", "market-sources.svg", "report.html", "summary.csv"} {
		a, err := os.ReadFile(filepath.Join(dirs["1"], f))
		if err != nil {
			t.Fatalf("run folder lacks %s", f)
		}
		b, _ := os.ReadFile(filepath.Join(dirs["3"], f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 3 workers", f)
		}
	}
	m := readManifest(t, dirs["1"])
	if m.MarketsDone != 3 || m.MarketsPlanned != 3 || m.MarketNegotiations < 3*6*30 {
		t.Errorf("manifest: %d of %d markets, %d negotiations", m.MarketsDone, m.MarketsPlanned, m.MarketNegotiations)
	}
	page, _ := os.ReadFile(filepath.Join(dirs["1"], "report.html"))
	for _, want := range []string{`<section id="market">`, "It is cheaper to obtain repeat business", "Market share when new clients come by word of mouth"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// The report made again from the folder is the same.
	if code, _, stderr := winwin(t, context.Background(), "report", dirs["1"]); code != cli.ExitOK {
		t.Fatalf("report: %s", stderr)
	}
	again, _ := os.ReadFile(filepath.Join(dirs["1"], "report.html"))
	if !bytes.Equal(page, again) {
		t.Error("winwin report rewrote report.html differently")
	}
}
