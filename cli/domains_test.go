package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/golden"
)

const party = "../configs/genius/testdata/party"

// `winwin domains import DIR` prints, or writes with --out, a winwin domain
// that loads to the scenario --domain genius:DIR runs.
func TestDomainsImport(t *testing.T) {
	ctx := context.Background()
	code, stdout, stderr := winwin(t, ctx, "domains", "import", party)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden.Check(t, "testdata/domains-import-party.toml", []byte(stdout))
	out := filepath.Join(t.TempDir(), "party.toml")
	code, _, stderr = winwin(t, ctx, "domains", "import", "--seller", "party_profile2.xml", "--buyer", "1", "--real-steps", "4", "--out", out, party)
	if code != cli.ExitOK || !strings.Contains(stderr, "3 issues, 60 outcomes") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	written, _, err := configs.LoadDomain(out)
	if err != nil {
		t.Fatal(err)
	}
	direct, _, err := configs.LoadDomain("genius:" + party + ",seller=2,buyer=party_profile1.xml,real_steps=4")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(written, direct) {
		t.Error("the imported file loads to another scenario than --domain genius:DIR")
	}
}

// A scenario that cannot be imported is a usage error that names the file
// and why; nothing is written.
func TestDomainsImportRefuses(t *testing.T) {
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "x.toml")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"domains", "import", "--out", out, "../configs/testdata/bad/genius-pizza"}, `party_profile2.xml:9: <item index="3" value="Pizza">: value "Pizza"`},
		{[]string{"domains", "import", "--out", out, "--seller", "7", party}, "seller profile 7: the folder"},
		{[]string{"domains", "import", "--discount", "maybe", party}, `--discount "maybe"`},
		{[]string{"domains", "import"}, "want one scenario folder"},
		{[]string{"domains", "import", "no/such/folder"}, "no such file or directory"},
	} {
		code, _, stderr := winwin(t, ctx, c.args...)
		if code != cli.ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr\n%s\nwant exit %d saying %q", c.args, code, stderr, cli.ExitUsage, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused import wrote %s", out)
	}
}

// negotiate and play take genius:DIR as their domain.
func TestGeniusDomainInNegotiateAndPlay(t *testing.T) {
	ctx := context.Background()
	code, stdout, stderr := winwin(t, ctx, "negotiate", "boulware", "integrative", "--domain", "genius:"+party, "--seed", "3")
	if code != cli.ExitOK || !strings.Contains(stdout, "party · seller: boulware · buyer: integrative") {
		t.Fatalf("negotiate: exit %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = winwin(t, ctx, "play", "--strategy", "linear", "--domain", "genius:"+party+",seller=2,buyer=1", "--rounds", "2")
	if code != cli.ExitOK || !strings.Contains(stdout, "Food") {
		t.Fatalf("play: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// A run on an imported scenario keeps the winwin domain it converts to:
// its config.toml runs again, without the scenario folder, to the same
// tables.
func TestRunOnImportedScenarioRunsAgain(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	abs, err := filepath.Abs(party)
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "g.toml")
	text := `seed = 5
relationships = 3
periods = 2
domain = { genius = "` + filepath.ToSlash(abs) + `", seller = "2", buyer = "1" }
[[strategies]]
name = "boulware"
[[strategies]]
name = "integrative"
[output]
charts = false
sample_transcripts = 1
`
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "first")
	if code, _, stderr := winwin(t, ctx, "run", "--out", first, "--no-progress", cfg); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	run := runDir(t, first)
	direct, _, err := configs.LoadDomain("genius:" + party + ",seller=2,buyer=1")
	if err != nil {
		t.Fatal(err)
	}
	kept, _, err := configs.LoadDomain(filepath.Join(run, "domain.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kept, direct) {
		t.Error("the run folder's domain.toml is not the imported scenario")
	}
	again := filepath.Join(dir, "again")
	if code, _, stderr := winwin(t, ctx, "run", "--out", again, "--no-progress", filepath.Join(run, "config.toml")); code != cli.ExitOK {
		t.Fatalf("again: exit %d: %s", code, stderr)
	}
	for _, f := range []string{"summary.csv", "pairs.csv", "periods.csv"} {
		a, _ := os.ReadFile(filepath.Join(run, f))
		b, _ := os.ReadFile(filepath.Join(runDir(t, again), f))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s differs when the run folder's config runs again", f)
		}
	}
}

// run --domain runs a config on another domain, a built-in one or an
// imported scenario; the run folder's config.toml names it and runs again
// to the same tables.
func TestRunDomainFlag(t *testing.T) {
	ctx := context.Background()
	for _, d := range []string{"bundle", "genius:" + party + ",seller=2,buyer=1"} {
		out := t.TempDir()
		code, _, stderr := winwin(t, ctx, "run", "--domain", d, "--relationships", "2", "--out", out, "--no-progress", "../configs/quick.toml")
		if code != cli.ExitOK {
			t.Fatalf("--domain %s: exit %d: %s", d, code, stderr)
		}
		run := runDir(t, out)
		text, err := os.ReadFile(filepath.Join(run, "config.toml"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(text), "# --domain "+d+" on the command line") {
			t.Errorf("--domain %s: config.toml does not say so:\n%s", d, text)
		}
		again := t.TempDir()
		if code, _, stderr := winwin(t, ctx, "run", "--out", again, "--no-progress", filepath.Join(run, "config.toml")); code != cli.ExitOK {
			t.Fatalf("again: exit %d: %s", code, stderr)
		}
		a, _ := os.ReadFile(filepath.Join(run, "summary.csv"))
		b, _ := os.ReadFile(filepath.Join(runDir(t, again), "summary.csv"))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("--domain %s: summary.csv differs when config.toml runs again", d)
		}
	}
	code, _, stderr := winwin(t, ctx, "run", "--domain", "genius:no/such/folder", "../configs/quick.toml")
	if code != cli.ExitUsage || !strings.Contains(stderr, "no such file or directory") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
