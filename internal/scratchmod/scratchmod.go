// Package scratchmod points a scratch Go module (one a test writes, such as
// the agent `winwin new-agent` scaffolds or the module the agent guide
// builds) at this checkout of winwin, so that the go tool can build it
// offline from what building winwin itself downloaded.
//
// `go mod tidy` cannot do that: it wants the go.mod files and test
// dependencies of the whole module graph (winwin's plotting dependencies
// include modules that declare go 1.15, so the graph is not pruned), which a
// build of winwin never downloads. Pin instead gives the scratch module
// winwin's own requirements and checksums, which is what tidy would have
// found for a module that imports only winwin packages.
package scratchmod

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ModulePath is winwin's module path.
const ModulePath = "github.com/winwin-sim/winwin"

// Pin makes the module in dir require winwin, replaced by the checkout at
// root, together with every requirement of winwin's go.mod, and copies
// winwin's go.sum beside it. env is the environment of the go commands it
// runs (nil: the process's own).
func Pin(dir, root string, env []string) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return fmt.Errorf("scratchmod: %w", err)
	}
	reqs, err := requirements(root, env)
	if err != nil {
		return err
	}
	args := []string{"mod", "edit",
		"-require=" + ModulePath + "@v0.0.0-00010101000000-000000000000",
		"-replace=" + ModulePath + "=" + root}
	for _, r := range reqs {
		args = append(args, "-require="+r.Path+"@"+r.Version)
	}
	if err := goCmd(dir, env, nil, args...); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return fmt.Errorf("scratchmod: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		return fmt.Errorf("scratchmod: %w", err)
	}
	return nil
}

type requirement struct{ Path, Version string }

// requirements reads the require directives of the go.mod at root.
func requirements(root string, env []string) ([]requirement, error) {
	var out bytes.Buffer
	if err := goCmd(root, env, &out, "mod", "edit", "-json"); err != nil {
		return nil, err
	}
	var mod struct{ Require []requirement }
	if err := json.Unmarshal(out.Bytes(), &mod); err != nil {
		return nil, fmt.Errorf("scratchmod: reading %s/go.mod: %w", root, err)
	}
	return mod.Require, nil
}

func goCmd(dir string, env []string, stdout *bytes.Buffer, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if stdout != nil {
		cmd.Stdout = stdout
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("scratchmod: go %v in %s: %w\n%s", args, dir, err, stderr.Bytes())
	}
	return nil
}
