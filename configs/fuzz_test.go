package configs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/winwin-sim/winwin/internal/safetext"
)

// fuzzSeeds adds the embedded configs and domains and the catalogue of
// broken files to f's corpus.
func fuzzSeeds(f *testing.F, domains bool) {
	for _, name := range Examples() {
		data, err := Example(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, name := range Domains() {
		data, err := domainFS.ReadFile("domains/" + name + ".toml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	files, _ := filepath.Glob("testdata/bad/*.toml")
	more, _ := filepath.Glob("testdata/domains/*.toml")
	for _, file := range append(files, more...) {
		if strings.HasPrefix(filepath.Base(file), "domain-") != domains && !strings.Contains(file, "testdata/domains") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// fuzzFS is the folder a fuzzed config may name domain files in.
func fuzzFS(f *testing.F) fstest.MapFS {
	car, err := os.ReadFile("testdata/domains/car.toml")
	if err != nil {
		f.Fatal(err)
	}
	return fstest.MapFS{"car.toml": {Data: car}, "sub/car.toml": {Data: car}}
}

// checkError checks what any error of the loader must be: an *Error (or
// a plain error without a place) whose message is printable and whose
// line exists in the file.
func checkError(t *testing.T, data []byte, err error) {
	t.Helper()
	msg := err.Error()
	if !utf8.ValidString(msg) {
		t.Fatalf("message is not valid UTF-8: %q", msg)
	}
	for _, r := range msg {
		if r != '\n' && r != '\t' && safetext.Escape(string(r)) != string(r) {
			t.Fatalf("message holds %q: %q", r, msg)
		}
	}
	var e *Error
	if errors.As(err, &e) && e.File == "fuzz.toml" {
		lines := strings.Count(string(stripBOM(data)), "\n") + 1
		if e.Line < 0 || e.Line > lines || e.Col < 0 {
			t.Fatalf("error at %d:%d of a file of %d lines: %v", e.Line, e.Col, lines, err)
		}
	}
}

// FuzzParse feeds the config loader arbitrary text: it must return a
// config or a printable error at a line of the file, never panic or hang,
// and never read a domain file outside its folder.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f, false)
	fsys := fuzzFS(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseFS(data, "fuzz.toml", fsys)
		if err != nil {
			checkError(t, data, err)
			return
		}
		if len(c.Strategies) == 0 || c.Scenario.Domain == nil {
			t.Fatalf("config without strategies or domain: %+v", c)
		}
		if c.Footprint().Bytes > MaxMemory {
			t.Fatalf("config over the memory limit accepted: %+v", c.Footprint())
		}
		if _, err := c.Tournament(); err != nil {
			t.Fatalf("valid config gives no tournament: %v", err)
		}
	})
}

// FuzzDomain feeds the domain loader arbitrary text: it must return a
// valid scenario or a printable error at a line of the file.
func FuzzDomain(f *testing.F) {
	fuzzSeeds(f, true)
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseDomain(data, "fuzz.toml")
		if err != nil {
			checkError(t, data, err)
			return
		}
		if err := sc.Domain.Validate(); err != nil {
			t.Fatalf("domain accepted but invalid: %v", err)
		}
		for _, p := range sc.Prefs {
			if err := p.Validate(sc.Domain); err != nil {
				t.Fatalf("preferences accepted but invalid: %v", err)
			}
		}
		if w := frontierWork(optionCounts(sc.Domain.Issues)); w > MaxFrontierWork {
			t.Fatalf("domain too wide accepted: work %d", w)
		}
	})
}
