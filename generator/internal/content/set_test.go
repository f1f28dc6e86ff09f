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

// TestSetUpdateSharesChecksAcross follows a webmaster's edits through
// Updates, asking for the suggestions after each as the preview does: the
// checks across files are shared only while they find nothing and no edit
// touches a number, a deputy or a unit, and every problem is still found.
func TestSetUpdateSharesChecksAcross(t *testing.T) {
	site := configtest.Site(t)
	m := fstest.MapFS{
		"content/suggestions/2019/001.md": numbered("2019-001"),
		"content/suggestions/2019/002.md": numbered("2019-002"),
	}
	const file = "content/suggestions/2019/002.md"
	set := LoadSet(m, site)
	if _, errs := set.Suggestions(); len(errs) > 0 {
		t.Fatal(errs)
	}
	// Each edit writes a field's line of file anew; the others stay as
	// the edits before left them.
	lines := strings.Split(string(numbered("2019-002").Data), "\n")
	steps := []struct {
		name, field, line string
		shared            bool   // the checks are those of the set before
		err               string // the problems after the edit; "" for none
	}{
		{name: "a title", field: "title", line: `title = "改动后的标题"`, shared: true},
		{name: "a deputy", field: "deputies", line: `deputies = ["郭宇清"]`},
		{name: "a title again", field: "title", line: `title = "又一次改动"`, shared: true},
		{name: "a duplicate number", field: "number", line: `number = "2019-001"`, err: `content/suggestions/2019/002.md:2:1: number: duplicate number "2019-001"`},
		// The duplicate stays, a line lower: it is found again, at its new line.
		{name: "a line above the duplicate", field: "number", line: "\nnumber = \"2019-001\"", err: `content/suggestions/2019/002.md:3:1: number: duplicate number "2019-001"`},
		{name: "a title while the duplicate stays", field: "title", line: `title = "标题"`, err: `content/suggestions/2019/002.md:3:1: number: duplicate number "2019-001"`},
		{name: "the number mended", field: "number", line: `number = "2019-002"`},
		{name: "a title once mended", field: "title", line: `title = "标题二"`, shared: true},
		{name: "a unit", field: "lead_unit", line: `lead_unit = "区财政局"`},
		{name: "a co-unit", field: "co_units", line: `co_units = []`},
		{name: "a date", field: "replied", line: `replied = 2019-06-21`, shared: true},
	}
	for _, s := range steps {
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimPrefix(l, "\n"), s.field+" =") {
				lines[i] = s.line
			}
		}
		m[file] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
		next := set.Update(context.Background(), m, []string{file})
		_, errs := next.Suggestions()
		if got := next.across == set.across; got != s.shared {
			t.Errorf("%s: checks shared %v, want %v", s.name, got, s.shared)
		}
		got := ""
		if len(errs) > 0 {
			got = errs.Error()
		}
		if s.err == "" && got != "" || s.err != "" && !strings.HasPrefix(got, s.err) {
			t.Errorf("%s: problems %q, want %q", s.name, got, s.err)
		}
		set = next
	}
}
