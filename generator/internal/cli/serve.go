package cli

import (
	"context"
	"fmt"
	"io"
	"net"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/preview"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := newFlags("serve", "Build the site into memory and preview it, rebuilding as its files change, until\n"+
		"interrupted (Ctrl-C). Open pages reload by themselves. Nothing is written to disk.\n"+
		"It listens on this computer only unless -addr says otherwise.", stderr)
	siteFlags(fs, &opts, false)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this `host:port`; use 0.0.0.0:8080 to let other computers see the preview")
	var prof profiles
	prof.flags(fs)
	if status, ok := parse(fs, args); !ok {
		return status
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return UsageError
	}
	if err := prof.start(); err != nil {
		ln.Close()
		fmt.Fprintln(stderr, err)
		return UsageError
	}
	err = preview.Run(ctx, ln, preview.Options{
		Site: opts, Stdout: stdout, Stderr: stderr,
	})
	if err := prof.finish(); err != nil {
		fmt.Fprintln(stderr, err)
	}
	if err != nil {
		diag.Print(stderr, err, "")
		return ContentError
	}
	return OK
}
