package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/report"
	"github.com/winwin-sim/winwin/results"
)

// winwin runs the command line in-process and returns its exit status and
// output.
func winwin(t *testing.T, ctx context.Context, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main(ctx, args, cli.WithIO(strings.NewReader(""), &stdout, &stderr, false))
	return code, stdout.String(), stderr.String()
}

// runDir returns the single run folder under base.
func runDir(t *testing.T, base string) string {
	t.Helper()
	ents, err := os.ReadDir(base)
	if err != nil || len(ents) != 1 {
		t.Fatalf("want one run folder in %s, got %v (%v)", base, ents, err)
	}
	return filepath.Join(base, ents[0].Name())
}

// The same config and seed give byte-identical tables and charts for any
// number of workers.
func TestRunDeterministicAcrossWorkers(t *testing.T) {
	dirs := map[string]string{}
	for _, w := range []string{"1", "4"} {
		base := t.TempDir()
		code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--relationships", "6", "--workers", w, "--out", base)
		if code != cli.ExitOK {
			t.Fatalf("workers %s: exit %d: %s", w, code, stderr)
		}
		dirs[w] = runDir(t, base)
	}
	ents, err := os.ReadDir(dirs["1"])
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, e := range ents {
		if e.Name() == results.ManifestFile {
			continue // times differ
		}
		a, _ := os.ReadFile(filepath.Join(dirs["1"], e.Name()))
		b, err := os.ReadFile(filepath.Join(dirs["4"], e.Name()))
		if err != nil {
			t.Fatalf("%s missing with 4 workers", e.Name())
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 4 workers", e.Name())
		}
		compared++
	}
	for _, want := range []string{"summary.csv", "pairs.csv", "periods.csv", "cumulative.png", "cumulative.svg", "ranking.png", "heatmap.svg", "survival.png", "outcome-space.png"} {
		if _, err := os.Stat(filepath.Join(dirs["1"], want)); err != nil {
			t.Errorf("run folder lacks %s", want)
		}
	}
	if compared < 10 {
		t.Errorf("compared only %d files", compared)
	}
}

// Every example config runs (with few relationships, to stay quick).
func TestExampleConfigsRun(t *testing.T) {
	for _, name := range configs.Examples() {
		t.Run(name, func(t *testing.T) {
			base := t.TempDir()
			file := "../configs/" + name + ".toml"
			if name == "market" {
				file = smallMarket(t, "svg") // the full market takes minutes
			}
			code, stdout, stderr := winwin(t, context.Background(), "run", file, "--relationships", "2", "--out", base)
			if code != cli.ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "long-run") || !strings.Contains(stdout, "Results: ") {
				t.Errorf("no ranking table:\n%s", stdout)
			}
			m := readManifest(t, runDir(t, base))
			if m.Status != results.StatusComplete || m.RelationshipsDone != m.RelationshipsPlanned || m.RelationshipsDone == 0 {
				t.Errorf("manifest: %+v", m)
			}
		})
	}
}

// svgConfig writes quick.toml with SVG charts only into a temporary
// folder and returns its path. Its run writes the same kinds of files
// (tables, samples, charts, report, record) as any, in a fraction of the
// time under the race detector, where drawing PNGs takes most of a run:
// the tests that run winwin many times use it.
func svgConfig(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../configs/quick.toml")
	if err != nil {
		t.Fatal(err)
	}
	// [output] is quick.toml's last table.
	path := filepath.Join(t.TempDir(), "quick.toml")
	writeTestFile(t, path, string(b)+"formats = [\"svg\"]\n")
	return path
}

