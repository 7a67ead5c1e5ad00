package cli

import (
	"bytes"
	"context"
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
