package report

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/results"
)

// A report made with its samples preloaded (a run preloads them while it
// draws its charts) is the page Generate makes from the folder, byte for
// byte; samples preloaded for another configuration are not used.
func TestPreloadedReportIsTheSame(t *testing.T) {
	dir := runFolder(t)
	path, err := Generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(dir + "/" + results.ManifestFile)
	if err != nil {
		t.Fatal(err)
	}
	m, err := results.ReadManifest(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	pre, err := Preload(dir, m.Config, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !pre.parsed || len(pre.samples) == 0 || len(pre.lessons) == 0 {
		t.Fatalf("preloaded %d samples and %d lessons (configuration read: %v)", len(pre.samples), len(pre.lessons), pre.parsed)
	}
	other := *pre
	other.text = strings.Replace(pre.text, "seed = 3", "seed = 4", 1)
	other.lessons = nil // not the page's: it must not be used
	for name, p := range map[string]*Preloaded{"preloaded": pre, "another configuration's": &other, "none": nil} {
		if _, err := GeneratePreloaded(dir, m, p); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("the report with %s samples differs from Generate's", name)
		}
	}
}
