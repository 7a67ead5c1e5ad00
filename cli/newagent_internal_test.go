package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Which builds new-agent takes for a release that `go mod tidy` can
// download, and which for a clone it must point the agent at.
func TestIsRelease(t *testing.T) {
	tests := []struct {
		version string
		release bool
	}{
		{"v0.1.0", true},
		{"v1.12.3", true},
		{"v1.0.0-rc.1", true},
		{"(devel)", false},
		{"", false},
		{"v0.0.0-20261129221800-7b1be5dad611", false},        // a commit with no tag before it
		{"v0.0.0-20261129221800-7b1be5dad611+dirty", false},  // uncommitted changes
		{"v0.1.1-0.20261129221800-7b1be5dad611", false},      // a commit after tag v0.1.0
		{"v0.2.0-rc.1.0.20261129221800-7b1be5dad611", false}, // after a pre-release tag
		{"v0.1.0+dirty", false},                              // a tag with uncommitted changes
		{zeroVersion, false},
	}
	for _, tt := range tests {
		if got := isRelease(tt.version); got != tt.release {
			t.Errorf("isRelease(%q) = %v, want %v", tt.version, got, tt.release)
		}
	}
}

// A binary built from this checkout knows where its source is.
func TestThisBuildFindsTheClone(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	b := thisBuild()
	if b.Published() || b.Clone != root {
		t.Errorf("thisBuild() = %+v, want an unpublished build from %s", b, root)
	}
	if !isWinwinCheckout(root) || isWinwinCheckout(t.TempDir()) {
		t.Error("isWinwinCheckout does not tell winwin's folder from an empty one")
	}
}

// What go.mod requires, and what new-agent says, for each kind of build.
func TestNewAgentPerBuild(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		build   build
		modTail string // the end of go.mod
		say     string // in the output
	}{
		{"release", build{Version: "v0.3.1", Clone: root}, "\nrequire github.com/winwin-sim/winwin v0.3.1\n", "Next:"},
		{"clone", build{Version: "v0.0.0-20261129221800-7b1be5dad611+dirty", Clone: root},
			"\nreplace github.com/winwin-sim/winwin => " + root + "\n", "built from a clone, not a published release"},
		{"trimpath", build{Version: "(devel)"}, "\ngo " + goVersion() + "\n",
			"go mod edit -require=github.com/winwin-sim/winwin@v0.0.0-00010101000000-000000000000 -replace=github.com/winwin-sim/winwin=/path/to/your/winwin/clone"},
	}
	defer func(f func() build) { currentBuild = f }(currentBuild)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			currentBuild = func() build { return tt.build }
			dir := filepath.Join(t.TempDir(), "x")
			var stdout, stderr bytes.Buffer
			env := &Env{Stdout: &stdout, Stderr: &stderr}
			if err := newAgentCmd(context.Background(), env, []string{"x", dir}); err != nil {
				t.Fatal(err)
			}
			mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(string(mod), tt.modTail) {
				t.Errorf("go.mod:\n%s\nwant it to end with %q", mod, tt.modTail)
			}
			if !strings.Contains(stdout.String(), tt.say) {
				t.Errorf("output:\n%s\nwant %q in it", stdout.String(), tt.say)
			}
		})
	}
}
