package sitetest

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	files := Parse("a comment\n-- site.toml --\ntitle = \"t\"\n-- content/suggestions/2019/001.md --\n+++\nnumber = \"2019-001\"\n+++\n\nbody\n-- empty.txt --\n")
	want := map[string]string{
		"site.toml":                       "title = \"t\"\n",
		"content/suggestions/2019/001.md": "+++\nnumber = \"2019-001\"\n+++\n\nbody\n",
		"empty.txt":                       "",
	}
	if len(files) != len(want) {
		t.Errorf("%d files, want %d", len(files), len(want))
	}
	for name, text := range want {
		if f := files[name]; f == nil || string(f.Data) != text {
			t.Errorf("%s: %v, want %q", name, f, text)
		}
	}
}

func TestWith(t *testing.T) {
	base := fstest.MapFS{"a.txt": {Data: []byte("a")}, "d/b.txt": {Data: []byte("b")}}
	fsys := With(t, base, "-- d/b.txt --\nB\n-- c.txt --\nc\n")
	for name, want := range map[string]string{"a.txt": "a", "d/b.txt": "B\n", "c.txt": "c\n"} {
		if data, err := fs.ReadFile(fsys, name); err != nil || string(data) != want {
			t.Errorf("%s: %q %v, want %q", name, data, err, want)
		}
	}
}
