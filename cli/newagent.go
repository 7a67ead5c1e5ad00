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
	{"go.mod.tmpl", "go.mod", "the module; `go mod tidy` fetches what it needs"},
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
	local := fs.String("winwin", "", "use the winwin clone in `dir` (a replace directive; default: the clone this winwin was built from, unless it is a published release)")
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
	sc := scaffold{Name: name, Type: goType(name), Module: name, GoVersion: goVersion()}
	if *module != "" {
		sc.Module = *module
	}
	clone := *local
	build := currentBuild()
	if clone == "" && !build.Published() {
		clone = build.Clone
	}
	if clone != "" {
		abs, err := filepath.Abs(clone)
		if err != nil {
			return fmt.Errorf("new-agent: --winwin %s: %w", clone, err)
		}
		if !isWinwinCheckout(abs) {
			return usagef("--winwin %s: no go.mod of %s there; give the folder of a winwin clone", clone, modulePath)
		}
		sc.Replace, sc.Require = abs, zeroVersion
	} else if build.Published() {
		sc.Require = build.Version
	}
	if err := writeScaffold(dir, sc); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote a starter agent %q in %s:\n", name, dir)
	for _, f := range scaffoldFiles {
		fmt.Fprintf(env.Stdout, "  %-16s %s\n", f.file, f.about)
	}
	switch {
	case sc.Replace != "" && *local == "":
		fmt.Fprintf(env.Stdout, "\nThis winwin was built from a clone, not a published release, so go.mod uses the clone:\n  replace %s => %s\n", modulePath, sc.Replace)
	case sc.Replace == "" && !build.Published():
		fmt.Fprintf(env.Stdout, "\nThis winwin (version %s) was not built from a published release, and the clone it\n"+
			"was built from is not known (a -trimpath build?). Point the agent at your clone first:\n"+
			"  cd %s\n  go mod edit -require=%s@%s -replace=%s=/path/to/your/winwin/clone\n",
			build.Version, dir, modulePath, zeroVersion, modulePath)
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

// zeroVersion is the version a go.mod requires of a module it replaces by
// a folder: the go tool writes it too.
const zeroVersion = "v0.0.0-00010101000000-000000000000"

// A build says which winwin this program was built from.
type build struct {
	// Version is winwin's module version as the go tool stamped it: a
	// release ("v0.3.1"), a pseudo-version of a commit
	// ("v0.0.0-20261129221800-7b1be5dad611", with "+dirty" for uncommitted
	// changes), or "(devel)" when the build was not stamped.
	Version string
	// Clone is the folder of the winwin source it was built from, when
	// that is known and still there: the folder of a replace directive,
	// or the source files' folder as the compiler recorded it ("" in a
	// -trimpath build).
	Clone string
}

// Published reports whether the version is a release that `go mod tidy`
// can download: not a pseudo-version, not modified, not a development
// build.
func (b build) Published() bool { return isRelease(b.Version) }

// isRelease reports whether v is a plain semantic version tag, neither a
// pseudo-version nor a +dirty or (devel) build.
func isRelease(v string) bool {
	return semver.MatchString(v) && !pseudoVersion.MatchString(v)
}

var (
	semver = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)
	// pseudoVersion matches the three forms of pseudo-versions
	// (vX.0.0-yyyymmddhhmmss-abcdef123456, vX.Y.Z-pre.0.yyyymmddhhmmss-…,
	// vX.Y.(Z+1)-0.yyyymmddhhmmss-…): a time stamp and a commit hash.
	pseudoVersion = regexp.MustCompile(`[-.][0-9]{14}-[0-9a-f]{12}$`)
)

// currentBuild is thisBuild, replaced in tests.
var currentBuild = thisBuild

// thisBuild reads the build information of this program.
func thisBuild() build {
	b := build{Version: "(devel)"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Path == modulePath && bi.Main.Version != "" {
			b.Version = bi.Main.Version
		}
		for _, d := range bi.Deps {
			if d.Path != modulePath {
				continue
			}
			b.Version = d.Version
			if d.Replace != nil {
				b.Version = "(devel)"
				if filepath.IsAbs(d.Replace.Path) && isWinwinCheckout(d.Replace.Path) {
					b.Clone = d.Replace.Path
				}
			}
		}
	}
	if b.Clone == "" {
		b.Clone = sourceClone()
	}
	return b
}

// sourceClone returns the folder of the winwin source this file was
// compiled from, if the compiler recorded a full path and a winwin module
// is still there; "" otherwise.
func sourceClone() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return ""
	}
	root := filepath.Dir(filepath.Dir(file)) // …/cli/newagent.go → …
	if !isWinwinCheckout(root) {
		return ""
	}
	return root
}

// isWinwinCheckout reports whether dir holds winwin's go.mod.
func isWinwinCheckout(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	for line := range strings.Lines(string(data)) {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" && strings.Trim(f[1], `"`) == modulePath {
			return true
		}
	}
	return false
}
