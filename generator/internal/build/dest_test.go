package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/benchsite"
	"rdjy.local/portal/generator/internal/sitetest"
)

// TestDestSymlink: -dest a link to the web root built a folder in place of
// the link and the web root never got the update; now the link stays and
// the folder it leads to gets the new site.
func TestDestSymlink(t *testing.T) {
	top := t.TempDir()
	webroot := filepath.Join(top, "www", "portal")
	link := filepath.Join(top, "public")
	must(t, os.MkdirAll(filepath.Dir(webroot), 0o755))
	must(t, os.Symlink(webroot, link))
	// The folder does not exist yet: the link is refused with the reason.
	if _, err := Build(context.Background(), Options{Source: testSite, Dest: link}); err == nil ||
		!strings.Contains(err.Error(), "refusing -dest "+link+": it is a link to "+webroot+", which does not exist") {
		t.Fatalf("a link to nothing: %v", err)
	}
	must(t, os.Mkdir(webroot, 0o755))
	for range 2 { // the first build fills the empty folder, the second replaces it
		res := mustBuild(t, Options{Source: testSite, Dest: link})
		if res.Dest != webroot {
			t.Errorf("built into %s, want %s", res.Dest, webroot)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatal("the link was replaced")
		}
		if _, err := os.Stat(filepath.Join(webroot, "index.html")); err != nil {
			t.Error("the web root has no site")
		}
	}
	if left, _ := filepath.Glob(filepath.Join(top, "www", ".portal.[no][el][wd]-*")); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}

func TestMountPoints(t *testing.T) {
	info := []byte("22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n" +
		"35 22 0:31 / /srv/web\\040root rw - tmpfs tmpfs rw\n" +
		"36 22 8:1 /data /var/www/html rw - ext4 /dev/sda1 rw\n")
	got := strings.Join(mountPoints(info), "|")
	if got != "/|/srv/web root|/var/www/html" {
		t.Errorf("mount points %q", got)
	}
	if !mountPoint("/") {
		t.Error("/ is not a mount point")
	}
	if mountPoint(t.TempDir()) {
		t.Error("a temporary folder is a mount point")
	}
}

// TestDestMountPoint: -dest a mount point always failed with "device or
// resource busy"; it is refused before anything is built, with the reason
// and what to do instead. Mounting needs privileges the test may not have.
func TestDestMountPoint(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	defer syscall.Unmount(dir, syscall.MNT_DETACH)
	_, err := Build(context.Background(), Options{Source: testSite, Dest: dir})
	if err == nil || !strings.Contains(err.Error(), "it is a mount point (a Docker volume or a mounted share), which cannot be replaced in one step") ||
		!strings.Contains(err.Error(), "build into a folder inside it instead, such as -dest "+filepath.Join(dir, "portal")) {
		t.Fatalf("got %v", err)
	}
	mustBuild(t, Options{Source: testSite, Dest: filepath.Join(dir, "portal")})
}

// TestConcurrentBuildIsRefused: a second build into the same folder while
// one runs is refused, naming the running process.
func TestConcurrentBuildIsRefused(t *testing.T) {
	parent := t.TempDir()
	lock, err := lockDest(parent, "public")
	must(t, err)
	_, err = Build(context.Background(), Options{Source: testSite, Dest: filepath.Join(parent, "public")})
	if want := "another build into " + filepath.Join(parent, "public") + " is running (process "; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v", err)
	}
	lock.release()
	mustBuild(t, Options{Source: testSite, Dest: filepath.Join(parent, "public")})
}

// TestAbortFreesTheLock: when a failed build returns, the next build into
// the same folder may start at once, even while the failed build's files
// are still being removed (abort waits for that at most half a second);
// the folder is removed in the end and the output is untouched.
func TestAbortFreesTheLock(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	before := sitetest.ReadTree(t, dest)
	out, err := newOutput(dest)
	must(t, err)
	for i := range 2000 { // enough that removing them may take a while
		must(t, out.WriteFile(fmt.Sprintf("p/%d/index.html", i), []byte("<p>x</p>")))
	}
	out.abort()
	lock, err := lockDest(parent, "public")
	if err != nil {
		t.Fatalf("right after a failed build: %v", err)
	}
	lock.release()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		left, _ := filepath.Glob(filepath.Join(parent, ".public.[no][el][wd]-*"))
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("temporary folders left: %v", left)
		}
	}
	sameTree(t, before, sitetest.ReadTree(t, dest))
}

