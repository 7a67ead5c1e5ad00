package report

import (
	"encoding/json"
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/results"
)

// copyRun copies the run folder src into a new folder parent/run and
// returns it.
func copyRun(t *testing.T, src string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// editManifest rewrites dir's manifest through edit.
func editManifest(t *testing.T, dir string, edit func(m *results.Manifest)) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, results.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m results.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	edit(&m)
	if _, err := results.WriteManifest(dir, &m); err != nil {
		t.Fatal(err)
	}
}

// A tampered manifest cannot make the report open, or quote, a file
// outside the run folder: its configuration may name any domain file, the
// report reads none but the folder's own copy.
func TestReportTamperedDomain(t *testing.T) {
	const secret = "s3cr3t-T0KEN-in-the-environment"
	t.Setenv("WINWIN_TEST_SECRET", secret)
	src := runFolder(t)
	tests := []struct {
		name   string
		domain string
		setup  func(t *testing.T, dir string) // files around the folder
	}{
		{"the process environment", "/proc/self/environ", nil},
		{"a file beside the folder", "../secret.toml", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "..", "secret.toml"), "name = \""+secret+"\"\nbroken = [\n")
		}},
		{"an absolute path", "", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "..", "abs.toml"), "name = \""+secret+"\"\n")
		}},
		{"the folder's copy, linked outside", "domain.toml", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "..", "outside.toml"), "name = \""+secret+"\"\nbroken = [\n")
			if err := os.Symlink(filepath.Join(dir, "..", "outside.toml"), filepath.Join(dir, results.DomainFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{"the folder's copy, linked to /dev/zero", "domain.toml", func(t *testing.T, dir string) {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, results.DomainFile)); err != nil {
				t.Fatal(err)
			}
		}},
		{"another file of the folder", "summary.csv", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyRun(t, src)
			domain := tt.domain
			if domain == "" {
				domain = filepath.Join(dir, "..", "abs.toml")
			}
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			editManifest(t, dir, func(m *results.Manifest) {
				m.Config = strings.Replace(m.Config, `domain = "supply-deal"`, "domain = "+quote(domain), 1)
				if !strings.Contains(m.Config, quote(domain)) {
					t.Fatal("test config has no domain key to tamper with")
				}
			})
			path, err := Generate(dir)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			page := html.UnescapeString(string(b))
			if strings.Contains(page, secret) {
				t.Fatalf("the report quotes the secret")
			}
			if strings.Contains(page, "long_run_mean") {
				t.Errorf("the report quotes summary.csv as a domain")
			}
			if !strings.Contains(page, "The configuration could not be read back") || !strings.Contains(page, "cannot be read from the run folder") {
				t.Errorf("the report does not say the domain cannot be read")
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// Load refuses, at once, files that are not what a run writes: links out
// of the folder, devices, pipes, files far larger than a run writes, and
// a manifest that says complete while a file it lists is missing.
func TestLoadUntrustedFiles(t *testing.T) {
	src := runFolder(t)
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"manifest linked to /dev/zero", func(t *testing.T, dir string) { relink(t, dir, results.ManifestFile, "/dev/zero") }, "escapes"},
		{"manifest linked out of the folder", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "..", "m.json"), "{}")
			relink(t, dir, results.ManifestFile, "../m.json")
		}, "escapes"},
		{"manifest a named pipe", func(t *testing.T, dir string) {
			p := filepath.Join(dir, results.ManifestFile)
			os.Remove(p)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skip("no named pipes here:", err)
			}
		}, "not a regular file"},
		{"manifest a folder", func(t *testing.T, dir string) {
			p := filepath.Join(dir, results.ManifestFile)
			os.Remove(p)
			os.Mkdir(p, 0o755)
		}, "not a regular file"},
		{"huge manifest", func(t *testing.T, dir string) { grow(t, dir, results.ManifestFile, MaxManifestBytes+1) }, "larger than a run writes"},
		{"huge CSV", func(t *testing.T, dir string) { grow(t, dir, results.SummaryFile, MaxTableBytes+1) }, "summary.csv: larger than a run writes"},
		{"CSV linked to /dev/zero", func(t *testing.T, dir string) { relink(t, dir, results.PairsFile, "/dev/zero") }, "escapes"},
		{"huge samples", func(t *testing.T, dir string) { grow(t, dir, SamplesFile, MaxSamplesBytes+1) }, "samples.json: larger than a run writes"},
		{"samples linked to /dev/zero", func(t *testing.T, dir string) { relink(t, dir, SamplesFile, "/dev/zero") }, "escapes"},
		{"huge chart", func(t *testing.T, dir string) { grow(t, dir, "heatmap.svg", MaxChartBytes+1) }, "heatmap.svg: larger than a run writes"},
		{"complete but a listed file missing", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "heatmap.svg"))
		}, `its file "heatmap.svg" is missing`},
		{"a listed file outside the folder", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m *results.Manifest) { m.Files = append(m.Files, "../elsewhere") })
		}, `lists "../elsewhere"`},
		{"a listed name with control bytes is quoted", func(t *testing.T, dir string) {
			editManifest(t, dir, func(m *results.Manifest) { m.Files = append(m.Files, "x\x1b[2J") })
		}, `"x\x1b[2J" is missing`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyRun(t, src)
			editManifest(t, dir, func(m *results.Manifest) {
				m.Files = []string{results.SummaryFile, results.PairsFile, SamplesFile, "heatmap.svg", File}
			})
			tt.setup(t, dir)
			start := time.Now()
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error about %q", err, tt.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Load took %v", d)
			}
		})
	}
	// An interrupted run's manifest, too, lists only files it wrote.
	dir := copyRun(t, src)
	editManifest(t, dir, func(m *results.Manifest) {
		m.Status, m.Files = results.StatusInterrupted, []string{"gone.png"}
	})
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), `says the run is interrupted, but its file "gone.png" is missing`) {
		t.Errorf("interrupted run that lost a file: %v", err)
	}
	// report.html is the file the report writes: it may be missing.
	dir = copyRun(t, src)
	editManifest(t, dir, func(m *results.Manifest) { m.Files = []string{File} })
	if _, err := Load(dir); err != nil {
		t.Errorf("without report.html: %v", err)
	}
}

func relink(t *testing.T, dir, name, target string) {
	t.Helper()
	p := filepath.Join(dir, name)
	os.Remove(p)
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// grow makes dir/name a sparse file of size bytes.
func grow(t *testing.T, dir, name string, size int64) {
	t.Helper()
	if err := os.Truncate(filepath.Join(dir, name), size); err != nil {
		t.Fatal(err)
	}
}

// The report says which settings the command line gave over the file's.
func TestReportStatesOverrides(t *testing.T) {
	dir := copyRun(t, runFolder(t))
	editManifest(t, dir, func(m *results.Manifest) {
		m.Overrides = []results.Override{{Key: "seed", Value: 8}, {Key: "relationships", Value: 50}}
	})
	r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	if want := "Run with --seed 8, --relationships 50 given on the command line"; !strings.Contains(b.String(), want) {
		t.Errorf("the report does not say %q", want)
	}
	if errors.Is(r.ConfigErr, os.ErrNotExist) {
		t.Error(r.ConfigErr)
	}
}
