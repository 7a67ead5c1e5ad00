package docs_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/winwin-sim/winwin/agents"
	"github.com/winwin-sim/winwin/configs"
	"github.com/winwin-sim/winwin/internal/golden"
	"github.com/winwin-sim/winwin/internal/scratchmod"
	"github.com/winwin-sim/winwin/strategies"
)

// The heading that starts the guide, in docs/guide.md and in the README.
const guideHeading = "## Write your own agent"

// TestGuide follows docs/guide.md as a reader would (see the package
// documentation for the conventions).
func TestGuide(t *testing.T) {
	followFile(t, "guide.md", "")
}

// TestReadmeGuide checks the README's short version of the guide: every
// command it shows is one the guide runs, in the guide's order, so the
// README can never show a step that TestGuide does not follow.
func TestReadmeGuide(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	section, ok := guideSection(string(readme))
	if !ok {
		t.Fatalf("README.md has no %q section", guideHeading)
	}
	guide, err := os.ReadFile("guide.md")
	if err != nil {
		t.Fatal(err)
	}
	short, full := shellLines(t, section), shellLines(t, string(guide))
	if len(short) == 0 {
		t.Fatal("the README's guide section shows no commands")
	}
	k := 0
	for _, line := range short {
		for k < len(full) && full[k] != line {
			k++
		}
		if k == len(full) {
			t.Errorf("README.md shows %q, which docs/guide.md does not run at that point (its commands: %q)", line, full)
			return
		}
		k++
	}
}

// shellLines returns the commands of the ```sh blocks of a Markdown text,
// without comments and surrounding spaces.
func shellLines(t *testing.T, md string) []string {
	t.Helper()
	blocks, err := parseBlocks(md)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range blocks {
		if b.lang != "sh" {
			continue
		}
		for line := range strings.Lines(b.body) {
			line, _, _ = strings.Cut(line, "#")
			if line = strings.TrimSpace(line); line != "" {
				lines = append(lines, line)
			}
		}
	}
	return lines
}

// guideSection returns the part of a Markdown text from the guide's
// heading to the next heading of the same level.
func guideSection(md string) (string, bool) {
	i := strings.Index(md, "\n"+guideHeading+"\n")
	if strings.HasPrefix(md, guideHeading+"\n") {
		i = -1
	} else if i < 0 {
		return "", false
	}
	rest := md[i+1:]
	if j := strings.Index(rest[len(guideHeading):], "\n## "); j >= 0 {
		rest = rest[:len(guideHeading)+j+1]
	}
	return rest, true
}

