package cli_test

import (
	"context"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
)

// Flags are validated like config keys: a value a flag does not allow is a
// usage error, before anything runs, that names the flag and what it
// allows.
func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"negotiate", "linear", "linear", "--jitter", "NaN"}, []string{`"NaN" for flag -jitter`, "from 0 up to, not including, 0.9"}},
		{[]string{"negotiate", "linear", "linear", "--jitter", "+Inf"}, []string{"-jitter"}},
		{[]string{"negotiate", "linear", "linear", "--jitter", "0.9"}, []string{"-jitter"}},
		{[]string{"negotiate", "linear", "linear", "--jitter", "-0.1"}, []string{"-jitter"}},
		{[]string{"negotiate", "linear", "linear", "--seed", "12abc"}, []string{`"12abc" for flag -seed`, "whole number 0..18446744073709551615"}},
		{[]string{"negotiate", "linear", "linear", "--seed", "1.5"}, []string{"-seed"}},
		{[]string{"negotiate", "linear", "linear", "--seed", "-1"}, []string{"-seed"}},
		{[]string{"negotiate", "linear", "linear", "--rounds", "0"}, []string{"-rounds", "1..10000"}},
		{[]string{"negotiate", "linear", "linear", "--periods", "1001"}, []string{"-periods", "1..1000"}},
		{[]string{"negotiate", "boulwar", "linear"}, []string{`unknown strategy "boulwar" (did you mean "boulware"?)`}},
		{[]string{"play", "--strategy", "flincer"}, []string{`did you mean "flincher"?`}},
		{[]string{"play", "--rounds", "1001"}, []string{"-rounds", "1..1000"}},
		{[]string{"play", "--seed", "7x"}, []string{"-seed"}},
		{[]string{"run", "--workers", "-5"}, []string{`"-5" for flag -workers`, "0..4096"}},
		{[]string{"run", "--workers", "100000"}, []string{"-workers", "0..4096"}},
		{[]string{"run", "--relationships", "-3"}, []string{"-relationships", "1..1000000"}},
		{[]string{"run", "--relationships", "0"}, []string{"-relationships"}},
		{[]string{"run", "--seed", "12abc"}, []string{"-seed"}},
		{[]string{"run", "--seed", "9223372036854775808"}, []string{"-seed", "0..9223372036854775807"}},
		{[]string{"--seed", "1.5"}, []string{"winwin run:", "-seed"}}, // flags without a command mean run
		{[]string{"rnu"}, []string{`unknown command "rnu" (did you mean "run"?)`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := winwin(t, context.Background(), tt.args...)
			if code != cli.ExitUsage {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, cli.ExitUsage, stdout, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// Flags without a command run the default command, run, as no arguments
// at all do.
func TestFlagsWithoutCommandMeanRun(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := winwin(t, context.Background(), "--relationships", "1", "--workers", "2", "--out", out)
	if code != cli.ExitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "Results: "+out) {
		t.Errorf("no run folder under %s:\n%s", out, stdout)
	}
}
