package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"rdjy.local/portal/generator/internal/sitetest"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestModesWhateverTheUmask: with umask 077 the output was 0600/0700 and a
// web server running as another user could not read it; the modes are set
// explicitly.
func TestModesWhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	must(t, err)
}

// TestNamesOnTraditionalPages: deputies' and units' names keep their
// surnames and given names on the Traditional pages and in their search
// index (OpenCC's phrases made 于海涛 於海濤, 范伟 範偉, 郭台铭 郭臺銘,
// 沈阳 瀋陽, 谷雨 穀雨, 蔡斗 蔡鬥), and the demo's surnames stay
// themselves.
func TestNamesOnTraditionalPages(t *testing.T) {
	site := copySite(t)
	file := filepath.Join(site, "content/suggestions/2019/001.md")
	data, err := os.ReadFile(file)
	must(t, err)
	text := strings.Replace(string(data), `deputies = ["郭宇清", "附议甲"]`,
		`deputies = ["于海涛", "范伟", "郭台铭", "沈阳", "谷雨", "蔡斗", "岳志成", "万志宏", "叶红"]`, 1)
	text = strings.Replace(text, `co_units = ["区财政局"]`, `co_units = ["于庄街道办事处"]`, 1)
	text += "\n于海涛代表与范伟代表联名提出。\n"
	must(t, os.WriteFile(file, []byte(text), 0o644))
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: site, Dest: dest})
	out := sitetest.ReadTree(t, dest)
	page, index := out["hant/suggestions/2019-001/index.html"], ""
	for name, text := range out {
		if strings.HasPrefix(name, "hant/data/search/r/") {
			index += text
		}
	}
	for _, want := range []string{"于海濤", "范偉", "郭台銘", "沈陽", "谷雨", "蔡斗", "岳志成", "萬志宏", "葉紅", "于莊街道辦事處", "于海濤代表與范偉代表聯名提出"} {
		if !strings.Contains(page, want) {
			t.Errorf("the Traditional page lacks %s", want)
		}
		if !strings.Contains(index, want) {
			t.Errorf("the Traditional search index lacks %s", want)
		}
	}
	for _, wrong := range []string{"於海濤", "範偉", "郭臺銘", "瀋陽", "穀雨", "蔡鬥", "嶽志成"} {
		if strings.Contains(page+index, wrong) {
			t.Errorf("%s on the Traditional pages", wrong)
		}
	}
}

// deniedFS refuses to list one folder, as a folder without read
// permission does (tests run as root, which reads every folder).
type deniedFS struct {
	fs.FS
	dir string
}

func (d deniedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == d.dir {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return fs.ReadDir(d.FS, name)
}

func (d deniedFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.FS, name) }
func (d deniedFS) ReadLink(name string) (string, error)   { return fs.ReadLink(d.FS, name) }

// TestUnreadableSuggestions: when content/suggestions cannot be read, the
// real cause is the one problem reported (it came last, after a bogus
// "no suggestion numbered" for every link of the report).
func TestUnreadableSuggestions(t *testing.T) {
	site := copySite(t)
	_, err := LoadFS(deniedFS{os.DirFS(site), "content/suggestions"}, Options{})
	if err == nil || err.Error() != "content/suggestions: cannot read the folder: permission denied (let the user running the generator read it: chmod -R a+rX content/suggestions)" {
		t.Errorf("permission denied: %v", err)
	}
	must(t, os.RemoveAll(filepath.Join(site, "content/suggestions")))
	_, err = Check(context.Background(), Options{Source: site})
	if err == nil || err.Error() != "content/suggestions: missing folder: the site keeps its suggestions in content/suggestions (create the folder and put one .md file per suggestion in it)" {
		t.Errorf("missing: %v", err)
	}
}

// TestUnknownUnitInAReport: a misspelt unit in a figure published 0; it is
// an error with the unit meant.
func TestUnknownUnitInAReport(t *testing.T) {
	site := copySite(t)
	report := filepath.Join(site, "content/reports/2019.md")
	data, err := os.ReadFile(report)
	must(t, err)
	must(t, os.WriteFile(report, append(data, "\n区住建委牵头{{count unit 区住建委}}件。\n"...), 0o644))
	_, err = Check(context.Background(), Options{Source: site})
	if err == nil || !strings.Contains(err.Error(), `unknown unit "区住建委": no suggestion names it as its lead or co-handling unit (did you mean 区住建局?)`) {
		t.Errorf("got %v", err)
	}
}

// TestNamesDifferingInCase: a static file whose name differs from a page's
// only in case (static/Index.html) would overwrite the page on Windows and
// macOS; it is refused like a file at the page's own address.
func TestNamesDifferingInCase(t *testing.T) {
	site := copySite(t)
	must(t, os.WriteFile(filepath.Join(site, "static/Index.html"), []byte("<p>mine</p>"), 0o644))
	_, err := Check(context.Background(), Options{Source: site})
	if err == nil || !strings.Contains(err.Error(), "static/Index.html: two files of the site would be written to Index.html (index.html where case does not count)") {
		t.Errorf("got %v", err)
	}
}
