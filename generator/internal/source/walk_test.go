package source

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"rdjy.local/portal/generator/internal/diag"
)

// hostileSite makes a site folder whose static/ holds every kind of entry a
// careless or hostile contributor can leave there, and a secret outside it.
func hostileSite(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	outside := filepath.Join(top, "outside")
	root := filepath.Join(top, "site")
	for _, d := range []string{outside + "/ssh", root + "/static/css", root + "/static/.git", root + "/assets/img", root + "/.hidden"} {
		must(t, os.MkdirAll(d, 0o755))
	}
	write := func(p, s string) { must(t, os.WriteFile(p, []byte(s), 0o644)) }
	write(outside+"/shadow", "root:secret")
	write(outside+"/ssh/id_rsa", "PRIVATE KEY")
	write(root+"/static/css/site.css", "body{}")
	write(root+"/static/.env", "TOKEN=x")
	write(root+"/static/.git/config", "token")
	write(root+"/static/site.css~", "old")
	write(root+"/static/site.css.bak", "old")
	write(root+"/static/.site.css.swp", "swap")
	write(root+"/static/#site.css#", "emacs")
	write(root+"/assets/img/logo.png", "PNG")
	write(root+"/assets/robots.txt", "User-agent: *")
	write(root+"/.hidden/token", "x")
	link := func(target, name string) { must(t, os.Symlink(target, filepath.Join(root, name))) }
	link(outside+"/shadow", "static/shadow")                       // absolute, out
	link(outside+"/ssh", "static/sshdir")                          // a folder, out
	link("../../outside/shadow", "static/relshadow")               // relative, out
	link("../assets/robots.txt", "static/robots.txt")              // a file inside
	link("../assets/img", "static/img")                            // a folder inside
	link("../.hidden/token", "static/token")                       // a hidden file inside
	link("nothing-here", "static/dangling")                        // nowhere
	link("..", "static/up")                                        // a loop
	link("img2", "static/img3")                                    // a link to a link …
	link("../static/../assets/img/../img/logo.png", "static/img2") // … inside
	must(t, syscall.Mkfifo(filepath.Join(root, "static/pipe.css"), 0o644))
	ln, err := net.Listen("unix", filepath.Join(root, "static/sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return root
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestWalkRefusesWhatIsNotTheSite(t *testing.T) {
	root := hostileSite(t)
	r, err := os.OpenRoot(root)
	must(t, err)
	defer r.Close()
	for name, fsys := range map[string]fs.FS{"DirFS": os.DirFS(root), "Root.FS": r.FS()} {
		t.Run(name, func(t *testing.T) {
			files, err := walkWithin(t, fsys, "static")
			var got []string
			for _, f := range files {
				got = append(got, f.Path+"="+f.Real)
			}
			want := "static/css/site.css=static/css/site.css static/img/logo.png=assets/img/logo.png " +
				"static/img2=assets/img/logo.png static/img3=assets/img/logo.png static/robots.txt=assets/robots.txt"
			if strings.Join(got, " ") != want {
				t.Errorf("files:\n got %s\nwant %s", strings.Join(got, " "), want)
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want the refused entries", err)
			}
			problems := map[string]string{}
			for _, e := range list {
				problems[e.Pos.File] = e.Msg + " (" + e.Hint + ")"
			}
			for file, msg := range map[string]string{
				"static/shadow":    `a symbolic link to "` + filepath.Dir(root) + `/outside/shadow", outside the site's folder`,
				"static/sshdir":    `a symbolic link to "` + filepath.Dir(root) + `/outside/ssh", outside the site's folder`,
				"static/relshadow": `a symbolic link to "../../outside/shadow", outside the site's folder`,
				"static/token":     `a symbolic link to ".hidden/token", a hidden or editor's file, which the site never publishes`,
				"static/dangling":  "a symbolic link to nothing: what it points to does not exist (delete the link",
				"static/up":        "a symbolic link to a folder that contains it",
				"static/pipe.css":  "a named pipe (FIFO), not a file: the site publishes only regular files",
				"static/sock":      "a socket, not a file",
			} {
				if !strings.Contains(problems[file], msg) {
					t.Errorf("%s: got %q, want %q", file, problems[file], msg)
				}
				delete(problems, file)
			}
			if len(problems) > 0 {
				t.Errorf("unexpected problems: %v", problems)
			}
			for _, f := range files {
				if strings.Contains(f.Path, "shadow") || strings.Contains(f.Path, "ssh") || strings.Contains(f.Path, "env") || strings.Contains(f.Path, "git") {
					t.Errorf("published %s", f.Path)
				}
			}
		})
	}
}

// walkWithin fails the test if Walk takes more than ten seconds, as it
// would if it opened a FIFO.
func walkWithin(t *testing.T, fsys fs.FS, root string) ([]File, error) {
	t.Helper()
	type result struct {
		files []File
		err   error
	}
	done := make(chan result, 1)
	go func() {
		files, err := Walk(fsys, root)
		done <- result{files, err}
	}()
	select {
	case r := <-done:
		return r.files, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("Walk hangs")
		return nil, nil
	}
}

func TestWalkRoots(t *testing.T) {
	root := hostileSite(t)
	fsys := os.DirFS(root)
	if _, err := Walk(fsys, "content"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing root: err = %v, want ErrNotExist", err)
	}
	files, err := Walk(fsys, "static/css/site.css")
	if err != nil || len(files) != 1 || files[0].Path != "static/css/site.css" {
		t.Errorf("a file as root: %v, %v", files, err)
	}
	files, err = Walk(fsys, "static/img")
	if err != nil || len(files) != 1 || files[0].Path != "static/img/logo.png" || files[0].Real != "assets/img/logo.png" {
		t.Errorf("a link to a folder as root: %v, %v", files, err)
	}
	if files, err := Walk(fsys, "static/.git/config"); files != nil || err != nil {
		t.Errorf("an ignored root: %v, %v", files, err)
	}
	if _, err := walkWithin(t, fsys, "static/pipe.css"); err == nil || !strings.Contains(err.Error(), "static/pipe.css: a named pipe (FIFO)") {
		t.Errorf("a FIFO as root: %v", err)
	}
	if _, err := Walk(fsys, "static/shadow"); err == nil || !strings.Contains(err.Error(), "static/shadow: a symbolic link to") {
		t.Errorf("a link out as root: %v", err)
	}
}

func TestWalkUnreadableFolder(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root reads every folder")
	}
	root := t.TempDir()
	must(t, os.MkdirAll(root+"/static/locked", 0o755))
	must(t, os.WriteFile(root+"/static/a.css", nil, 0o644))
	must(t, os.Chmod(root+"/static/locked", 0))
	t.Cleanup(func() { os.Chmod(root+"/static/locked", 0o755) })
	files, err := Walk(os.DirFS(root), "static")
	if len(files) != 1 || err == nil || !strings.Contains(err.Error(), "static/locked: cannot read the folder: permission denied") {
		t.Errorf("files %v, err %v", files, err)
	}
}

func TestWalkMapFS(t *testing.T) {
	fsys := fstest.MapFS{
		"static/a.css":       {Data: []byte("a")},
		"static/b.css":       {Data: []byte("a.css"), Mode: fs.ModeSymlink},
		"static/c.css":       {Data: []byte("../../x"), Mode: fs.ModeSymlink},
		"static/.DS_Store":   {Data: []byte("x")},
		"static/x/4913":      {Data: []byte("x")},
		"static/x/y.js.orig": {Data: []byte("x")},
		"static/x/p":         {Mode: fs.ModeNamedPipe},
	}
	files, err := Walk(fsys, "static")
	if len(files) != 2 || files[1].Real != "static/a.css" {
		t.Errorf("files %v", files)
	}
	if err == nil || !strings.Contains(err.Error(), `static/c.css: a symbolic link to "../../x", outside`) || !strings.Contains(err.Error(), "static/x/p: a named pipe") {
		t.Errorf("err %v", err)
	}
}

func TestResolve(t *testing.T) {
	fsys := fstest.MapFS{
		"a/b/file": {Data: []byte("x")},
		"a/l1":     {Data: []byte("b"), Mode: fs.ModeSymlink},
		"a/l2":     {Data: []byte("l1/file"), Mode: fs.ModeSymlink},
		"a/self":   {Data: []byte("self"), Mode: fs.ModeSymlink},
		"a/abs":    {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
	}
	for name, want := range map[string]string{
		"a/l2": "a/b/file", "a/l1/file": "a/b/file", "a/./b/../l1": "a/b", "a/..": ".",
		"a/self": "error: a symbolic link to a folder that contains it",
		"a/abs":  `error: a symbolic link to "/etc/passwd", outside`,
		"..":     `error: a symbolic link to "..", outside`,
	} {
		got, err := Resolve(fsys, name)
		if err != nil {
			got = "error: " + err.Error()
		}
		if !strings.HasPrefix(got, want) {
			t.Errorf("Resolve(%q) = %q, want %q", name, got, want)
		}
	}
}
