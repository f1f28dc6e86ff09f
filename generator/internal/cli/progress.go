package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"rdjy.local/portal/generator/internal/publish"
)

// progress shows how a long publish goes: on a terminal, one line redrawn
// in place; otherwise a plain line when a phase starts, and at each tenth
// of it once the last line is two seconds old.
type progress struct {
	w     io.Writer
	tty   bool
	phase publish.Phase
	shown time.Time
	tenth int
	open  bool // a redrawn line is on the screen
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, tty: ok && isTerminal(f)}
}

func (p *progress) show(pr publish.Progress) {
	if pr.Of == 0 {
		return
	}
	if pr.Phase != p.phase {
		p.end()
		p.phase, p.tenth, p.shown = pr.Phase, 0, time.Time{}
		if !p.tty {
			fmt.Fprintf(p.w, "%s %d files%s\n", pr.Phase, pr.Of, sizeNote(pr.OfBy))
			p.shown = time.Now()
		}
	}
	if p.tty {
		if time.Since(p.shown) < 100*time.Millisecond && pr.Files < pr.Of {
			return
		}
		p.shown = time.Now()
		fmt.Fprintf(p.w, "\r\033[K%s %d/%d files%s", pr.Phase, pr.Files, pr.Of, bytesNote(pr))
		p.open = true
		return
	}
	if tenth := pr.Files * 10 / pr.Of; tenth > p.tenth && time.Since(p.shown) >= 2*time.Second {
		p.tenth, p.shown = tenth, time.Now()
		fmt.Fprintf(p.w, "%s: %d%% (%d/%d files%s)\n", pr.Phase, tenth*10, pr.Files, pr.Of, bytesNote(pr))
	}
}

// end finishes a redrawn line.
func (p *progress) end() {
	if p.open {
		fmt.Fprintln(p.w)
		p.open = false
	}
}

func sizeNote(n int64) string {
	if n == 0 {
		return ""
	}
	return ", " + publish.Size(n)
}

func bytesNote(pr publish.Progress) string {
	if pr.OfBy == 0 {
		return ""
	}
	return fmt.Sprintf(", %s of %s", publish.Size(pr.Bytes), publish.Size(pr.OfBy))
}