// TestKilledBuild: a build killed with kill -9 while it writes leaves its
// temporary folder; the next build removes it at once and the output is
// the previous build until then.
func TestKilledBuild(t *testing.T) {
	if os.Getenv("PORTAL_KILLED_BUILD") != "" {
		Build(context.Background(), Options{Source: os.Getenv("PORTAL_KILLED_BUILD"), Dest: os.Getenv("PORTAL_DEST")})
		return
	}
	if testing.Short() {
		t.Skip("builds a site of 2,000 suggestions")
	}
	site := benchsite.Write(t, "../../..", 2000)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	before := sitetest.ReadTree(t, dest)
	for i := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledBuild$")
		cmd.Env = append(os.Environ(), "PORTAL_KILLED_BUILD="+site, "PORTAL_DEST="+dest)
		must(t, cmd.Start())
		// Wait until it writes, then kill it.
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.new-*", "suggestions")); len(left) > 0 {
				break
			}
		}
		time.Sleep(time.Duration(i) * 100 * time.Millisecond)
		must(t, cmd.Process.Kill())
		cmd.Wait()
		if after := sitetest.ReadTree(t, dest); after["index.html"] != before["index.html"] || len(after) != len(before) {
			t.Fatal("a killed build changed the output")
		}
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.new-*"))
	if len(left) == 0 {
		t.Fatal("the killed builds left nothing: were they killed while writing?")
	}
	mustBuild(t, Options{Source: testSite, Dest: dest})
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.[no][el][wd]-*")); len(left) > 0 {
		t.Errorf("the next build left %v", left)
	}
	if _, err := os.Stat(filepath.Join(dest, "index.html")); errors.Is(err, os.ErrNotExist) {
		t.Error("no site after the next build")
	}
}

// TestPageFoldersAreNotRemembered: the output makes a page's own folder
// without remembering it, and the folders above it once; files written
// at the same time into a page's folder, beside it and below it all land,
// with the output's modes.
func TestPageFoldersAreNotRemembered(t *testing.T) {
	out, err := newOutput(filepath.Join(t.TempDir(), "public"))
	must(t, err)
	defer out.abort()
	var names []string
	for i := range 200 {
		p := fmt.Sprintf("suggestions/%d/", i)
		names = append(names, p+"index.html", p+"letter.pdf", p+"page/2/index.html")
	}
	errs := make(chan error, len(names))
	for _, name := range names {
		go func() { errs <- out.WriteFile(name, []byte(name)) }()
	}
	for range names {
		must(t, <-errs)
	}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(out.tmp, name))
		if err != nil || string(data) != name {
			t.Fatalf("%s: %q, %v", name, data, err)
		}
	}
	must(t, out.WriteFile("years/2020/index.html", nil))
	if _, ok := out.dirs[filepath.FromSlash("years/2020")]; ok {
		t.Error("the folder of the page years/2020/index.html is remembered")
	}
	if _, ok := out.dirs["years"]; !ok {
		t.Error("the folder above a page is not remembered")
	}
	fi, err := os.Stat(filepath.Join(out.tmp, "years", "2020"))
	if err != nil || fi.Mode().Perm() != dirMode {
		t.Errorf("years/2020: %v, %v", fi, err)
	}
}

// TestWriteFile: a file is written whole with the output's mode, even
// under a umask that would take the reading away, and never over one that
// is there, with os's error naming it.
func TestWriteFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "index.html")
	data := []byte(strings.Repeat("<p>建议</p>\n", 20000))
	old := syscall.Umask(0o077)
	err := writeFile(name, data, true)
	syscall.Umask(old)
	must(t, err)
	got, err := os.ReadFile(name)
	if err != nil || string(got) != string(data) {
		t.Fatalf("read back %d bytes of %d, %v", len(got), len(data), err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != fileMode {
		t.Errorf("mode %v, %v", fi.Mode(), err)
	}
	err = writeFile(name, []byte("x"), false)
	var pe *os.PathError
	if !errors.Is(err, fs.ErrExist) || !errors.As(err, &pe) || pe.Path != name {
		t.Errorf("writing over a file: %v", err)
	}
}

// TestRemoveTree: a previous build is removed whole, in parts, folders
// inside folders included, and a link in it is removed, never followed.
func TestRemoveTree(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	old := filepath.Join(dir, "old")
	for _, f := range []string{"index.html", "hant/index.html", "hant/suggestions/1/index.html", "suggestions/1/index.html", "suggestions/2/a/b/c.txt", "data/x.json"} {
		p := filepath.Join(old, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kept := filepath.Join(outside, "kept.txt")
	if err := os.WriteFile(kept, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{"link", "hant/link", "suggestions/1/link"} {
		if err := os.Symlink(outside, filepath.Join(old, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(old); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the previous build is still there: %v", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("a file a link pointed to was removed: %v", err)
	}
}
