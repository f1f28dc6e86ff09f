package content

import (
	"context"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"rdjy.local/portal/generator/internal/config/configtest"
)

// openCounter counts how often each file is opened through it. Files are
// read on parallel workers, so the order of the openings means nothing.
type openCounter struct {
	fstest.MapFS
	mu     sync.Mutex
	opened map[string]int
}

func (c *openCounter) Open(name string) (fs.File, error) {
	f, err := c.MapFS.Open(name)
	if err == nil && !strings.HasSuffix(name, "/") {
		if fi, _ := f.Stat(); fi != nil && !fi.IsDir() {
			c.mu.Lock()
			if c.opened == nil {
				c.opened = map[string]int{}
			}
			c.opened[name]++
			c.mu.Unlock()
		}
	}
	return f, err
}

func (c *openCounter) ReadFile(name string) ([]byte, error) {
	return fs.ReadFile(struct{ fs.FS }{c}, name)
}

// read lists the files opened, sorted, and those opened more than once.
func (c *openCounter) read() (files, twice []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for name, n := range c.opened {
		files = append(files, name)
		if n > 1 {
			twice = append(twice, name)
		}
	}
	slices.Sort(files)
	slices.Sort(twice)
	return files, twice
}

// numbered is the valid suggestion with another number.
func numbered(n string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.Replace(valid, `"2019-001"`, `"`+n+`"`, 1))}
}

func TestSetUpdate(t *testing.T) {
	site := configtest.Site(t)
	base := func() fstest.MapFS {
		return fstest.MapFS{
			"content/suggestions/2019/001.md":   numbered("2019-001"),
			"content/suggestions/2019/002.md":   numbered("2019-002"),
			"content/suggestions/2020/a/001.md": numbered("2020-001"),
			"content/suggestions/2020/b/002.md": numbered("2020-002"),
		}
	}
	cases := []struct {
		name    string
		edit    func(fstest.MapFS)
		changed []string
		want    string // the numbers after the update
		reread  string // the files read again, sorted, each once
		err     string // in the problems after the update
	}{
		{
			name:    "a file is edited",
			edit:    func(m fstest.MapFS) { m["content/suggestions/2019/002.md"] = numbered("2019-102") },
			changed: []string{"content/suggestions/2019/002.md"},
			want:    "2019-001 2019-102 2020-001 2020-002", reread: "content/suggestions/2019/002.md",
		},
		{
			name:    "a file is removed",
			edit:    func(m fstest.MapFS) { delete(m, "content/suggestions/2019/002.md") },
			changed: []string{"content/suggestions/2019/002.md"},
			want:    "2019-001 2020-001 2020-002",
		},
		{
			name: "a folder is renamed",
			edit: func(m fstest.MapFS) {
				m["content/suggestions/2021/a/001.md"] = m["content/suggestions/2020/a/001.md"]
				delete(m, "content/suggestions/2020/a/001.md")
			},
			changed: []string{"content/suggestions/2020/a", "content/suggestions/2021/a"},
			want:    "2019-001 2019-002 2020-002 2020-001", // by file name
			reread:  "content/suggestions/2021/a/001.md",
		},
		{
			name: "a folder of files is copied in, with an editor's hidden files",
			edit: func(m fstest.MapFS) {
				m["content/suggestions/2022/001.md"] = numbered("2022-001")
				m["content/suggestions/2022/.001.md.swp"] = numbered("2022-009")
				m["content/suggestions/2022/.git/x.md"] = numbered("2022-008")
			},
			changed: []string{"content/suggestions/2022", "content/suggestions/2022/001.md"},
			want:    "2019-001 2019-002 2020-001 2020-002 2022-001", reread: "content/suggestions/2022/001.md",
		},
		{
			name:    "a file becomes a duplicate of an unchanged one",
			edit:    func(m fstest.MapFS) { m["content/suggestions/2019/002.md"] = numbered("2019-001") },
			changed: []string{"content/suggestions/2019/002.md"},
			want:    "2019-001 2019-001 2020-001 2020-002", reread: "content/suggestions/2019/002.md",
			err: `duplicate number "2019-001"`,
		},
		{
			name:    "a change outside the suggestions",
			edit:    func(m fstest.MapFS) { m["content/reports/2019.md"] = &fstest.MapFile{Data: []byte("x")} },
			changed: []string{"content/reports/2019.md", "layouts/home.html"},
			want:    "2019-001 2019-002 2020-001 2020-002",
		},
		{
			name:    "the whole folder is replaced",
			edit:    func(m fstest.MapFS) { delete(m, "content/suggestions/2019/001.md") },
			changed: []string{"content"},
			want:    "2019-002 2020-001 2020-002",
			reread:  "content/suggestions/2019/002.md content/suggestions/2020/a/001.md content/suggestions/2020/b/002.md",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := base()
			before := LoadSet(m, site)
			c.edit(m)
			fsys := &openCounter{MapFS: m}
			after := before.Update(context.Background(), fsys, c.changed)
			sgs, errs := after.Suggestions()
			var got []string
			for _, sg := range sgs {
				got = append(got, sg.Number)
			}
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("suggestions %s, want %s", g, c.want)
			}
			read, twice := fsys.read()
			if g := strings.Join(read, " "); g != c.reread {
				t.Errorf("read %q, want %q", g, c.reread)
			}
			if len(twice) > 0 {
				t.Errorf("read more than once: %q", twice)
			}
			if (c.err == "") != (len(errs) == 0) || !strings.Contains(errs.Error(), c.err) {
				t.Errorf("problems %v, want %q", errs, c.err)
			}
			// Unchanged files keep their suggestion, so their pages can be kept.
			old, _ := before.Suggestions()
			for _, o := range old {
				for _, n := range sgs {
					if o.File == n.File && o != n && !strings.Contains(c.reread, n.File) {
						t.Errorf("%s was not read again but is a new suggestion", n.File)
					}
				}
			}
		})
	}
}

func TestSetRecoversAMissingFolder(t *testing.T) {
	m := fstest.MapFS{"site.toml": &fstest.MapFile{}}
	s := LoadSet(m, configtest.Site(t))
	if _, errs := s.Suggestions(); len(errs) != 1 || !strings.Contains(errs.Error(), "missing folder") {
		t.Fatalf("problems %v", errs)
	}
	m["content/suggestions/001.md"] = numbered("2019-001")
	if sgs, errs := s.Update(context.Background(), m, []string{"content/suggestions/001.md"}).Suggestions(); len(sgs) != 1 || len(errs) > 0 {
		t.Errorf("after the folder was made: %d suggestions, %v", len(sgs), errs)
	}
}
