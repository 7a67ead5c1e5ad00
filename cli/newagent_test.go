package cli_test

import (
	"bytes"
	"context"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/internal/scratchmod"
)

// newAgent runs `winwin new-agent ARGS` in-process.
func newAgent(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), append([]string{"new-agent"}, args...), cli.WithIO(strings.NewReader(""), &stdout, &stderr, false))
	return code, stdout.String(), stderr.String()
}

func TestNewAgentWritesScaffold(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bob")
	code, stdout, stderr := newAgent(t, "tough-cookie", dir, "--module", "example.com/bob")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range []string{"go.mod", "agent.go", "agent_test.go", "main.go", "tournament.toml", "README.md", ".gitignore"} {
		if !strings.Contains(stdout, f) {
			t.Errorf("the listing does not mention %s:\n%s", f, stdout)
		}
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	if !strings.Contains(stdout, "go run . negotiate tough-cookie boulware") {
		t.Errorf("the next steps do not use the agent's name:\n%s", stdout)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	// The test binary is built from this checkout, not a release: go.mod
	// uses the checkout, and the output says so.
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mod := read("go.mod")
	if !strings.HasPrefix(mod, "module example.com/bob\n\ngo 1.") || !strings.HasSuffix(mod, "replace github.com/winwin-sim/winwin => "+root+"\n") {
		t.Errorf("go.mod does not use the clone %s:\n%s", root, mod)
	}
	if !strings.Contains(stdout, "built from a clone") || !strings.Contains(stdout, root) {
		t.Errorf("the output does not say which clone go.mod uses:\n%s", stdout)
	}
	// The Go files are gofmt'd, and name the agent's type and strategy.
	for _, name := range []string{"agent.go", "agent_test.go", "main.go"} {
		src := read(name)
		formatted, err := format.Source([]byte(src))
		if err != nil {
			t.Errorf("%s does not parse: %v\n%s", name, err, src)
		} else if string(formatted) != src {
			t.Errorf("%s is not gofmt'd", name)
		}
		if !strings.Contains(src, "ToughCookie") || strings.Contains(src, "{{") {
			t.Errorf("%s does not use the type ToughCookie:\n%s", name, src)
		}
	}
	if !strings.Contains(read("main.go"), `Name:    "tough-cookie"`) || !strings.Contains(read("tournament.toml"), `name = "tough-cookie"`) {
		t.Error("main.go or tournament.toml does not enter the agent as tough-cookie")
	}
}

func TestNewAgentReplace(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "x")
	if code, _, stderr := newAgent(t, "x", dir, "--winwin", ".."); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	mod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	want := "require github.com/winwin-sim/winwin v0.0.0-00010101000000-000000000000\n\nreplace github.com/winwin-sim/winwin => " + root + "\n"
	if !strings.HasSuffix(string(mod), want) {
		t.Errorf("go.mod:\n%s\nwant it to end with:\n%s", mod, want)
	}
}

func TestNewAgentRefuses(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"ok-name", full}, cli.ExitUsage, "already exists and is not empty"},
		{[]string{"My_Agent", filepath.Join(empty, "a")}, cli.ExitUsage, "lower-case letters"},
		{[]string{"-bad", filepath.Join(empty, "b")}, cli.ExitUsage, "flag provided but not defined"},
		{[]string{"boulware", filepath.Join(empty, "c")}, cli.ExitUsage, "taken by a strategy"},
		{[]string{}, cli.ExitUsage, "want a NAME"},
		{[]string{"a", "b", "c"}, cli.ExitUsage, "want a NAME"},
		{[]string{"x", filepath.Join(empty, "d"), "--winwin", empty}, cli.ExitUsage, "no go.mod of github.com/winwin-sim/winwin there"},
		{[]string{"fine", empty}, cli.ExitOK, ""}, // an empty folder is fine
	}
	for _, tt := range tests {
		code, _, stderr := newAgent(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.err) {
			t.Errorf("new-agent %q: exit %d, %q; want %d, %q", tt.args, code, stderr, tt.code, tt.err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(full, "notes.txt")); string(data) != "mine" {
		t.Error("a refused new-agent touched the existing folder")
	}
}

// The scaffold is a working module: it builds against this checkout, its
// own tests pass, and the winwin it builds plays the agent in a
// negotiation and a tournament. Offline: the go tool uses the module
// cache.
func TestNewAgentBuildsAndRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module with the go tool")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go tool:", err)
	}
	dir := filepath.Join(t.TempDir(), "student-agent")
	if code, _, stderr := newAgent(t, "student-agent", dir, "--winwin", ".."); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	env := append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"),
		"GOPROXY=off", "GOSUMDB=off", "GOWORK=off", "GOTOOLCHAIN=local")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.String()
	}
	// What `go mod tidy` would write, from winwin's own go.mod and go.sum:
	// tidy itself needs the whole module graph, which a fresh machine's
	// cache does not hold after building winwin.
	if err := scratchmod.Pin(dir, "..", env); err != nil {
		t.Fatal(err)
	}
	run("go", "vet", ".")
	if out := run("go", "test", "-count=1", "-v", "."); !strings.Contains(out, "--- PASS: TestConformance") || !strings.Contains(out, "--- PASS: TestFlinch") {
		t.Errorf("the scaffold's tests did not both run and pass:\n%s", out)
	}
	bin := filepath.Join(t.TempDir(), "winwin-student")
	run("go", "build", "-o", bin, ".")

	if out := run(bin, "strategies"); !strings.Contains(out, "student-agent") {
		t.Errorf("the student's winwin does not list student-agent:\n%s", out)
	}
	if out := run(bin, "negotiate", "student-agent", "boulware", "--rounds", "5"); !strings.Contains(out, "student-agent") {
		t.Errorf("negotiate did not play student-agent:\n%s", out)
	}
	run(bin, "validate", "tournament.toml")
	out := run(bin, "run", "tournament.toml", "--out", t.TempDir(), "--relationships", "2")
	for _, name := range []string{"student-agent", "integrative", "hard-anchorer", "flincher", "boulware"} {
		if !strings.Contains(out, name) {
			t.Errorf("the tournament's ranking lacks %s:\n%s", name, out)
		}
	}
}