func readManifest(t *testing.T, dir string) results.Manifest {
	t.Helper()
	var m results.Manifest
	b, err := os.ReadFile(filepath.Join(dir, results.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// An interrupted run writes what finished, marks it interrupted and exits
// with its own status.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	base := t.TempDir()
	code, _, stderr := winwin(t, ctx, "run", "../configs/quick.toml", "--out", base)
	if code != cli.ExitInterrupted {
		t.Fatalf("exit %d, want %d: %s", code, cli.ExitInterrupted, stderr)
	}
	dir := runDir(t, base)
	m := readManifest(t, dir)
	if m.Status != results.StatusInterrupted || m.RelationshipsDone >= m.RelationshipsPlanned {
		t.Errorf("manifest %+v", m)
	}
	if _, err := os.Stat(filepath.Join(dir, "summary.csv")); err != nil {
		t.Error("interrupted run wrote no summary.csv")
	}
	if !strings.Contains(stderr, "interrupted") {
		t.Errorf("stderr: %s", stderr)
	}
}

// A second run never overwrites the first.
func TestRunNewFolderEachTime(t *testing.T) {
	base, cfg := t.TempDir(), svgConfig(t)
	for range 2 {
		if code, _, stderr := winwin(t, context.Background(), "run", cfg, "--relationships", "1", "--out", base); code != 0 {
			t.Fatal(stderr)
		}
	}
	ents, _ := os.ReadDir(base)
	if len(ents) != 2 {
		t.Fatalf("%d folders after two runs", len(ents))
	}
}

func TestExitStatuses(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("seed = 1\nrelationshps = 3\n[[strategies]]\nname = \"linear\"\n"), 0o644)
	tests := []struct {
		args   []string
		code   int
		stderr []string
		stdout []string
	}{
		{[]string{"bogus"}, cli.ExitUsage, []string{`unknown command "bogus"`, "Commands:"}, nil},
		{[]string{"negotiate", "hard-anchorer"}, cli.ExitUsage, []string{"want two strategies"}, nil},
		{[]string{"negotiate", "hard-anchorer", "nobody"}, cli.ExitUsage, []string{`unknown strategy "nobody"`, "integrative", "boulware"}, nil},
		{[]string{"negotiate", "linear", "linear", "--domain", "moon"}, cli.ExitUsage, []string{`"moon"`, "supply-deal", "price-haggle"}, nil},
		{[]string{"negotiate", "linear:e=9", "linear"}, cli.ExitUsage, []string{"out of range"}, nil},
		{[]string{"negotiate", "linear", "linear", "--rounds", "0"}, cli.ExitUsage, []string{"flag -rounds", "1..10000"}, nil},
		{[]string{"run", bad}, cli.ExitUsage, []string{"relationshps", "bad.toml:2:1", "did you mean \"relationships\"", "2 | relationshps = 3"}, nil},
		{[]string{"validate", bad}, cli.ExitUsage, []string{"relationshps"}, nil},
		{[]string{"validate", "../configs/classic.toml"}, cli.ExitOK, nil, []string{"ok", "12 strategies"}},
		{[]string{"run", "--workers", "x"}, cli.ExitUsage, []string{"invalid value"}, nil},
		{[]string{"help"}, cli.ExitOK, nil, []string{"Usage", "negotiate", "Exit status"}},
		{[]string{"strategies"}, cli.ExitOK, nil, []string{"hard-anchorer", "flinch_sensitivity", "walk-away-disciplined"}},
		{[]string{"domains"}, cli.ExitOK, nil, []string{"supply-deal", "price-haggle", "bundle"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := winwin(t, context.Background(), tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			for _, s := range tt.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
		})
	}
}

func TestNegotiate(t *testing.T) {
	code, stdout, stderr := winwin(t, context.Background(), "negotiate", "hard-anchorer", "integrative", "--domain", "supply-deal", "--seed", "7")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, s := range []string{"hard-anchorer", "integrative", "Round 1", "anchor", "Scorecard", "left on the"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("transcript lacks %q:\n%s", s, stdout)
		}
	}
	code, stdout, _ = winwin(t, context.Background(), "negotiate", "boulware", "conceder", "--json", "--domain", "price-haggle")
	var doc map[string]any
	if code != 0 || json.Unmarshal([]byte(stdout), &doc) != nil {
		t.Fatalf("--json: exit %d, output %q", code, stdout)
	}
	for _, k := range []string{"sides", "moves", "outcome", "analysis", "domain"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}

// The run folder records the command line's overrides: config.toml has
// them written in, the manifest lists them with the command line, the
// report states the values used, and running the folder's config.toml
// again reproduces every table, chart and sample byte for byte.
func TestRunRecordsOverrides(t *testing.T) {
	base := t.TempDir()
	code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--seed", "8", "--relationships", "5", "--workers", "2", "--out", base)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dir := runDir(t, base)
	text, err := os.ReadFile(filepath.Join(dir, results.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nseed = 8  # set on the command line; the file said 7\n", "\nrelationships = 5  # set on the command line; the file said 200\n"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("%s lacks %q:\n%s", results.ConfigFile, want, text)
		}
	}
	m := readManifest(t, dir)
	if m.Config != string(text) || m.Seed != 8 {
		t.Errorf("the manifest's config and seed are not the run's: seed %d\n%s", m.Seed, m.Config)
	}
	got := map[string]int64{}
	for _, o := range m.Overrides {
		got[o.Key] = o.Value
	}
	if len(got) != 3 || got["seed"] != 8 || got["relationships"] != 5 || got["workers"] != 2 {
		t.Errorf("overrides %+v", m.Overrides)
	}
	if c := strings.Join(m.Command, " "); !strings.Contains(c, "--seed 8") || !strings.Contains(c, "--workers 2") {
		t.Errorf("command %q", c)
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Seed 8:", "ran 5 independent relationships", "--seed 8", "--relationships 5"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html does not say %q", want)
		}
	}

	base2 := t.TempDir()
	code, _, stderr = winwin(t, context.Background(), "run", filepath.Join(dir, results.ConfigFile), "--out", base2)
	if code != cli.ExitOK {
		t.Fatalf("run %s: exit %d: %s", results.ConfigFile, code, stderr)
	}
	sameFiles(t, dir, runDir(t, base2), results.ManifestFile, "report.html")
}

