package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/transcript"
)

func TestTranscriptNegotiate(t *testing.T) {
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), args, WithIO(strings.NewReader(""), &out, &errb, false))
		return code, out.String(), errb.String()
	}
	t.Run("one deal", func(t *testing.T) {
		code, out, _ := run("negotiate", "hard-anchorer", "integrative", "--rounds", "12")
		if code != ExitOK {
			t.Fatalf("exit %d", code)
		}
		for _, s := range []string{"The seller (hard-anchorer) opens.", "▸ anchor", "Scorecard", "The fair, efficient deal (Nash point)"} {
			if !strings.Contains(out, s) {
				t.Errorf("transcript lacks %q:\n%s", s, out)
			}
		}
	})
	t.Run("relationship", func(t *testing.T) {
		code, out, _ := run("negotiate", "hard-anchorer", "integrative", "--periods", "3", "--opener", "alternate", "--rounds", "12")
		if code != ExitOK {
			t.Fatalf("exit %d", code)
		}
		for _, s := range []string{"━━ Deal 1 of up to 3", "Will they deal again?", "Long-run payoff"} {
			if !strings.Contains(out, s) {
				t.Errorf("transcript lacks %q:\n%s", s, out)
			}
		}
	})
	t.Run("relationship as JSON", func(t *testing.T) {
		code, out, _ := run("negotiate", "integrative", "integrative", "--periods", "2", "--json")
		if code != ExitOK {
			t.Fatalf("exit %d", code)
		}
		var doc transcript.RelationshipDoc
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		rel, err := doc.Relationship(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(rel.Deals) == 0 || rel.Names != [2]string{"integrative", "integrative"} {
			t.Errorf("relationship read back as %d deals between %q", len(rel.Deals), rel.Names)
		}
	})
	t.Run("bad periods", func(t *testing.T) {
		if code, _, errs := run("negotiate", "linear", "linear", "--periods", "0"); code != ExitUsage || !strings.Contains(errs, `"0" for flag -periods`) {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
	})
}
