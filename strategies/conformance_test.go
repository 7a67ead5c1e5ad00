package strategies

import (
	"testing"

	"github.com/winwin-sim/winwin/agents/agenttest"
)

// TestConformance runs the agenttest conformance suite over every
// registered strategy with its default parameters: the built-in zoo passes
// the same checks a student's agent must.
func TestConformance(t *testing.T) {
	for _, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
			newAgent, err := Factory(s.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			agenttest.Conformance(t, newAgent, agenttest.Options{Name: s.Name})
		})
	}
}