// sameFiles checks that folders a and b hold the same files, byte for
// byte, but for those named in skip.
func sameFiles(t *testing.T, a, b string, skip ...string) {
	t.Helper()
	ents, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, e := range ents {
		if slices.Contains(skip, e.Name()) {
			continue
		}
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, err := os.ReadFile(filepath.Join(b, e.Name()))
		if err != nil {
			t.Errorf("%s missing from the second run", e.Name())
			continue
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs", e.Name())
		}
		compared++
	}
	if compared < 10 {
		t.Errorf("compared only %d files", compared)
	}
}

// A run on a custom domain file keeps a copy of it: the folder's
// config.toml names the copy, so that it runs again from anywhere.
func TestRunKeepsDomainCopy(t *testing.T) {
	src := t.TempDir()
	domain, err := os.ReadFile("../configs/domains/price-haggle.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(src, "doms"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(src, "doms", "haggle.toml"), string(domain))
	config := "seed = 3\nrelationships = 3\nperiods = 3\ndomain = \"doms/haggle.toml\"\n" +
		"[[strategies]]\nname = \"linear\"\n[[strategies]]\nname = \"boulware\"\n[output]\nsample_transcripts = 1\n"
	writeTestFile(t, filepath.Join(src, "custom.toml"), config)
	base := t.TempDir()
	if code, _, stderr := winwin(t, context.Background(), "run", filepath.Join(src, "custom.toml"), "--out", base); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dir := runDir(t, base)
	copied, err := os.ReadFile(filepath.Join(dir, results.DomainFile))
	if err != nil || !bytes.Equal(copied, domain) {
		t.Fatalf("the run folder's %s is not a copy of the domain file (%v)", results.DomainFile, err)
	}
	text, _ := os.ReadFile(filepath.Join(dir, results.ConfigFile))
	if want := "domain = \"domain.toml\"  # a copy of the domain file \"doms/haggle.toml\"\n"; !strings.Contains(string(text), want) {
		t.Errorf("%s lacks %q:\n%s", results.ConfigFile, want, text)
	}
	if !slices.Contains(readManifest(t, dir).Files, results.DomainFile) {
		t.Errorf("the manifest does not list %s", results.DomainFile)
	}
	// The original may move away: the folder holds what it needs, and
	// its report describes the domain from the copy.
	if err := os.RemoveAll(src); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := winwin(t, context.Background(), "report", dir); code != cli.ExitOK {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if want := "A round robin of 2 strategies on the price-haggle domain."; !strings.Contains(string(page), want) {
		t.Errorf("report.html does not say %q", want)
	}
	base2 := t.TempDir()
	if code, _, stderr := winwin(t, context.Background(), "run", filepath.Join(dir, results.ConfigFile), "--out", base2); code != cli.ExitOK {
		t.Fatalf("run %s: exit %d: %s", results.ConfigFile, code, stderr)
	}
	sameFiles(t, dir, runDir(t, base2), results.ManifestFile, "report.html")
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkRunFolder checks the promise of a run folder: if its manifest says
// complete, every file it lists exists and parses, and the report reads
// the folder. It returns the manifest's status ("" without a manifest).
func checkRunFolder(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, results.ManifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	var m results.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: manifest does not parse: %v", dir, err)
	}
	for _, f := range m.Files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("%s: the manifest (%s) lists %s: %v", dir, m.Status, f, err)
			continue
		}
		if err := parses(f, data); err != nil {
			t.Errorf("%s: the manifest (%s) lists %s, which does not parse: %v", dir, m.Status, f, err)
		}
	}
	if m.Status == results.StatusComplete {
		if _, err := report.Load(dir); err != nil {
			t.Errorf("%s: complete, but the report cannot read it: %v", dir, err)
		}
	}
	return m.Status
}

// parses checks that data is a whole file of the kind its name says.
func parses(name string, data []byte) error {
	switch filepath.Ext(name) {
	case ".csv":
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err == nil && len(recs) < 2 {
			err = errors.New("no rows")
		}
		return err
	case ".json":
		if !json.Valid(data) {
			return errors.New("invalid JSON")
		}
	case ".png":
		_, err := png.Decode(bytes.NewReader(data))
		return err
	case ".svg":
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
		}
	case ".html":
		if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("</html>")) {
			return errors.New("the page does not end")
		}
	case ".toml":
		var v map[string]any
		_, err := toml.Decode(string(data), &v)
		return err
	default:
		return fmt.Errorf("unexpected file")
	}
	return nil
}

