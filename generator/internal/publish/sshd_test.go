package publish

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"rdjy.local/portal/generator/internal/sshdtest"
)

// sshd is a real OpenSSH server for a test, with what publish needs to
// reach it.
type sshd struct {
	*sshdtest.Server
	t *testing.T
}

type sshdOptions = sshdtest.Options

func startSSHD(t *testing.T, o sshdOptions) *sshd {
	return &sshd{Server: sshdtest.Start(t, o), t: t}
}

func writeKey(t *testing.T, dir, name string) (ssh.PublicKey, string) {
	return sshdtest.WriteKey(t, dir, name)
}

// spec is the address of the folder dir on the server.
func (s *sshd) spec(dir string) Spec {
	spec, err := ParseTarget(fmt.Sprintf("sftp://%s@%s%s", s.User, s.Addr(), filepath.ToSlash(dir)))
	if err != nil {
		s.t.Fatal(err)
	}
	return spec
}

func (s *sshd) options() SSHOptions {
	return SSHOptions{KeyFile: s.Key, KnownHosts: s.KnownHosts, Timeout: 10 * time.Second}
}

func (s *sshd) dial(dir string) Target {
	s.t.Helper()
	tg, err := DialSFTP(context.Background(), s.spec(dir), s.options())
	if err != nil {
		s.t.Fatalf("dial: %v\nsshd said:\n%s", err, s.Log)
	}
	s.t.Cleanup(func() { tg.Close() })
	return tg
}
