// Command winwin runs negotiation tournaments and shows how win-win play
// pays over repeat business. Run it with no arguments for the classic
// tournament; `winwin help` lists the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/winwin-sim/winwin/cli"
	"github.com/winwin-sim/winwin/internal/heapfloor"
)

func main() {
	// A heap floor of 32 MiB: a run's live heap is often a few MiB while
	// it allocates hundreds, and the collector's cycles would then come
	// every few MiB, each costlier the more cores the run uses. GOGC or
	// GOMEMLIMIT in the environment turn it off (docs/performance.md#the-collector).
	floor := heapfloor.New(32 << 20)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C stops the run and lets it write what finished; once
	// it has, signals act as usual again, so a second Ctrl-C ends winwin
	// at once (its agents end with it, and no manifest says complete).
	context.AfterFunc(ctx, stop)
	code := cli.Main(ctx, os.Args[1:], cli.WithIO(os.Stdin, os.Stdout, os.Stderr, term.IsTerminal(int(os.Stderr.Fd()))))
	stop()
	floor.Release()
	os.Exit(code)
}