// A run on a full disk fails (exit 1) and leaves no manifest that says
// complete: at each disk size the outputs run out of room at another
// point, and whatever manifest is there lists only files that exist.
func TestRunFullDisk(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("mounts a tmpfs")
	}
	// The folder takes about 1.4 MB: 16 kB of tables, then samples.json
	// (510 kB) and the charts (330 kB) at once, then the report (530 kB).
	failed, cfg := 0, svgConfig(t)
	for _, size := range []string{"16k", "128k", "512k", "800k", "1m", "1300k", "1400k", "4m"} {
		t.Run(size, func(t *testing.T) {
			mnt := t.TempDir()
			if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size="+size); err != nil {
				t.Skipf("cannot mount a small tmpfs to fill (needs root): %v", err)
			}
			t.Cleanup(func() {
				if err := syscall.Unmount(mnt, 0); err != nil {
					t.Errorf("unmount %s: %v", mnt, err)
				}
			})
			code, _, stderr := winwin(t, context.Background(), "run", cfg, "--relationships", "20", "--out", mnt)
			ents, _ := os.ReadDir(mnt)
			status := ""
			for _, e := range ents {
				status = checkRunFolder(t, filepath.Join(mnt, e.Name()))
			}
			switch code {
			case cli.ExitOK:
				if status != results.StatusComplete {
					t.Errorf("exit 0, manifest status %q", status)
				}
			case cli.ExitFailure:
				failed++
				if status == results.StatusComplete {
					t.Errorf("exit 1, but the manifest says complete")
				}
				if !strings.Contains(stderr, "no space left") {
					t.Errorf("stderr does not say the disk is full: %s", stderr)
				}
			default:
				t.Errorf("exit %d: %s", code, stderr)
			}
			t.Logf("exit %d, manifest %q", code, status)
		})
	}
	if failed < 4 && !t.Skipped() {
		t.Errorf("only %d of the small disks made the run fail", failed)
	}
}

// TestHelperWinwin is not a test: the kill test runs the test binary with
// WINWIN_TEST_ARGS set, as winwin itself.
func TestHelperWinwin(t *testing.T) {
	args := os.Getenv("WINWIN_TEST_ARGS")
	if args == "" {
		t.Skip("runs as winwin only in a process started by TestRunKilledNeverLies")
	}
	os.Exit(cli.Main(context.Background(), strings.Split(args, "\n"), cli.WithIO(strings.NewReader(""), io.Discard, io.Discard, false)))
}

// Killed at any moment (SIGKILL: no chance to clean up), a run leaves no
// manifest that says complete unless every file it lists is there whole.
func TestRunKilledNeverLies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs winwin a dozen times")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cfg := svgConfig(t)
	start := func(out string) *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^TestHelperWinwin$")
		cmd.Env = append(os.Environ(), "WINWIN_TEST_ARGS="+strings.Join([]string{"run", cfg, "--relationships", "20", "--out", out}, "\n"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// A whole run, timed.
	out := t.TempDir()
	begin := time.Now()
	if err := start(out).Wait(); err != nil {
		t.Fatalf("whole run: %v", err)
	}
	whole := time.Since(begin)
	if s := checkRunFolder(t, runDir(t, out)); s != results.StatusComplete {
		t.Fatalf("whole run: status %q", s)
	}
	seen := map[string]int{}
	// kill runs winwin into a new folder, kills it after delay and
	// checks what it left; it returns the manifest's status.
	kill := func(delay time.Duration) string {
		out := t.TempDir()
		cmd := start(out)
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		ents, _ := os.ReadDir(out)
		status, files := "no folder", 0
		for _, e := range ents {
			if status = checkRunFolder(t, filepath.Join(out, e.Name())); status == "" {
				status = "no manifest"
			}
			written, _ := os.ReadDir(filepath.Join(out, e.Name()))
			files = len(written)
		}
		seen[status]++
		if status == "no manifest" && files > 0 {
			seen["killed while writing"]++
		}
		t.Logf("killed after %v: %s, %d files", delay.Round(time.Millisecond), status, files)
		return status
	}
	// At even steps over the whole run, then at even steps over the
	// moments between the last kill that left no manifest and the first
	// that left a complete one: the run was writing its outputs then.
	const coarse, fine = 10, 10
	lo, hi := time.Duration(0), whole+whole/4
	for i := range coarse + 1 {
		d := (whole + whole/4) * time.Duration(i) / coarse
		switch kill(d) {
		case "no manifest", "no folder":
			lo = d
		case results.StatusComplete:
			hi = min(hi, d)
		}
	}
	for i := 1; i <= fine; i++ {
		kill(lo + (hi-lo)*time.Duration(i)/(fine+1))
	}
	if seen["killed while writing"] == 0 {
		t.Errorf("no kill landed while the run was writing its outputs (whole run %v): %v", whole, seen)
	}
}
