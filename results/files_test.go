package results

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	write := func(s string) error {
		return WriteFileAtomic(path, func(w io.Writer) error {
			_, err := io.WriteString(w, s)
			return err
		})
	}
	if err := write("first\n"); err != nil {
		t.Fatal(err)
	}
	if err := write("second\n"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second\n" {
		t.Errorf("content = %q, want the second write", b)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v (%v), want 0644", fi.Mode(), err)
	}

	// A failing writer leaves the old file and no temporary file behind.
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "out.csv") {
		t.Errorf("error = %v, want boom with the file name", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "second\n" {
		t.Errorf("a failed write changed the file to %q", b)
	}
	if got := entries(t, dir); len(got) != 1 || got[0] != "out.csv" {
		t.Errorf("folder holds %v, want only out.csv", got)
	}

	// A folder that does not exist is an error, not a panic.
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder: no error")
	}
}

func TestWritersLeaveNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	agg := goldenAggregate()
	if _, err := WriteTables(dir, agg); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteCharts(dir, agg, ChartFormats); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteManifest(dir, &Manifest{Name: "x", Status: StatusComplete}); err != nil {
		t.Fatal(err)
	}
	for _, name := range entries(t, dir) {
		if strings.HasPrefix(name, ".") || strings.Contains(name, ".tmp-") {
			t.Errorf("temporary file left behind: %s", name)
		}
	}
}

func TestNewRunDir(t *testing.T) {
	base := filepath.Join(t.TempDir(), "runs") // created on demand
	now := time.Date(2026, 11, 25, 18, 30, 0, 0, time.UTC)
	var got []string
	for range 3 {
		dir, err := NewRunDir(base, "classic", now)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, filepath.Base(dir))
	}
	want := []string{"2026-11-25T18-30-00-classic", "2026-11-25T18-30-00-classic-2", "2026-11-25T18-30-00-classic-3"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("run folder %d = %s, want %s", i, got[i], want[i])
		}
	}

	// A file in the way is not reused either.
	if err := os.WriteFile(filepath.Join(base, "2026-11-25T18-30-00-sweep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir, err := NewRunDir(base, "sweep", now)
	if err != nil || filepath.Base(dir) != "2026-11-25T18-30-00-sweep-2" {
		t.Errorf("NewRunDir past a file = %s, %v", dir, err)
	}

	tests := []struct{ name, want string }{
		{"", "2026-11-25T18-30-00"},
		{"my run/../x", "2026-11-25T18-30-00-my-run-..-x"},
		{"..", "2026-11-25T18-30-00"},
		{"été", "2026-11-25T18-30-00"},
	}
	for _, tt := range tests {
		dir, err := NewRunDir(base, tt.name, now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(dir) != base {
			t.Errorf("name %q escaped the base folder: %s", tt.name, dir)
		}
		if got := strings.Replace(filepath.Base(dir), "T19", "T18", 1); !strings.HasPrefix(got, tt.want) {
			t.Errorf("name %q gave folder %s, want %s…", tt.name, filepath.Base(dir), tt.want)
		}
	}
}
