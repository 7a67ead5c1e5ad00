package cli_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/results"
)

// clearSchedulerEnv unsets the scheduler variables for the test.
func clearSchedulerEnv(t *testing.T) {
	for _, k := range []string{"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
}

// A shard's index and count come from --shard or from the scheduler's
// variables with --shards; a wrong one is a usage error that says what
// is allowed, and nothing is written.
func TestShardFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
		want string // in stderr, or the shard folder made
	}{
		{"explicit", []string{"--shard", "1/3"}, nil, cli.ExitOK, "quick-shard-1-of-3"},
		{"slurm", []string{"--shards", "4"}, map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}, cli.ExitOK, "quick-shard-2-of-4"},
		{"slurm from 1", []string{"--shards", "4"}, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1"}, cli.ExitOK, "quick-shard-3-of-4"},
		{"kubernetes", []string{"--shards", "3"}, map[string]string{"JOB_COMPLETION_INDEX": "0"}, cli.ExitOK, "quick-shard-0-of-3"},
		{"index too high", []string{"--shard", "3/3"}, nil, cli.ExitUsage, "shards are numbered from 0 to 2"},
		{"not a shard", []string{"--shard", "half"}, nil, cli.ExitUsage, "want INDEX/COUNT"},
		{"no scheduler", []string{"--shards", "4"}, nil, cli.ExitUsage, "takes the shard's index from the scheduler"},
		{"slurm disagrees", []string{"--shards", "5"}, map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"}, cli.ExitUsage, "--shards 5, but Slurm's array has SLURM_ARRAY_TASK_COUNT=4"},
		{"both", []string{"--shard", "1/4", "--shards", "4"}, nil, cli.ExitUsage, "not both"},
		{"resume with a config", []string{"--resume", "x"}, nil, cli.ExitUsage, "give no config file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearSchedulerEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			base := t.TempDir()
			args := append([]string{"run", "../configs/quick.toml", "--relationships", "2", "--out", base}, tt.args...)
			code, stdout, stderr := winwin(t, context.Background(), args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			ents, _ := os.ReadDir(base)
			if tt.code != cli.ExitOK {
				if !strings.Contains(stderr, tt.want) {
					t.Errorf("stderr %q, want %q", stderr, tt.want)
				}
				if len(ents) > 0 {
					t.Errorf("a refused shard wrote %v", ents)
				}
				return
			}
			if len(ents) != 1 || ents[0].Name() != tt.want || !strings.Contains(stdout, tt.want) {
				t.Errorf("made %v, said %q; want %s", ents, stdout, tt.want)
			}
		})
	}
}

// winwin merge puts shards run from the command line together into the
// folder winwin run makes, and refuses a set with a shard missing.
func TestMergeCommand(t *testing.T) {
	clearSchedulerEnv(t)
	single := t.TempDir()
	if code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--relationships", "3", "--out", single); code != cli.ExitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	shards := t.TempDir()
	for _, s := range []string{"1/2", "0/2"} {
		if code, _, stderr := winwin(t, context.Background(), "run", "../configs/quick.toml", "--relationships", "3", "--out", shards, "--shard", s, "--workers", "1"); code != cli.ExitOK {
			t.Fatalf("shard %s: exit %d: %s", s, code, stderr)
		}
	}
	missing := t.TempDir()
	code, _, stderr := winwin(t, context.Background(), "merge", filepath.Join(shards, "quick-shard-1-of-2"), "--out", missing)
	if code != cli.ExitUsage || !strings.Contains(stderr, "1 of the 2 shards missing: 0/2") {
		t.Errorf("merging one of two shards: exit %d: %s", code, stderr)
	}
	merged := t.TempDir()
	code, stdout, stderr := winwin(t, context.Background(), "merge", shards, "--out", merged)
	if code != cli.ExitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Merged 2 shards. Results: ") || !strings.Contains(stdout, "long-run") {
		t.Errorf("merge said %q", stdout)
	}
	sameFiles(t, runDir(t, merged), runDir(t, single), results.ManifestFile)
	a, b := readManifest(t, runDir(t, merged)), readManifest(t, runDir(t, single))
	if a.Shards != 2 || a.Config != b.Config || a.Negotiations != b.Negotiations || a.Status != results.StatusComplete {
		t.Errorf("merged manifest %+v", a)
	}
}

