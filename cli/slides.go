package cli

import (
	"context"
	"fmt"

	"github.com/winwin-sim/winwin/report"
)

func slidesCmd(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "slides", "RUN_DIR", "Write the run folder's slides.html: a 16:9 deck for a ten-minute debrief of the run\n"+
		"(the question, the field, one deal against the relationship, a scene per tactic, win-win\n"+
		"against deals kept, the article's five points). One file, offline; arrow keys or space\n"+
		"step through it, and it prints one slide a page.")
	arg, err := parseOne(fs, args, "run folder")
	if err != nil {
		return err
	}
	path, err := report.GenerateSlides(arg)
	if err != nil {
		return usageError{err}
	}
	fmt.Fprintf(env.Stdout, "Slides: %s\n", path)
	return nil
}
