package publish

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/manifest"
)

func TestAppendLog(t *testing.T) {
	file := filepath.Join(t.TempDir(), "publish.log")
	day := time.Date(2026, 6, 3, 10, 15, 4, 0, time.FixedZone("CST", 8*3600))
	for i := range 2 {
		err := AppendLog(file, LogEntry{Time: day.Add(time.Duration(i) * time.Hour), Target: "sftp://web@host:22/srv/www\trddbjy", Commit: "",
			Files: 22195, Added: 3, Changed: 12, Deleted: 1, Sent: 1234567, Manifest: manifest.Of([]byte("m"))})
		if err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(file)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	want := "2026-06-03T11:15:04+08:00\tsftp://web@host:22/srv/www rddbjy\t-\t22195\t3\t12\t1\t1234567\tsha256:" + manifest.Of([]byte("m")).String()
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "# publish.log: ") || lines[2] != want {
		t.Errorf("the log:\n%s\nwant its last line\n%s", data, want)
	}
}

func TestGitCommit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	if got := GitCommit(root); got != "" {
		t.Errorf("not a checkout: %q", got)
	}
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", root, "-c", "user.name=t", "-c", "user.email=t@example.org"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"x\"\n"), 0o644)
	git("add", "site.toml")
	git("commit", "-q", "-m", "site")
	head := git("rev-parse", "HEAD")
	os.WriteFile(filepath.Join(root, "publish.log"), []byte("# log\n"), 0o644) // not the site
	if got := GitCommit(root); got != head {
		t.Errorf("a clean checkout: %q, want %q", got, head)
	}
	os.WriteFile(filepath.Join(root, "site.toml"), []byte("title = \"y\"\n"), 0o644)
	if got := GitCommit(root); got != head+" (uncommitted changes)" {
		t.Errorf("an edited checkout: %q", got)
	}
}
