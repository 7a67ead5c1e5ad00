package cli

import (
	"context"
	"fmt"

	"github.com/winwin-sim/winwin/report"
)

func reportCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "report", "RUN_DIR | SESSIONS_DIR", "Write (again) the run folder's report.html from its files: the manifest,\n"+
		"the tables, the charts and the sampled transcripts. Open it in any browser, offline.\n"+
		"Given a folder of role-play sessions (winwin play --save DIR/NAME.json), write DIR/class.html:\n"+
		"the class's deals on the outcome space, the spread of prices, who anchored and who walked away.")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return usagef("want one run folder, got %d arguments", len(pos))
	}
	if isSweepFolder(pos[0]) {
		return usagef("%s is a sweep folder: the sweep wrote its report.html (winwin run on its config.toml writes it again)", pos[0])
	}
	if handled, err := classReport(env, pos[0]); handled {
		return err
	}
	path, err := report.Generate(pos[0])
	if err != nil {
		return usageError{err}
	}
	fmt.Fprintf(env.Stdout, "Report: %s\n", path)
	return nil
}
