package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReportCommand(t *testing.T) {
	base := t.TempDir()
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"run", "../configs/quick.toml", "--out", base, "--relationships", "4", "--workers", "2"},
		WithIO(strings.NewReader(""), &out, &errb, false))
	if code != ExitOK {
		t.Fatalf("run: exit %d: %s", code, errb.String())
	}
	dirs, err := filepath.Glob(filepath.Join(base, "*-quick"))
	if err != nil || len(dirs) != 1 {
		t.Fatalf("run folders %v, %v", dirs, err)
	}
	dir := dirs[0]
	first, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatalf("winwin run wrote no report: %v", err)
	}
	for _, f := range []string{"samples.json", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("winwin run wrote no %s: %v", f, err)
		}
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	for _, f := range []string{`"report.html"`, `"samples.json"`} {
		if !bytes.Contains(manifest, []byte(f)) {
			t.Errorf("the manifest does not list %s", f)
		}
	}
	out.Reset()
	if code := Main(context.Background(), []string{"report", dir}, WithIO(strings.NewReader(""), &out, &errb, false)); code != ExitOK {
		t.Fatalf("report: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "report.html") {
		t.Errorf("report prints %q", out.String())
	}
	again, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Error("winwin report writes a different report.html than winwin run")
	}

	// A folder whose manifest says complete but lacks a file it lists
	// is not reported on as if it were whole.
	if err := os.Remove(filepath.Join(dir, "heatmap.png")); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := Main(context.Background(), []string{"report", dir}, WithIO(strings.NewReader(""), &out, &errb, false)); code == ExitOK ||
		!strings.Contains(errb.String(), `"heatmap.png" is missing`) {
		t.Errorf("report on a folder that lost heatmap.png: exit %d: %s", code, errb.String())
	}

	for _, args := range [][]string{{"report"}, {"report", filepath.Join(base, "no-such-run")}, {"report", dir, dir}} {
		errb.Reset()
		if code := Main(context.Background(), args, WithIO(strings.NewReader(""), &out, &errb, false)); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d (%s)", args, code, ExitUsage, errb.String())
		}
	}
}
