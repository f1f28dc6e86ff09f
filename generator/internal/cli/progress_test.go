package cli

import (
	"bytes"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/publish"
)

func TestProgress(t *testing.T) {
	steps := func(p *progress) {
		for i := 0; i <= 20; i++ {
			p.show(publish.Progress{Phase: publish.Uploading, Files: i, Of: 20, Bytes: int64(i) * 1000, OfBy: 20000})
		}
		p.show(publish.Progress{Phase: publish.Placing, Files: 0, Of: 20})
		p.end()
	}
	var plain bytes.Buffer
	steps(newProgress(&plain)) // not a terminal
	if got := plain.String(); got != "uploading 20 files, 20.0 kB\nplacing 20 files\n" {
		t.Errorf("plain lines:\n%q", got)
	}
	var tty bytes.Buffer
	steps(&progress{w: &tty, tty: true})
	got := tty.String()
	if !strings.Contains(got, "\r\033[Kuploading 20/20 files, 20.0 kB of 20.0 kB\n") || !strings.HasSuffix(got, "\r\033[Kplacing 0/20 files\n") {
		t.Errorf("on a terminal:\n%q", got)
	}
}
