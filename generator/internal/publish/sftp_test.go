package publish

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"rdjy.local/portal/generator/internal/manifest"
)

func TestSFTPPublish(t *testing.T) {
	server := startSSHD(t, sshdOptions{})
	s := newSite(t)
	www := filepath.Join(t.TempDir(), "www")
	os.Mkdir(www, 0o755)
	b := s.build()
	tg := server.dial(www)
	plan := mustPublish(t, tg, b, Options{})
	if plan.Added != b.Manifest().Len() {
		t.Errorf("first publish added %d files of %d", plan.Added, b.Manifest().Len())
	}
	samePublished(t, www, b)
	sha256sumCheck(t, www)

	// Nothing changed: nothing is read back or written.
	before := tree(t, www)
	read := -1
	count := func(p Progress) {
		if p.Phase == Checking {
			read = p.Of
		}
	}
	plan = mustPublish(t, server.dial(www), s.build(), Options{Progress: count})
	if !plan.UpToDate || plan.Sent != 0 || read != 0 {
		t.Errorf("the same site again: %d files read back, %+v", read, plan)
	}
	for name, f := range tree(t, www) {
		if before[name] != f {
			t.Errorf("%s was touched", name)
		}
	}

	// One title: only the pages that show it move.
	s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
	second := s.build()
	want := manifest.Diff(b.Manifest(), second.Manifest())
	plan = mustPublish(t, server.dial(www), second, Options{})
	// Besides the files: the pending list, the state (twice when the
	// files are as new as it, by the server's clock in seconds) and the
	// manifest.
	if own := plan.Sent - len(want.Changed) - len(want.Added); plan.Changed != len(want.Changed) || plan.Added != len(want.Added) || own < 3 || own > 4 {
		t.Errorf("after one edit: %d changed, %d added, %d sent; the manifests differ by %d and %d",
			plan.Changed, plan.Added, plan.Sent, len(want.Changed), len(want.Added))
	}
	samePublished(t, www, second)

	// A page changed on the server with the same size and a later time is
	// found by its hash; so is one of another size.
	page := filepath.Join(www, "suggestions", "2019-001", "index.html")
	data, _ := os.ReadFile(page)
	os.WriteFile(page, []byte(strings.Replace(string(data), "老旧", "新旧", 1)), 0o644)
	css := filepath.Join(www, "css", "site.css")
	os.WriteFile(css, []byte("body{display:none}"), 0o644)
	_, err := Run(context.Background(), server.dial(www), second, Options{})
	if err == nil || !strings.Contains(err.Error(), "2 changed (css/site.css, suggestions/2019-001/index.html)") {
		t.Errorf("drift over SFTP: %v", err)
	}
	mustPublish(t, server.dial(www), second, Options{Force: true})
	samePublished(t, www, second)
}

// TestSFTPResumeAfterCut kills the server's session in the middle of the
// upload. The site on the server is as it was; the next publish keeps
// what was uploaded and finishes.
func TestSFTPResumeAfterCut(t *testing.T) {
	server := startSSHD(t, sshdOptions{})
	s := newSite(t)
	www := filepath.Join(t.TempDir(), "www")
	os.Mkdir(www, 0o755)
	first := s.build()
	mustPublish(t, server.dial(www), first, Options{})
	s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
	os.WriteFile(filepath.Join(s.root, "static/css/print.css"), []byte("@media print{nav{display:none}}"), 0o644)
	b := s.build()
	old := tree(t, www)

	killed := 0
	cut := func(p Progress) {
		if p.Phase == Uploading && p.Files == 4 && killed == 0 {
			killed = server.KillSessions()
		}
	}
	plan, err := Run(context.Background(), server.dial(www), b, Options{Progress: cut, Jobs: 1})
	if killed == 0 {
		t.Fatal("no session process was killed")
	}
	if err == nil || !strings.Contains(err.Error(), "connection was lost") || !strings.Contains(err.Error(), "run publish again to continue") {
		t.Fatalf("a cut connection: %v", err)
	}
	t.Log(err)
	total := len(plan.Upload)
	for name, f := range tree(t, www) {
		if !isTemp(name) && name != PendingFile && old[name] != f {
			t.Errorf("%s changed although nothing was put in place", name)
		}
	}

	plan = mustPublish(t, server.dial(www), b, Options{})
	if !plan.Resumed || plan.Staged < 3 || plan.Sent > total-3+3 {
		t.Errorf("the second run: resumed %v, kept %d uploads, sent %d files of %d", plan.Resumed, plan.Staged, plan.Sent, total)
	}
	samePublished(t, www, b)
}

