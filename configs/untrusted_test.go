package configs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/internal/safetext"
)

// TestReadCap: a file that never ends, or one over MaxFileSize, is refused
// at once, as a config and as a domain file.
func TestReadCap(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.toml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", MaxFileSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loads := map[string]func(string) error{
		"config": func(p string) error { _, err := Load(p); return err },
		"domain": func(p string) error { _, _, err := LoadDomain(p); return err },
	}
	for _, file := range []string{"/dev/zero", big} {
		if _, err := os.Stat(file); err != nil {
			continue
		}
		for what, load := range loads {
			start := time.Now()
			err := load(file)
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "1 MiB") {
				t.Errorf("%s %s: error %v, want one saying the 1 MiB limit", what, file, err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s %s: refused after %v", what, file, d)
			}
		}
	}
}

// TestParseFSTampered: a config from a run folder cannot make ParseFS
// read a file outside the folder, by path or through a symbolic link,
// and the error never quotes such a file.
func TestParseFSTampered(t *testing.T) {
	outside := t.TempDir()
	secretText := "TOKEN=s3cret\n"
	secret := filepath.Join(outside, "secret.toml")
	if err := os.WriteFile(secret, []byte(secretText), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(outside, "run")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	car, err := os.ReadFile("testdata/domains/car.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "car.toml"), car, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "link.toml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	const tail = "\n[[strategies]]\nname = \"boulware\"\n"
	for _, domain := range []string{"/proc/self/environ", secret, "../secret.toml", "sub/../../secret.toml", "link.toml", `..\secret.toml`} {
		t.Run(domain, func(t *testing.T) {
			_, err := ParseFS([]byte("domain = "+quote(domain)+tail), filepath.Join(dir, "config.toml"), root.FS())
			var e *Error
			if !errors.As(err, &e) || e.Key != "domain" || e.Line != 1 {
				t.Fatalf("error %v, want an *Error at the domain key on line 1", err)
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error quotes the file outside the folder: %v", err)
			}
		})
	}
	// Inside the folder, and built-in names, work.
	for _, domain := range []string{"car.toml", "./car.toml", "supply-deal"} {
		if _, err := ParseFS([]byte("domain = "+quote(domain)+tail), "config.toml", root.FS()); err != nil {
			t.Errorf("domain %q: %v", domain, err)
		}
	}
}

func quote(s string) string { return "'" + s + "'" }

// TestBOM: a byte-order mark changes nothing, in a config or a domain.
func TestBOM(t *testing.T) {
	data, err := Example("quick")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Parse(data, "quick.toml")
	if err != nil {
		t.Fatal(err)
	}
	withBOM, err := Parse(append([]byte("\uFEFF"), data...), "quick.toml")
	if err != nil {
		t.Fatal(err)
	}
	if withBOM.Relationships != plain.Relationships || len(withBOM.Strategies) != len(plain.Strategies) {
		t.Errorf("with a BOM: %d relationships, %d strategies; without: %d, %d", withBOM.Relationships, len(withBOM.Strategies), plain.Relationships, len(plain.Strategies))
	}
	_, err = ParseDomain([]byte("\uFEFFname = \"x\"\nissues = 3\n"), "d.toml")
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 || e.Col != 10 {
		t.Errorf("error %v, want one at 2:10", err)
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, tabs\tand ünïcode ≥", "plain text, tabs\tand ünïcode ≥"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"bell\a nul\x00 del\x7f", `bell\a nul\x00 del\x7f`},
		{"bad \xff\xfe utf-8", `bad \xff\xfe utf-8`},
		{"new\nline\r", `new\nline\r`},
		{"bidi \u202egnp.exe", `bidi \u202egnp.exe`},
		{"c1 \u009b2J", `c1 \u009b2J`},
	}
	for _, tt := range tests {
		if got := safetext.Escape(tt.in); got != tt.want {
			t.Errorf("safetext.Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestGarbageNeverEchoed: whatever bytes a file holds, the error message
// has no control character but the newlines of its layout and tabs.
func TestGarbageNeverEchoed(t *testing.T) {
	garbage := make([]byte, 4096)
	x := uint32(1)
	for i := range garbage {
		x = x*1664525 + 1013904223
		garbage[i] = byte(x >> 24)
	}
	inputs := [][]byte{garbage, append([]byte("seed = 1\n"), garbage...), []byte("name = \"\x1b]0;title\x07\"\n\x9b\n")}
	for i, in := range inputs {
		_, err := Parse(in, "garbage.toml")
		if err == nil {
			t.Fatalf("input %d parsed", i)
		}
		checkPrintable(t, err.Error())
		_, err = ParseDomain(in, "garbage.toml")
		checkPrintable(t, err.Error())
	}
}

func checkPrintable(t *testing.T, msg string) {
	t.Helper()
	for _, r := range msg {
		if r != '\n' && r != '\t' && safetext.Escape(string(r)) != string(r) {
			t.Fatalf("message holds %q: %q", r, msg)
		}
	}
}

func TestFootprint(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	fp := c.Footprint()
	if fp.Bytes <= 0 || fp.Bytes > MaxMemory/10 || fp.Samples == 0 || fp.FrontierBytes == 0 || fp.FrontierWork > MaxFrontierWork {
		t.Errorf("classic footprint %+v: want small and positive", fp)
	}
	// Overrides are checked again by CheckLimits.
	c.Periods, c.Rounds = MaxPeriods, MaxRounds
	if err := c.CheckLimits(); err == nil || !strings.Contains(err.Error(), "output.sample_transcripts") {
		t.Errorf("1000 periods of 10000 rounds with samples: %v", err)
	}
	c.Output.SampleTranscripts = 0
	if err := c.CheckLimits(); err != nil {
		t.Errorf("without samples: %v", err)
	}
}

func TestFrontierWork(t *testing.T) {
	tests := []struct {
		ks []int
		ok bool
	}{
		{[]int{5, 5, 5, 5, 5}, true},
		{[]int{10000}, true},
		{[]int{1000, 1000, 1000, 1000, 1000}, true},
		{rep(30, 30), true},
		{rep(30, 100), false},
		{rep(100, 100), false},
		{[]int{10000, 10000}, false},
		{rep(100, 10000), false},
	}
	for _, tt := range tests {
		w := frontierWork(tt.ks)
		if (w <= MaxFrontierWork) != tt.ok || w <= 0 {
			t.Errorf("%d issues of up to %d options: work %.2g, want within the limit %v", len(tt.ks), tt.ks[len(tt.ks)-1], float64(w), tt.ok)
		}
	}
}

func rep(n, k int) []int {
	ks := make([]int, n)
	for i := range ks {
		ks[i] = k
	}
	return ks
}

func TestCheckPrograms(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "agent.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		command string
		err     string
	}{
		{`["sh", "-c", "true"]`, ""},
		{`["./agent.sh"]`, ""},
		{`["` + filepath.ToSlash(script) + `"]`, ""},
		{`["pyhton3-no-such-program", "agent.py"]`, `program "pyhton3-no-such-program" is not found in $PATH`},
		{`["./missing.py"]`, `program "./missing.py" is not found`},
		{`["./"]`, `is a folder, not a program`},
	}
	for _, tt := range tests {
		cfg := filepath.Join(dir, "t.toml")
		body := "[[strategies]]\nname = \"a\"\nstrategy = \"exec\"\ncommand = " + tt.command + "\n"
		if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Load(cfg)
		if err != nil {
			t.Fatal(err)
		}
		err = c.CheckPrograms()
		if tt.err == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.command, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Line != 4 || e.Key != "strategies.command" || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: error %v, want %q at line 4", tt.command, err, tt.err)
		}
	}
}
