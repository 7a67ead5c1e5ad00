package cli

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"text/template"

	"github.com/winwin-sim/winwin/strategies"
)

// modulePath is winwin's own module path, which a new agent's go.mod
// requires.
const modulePath = "github.com/winwin-sim/winwin"

// scaffoldFS holds the templates of `winwin new-agent`.
//
//go:embed scaffold
var scaffoldFS embed.FS

// scaffoldFiles maps each template to the file it writes, in the order
// they are listed to the user.
var scaffoldFiles = []struct{ tmpl, file, about string }{
	{"go.mod.tmpl", "go.mod", "the module; `go mod tidy` fetches winwin"},
	{"agent.go.tmpl", "agent.go", "your agent: edit Act"},
	{"agent_test.go.tmpl", "agent_test.go", "its tests, with the agenttest kit"},
	{"main.go.tmpl", "main.go", "your own winwin, with the agent entered"},
	{"tournament.toml.tmpl", "tournament.toml", "a tournament against four built-in strategies"},
	{"README.md.tmpl", "README.md", "what to do next"},
	{"gitignore.tmpl", ".gitignore", "keeps run folders out of git"},
}

// agentName is what a strategy name may look like: a lower-case word,
// hyphens allowed, as the built-in names are.
var agentName = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// scaffold is the data the templates see.
type scaffold struct {
	// Name is the strategy name ("my-agent"), Type its Go type ("MyAgent").
	Name, Type string
	// Module is the new module's path.
	Module string
	// GoVersion is the go directive.
	GoVersion string
	// Require is the winwin version to require, "" to leave it to
	// `go mod tidy`; Replace a local winwin checkout, "" for none.
	Require, Replace string
}

func newAgentCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "new-agent", "NAME [DIR]", "Write a starter agent NAME into a new folder DIR (default ./NAME): the agent, its test,\n"+
		"a main.go that builds your own winwin with the agent entered, and a tournament config.")
	module := fs.String("module", "", "the new module's `path` (default: NAME)")
	local := fs.String("winwin", "", "use the winwin checkout in `dir` instead of a published version (a replace directive)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) > 2 {
		fs.Usage()
		return usagef("want a NAME and at most one DIR, got %d arguments", len(pos))
	}
	name := pos[0]
	if !agentName.MatchString(name) || len(name) > 40 {
		return usagef("agent name %q: use lower-case letters and digits, words joined by hyphens (like my-agent), at most 40 characters", name)
	}
	if _, taken := strategies.Lookup(name); taken {
		return usagef("agent name %q is taken by a strategy already; pick another", name)
	}
	dir := name
	if len(pos) == 2 {
		dir = pos[1]
	}
	sc := scaffold{Name: name, Type: goType(name), Module: name, GoVersion: goVersion(), Require: winwinVersion()}
	if *module != "" {
		sc.Module = *module
	}
	if *local != "" {
		abs, err := filepath.Abs(*local)
		if err != nil {
			return fmt.Errorf("new-agent: --winwin %s: %w", *local, err)
		}
		if _, err := os.Stat(filepath.Join(abs, "go.mod")); err != nil {
			return usagef("--winwin %s: no go.mod there; give the folder of a winwin checkout", *local)
		}
		sc.Replace, sc.Require = abs, "v0.0.0-00010101000000-000000000000"
	}
	if err := writeScaffold(dir, sc); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote a starter agent %q in %s:\n", name, dir)
	for _, f := range scaffoldFiles {
		fmt.Fprintf(env.Stdout, "  %-16s %s\n", f.file, f.about)
	}
	fmt.Fprintf(env.Stdout, "\nNext:\n  cd %s\n  go mod tidy\n  go test\n  go run . negotiate %s boulware\n  go run . run tournament.toml\n", dir, name)
	return nil
}

// writeScaffold renders every template into dir, which must not exist or
// be empty.
func writeScaffold(dir string, sc scaffold) error {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return usagef("%s already exists and is not empty; choose a new folder", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("new-agent: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("new-agent: %w", err)
	}
	for _, f := range scaffoldFiles {
		data, err := renderScaffold(f.tmpl, sc)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, f.file), data, 0o644); err != nil {
			return fmt.Errorf("new-agent: %w", err)
		}
	}
	return nil
}

// renderScaffold executes one template.
func renderScaffold(name string, sc scaffold) ([]byte, error) {
	t, err := template.ParseFS(scaffoldFS, "scaffold/"+name)
	if err != nil {
		return nil, fmt.Errorf("new-agent: template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, sc); err != nil {
		return nil, fmt.Errorf("new-agent: template %s: %w", name, err)
	}
	out := b.Bytes()
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	return out, nil
}

// goType turns a strategy name into an exported Go type name:
// "my-agent" → "MyAgent".
func goType(name string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(name, "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// goVersion is the go directive for the new module: the version of the
// toolchain that built this program ("1.26.8"), which is at least what
// winwin needs; "1.26" for a development toolchain.
func goVersion() string {
	if v := strings.TrimPrefix(runtime.Version(), "go"); releaseVersion.MatchString(v) {
		return v
	}
	return "1.26"
}

var releaseVersion = regexp.MustCompile(`^[1-9][0-9]*\.[0-9]+(\.[0-9]+)?$`)

// winwinVersion is the published winwin version this program was built
// from, or "" when it was built from a checkout (then `go mod tidy` picks
// the latest release).
func winwinVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	v := ""
	if bi.Main.Path == modulePath {
		v = bi.Main.Version
	}
	for _, d := range bi.Deps {
		if d.Path == modulePath && d.Replace == nil {
			v = d.Version
		}
	}
	if v == "" || v == "(devel)" || strings.HasPrefix(v, "v0.0.0-00010101000000-") {
		return ""
	}
	return v
}
