package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/winwin-sim/winwin/class"
	"github.com/winwin-sim/winwin/results"
)

// classReport writes the class report of a folder of saved role-play
// sessions (winwin play --save) and says so; handled is false when dir is
// a run folder (it has a manifest), for the run's report.
func classReport(env *Env, dir string) (handled bool, err error) {
	if _, err := os.Stat(filepath.Join(dir, results.ManifestFile)); err == nil || !errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	c, err := class.Load(dir)
	if err != nil {
		return true, usageError{fmt.Errorf("%w (or is %s a run folder without its manifest.json?)", err, dir)}
	}
	path, err := c.WriteFile()
	if err != nil {
		return true, err
	}
	fmt.Fprintf(env.Stdout, "%sClass report: %s\n", c.Summary(), path)
	return true, nil
}
