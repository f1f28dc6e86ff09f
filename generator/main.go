// Command generator builds the public portal of deputies' suggestions from
// site.toml, content/, layouts/ and static/. Run it with "help" for usage.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"rdjy.local/portal/generator/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
