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
	arg, err := parseOne(fs, args, "run folder")
	if err != nil {
		return err
	}
	if isSweepFolder(arg) {
		return usagef("%s is a sweep folder: the sweep wrote its report.html (winwin run on its config.toml writes it again)", arg)
	}
	if handled, err := classReport(env, arg); handled {
		return err
	}
	path, err := report.Generate(arg)
	if err != nil {
		return usageError{err}
	}
	fmt.Fprintf(env.Stdout, "Report: %s\n", path)
	return nil
}
