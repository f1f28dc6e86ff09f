package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := newFlags("serve", "Build the site, then serve -dest for previewing until interrupted (Ctrl-C).\nIt listens on this computer only unless -addr says otherwise.", stderr)
	siteFlags(fs, &opts)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this `host:port`; use 0.0.0.0:8080 to let other computers see the preview")
	if status, ok := parse(fs, args); !ok {
		return status
	}
	defaultDest(&opts)
	res, err := build.Build(ctx, opts)
	if err != nil {
		return report(stderr, err, true)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return UsageError
	}
	base := res.BasePath
	fmt.Fprintf(stdout, "built %d suggestions in %s\nserving %s at http://%s%s (Ctrl-C to stop)\n",
		res.Suggestions, res.Elapsed.Round(time.Millisecond), opts.Dest, ln.Addr(), base)
	srv := &http.Server{Handler: serve.Handler(opts.Dest, base), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "error:", err)
		return ContentError
	}
	return OK
}
