package publish

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallDisk mounts a file system of size (such as "1m") at a new folder
// and returns it.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(dir, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small disk here to fill it (mount -t tmpfs needs root: %v %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fill writes a file at p until the disk is full.
func fill(t *testing.T, p string) {
	f, err := os.Create(p)
	if err != nil && !errors.Is(err, syscall.ENOSPC) {
		t.Fatal(err)
	}
	if f == nil {
		return
	}
	defer f.Close()
	block := make([]byte, 64<<10)
	for {
		if _, err := f.Write(block); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return
		}
	}
}

// TestDiskFull fills the target's disk in the middle of an upload, over
// SFTP and into a folder: publish says the disk is full and leaves the
// site exactly as it was; once there is room, it publishes.
func TestDiskFull(t *testing.T) {
	for _, kind := range []string{"folder", "sftp"} {
		t.Run(kind, func(t *testing.T) {
			disk := smallDisk(t, "4m")
			www := filepath.Join(disk, "www")
			os.Mkdir(www, 0o755)
			var dial func() Target
			if kind == "sftp" {
				server := startSSHD(t, sshdOptions{})
				dial = func() Target { return server.dial(www) }
			} else {
				dial = func() Target { return openFolder(t, www) }
			}
			s := newSite(t)
			mustPublish(t, dial(), s.build(), Options{})
			s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
			b := s.build()
			before := tree(t, www)

			filler := filepath.Join(disk, "filler")
			full := func(p Progress) {
				if p.Phase == Uploading && p.Files == 2 {
					fill(t, filler)
				}
			}
			_, err := Run(context.Background(), dial(), b, Options{Progress: full, Jobs: 1})
			if err == nil || !strings.Contains(err.Error(), ": the disk is full; make room there and publish again. Nothing on ") {
				t.Fatalf("a full disk: %v", err)
			}
			t.Log(err)
			after := tree(t, www)
			for name, f := range before {
				if after[name] != f {
					t.Errorf("%s changed", name)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("%s was left behind", name)
				}
			}

			// Still full: refused before anything is written.
			_, err = Run(context.Background(), dial(), b, Options{})
			if err == nil || !strings.Contains(err.Error(), "free but the files to upload take") {
				t.Errorf("a disk without room: %v", err)
			}
			os.Remove(filler)
			mustPublish(t, dial(), b, Options{})
			samePublished(t, www, b)
		})
	}
}
