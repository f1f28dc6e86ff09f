// Package preview is serve's live preview, in one place: the incremental
// engine and the server loop around it.
//
// Run (run.go) builds the site into memory, serves it with package serve,
// watches its sources with package watch and, after each batch of changes,
// builds again and tells open pages to reload.
//
// Engine (engine.go) is the incremental build. It runs the phases of
// package build (load → check → index → render) through build's exported
// Sources, Assemble and List, but keeps what it read: an edited suggestion
// is parsed again and every other one kept (content.Set), site.toml and the
// layouts stay in memory until they change (cache.go), and so do the static
// files. Its result is a Memory (memory.go): the file list of a build as a
// map whose files are made when first asked for, or at once when they could
// fail and the change is about them; it keeps the data files compressed
// (packed.go) and of the pages only their size and hash, making a page again
// each time it is served. The preview writes no file, and serves exactly
// what a build writes (the tests compare the two after every kind of edit).
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/serve"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/watch"
)

// Options configure Run.
type Options struct {
	Site   build.Options // Dest is not used: the preview is never written anywhere
	Stdout io.Writer     // what happens
	Stderr io.Writer     // problems

	// Watch adjusts the watcher; Root, Dirs, Files and Log are set by Run.
	Watch watch.Options
}

// Run previews the site on ln until ctx is done: it builds the site into
// memory, serves it, and builds again each batch of changes to content/,
// layouts/, static/ and site.toml. A failed build is printed and shown over
// every open page while the last good site keeps being served. Run writes
// no file. It returns once the server and the watcher have stopped.
func Run(ctx context.Context, ln net.Listener, opts Options) error {
	// Watch before the first build, so that edits made during it are seen.
	wo := opts.Watch
	wo.Root = opts.Site.Source
	wo.Dirs = source.Watched
	wo.Files = []string{source.Config}
	wo.Log = opts.Stderr
	if wo.Quiet == 0 {
		wo.Quiet = quiet
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	w, err := watch.Start(ctx, wo)
	if err != nil {
		return err
	}

	defer lessGarbage()()

	p := &previewer{opts: opts, preview: NewEngine(opts.Site)}
	// The search index gathers its lists a group at a time in a folder of
	// the system's temporary folder, as a build does in its output, rather
	// than all at once in memory; without one, in memory.
	if dir, err := os.MkdirTemp("", "portal-preview-"); err == nil {
		p.preview.Scratch = dir
		defer os.RemoveAll(dir)
	}
	start := time.Now()
	m, err := p.preview.Update(ctx, nil)
	if ctx.Err() != nil { // interrupted while building
		for range w.Changes() {
		}
		return nil
	}
	base, ok := p.preview.BasePath()
	if !ok { // site.toml has a problem: serve it where -base-url says
		base = "/"
		if strings.HasPrefix(opts.Site.BaseURL, "/") {
			base = opts.Site.BaseURL
		}
	}
	p.srv = serve.NewServer(base, p.renderFailed)
	if err != nil {
		p.fail(err)
	} else {
		p.show(ctx, m, nil)
		fmt.Fprintf(opts.Stdout, "built %d suggestions (%d drafts left out) in %s\n",
			len(m.Site.Suggestions), m.Site.Drafts, time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintf(opts.Stdout, "serving at http://%s%s (Ctrl-C to stop); watching %s for changes\n", ln.Addr(), base, sourceName(opts.Site.Source))

	hs := &http.Server{Handler: p.srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: idleTimeout}
	hs.RegisterOnShutdown(p.srv.Close)
	var wg sync.WaitGroup
	wg.Go(func() { p.follow(ctx, w.Changes()) })
	wg.Go(func() {
		<-ctx.Done()
		// Ctrl-C stops the preview within a second: requests still
		// running after half of one are cut.
		shutdown, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		if hs.Shutdown(shutdown) != nil {
			hs.Close()
		}
	})
	err = hs.Serve(ln)
	stop()
	wg.Wait()
	for range w.Changes() { // until the watcher has stopped
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// quiet is how long the preview waits after a change for the rest of its
// save: the events of one save (sed -i's temporary file and rename, vim's
// backup, write and delete, cp, a script's write) come within a tenth of a
// millisecond of each other, even on a busy machine, and every
// millisecond waited here is one more before the edited page shows.
const quiet = 10 * time.Millisecond

// idleTimeout is how long the preview keeps a connection no request is
// using: browsers open several and keep them, and a server that never
// closes them holds every one it was ever given.
var idleTimeout = time.Minute

func sourceName(source string) string {
	if source == "." || source == "" {
		return "the site"
	}
	return source
}

// previewer builds the site for the server.
type previewer struct {
	opts    Options
	srv     *serve.Server
	preview *Engine
	warm    context.CancelFunc // stops warming the last site
	mu      sync.Mutex         // one report at a time
}

// follow builds the site again for each batch of changes until ctx is done.
func (p *previewer) follow(ctx context.Context, changes <-chan []string) {
	for {
		select {
		case <-ctx.Done():
			return
		case batch, ok := <-changes:
			if !ok {
				return
			}
			start := time.Now()
			if p.build(ctx, batch) {
				fmt.Fprintf(p.opts.Stdout, "rebuilt in %s: %s\n", time.Since(start).Round(time.Millisecond), summary(batch))
			}
		}
	}
}

// build builds after the changes and shows the result; it reports whether
// the site built.
func (p *previewer) build(ctx context.Context, changed []string) bool {
	if p.warm != nil {
		p.warm() // its pages belong to the old site
	}
	m, err := p.preview.Update(ctx, changed)
	if ctx.Err() != nil {
		return false
	}
	if err != nil {
		p.fail(err)
		return false
	}
	p.show(ctx, m, changed)
	return true
}

// warmAfter is how long edits must pause before the preview makes the
// pages nobody asked for yet (seconds of work on a large site), so that it
// does not compete with the next rebuild while the webmaster saves often.
const warmAfter = time.Second

// show serves m, a complete site, and once edits pause makes its remaining
// pages ahead of the browser, one at a time.
func (p *previewer) show(ctx context.Context, m *Memory, changed []string) {
	p.srv.Show(m, m.Site.Config.BasePath(), onlyCSS(changed))
	warm, cancel := context.WithCancel(ctx)
	p.warm = cancel
	go func() {
		select {
		case <-warm.Done():
			return
		case <-time.After(warmAfter):
		}
		if err := m.Warm(warm); err != nil {
			p.renderFailed(err)
		} else if warm.Err() == nil {
			// Making every page left garbage of hundreds of megabytes on
			// a large site: give it back to the system now that the
			// preview waits for the next edit.
			debug.FreeOSMemory()
		}
	}()
}

// gcPercent is the collector's GOGC while the preview runs, unless the
// environment sets GOGC: a preview spends most of its time waiting, and
// each rebuild leaves garbage about the size of what it keeps; with Go's
// default of 100 the process would hold twice its live heap between
// collections (about 300 MB at 10,000 suggestions), with 50 one and a half.
const gcPercent = 50

// lessGarbage sets the collector's GOGC for the preview and returns what
// restores it.
func lessGarbage() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(gcPercent)
	return func() { debug.SetGCPercent(old) }
}

// fail prints a failed build and shows it on every open page.
func (p *previewer) fail(err error) {
	var b strings.Builder
	diag.Print(&b, err, "")
	text := b.String()
	p.mu.Lock()
	fmt.Fprint(p.opts.Stderr, text)
	fmt.Fprintln(p.opts.Stderr, "The preview keeps showing the last good site until this is fixed.")
	p.mu.Unlock()
	p.srv.Fail(text)
}

// renderFailed is told when a page of a site already shown fails to render.
func (p *previewer) renderFailed(err error) {
	if !p.srv.Broken() {
		p.fail(err)
	}
}

// onlyCSS reports whether every change is to a stylesheet in static/.
func onlyCSS(changed []string) bool {
	for _, c := range changed {
		if !strings.HasPrefix(c, source.StaticDir+"/") || !strings.HasSuffix(c, ".css") {
			return false
		}
	}
	return len(changed) > 0
}

// summary names the changes, or counts them when there are many.
func summary(changed []string) string {
	switch {
	case len(changed) == 1:
		return changed[0] + " changed"
	case len(changed) <= 3:
		return strings.Join(changed, ", ") + " changed"
	}
	return fmt.Sprintf("%d files and folders changed", len(changed))
}
