package configs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/winwin-sim/winwin/internal/golden"
	"github.com/winwin-sim/winwin/strategies"
)

// TestBadFiles loads every file under testdata/bad (domain-*.toml as
// domain files, fs-*.toml as configs of a run folder with ParseFS rooted
// at testdata/bad, exec-*.toml with Load and CheckPrograms, the others
// as configs with Load) and compares the
// error message with its .golden file. Run with -update to rewrite the golden files after a
// deliberate change of wording, then read the diff.
func TestBadFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no files under testdata/bad")
	}
	root, err := os.OpenRoot("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			switch {
			case strings.HasPrefix(name, "domain-"):
				_, _, err = LoadDomain(file)
			case strings.HasPrefix(name, "fs-"):
				var data []byte
				if data, err = os.ReadFile(file); err != nil {
					t.Fatal(err)
				}
				_, err = ParseFS(data, file, root.FS())
			case strings.HasPrefix(name, "exec-"):
				var c *Config
				if c, err = Load(file); err == nil {
					err = c.CheckPrograms()
				}
			default:
				_, err = Load(file)
			}
			if err == nil {
				t.Fatalf("%s loaded without error", file)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error is %T, want *configs.Error: %v", err, err)
			}
			if e.Line == 0 && name != "no-strategies" {
				t.Errorf("error has no line: %v", err)
			}
			golden.Check(t, strings.TrimSuffix(file, ".toml")+".golden", []byte(err.Error()+"\n"))
		})
	}
}

// TestErrorCauses checks that each class of error keeps its cause for
// errors.As, so callers can tell them apart.
func TestErrorCauses(t *testing.T) {
	tests := []struct {
		file  string
		check func(error) bool
	}{
		{"syntax", func(err error) bool { var pe toml.ParseError; return errors.As(err, &pe) }},
		{"unknown-strategy", func(err error) bool {
			var ue *strategies.UnknownError
			return errors.As(err, &ue) && ue.Name == "bouware"
		}},
		{"unknown-strategy-key", func(err error) bool {
			var ue *strategies.UnknownError
			return errors.As(err, &ue) && ue.Name == "speedy"
		}},
		{"unknown-domain", func(err error) bool { var ue *UnknownDomainError; return errors.As(err, &ue) && ue.Name == "supply" }},
		{"missing-domain-file", func(err error) bool { return errors.Is(err, os.ErrNotExist) }},
	}
	for _, tt := range tests {
		_, err := Load("testdata/bad/" + tt.file + ".toml")
		if err == nil || !tt.check(err) {
			t.Errorf("%s: error %v (%T) does not carry the expected cause", tt.file, err, err)
		}
	}
}

// TestErrorKeyAndPlace checks the structured fields of a few errors.
func TestErrorKeyAndPlace(t *testing.T) {
	tests := []struct {
		file      string
		key       string
		line, col int
	}{
		{"unknown-key", "relationshps", 3, 1},
		{"unknown-key-nested", "relationship.alpah", 7, 1},
		{"out-of-range", "periods", 3, 11},
		{"bad-param", "strategies.params.e", 5, 12},
		{"duplicate-name", "strategies.name", 8, 8},
		{"syntax", "", 3, 10},
		{"first-problem", "rounds", 2, 10},
	}
	for _, tt := range tests {
		_, err := Load("testdata/bad/" + tt.file + ".toml")
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v is not an *Error", tt.file, err)
			continue
		}
		if e.Key != tt.key || e.Line != tt.line || e.Col != tt.col {
			t.Errorf("%s: key %q at %d:%d, want %q at %d:%d", tt.file, e.Key, e.Line, e.Col, tt.key, tt.line, tt.col)
		}
	}
}
