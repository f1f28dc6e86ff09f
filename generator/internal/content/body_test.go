package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
)

// A build loads the suggestions without their bodies and reads each body
// again from its file: it must be the body Parse gives, in every
// disclosure mode and with the file's byte order mark and CRLF line
// endings, and a file changed since the load must be refused.
func TestReadBodyIsParsedBody(t *testing.T) {
	site := configtest.Site(t)
	files := map[string]string{
		"full.md":     disclosed(t, "published = 2019-06-28\n", threeSections),
		"summary.md":  disclosed(t, "published = 2019-06-28\ndisclosure = \"摘要\"\n", threeSections),
		"withheld.md": disclosed(t, "published = 2019-06-28\ndisclosure = \"不公开\"\ndisclosure_reason = \"答复涉及国家秘密，不予公开\"\n", strings.Replace(threeSections, "## 答复摘要\n\n已拨付资金，年内完成改造。\n", "", 1)),
		"crlf.md":     "\xef\xbb\xbf" + strings.ReplaceAll(disclosed(t, "published = 2019-06-28\n", threeSections), "\n", "\r\n"),
	}
	fsys := fstest.MapFS{}
	n := 0
	for name, text := range files {
		n++
		text = strings.Replace(text, `"2019-001"`, `"2019-00`+string(rune('0'+n))+`"`, 1)
		fsys[Dir+"/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	kept, errs := Load(fsys, site)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	dropped, errs := LoadContext(context.Background(), fsys, site)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for i, sg := range dropped {
		want := kept[i]
		if sg.Body != nil {
			t.Errorf("%s: the body is held after the load", sg.File)
		}
		got, err := sg.ReadBody()
		if err != nil {
			t.Fatalf("%s: %v", sg.File, err)
		}
		if !bytes.Equal(got, want.Body) || (got == nil) != (want.Body == nil) {
			t.Errorf("%s: read again\n%q\nparsed\n%q", sg.File, got, want.Body)
		}
		if !bytes.Equal(sg.Summary, want.Summary) || sg.SummaryLine != want.SummaryLine {
			t.Errorf("%s: summary %q line %d, want %q line %d", sg.File, sg.Summary, sg.SummaryLine, want.Summary, want.SummaryLine)
		}
	}

	// The same size, another text: the hash tells.
	f := fsys[Dir+"/full.md"]
	f.Data = bytes.Replace(f.Data, []byte("年内完成"), []byte("明年完成"), 1)
	for _, sg := range dropped {
		_, err := sg.ReadBody()
		if changed := sg.File == Dir+"/full.md"; changed != errors.Is(err, ErrChanged) {
			t.Errorf("%s: error %v", sg.File, err)
		} else if changed && !strings.Contains(err.Error(), sg.File) {
			t.Errorf("the error does not name the file: %v", err)
		}
	}
	delete(fsys, Dir+"/summary.md")
	for _, sg := range dropped {
		if _, err := sg.ReadBody(); sg.File == Dir+"/summary.md" && err == nil {
			t.Errorf("%s: no error once the file is gone", sg.File)
		}
	}
}

// A summary taken from the body's 答复摘要 section must not keep the file
// it was read from once the body is left out: a site of long replies
// would otherwise stay in memory whole.
func TestDroppedBodyKeepsNoFile(t *testing.T) {
	site := configtest.Site(t)
	const files, size = 40, 256 << 10
	long := "\n## 办理答复\n\n" + strings.Repeat("经研究，区财政已拨付专项资金，年内完成改造。\n\n", size/70)
	dropped, grown := loadHeld(t, site, files, func(text string) string { return text + long })
	if len(dropped) != files || string(dropped[0].Summary) != "已拨付资金，年内完成改造。" {
		t.Fatalf("%d suggestions, the first's summary %q", len(dropped), dropped[0].Summary)
	}
	// The files hold 10 MB; what is kept of them is a few KB each.
	if grown > files*size/4 {
		t.Errorf("the loaded suggestions hold %d KB, for %d files of %d KB whose bodies were left out", grown>>10, files, size>>10)
	}
	runtime.KeepAlive(dropped)
}

// Nor may the fields read from the front matter keep its whole text: the
// TOML decoder's strings are parts of it, and a title kept as it is kept
// the rest, comments included (about 500 bytes a suggestion).
func TestFrontMatterKeptInPieces(t *testing.T) {
	site := configtest.Site(t)
	const files, size = 40, 64 << 10
	comment := "# " + strings.Repeat("备注", size/6) + "\n"
	loaded, grown := loadHeld(t, site, files, func(text string) string {
		return strings.Replace(text, "+++\n", "+++\n"+comment, 1)
	})
	if len(loaded) != files || loaded[0].Title == "" {
		t.Fatalf("%d suggestions, the first titled %q", len(loaded), loaded[0].Title)
	}
	if grown > files*size/4 {
		t.Errorf("the loaded suggestions hold %d KB, for %d front matters of %d KB", grown>>10, files, size>>10)
	}
	// The names every suggestion repeats are one string.
	a, b := loaded[0], loaded[files-1]
	for _, pair := range [][2]string{{a.Deputies[0], b.Deputies[0]}, {a.LeadUnit, b.LeadUnit}, {a.Category, b.Category}} {
		if pair[0] != pair[1] || unsafe.StringData(pair[0]) != unsafe.StringData(pair[1]) {
			t.Errorf("%q and %q are not one string", pair[0], pair[1])
		}
	}
	runtime.KeepAlive(loaded)
}

// loadHeld loads files suggestions, each the test suggestion with three
// sections changed by edit, as a build does, and returns them with the
// bytes they hold once loaded.
func loadHeld(t *testing.T, site *config.Site, files int, edit func(string) string) ([]*Suggestion, int) {
	t.Helper()
	fsys := fstest.MapFS{}
	for i := range files {
		text := edit(disclosed(t, "published = 2019-06-28\n", threeSections))
		text = strings.Replace(text, `"2019-001"`, fmt.Sprintf(`"2019-%03d"`, i+1), 1)
		fsys[fmt.Sprintf("%s/s%03d.md", Dir, i)] = &fstest.MapFile{Data: []byte(text)}
	}
	before := liveHeap()
	loaded, errs := LoadContext(context.Background(), fsys, site)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return loaded, liveHeap() - before
}

// liveHeap is what is live after a collection, in bytes.
func liveHeap() int {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return int(sample[0].Value.Uint64())
}