func TestSFTPHostKeys(t *testing.T) {
	server := startSSHD(t, sshdOptions{})
	www := t.TempDir()
	opts := server.options()
	fp := ssh.FingerprintSHA256(server.HostKey)

	// Unknown: no line for the host.
	opts.KnownHosts = filepath.Join(t.TempDir(), "known_hosts")
	_, err := DialSFTP(context.Background(), server.spec(www), opts)
	var hk *HostKeyError
	if !errors.As(err, &hk) || len(hk.Known) != 0 {
		t.Fatalf("an unknown host: %v", err)
	}
	t.Log(err)
	line := knownhosts.Line([]string{fmt.Sprintf("[127.0.0.1]:%d", server.Port)}, server.HostKey)
	for _, want := range []string{"is not in " + opts.KnownHosts, fp, "add this line to " + opts.KnownHosts, line} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
	// Adding the line it gives lets publish in.
	os.WriteFile(opts.KnownHosts, []byte(hk.Line()+"\n"), 0o600)
	tg, err := DialSFTP(context.Background(), server.spec(www), opts)
	if err != nil {
		t.Fatalf("after adding the line: %v", err)
	}
	tg.Close()

	// Changed: another key recorded for the host.
	other, _ := writeKey(t, t.TempDir(), "other")
	os.WriteFile(opts.KnownHosts, []byte("# servers\n"+knownhosts.Line([]string{fmt.Sprintf("[127.0.0.1]:%d", server.Port)}, other)+"\n"), 0o600)
	_, err = DialSFTP(context.Background(), server.spec(www), opts)
	if !errors.As(err, &hk) || len(hk.Known) != 1 {
		t.Fatalf("a changed host key: %v", err)
	}
	t.Log(err)
	for _, want := range []string{"has CHANGED", fp, "line 2 of " + opts.KnownHosts, ssh.FingerprintSHA256(other), "replace line 2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q:\n%v", want, err)
		}
	}
}

func TestSFTPRefusals(t *testing.T) {
	server := startSSHD(t, sshdOptions{})
	www := t.TempDir()
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := closed.Addr().(*net.TCPAddr).Port
	closed.Close()
	notSSH, _ := net.Listen("tcp", "127.0.0.1:0")
	defer notSSH.Close()
	go func() {
		for {
			c, err := notSSH.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
			c.Close()
		}
	}()
	_, strangerKey := writeKey(t, t.TempDir(), "stranger")

	cases := []struct {
		name string
		spec func() Spec
		opts func(SSHOptions) SSHOptions
		want string
	}{
		{"wrong port", func() Spec { s := server.spec(www); s.Port = closedPort; return s }, nil, "connection refused): check the port"},
		{"not an SSH server", func() Spec { s := server.spec(www); s.Port = notSSH.Addr().(*net.TCPAddr).Port; return s }, nil, "does not answer as an SSH server"},
		{"unknown host name", func() Spec { s := server.spec(www); s.Host = "no-such-host.invalid"; return s }, nil, "the server name no-such-host.invalid is not known"},
		{"refused key", server.spec(www).self, func(o SSHOptions) SSHOptions { o.KeyFile = strangerKey; return o }, "refused the key " + strangerKey + " for the user " + server.User},
		{"missing key file", server.spec(www).self, func(o SSHOptions) SSHOptions { o.KeyFile = strangerKey + ".nope"; return o }, "cannot read the key file"},
		{"wrong path", func() Spec { return server.spec(filepath.Join(www, "nope")) }, nil, "the folder " + filepath.ToSlash(filepath.Join(www, "nope")) + " does not exist on 127.0.0.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := server.options()
			opts.Timeout = 3 * time.Second
			if c.opts != nil {
				opts = c.opts(opts)
			}
			tg, err := DialSFTP(context.Background(), c.spec(), opts)
			if err == nil {
				tg.Close()
				t.Fatal("no error")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v\nwant %q", err, c.want)
			}
		})
	}
}

func (s Spec) self() Spec { return s }

// TestSFTPPermissionDenied: a folder of the site on the server that the
// account may not write to. The publish stops with that sentence and the
// server keeps its files as they were, with no leftovers.
func TestSFTPPermissionDenied(t *testing.T) {
	server := startSSHD(t, sshdOptions{})
	s := newSite(t)
	www := filepath.Join(t.TempDir(), "www")
	os.Mkdir(www, 0o755)
	mustPublish(t, server.dial(www), s.build(), Options{})
	s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
	b := s.build()
	locked := filepath.Join(www, "suggestions", "2019-002")
	lock(t, locked)
	before := tree(t, www)
	_, err := Run(context.Background(), server.dial(www), b, Options{Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "uploading suggestions/2019-002/index.html to sftp://") ||
		!strings.Contains(err.Error(), "permission denied: the account may not write there") || !strings.Contains(err.Error(), "Nothing on sftp://") {
		t.Fatalf("publishing into a locked folder: %v", err)
	}
	t.Log(err)
	after := tree(t, www)
	if len(after) != len(before) {
		t.Errorf("the server has %d files, it had %d", len(after), len(before))
	}
	for name, f := range before {
		if after[name] != f {
			t.Errorf("%s changed", name)
		}
	}
}

// lock makes dir unwritable: by its mode, or for root (whom modes do not
// stop) with the immutable attribute.
func lock(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make a folder unwritable for root here (chattr +i: %v %s)", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}
