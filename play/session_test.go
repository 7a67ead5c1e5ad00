package play

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/internal/golden"
)

func playSession(t *testing.T, s session) *Session {
	t.Helper()
	g := s.game(t)
	g.Player = "Ada"
	var out bytes.Buffer
	ss, err := g.PlaySession(context.Background(), strings.NewReader(strings.Join(s.script, "\n")+"\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// TestSessionGolden: the saved form of a session, field by field (the
// format the package doc describes).
func TestSessionGolden(t *testing.T) {
	var b bytes.Buffer
	if err := playSession(t, sessions[0]).Write(&b); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "haggle-buyer-vs-hard-anchorer.session.json"), b.Bytes())
}

// TestSessionRoundTrip: a saved session reads back whole, and its
// relationship debriefs again to the debrief it holds.
func TestSessionRoundTrip(t *testing.T) {
	for _, s := range append(sessions, everyMistake) {
		t.Run(s.name, func(t *testing.T) {
			saved := playSession(t, s)
			path := filepath.Join(t.TempDir(), "session.json")
			if err := saved.WriteFile(path); err != nil {
				t.Fatal(err)
			}
			back, err := ReadSessionFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rel, err := back.Rebuild()
			if err != nil {
				t.Fatal(err)
			}
			me, err := back.Role()
			if err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(NewDebrief(rel, me, back.Left))
			want, _ := json.Marshal(saved.Debrief)
			if !bytes.Equal(again, want) {
				t.Errorf("the debrief of the session read back differs:\n%s\nwant\n%s", again, want)
			}
			if back.Player != "Ada" || back.Partner != s.strategy || back.As != s.as.String() {
				t.Errorf("read back player %q partner %q as %q", back.Player, back.Partner, back.As)
			}
		})
	}
}

func TestReadSessionErrors(t *testing.T) {
	var good bytes.Buffer
	if err := playSession(t, sessions[0]).Write(&good); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text, want string
		notSession       bool
	}{
		{"not JSON", "hello", "reading a session", false},
		{"a run's manifest", `{"status": "complete"}`, "not a saved winwin play session", true},
		{"a newer version", strings.Replace(good.String(), `"version": 1,`, `"version": 9,`, 1), "session version 9, this winwin reads version 1", false},
		{"a bad side", strings.Replace(good.String(), `"as": "buyer"`, `"as": "broker"`, 1), `side "broker"`, false},
		{"an offer off the domain", strings.Replace(good.String(), `"offer_index": [`+"\n"+`              20`, `"offer_index": [`+"\n"+`              99`, 1), "option", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSession(strings.NewReader(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadSession: %v, want an error with %q", err, tt.want)
			}
			if errors.Is(err, ErrNotSession) != tt.notSession {
				t.Errorf("errors.Is(ErrNotSession) = %v, want %v", !tt.notSession, tt.notSession)
			}
		})
	}
}

// TestSessionWriteFileAtomic: a session that cannot be written leaves
// nothing behind, and the old file stays whole.
func TestSessionWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := playSession(t, sessions[0]).WriteFile(filepath.Join(dir, "missing", "s.json")); err == nil {
		t.Fatal("writing into a missing folder succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("the old file changed: %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the folder holds %d entries, want the old file only", len(ents))
	}
}
