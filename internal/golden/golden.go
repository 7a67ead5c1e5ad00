// Package golden checks a test's output against a golden file: the
// expected bytes, kept under the package's testdata folder and reviewed
// like code.
//
// A test calls [Check] with the file and what it produced:
//
//	golden.Check(t, filepath.Join("testdata", name+".golden"), out.Bytes())
//
// On a mismatch the test fails with a line diff of the file against the
// output. Run the package's tests with -update after a deliberate change
// of the output to rewrite the files, then review them with git diff:
//
//	go test ./transcript -update
//
// Importing the package registers the -update flag, once per test binary.
// A test that rewrites something other than a whole file (a block of a
// document) asks [Updating] instead of declaring a flag of its own.
//
// The package is for tests only: importing it from other code would add
// the flag to the program.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output of the tests")

// Updating reports whether the tests run with -update: they rewrite their
// golden files instead of comparing with them.
func Updating() bool { return *update }

// Check compares got with the golden file at path and fails t with a diff
// when they differ or the file cannot be read. With -update it writes got
// to path instead, creating its folder if need be.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := write(path, got); err != nil {
			t.Fatalf("golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden: %v (go test -update writes it)", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("golden: the output differs from %s (- the file, + the output; go test -update rewrites it):\n%s",
			path, Diff(string(want), string(got)))
	}
}

// write replaces the file at path with data atomically: a test stopped
// midway leaves the old file or the new one, never half of one.
func write(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// context is the number of unchanged lines Diff shows around a change.
const context = 2

// maxDiffCells bounds the work of Diff (lines of want × lines of got);
// beyond it Diff shows the first differing line only.
const maxDiffCells = 4 << 20

// Diff returns a line diff turning want into got: the changed lines
// marked - (in want only) and + (in got only), with a few unchanged lines
// around each change, and each hunk headed by its line numbers in want
// and got. It returns "" when want and got are equal.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := splitLines(want), splitLines(got)
	// Trim the common head and tail, so that the table below covers only
	// the region that changed.
	head := 0
	for head < len(w) && head < len(g) && w[head] == g[head] {
		head++
	}
	tail := 0
	for tail < len(w)-head && tail < len(g)-head && w[len(w)-1-tail] == g[len(g)-1-tail] {
		tail++
	}
	mw, mg := w[head:len(w)-tail], g[head:len(g)-tail]
	var ops []op
	for i := range head {
		ops = append(ops, op{' ', w[i]})
	}
	if (len(mw)+1)*(len(mg)+1) > maxDiffCells {
		for _, l := range mw {
			ops = append(ops, op{'-', l})
		}
		for _, l := range mg {
			ops = append(ops, op{'+', l})
		}
	} else {
		ops = append(ops, lcsDiff(mw, mg)...)
	}
	for _, l := range w[len(w)-tail:] {
		ops = append(ops, op{' ', l})
	}
	return format(ops)
}

// An op is one line of a diff: kind ' ' (in both), '-' or '+'.
type op struct {
	kind byte
	line string
}

// splitLines splits s into lines, marking a last line without a newline.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if t, ok := strings.CutSuffix(l, "\n"); ok {
			lines[i] = t
		} else {
			lines[i] = l + " [no newline at the end]"
		}
	}
	return lines
}

// lcsDiff diffs w and g by their longest common subsequence of lines.
func lcsDiff(w, g []string) []op {
	// n[i][j] is the length of the longest common subsequence of w[i:]
	// and g[j:].
	n := make([][]int32, len(w)+1)
	for i := range n {
		n[i] = make([]int32, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				n[i][j] = n[i+1][j+1] + 1
			} else {
				n[i][j] = max(n[i+1][j], n[i][j+1])
			}
		}
	}
	var ops []op
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			ops = append(ops, op{' ', w[i]})
			i, j = i+1, j+1
		case j == len(g) || (i < len(w) && n[i+1][j] >= n[i][j+1]):
			ops = append(ops, op{'-', w[i]})
			i++
		default:
			ops = append(ops, op{'+', g[j]})
			j++
		}
	}
	return ops
}

// format prints the hunks of ops: each change with context unchanged
// lines around it.
func format(ops []op) string {
	var b strings.Builder
	for start := 0; start < len(ops); {
		// Find the next change and the end of its hunk: the change and any
		// other change within 2*context unchanged lines of it.
		c := start
		for c < len(ops) && ops[c].kind == ' ' {
			c++
		}
		if c == len(ops) {
			break
		}
		end := c
		for k := c; k < len(ops) && k <= end+2*context; k++ {
			if ops[k].kind != ' ' {
				end = k
			}
		}
		from, to := max(start, c-context), min(len(ops), end+context+1)
		wl, gl := 1, 1 // line numbers of ops[from] in want and got
		for _, o := range ops[:from] {
			if o.kind != '+' {
				wl++
			}
			if o.kind != '-' {
				gl++
			}
		}
		fmt.Fprintf(&b, "@@ line %d of the file, line %d of the output @@\n", wl, gl)
		for _, o := range ops[from:to] {
			fmt.Fprintf(&b, "%c %s\n", o.kind, o.line)
		}
		start = to
	}
	return b.String()
}
