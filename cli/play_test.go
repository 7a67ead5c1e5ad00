package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlayCommand(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout []string // each must appear
		stderr string
	}{
		{"one deal to the end of input", []string{"play", "--strategy", "hard-anchorer", "--rounds", "3"}, "price=400k\nwhy\n",
			ExitOK, []string{"you are the BUYER", "Your move › price=400k", "Input ended: you walk away", "══ The end"}, ""},
		{"as seller on bundle with params", []string{"play", "--strategy=boulware:e=0.5", "--domain", "bundle", "--as", "seller", "--rounds", "2"},
			"price=60k install=yes training=yes support=3y\nquit\n",
			ExitOK, []string{"you are the SELLER", "boulware:e=0.5", "What the buyer's strategy (boulware) did"}, ""},
		{"relationship", []string{"play", "--periods", "2", "--rounds", "2", "--strategy", "integrative"}, "$420k\naccept\nyes\n\n",
			ExitOK, []string{"up to 2 deals", "Will the seller come back?"}, ""},
		{"unknown strategy", []string{"play", "--strategy", "nice-guy"}, "", ExitUsage, nil, `unknown strategy "nice-guy"`},
		{"bad side", []string{"play", "--as", "broker"}, "", ExitUsage, nil, "--as \"broker\": must be buyer or seller"},
		{"bad param", []string{"play", "--strategy", "linear:speed=2"}, "", ExitUsage, nil, "has no parameter"},
		{"bad param value", []string{"play", "--strategy", "boulware:e=0.5x"}, "", ExitUsage, nil, `parameter "e=0.5x" is not name=number`},
		{"unknown domain", []string{"play", "--domain", "car-sale"}, "", ExitUsage, nil, "car-sale"},
		{"positional", []string{"play", "linear"}, "", ExitUsage, nil, "play takes flags only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Main(context.Background(), tt.args, WithIO(strings.NewReader(tt.stdin), &out, &errb, false))
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out.String(), errb.String())
			}
			for _, s := range tt.stdout {
				if !strings.Contains(out.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, out.String())
				}
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", errb.String(), tt.stderr)
			}
			if strings.Contains(out.String(), "\x1b[") {
				t.Error("colours on a non-terminal")
			}
		})
	}
}

// TestPlaySaveAndClassReport: play --save writes a session that winwin
// report turns, with the others of its folder, into a class report; a
// folder that does not exist is refused before the session starts.
func TestPlaySaveAndClassReport(t *testing.T) {
	dir := t.TempDir()
	run := func(stdin string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), args, WithIO(strings.NewReader(stdin), &out, &errb, false))
		return code, out.String(), errb.String()
	}
	for _, p := range []struct{ name, stdin string }{
		{"ada", "price=$380,000 why\nprice=$400,000\naccept\nyes\n"},
		{"bo", "walk\nyes\n"},
	} {
		path := filepath.Join(dir, p.name+".json")
		code, out, errs := run(p.stdin, "play", "--strategy", "integrative", "--rounds", "6", "--name", p.name, "--save", path)
		if code != ExitOK {
			t.Fatalf("play --save: exit %d\n%s\n%s", code, out, errs)
		}
		if !strings.Contains(out, "Session saved: "+path) || !strings.Contains(out, "══ Debrief") {
			t.Errorf("play --save does not debrief and say where it saved:\n%s", out)
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := run("", "report", dir)
	if code != ExitOK {
		t.Fatalf("report SESSIONS_DIR: exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"2 sessions, 2 deals", "Walked away: bo (without first showing dissatisfaction: bo)", "Class report: " + filepath.Join(dir, "class.html")} {
		if !strings.Contains(out, want) {
			t.Errorf("report SESSIONS_DIR says\n%s\nwithout %q", out, want)
		}
	}
	if code, _, errs := run("", "report", t.TempDir()); code != ExitUsage || !strings.Contains(errs, "no saved sessions") {
		t.Errorf("report over an empty folder: exit %d, %q", code, errs)
	}
	if code, _, errs := run("", "play", "--save", filepath.Join(dir, "missing", "s.json")); code != ExitUsage || !strings.Contains(errs, "does not exist") {
		t.Errorf("play --save into a missing folder: exit %d, %q", code, errs)
	}
}
