package agenttest

import (
	"testing"

	"github.com/winwin-sim/winwin/agents"
)

// Conformance runs Check on the agent from newAgent and reports each check
// as a subtest of t (t.Run(check name)): a failed check fails its subtest
// with the report's explanation, a skipped one is skipped. Pass at most one
// Options; the zero Options suits most agents.
//
//	func TestConformance(t *testing.T) {
//		agenttest.Conformance(t, func() agents.Agent { return &MyAgent{} })
//	}
func Conformance(t *testing.T, newAgent func() agents.Agent, opts ...Options) {
	t.Helper()
	var o Options
	switch len(opts) {
	case 0:
	case 1:
		o = opts[0]
	default:
		t.Fatalf("agenttest.Conformance: got %d Options, want at most one", len(opts))
	}
	rep := Check(newAgent, o)
	for _, f := range rep.Findings {
		t.Run(f.Check, func(t *testing.T) {
			switch f.Status {
			case Skipped:
				t.Skip(f.Note)
			case Failed:
				t.Errorf("%s:\n%s", rep.Agent, f.String())
			}
		})
	}
}
