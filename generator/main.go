// Command generator builds the public portal of deputies' suggestions from
// site.toml, content/, layouts/ and static/. Run it with "help" for usage.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"rdjy.local/portal/generator/internal/cli"
)

// grace is how long a command may take to stop after Ctrl-C. The commands
// stop sooner by themselves; this makes it a promise, whatever they are
// doing. Exiting at any point is safe: a build swaps its output in one
// step, and the next build removes what an interrupted one left.
const grace = time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	done := make(chan int, 1)
	go func() { done <- cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr) }()
	var code int
	select {
	case code = <-done:
	case <-ctx.Done():
		select {
		case code = <-done:
		case <-time.After(grace):
			fmt.Fprintln(os.Stderr, "interrupted")
			code = cli.ContentError
		}
	}
	stop()
	os.Exit(code)
}