// followFile follows the guide in path (its section under heading, when
// heading is set) and, with -update, rewrites its output blocks.
func followFile(t *testing.T, path, heading string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	base := 0
	if heading != "" {
		section, _ := guideSection(src)
		base = strings.Index(src, section)
		src = section
	}
	blocks, err := parseBlocks(src)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(blocks) == 0 {
		t.Fatalf("%s: no code blocks", path)
	}
	start := time.Now()
	g := &guide{t: t, path: path, dir: t.TempDir(), bin: winwinBinary(t)}
	g.cwd = g.dir
	outputs := g.follow(blocks)
	t.Logf("followed %s: %d blocks in %v", path, len(blocks), time.Since(start).Round(time.Millisecond))
	if golden.Updating() && len(outputs) > 0 {
		full := string(data)
		for _, o := range slices.Backward(outputs) {
			full = full[:base+o.start] + o.text + full[base+o.end:]
		}
		if err := os.WriteFile(path, []byte(full), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %d output blocks of %s", len(outputs), path)
	}
}

// A block is one fenced code block of the guide.
type block struct {
	lang      string // the fence's info string: go, toml, sh, text
	directive string // the HTML comment on the line before, without <!-- -->
	body      string
	line      int // line of the opening fence, from 1
	// start and end are the byte offsets of body in the source.
	start, end int
}

var directiveRE = regexp.MustCompile(`^<!--\s*(.*?)\s*-->$`)

// parseBlocks finds the fenced code blocks of a Markdown text.
func parseBlocks(src string) ([]block, error) {
	var out []block
	var cur *block
	prev := "" // the last non-blank line outside blocks
	off := 0
	for n, line := range strings.SplitAfter(src, "\n") {
		text := strings.TrimRight(line, "\r\n")
		switch {
		case cur == nil && strings.HasPrefix(text, "```"):
			cur = &block{lang: strings.TrimSpace(text[3:]), line: n + 1, start: off + len(line)}
			if m := directiveRE.FindStringSubmatch(prev); m != nil {
				cur.directive = m[1]
			}
		case cur != nil && strings.TrimSpace(text) == "```":
			cur.end = off
			cur.body = src[cur.start:cur.end]
			out = append(out, *cur)
			cur, prev = nil, ""
		case cur == nil && strings.TrimSpace(text) != "":
			prev = strings.TrimSpace(text)
		}
		off += len(line)
	}
	if cur != nil {
		return nil, fmt.Errorf("line %d: code block never closed", cur.line)
	}
	return out, nil
}

// A guide is a reader following the guide in a scratch folder.
type guide struct {
	t        *testing.T
	path     string
	dir, cwd string // the scratch folder and the current folder in it
	bin      string // the winwin command built from this checkout, or from clone
	clone    string // the clone of winwin the guide made, if any
	skipped  string // why the last sh block's output is not compared, if it is not
}

// An output is the new text of an output block.
type output struct {
	start, end int
	text       string
}

// follow runs the blocks in order and returns the output blocks' new
// text.
func (g *guide) follow(blocks []block) []output {
	t := g.t
	var outputs []output
	files := map[string][]string{} // path → its parts, in order
	var fileOrder []string
	var lastOut *string
	skipped := ""
	for _, b := range blocks {
		where := fmt.Sprintf("%s:%d", g.path, b.line)
		switch b.lang {
		case "sh":
			out := g.shell(where, b.body)
			lastOut = &out
			skipped, g.skipped = g.skipped, ""
			continue
		case "text":
			if name, ok := strings.CutPrefix(b.directive, "summary: "); ok {
				g.checkSummary(where, name, b.body)
				continue
			}
			if skipped != "" {
				t.Logf("%s: output not compared: %s", where, g.skipped)
				continue
			}
			if b.directive != "output" || lastOut == nil {
				t.Errorf("%s: a text block must be marked <!-- output --> and follow a sh block", where)
				continue
			}
			if got := normalize(*lastOut); got != normalize(b.body) {
				if golden.Updating() {
					outputs = append(outputs, output{b.start, b.end, got})
				} else {
					t.Errorf("%s: the output shown differs from what the commands print (go test ./docs -update rewrites it):\n%s", where, firstDiff(b.body, got))
				}
			}
		case "go", "toml", "python":
			path, isFile := strings.CutPrefix(b.directive, "file: ")
			if b.lang != "toml" && !isFile {
				t.Errorf("%s: a go block needs a <!-- file: PATH --> line before it, so the test can compile it", where)
				continue
			}
			if isFile {
				if _, seen := files[path]; !seen {
					fileOrder = append(fileOrder, path)
				}
				files[path] = append(files[path], b.body)
			}
			if b.lang == "toml" {
				g.validateTOML(where, b.body, blocks)
			}
		default:
			t.Errorf("%s: a %q block cannot be checked; use go, toml, python, sh, or text for output", where, b.lang)
		}
		lastOut = nil
	}
	for _, path := range fileOrder {
		want := strings.Join(files[path], "\n")
		got, err := os.ReadFile(filepath.Join(g.dir, path))
		if err != nil {
			t.Errorf("%s shows %s, but the commands did not make it: %v", g.path, path, err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s shows %s differently from the file the commands made:\n%s", g.path, path, firstDiff(want, string(got)))
		}
	}
	return outputs
}

// shell runs the commands of a sh block and returns what they printed.
func (g *guide) shell(where, body string) string {
	t := g.t
	var all strings.Builder
	for line := range strings.Lines(body) {
		line, _, _ = strings.Cut(line, "#")
		args := strings.Fields(line)
		if len(args) == 0 {
			continue
		}
		if strings.ContainsAny(line, `"'$|&;<>*`+"`") {
			t.Fatalf("%s: %q: the guide test runs plain commands only (no quotes, variables, pipes or globs)", where, strings.TrimSpace(line))
		}
		switch {
		case args[0] == "cd" && len(args) == 2:
			g.cwd = filepath.Join(g.cwd, args[1])
		case strings.Join(args, " ") == "go install github.com/winwin-sim/winwin/cmd/winwin@latest":
			// Stood in for by the build of this checkout (winwinBinary).
		case strings.Join(args, " ") == "git clone "+cloneURL:
			// Stood in for by a copy of this checkout's files.
			g.clone = filepath.Join(g.cwd, "winwin")
			if err := copyCheckout(repoRoot(t), g.clone); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
		case strings.Join(args, " ") == "go install ./cmd/winwin":
			// Built, as go install would, in the clone, but into the
			// scratch folder instead of the reader's $GOPATH/bin.
			if g.clone == "" || g.cwd != g.clone {
				t.Fatalf("%s: the guide installs winwin outside the clone it made (in %s)", where, g.cwd)
			}
			g.bin = filepath.Join(g.dir, "bin", "winwin")
			g.run(where, "go", "build", "-o", g.bin, "./cmd/winwin")
		case strings.Join(args, " ") == "go mod tidy":
			// Stood in for: give the module winwin's own requirements and
			// checksums (tidy would need the whole module graph, which
			// building winwin never downloads: a fresh machine has no
			// such cache). When winwin was installed from the clone,
			// new-agent must have pointed the module at it already.
			root := repoRoot(t)
			if g.clone != "" {
				root = g.clone
				mod, err := os.ReadFile(filepath.Join(g.cwd, "go.mod"))
				if want := "replace github.com/winwin-sim/winwin => " + g.clone + "\n"; err != nil || !strings.Contains(string(mod), want) {
					t.Errorf("%s: new-agent did not point the module at the clone (%q); go.mod:\n%s", where, want, mod)
				}
			}
			if err := scratchmod.Pin(g.cwd, root, goEnv()); err != nil {
				t.Errorf("%s: %v", where, err)
			}
		case args[0] == "go":
			if strings.Contains(line, "exec:python3") && !havePython() {
				g.skipped = "python3 is not installed, so " + strings.TrimSpace(line) + " was not run"
				continue
			}
			all.WriteString(runFolders.ReplaceAllString(g.run(where, "go", args[1:]...), "${1}YYYY-MM-DDThh-mm-ss"))
		case args[0] == "winwin":
			// The scratch folder is the reader's home: ~.
			all.WriteString(strings.ReplaceAll(g.run(where, g.bin, args[1:]...), g.dir, "~"))
		default:
			t.Fatalf("%s: %q: the guide test does not know how to run %s", where, strings.TrimSpace(line), args[0])
		}
	}
	return all.String()
}

// run runs one command in the current folder and returns its standard
// output; a failure fails the test with both outputs, and the guide goes
// on (so that -update still rewrites what it can).
func (g *guide) run(where, name string, args ...string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = g.cwd
	cmd.Env = goEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		g.t.Errorf("%s: %s %s: %v\nstdout:\n%s\nstderr:\n%s", where, filepath.Base(name), strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// validateTOML parses a tournament config block with the configs package.
// Strategies the guide's Go blocks register (strategies.Spec{Name: …})
// are entered as stand-ins first: the real agents run in the scratch
// module, where `go run . run` uses them.
func (g *guide) validateTOML(where, body string, blocks []block) {
	registerStandIns(blocks)
	if _, err := configs.Parse([]byte(body), filepath.Join(g.dir, "guide.toml")); err != nil {
		g.t.Errorf("%s: the config does not validate: %v", where, err)
	}
}

var (
	specNameRE = regexp.MustCompile(`strategies\.Spec\{\s*Name:\s*"([^"]+)"`)
	standIns   sync.Mutex
)

func registerStandIns(blocks []block) {
	standIns.Lock()
	defer standIns.Unlock()
	for _, b := range blocks {
		if b.lang != "go" {
			continue
		}
		for _, m := range specNameRE.FindAllStringSubmatch(b.body, -1) {
			if _, ok := strategies.Lookup(m[1]); ok {
				continue
			}
			walk := func(strategies.Params) agents.Agent {
				return agents.AgentFunc(func(*agents.View) agents.Move { return agents.WalkAway(0) })
			}
			if err := strategies.Register(strategies.Spec{Name: m[1], Summary: "stand-in for the guide's agent", New: walk}); err != nil {
				panic(err)
			}
		}
	}
}

// checkSummary checks a <!-- summary: NAME --> block, key=value pairs, with
// the row of strategy NAME in the summary.csv of the first run folder the
// guide made.
func (g *guide) checkSummary(where, name, body string) {
	t := g.t
	runs, _ := filepath.Glob(filepath.Join(g.dir, "*", "results", "runs", "*", "summary.csv"))
	if len(runs) == 0 {
		t.Errorf("%s: a summary block, but the guide made no run folder before it", where)
		return
	}
	slices.Sort(runs)
	f, err := os.Open(runs[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v", runs[0], err)
	}
	for _, row := range rows[1:] {
		if row[0] != name {
			continue
		}
		for _, kv := range strings.Fields(body) {
			k, want, _ := strings.Cut(kv, "=")
			i := slices.Index(rows[0], k)
			if i < 0 {
				t.Errorf("%s: summary.csv has no column %q", where, k)
			} else if row[i] != want {
				t.Errorf("%s: summary.csv says %s=%s for %s, the guide %s", where, k, row[i], name, want)
			}
		}
		return
	}
	t.Errorf("%s: summary.csv has no row for %s", where, name)
}

// runFolders matches the time in the name of a run folder, which the
// guide's output shows as YYYY-MM-DDThh-mm-ss.
var runFolders = regexp.MustCompile(`(results/runs/)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}`)

// havePython reports whether python3 is on the PATH: without it, the
// guide's Python agent is not run.
func havePython() bool {
	_, err := exec.LookPath("python3")
	return err == nil
}

// cloneURL is the repository the guide clones.
const cloneURL = "https://github.com/winwin-sim/winwin"

// copyCheckout copies the files of the checkout at root to dir, as a clone
// would have them: without .git and run folders.
func copyCheckout(root, dir string) error {
	return filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || rel == filepath.Join("results", "runs") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
}

// goEnv is the environment of every command: the go tool works offline,
// from the module cache, and never switches toolchains.
func goEnv() []string {
	return append(os.Environ(),
		"GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"),
		"GOPROXY=off", "GOSUMDB=off", "GOWORK=off", "GOTOOLCHAIN=local", "NO_COLOR=1")
}

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// winwinBinary builds the winwin command from this checkout, once.
func winwinBinary(t *testing.T) string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "winwin-guide-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "winwin")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/winwin")
		cmd.Dir = repoRoot(t)
		cmd.Env = goEnv()
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/winwin: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// normalize drops trailing spaces and blank lines, which Markdown does not
// show.
func normalize(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		b.WriteString(strings.TrimRight(line, " \t\r\n"))
		b.WriteByte('\n')
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n\tshown: %q\n\treal:  %q", i+1, wl, gl)
		}
	}
	return "(they differ only in line endings)"
}

// The parser and the section finder, on small inputs.
func TestParseBlocks(t *testing.T) {
	src := "# T\n\n<!-- file: a/b.go -->\n```go\npackage b\n```\n\ntext\n```sh\nwinwin help\n```\n<!-- output -->\n```text\nhi\n```\n"
	bs, err := parseBlocks(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range bs {
		got = append(got, fmt.Sprintf("%s|%s|%q|%d", b.lang, b.directive, b.body, b.line))
		if src[b.start:b.end] != b.body {
			t.Errorf("offsets of block at line %d do not match its body", b.line)
		}
	}
	want := []string{`go|file: a/b.go|"package b\n"|4`, `sh||"winwin help\n"|9`, `text|output|"hi\n"|13`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := parseBlocks("```go\nx\n"); err == nil {
		t.Error("an unclosed block is not an error")
	}
	readme := "# winwin\n\nintro\n\n" + guideHeading + "\n\nbody\n### sub\n\nmore\n\n## Next\n\nother\n"
	sec, ok := guideSection(readme)
	if !ok || sec != guideHeading+"\n\nbody\n### sub\n\nmore\n\n" {
		t.Errorf("guideSection = %q, %v", sec, ok)
	}
}