// Killed with SIGKILL at any moment — as its checkpoints begin, after
// some slices, after most, while it writes its outputs — a run resumed
// with --resume finishes with the files of an uninterrupted run, byte for
// byte.
func TestResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs winwin several times")
	}
	clearSchedulerEnv(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cfg := svgConfig(t)
	start := func(out string) *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^TestHelperWinwin$")
		cmd.Env = append(os.Environ(), "WINWIN_TEST_ARGS="+strings.Join([]string{"run", cfg, "--relationships", "40", "--workers", "2", "--out", out}, "\n"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	whole := t.TempDir()
	if err := start(whole).Wait(); err != nil {
		t.Fatalf("whole run: %v", err)
	}
	want := runDir(t, whole)
	// The moments to kill at, each seen in the folder the run writes.
	slicesDone := func(n int) func(dir string) bool {
		return func(dir string) bool {
			ents, _ := os.ReadDir(filepath.Join(dir, "checkpoint", "slices"))
			k := 0
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".state") {
					k++
				}
			}
			return k >= n
		}
	}
	moments := []struct {
		name string
		now  func(dir string) bool
	}{
		{"as the checkpoints begin", func(dir string) bool {
			_, err := os.Stat(filepath.Join(dir, "checkpoint", "shard.json"))
			return err == nil
		}},
		{"after 2 slices", slicesDone(2)},
		{"after 6 slices", slicesDone(6)},
		{"while the outputs are written", func(dir string) bool {
			_, err := os.Stat(filepath.Join(dir, "summary.csv"))
			return err == nil
		}},
	}
	resumed := 0
	for _, mo := range moments {
		out := t.TempDir()
		cmd := start(out)
		var dir string
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
	poll:
		for {
			select {
			case <-exited:
				break poll
			case <-time.After(time.Millisecond):
			}
			if ents, _ := os.ReadDir(out); len(ents) == 1 {
				dir = filepath.Join(out, ents[0].Name())
				if mo.now(dir) {
					cmd.Process.Kill()
					<-exited
					break poll
				}
			}
		}
		if dir == "" {
			t.Fatalf("killed %s: no folder", mo.name)
		}
		done, _ := os.ReadDir(filepath.Join(dir, "checkpoint", "slices"))
		code, stdout, stderr := winwin(t, context.Background(), "run", "--resume", dir, "--workers", "1")
		if code != cli.ExitOK {
			t.Fatalf("killed %s: resume: exit %d: %s", mo.name, code, stderr)
		}
		t.Logf("killed %s (%d files in checkpoint/slices): %s", mo.name, len(done), lastLine(stdout))
		if !strings.Contains(stdout, "nothing to resume") {
			resumed++
		}
		sameFiles(t, dir, want, results.ManifestFile)
		if _, err := os.Stat(filepath.Join(dir, "checkpoint")); err == nil {
			t.Errorf("killed %s: the checkpoints outlive the complete run", mo.name)
		}
		a, b := readManifest(t, dir), readManifest(t, want)
		if a.Status != results.StatusComplete || a.Config != b.Config || a.Negotiations != b.Negotiations {
			t.Errorf("killed %s: resumed manifest %+v", mo.name, a)
		}
	}
	if resumed < 3 {
		t.Errorf("only %d of %d kills left a run to resume", resumed, len(moments))
	}
}

// lastLine returns the last line of s.
func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return s[strings.LastIndex(s, "\n")+1:]
}

// A sweep and a market run in shards from the command line too: winwin
// merge writes the folder winwin run writes, and says what it merged.
func TestMergeCommandSweepAndMarket(t *testing.T) {
	clearSchedulerEnv(t)
	src := t.TempDir()
	configs := map[string]string{
		"sweep": "relationships = 3\nperiods = 3\n[sweep]\nrelationship.p_hi = [0.5, 1.0]\n" +
			"[[strategies]]\nname = \"integrative\"\n[[strategies]]\nname = \"hard-anchorer\"\n[output]\nformats = [\"svg\", \"png\"]\n",
		"market": "relationships = 3\nperiods = 3\n[market]\nmarkets = 3\nbuyers = 20\nprospects = 5\nperiods = 4\n" +
			"[[strategies]]\nname = \"integrative\"\n[[strategies]]\nname = \"hard-anchorer\"\n[output]\nformats = [\"svg\"]\n",
	}
	said := map[string][2]string{ // what a shard and the merge say
		"sweep":  {"Shard 1/2 of the sweep done", "Merged 2 shards of a sweep. Results: "},
		"market": {"market replications", "Word-of-mouth market: 3 replications"},
	}
	for name, text := range configs {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(src, name+".toml")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			single := t.TempDir()
			if code, _, stderr := winwin(t, context.Background(), "run", path, "--out", single); code != cli.ExitOK {
				t.Fatalf("run: exit %d: %s", code, stderr)
			}
			shards := t.TempDir()
			for _, s := range []string{"1/2", "0/2"} {
				code, stdout, stderr := winwin(t, context.Background(), "run", path, "--out", shards, "--shard", s, "--workers", "1")
				if code != cli.ExitOK {
					t.Fatalf("shard %s: exit %d: %s", s, code, stderr)
				}
				if s == "1/2" && !strings.Contains(stdout, said[name][0]) {
					t.Errorf("shard %s said %q, want %q", s, stdout, said[name][0])
				}
			}
			merged := t.TempDir()
			code, stdout, stderr := winwin(t, context.Background(), "merge", shards, "--out", merged)
			if code != cli.ExitOK {
				t.Fatalf("merge: exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, said[name][1]) {
				t.Errorf("merge said %q, want %q", stdout, said[name][1])
			}
			sameFiles(t, runDir(t, merged), runDir(t, single), results.ManifestFile)
		})
	}
}
