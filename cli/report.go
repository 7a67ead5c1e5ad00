package cli

import (
	"context"
	"fmt"

	"github.com/winwin-sim/winwin/report"
)

func reportCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "report", "RUN_DIR", "Write (again) the run folder's report.html from its files: the manifest,\n"+
		"the tables, the charts and the sampled transcripts. Open it in any browser, offline.")
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
	path, err := report.Generate(pos[0])
	if err != nil {
		return usageError{err}
	}
	fmt.Fprintf(env.Stdout, "Report: %s\n", path)
	return nil
}
