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
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.WithIO(os.Stdin, os.Stdout, os.Stderr, term.IsTerminal(int(os.Stderr.Fd()))))
	stop()
	os.Exit(code)
}
