package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/strategies"
)

// The opponents are the built-in strategies: an agent entered with
// WithStrategies (Env.Extra), as a student's own winwin does, is measured,
// not used as a yardstick. (Extra names hardliner here, so that the test
// registers nothing.)
func TestBenchAgentSkipsExtras(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr, Extra: []strategies.Spec{{Name: "hardliner"}}}
	if err := benchAgentCmd(context.Background(), env, []string{"hardliner", "--negotiations", "1", "--rounds", "5"}); err != nil {
		t.Fatal(err)
	}
	if out := stdout.String(); strings.Contains(out, "\nhardliner ") || !strings.Contains(out, "\nboulware ") {
		t.Errorf("the opponents should be the built-ins only:\n%s", out)
	}
}
