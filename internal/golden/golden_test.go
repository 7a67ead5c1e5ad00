package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "a\nb\nc\nd\ne\nf\n", "a\nb\nc\nD\ne\nf\n",
			"@@ line 2 of the file, line 2 of the output @@\n  b\n  c\n- d\n+ D\n  e\n  f\n"},
		{"line added", "a\nb\n", "a\nx\nb\n",
			"@@ line 1 of the file, line 1 of the output @@\n  a\n+ x\n  b\n"},
		{"line removed at the end", "a\nb\nc\n", "a\nb\n",
			"@@ line 1 of the file, line 1 of the output @@\n  a\n  b\n- c\n"},
		{"no newline at the end", "a\n", "a",
			"@@ line 1 of the file, line 1 of the output @@\n- a\n+ a [no newline at the end]\n"},
		{"from nothing", "", "a\n", "@@ line 1 of the file, line 1 of the output @@\n+ a\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "x\n2\n3\n4\n5\n6\n7\n8\ny\n",
			"@@ line 1 of the file, line 1 of the output @@\n- 1\n+ x\n  2\n  3\n" +
				"@@ line 7 of the file, line 7 of the output @@\n  7\n  8\n- 9\n+ y\n"},
		{"close changes share a hunk", "1\n2\n3\n4\n5\n", "x\n2\n3\n4\ny\n",
			"@@ line 1 of the file, line 1 of the output @@\n- 1\n+ x\n  2\n  3\n  4\n- 5\n+ y\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Diff(tc.want, tc.got); got != tc.diff {
				t.Errorf("Diff(%q, %q) =\n%s\nwant\n%s", tc.want, tc.got, got, tc.diff)
			}
		})
	}
}

// FuzzDiff: applying the diff's - and + lines gives back both texts.
func FuzzDiff(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nc\nd\n")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, want, got string) {
		if strings.Contains(want+got, "@@") || strings.Contains(want+got, "[no newline") {
			return
		}
		d := Diff(want, got)
		if (d == "") != (want == got) {
			t.Fatalf("Diff(%q, %q) = %q", want, got, d)
		}
		// Every line of the diff is a hunk header or a marked line of want
		// or got.
		for l := range strings.SplitSeq(strings.TrimSuffix(d, "\n"), "\n") {
			if d == "" {
				break
			}
			if !strings.HasPrefix(l, "@@ ") && !strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "+ ") {
				t.Fatalf("Diff(%q, %q): stray line %q in\n%s", want, got, l, d)
			}
		}
		w, g := splitLines(want), splitLines(got)
		ops := lcsDiff(w, g)
		var ow, og []string
		for _, o := range ops {
			if o.kind != '+' {
				ow = append(ow, o.line)
			}
			if o.kind != '-' {
				og = append(og, o.line)
			}
		}
		if fmt.Sprint(ow) != fmt.Sprint(w) || fmt.Sprint(og) != fmt.Sprint(g) {
			t.Fatalf("lcsDiff(%q, %q) does not rebuild them: %v", want, got, ops)
		}
	})
}

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors, fatals []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name          string
		path          string
		got           string
		errors, fatal bool
		in            string // a phrase of the failure
	}{
		{name: "same", path: path, got: "one\ntwo\n"},
		{name: "differs", path: path, got: "one\nthree\n", errors: true, in: "- two\n+ three\n"},
		{name: "missing", path: filepath.Join(dir, "none.golden"), got: "x", fatal: true, in: "-update writes it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, tc.path, []byte(tc.got))
			if (len(r.errors) > 0) != tc.errors || (len(r.fatals) > 0) != tc.fatal {
				t.Fatalf("errors %q, fatal %q; want errors %v, fatal %v", r.errors, r.fatals, tc.errors, tc.fatal)
			}
			if all := strings.Join(append(r.errors, r.fatals...), ""); !strings.Contains(all, tc.in) {
				t.Errorf("the failure %q does not say %q", all, tc.in)
			}
		})
	}
}

func TestCheckUpdate(t *testing.T) {
	defer func(u bool) { *update = u }(*update)
	*update = true
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "out.golden")
	for _, content := range []string{"first\n", "second\n"} {
		r := &recorder{TB: t}
		Check(r, path, []byte(content))
		if len(r.errors)+len(r.fatals) > 0 {
			t.Fatalf("-update failed: %q %q", r.errors, r.fatals)
		}
		b, err := os.ReadFile(path)
		if err != nil || string(b) != content {
			t.Fatalf("-update wrote %q, %v; want %q", b, err, content)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("the golden file's mode is %v (%v), want 0644", fi.Mode(), err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 {
		t.Errorf("the folder holds %v (%v), want the golden file only: no temporary file left", entries, err)
	}
	*update = false
	if Updating() {
		t.Error("Updating() is true without -update")
	}
}
