package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
)

// SSHOptions say how to log in to an SFTP target.
type SSHOptions struct {
	// KeyFile is a private key file. Empty: the keys of ssh-agent, then
	// ~/.ssh/id_ed25519, id_ecdsa and id_rsa where they need no passphrase.
	KeyFile string
	// KnownHosts is the file of known host keys; empty: ~/.ssh/known_hosts.
	KnownHosts string
	// Timeout bounds connecting and logging in; 20 s when zero.
	Timeout time.Duration
}

// sftpTarget is a folder on a server, reached over SSH.
type sftpTarget struct {
	spec  Spec
	ssh   *ssh.Client
	c     *sftp.Client
	posix bool // the server renames over an existing file in one step
	stop  chan struct{}

	mu   sync.Mutex
	dirs map[string]bool // folders known to exist
}

// DialSFTP logs in to the server of spec and opens its folder. The folder
// must exist. The server's host key must be in the known hosts file.
func DialSFTP(ctx context.Context, spec Spec, opts SSHOptions) (Target, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 20 * time.Second
	}
	client, err := dialSSH(ctx, spec, opts)
	if err != nil {
		return nil, err
	}
	c, err := sftp.NewClient(client, sftp.UseConcurrentWrites(true))
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("%s: the server does not offer SFTP (%v); ask its administrator to enable the sftp subsystem", spec.Addr(), err)
	}
	t := &sftpTarget{spec: spec, ssh: client, c: c, stop: make(chan struct{}), dirs: map[string]bool{}}
	_, t.posix = c.HasExtension("posix-rename@openssh.com")
	go func() {
		select {
		case <-ctx.Done():
			c.Close()
			client.Close()
		case <-t.stop:
		}
	}()
	fi, err := c.Stat(spec.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		err = fmt.Errorf("the folder %s does not exist on %s; check the address, or create the folder first", spec.Path, spec.Host)
	case errors.Is(err, fs.ErrPermission):
		err = fmt.Errorf("the account %s may not open the folder %s on %s (permission denied)", spec.User, spec.Path, spec.Host)
	case err != nil:
		err = fmt.Errorf("cannot open the folder %s on %s: %w", spec.Path, spec.Host, t.wrap(err))
	case !fi.IsDir():
		err = fmt.Errorf("%s on %s is a file, not a folder", spec.Path, spec.Host)
	}
	if err != nil {
		t.Close()
		return nil, err
	}
	return t, nil
}

func (t *sftpTarget) String() string { return t.spec.String() }

func (t *sftpTarget) abs(name string) string {
	if name == "" || name == "." {
		return t.spec.Path
	}
	return path.Join(t.spec.Path, name)
}

// Walk reads the folders several at a time: a site has a folder per page,
// and each listing is a round trip to the server.
func (t *sftpTarget) Walk(ctx context.Context) ([]FileInfo, error) {
	var (
		mu    sync.Mutex
		files []FileInfo
		first error
		wg    sync.WaitGroup
		slots = make(chan struct{}, 8)
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	var visit func(rel string)
	visit = func(rel string) {
		defer wg.Done()
		if ctx.Err() != nil {
			fail(ctx.Err())
			return
		}
		slots <- struct{}{}
		entries, err := t.c.ReadDir(t.abs(rel))
		<-slots
		if err != nil {
			fail(fmt.Errorf("listing %s: %w", t.abs(rel), t.wrap(err)))
			return
		}
		for _, fi := range entries {
			name := path.Join(rel, fi.Name())
			if fi.IsDir() {
				wg.Add(1)
				go visit(name)
				continue
			}
			mu.Lock()
			files = append(files, FileInfo{Name: name, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()})
			mu.Unlock()
		}
	}
	wg.Add(1)
	visit("")
	wg.Wait()
	return files, first
}

func (t *sftpTarget) Open(name string) (io.ReadCloser, error) {
	f, err := t.c.Open(t.abs(name))
	if err != nil {
		return nil, t.wrap(err)
	}
	return &sftpFile{f: f, t: t}, nil
}

func (t *sftpTarget) Create(name string) (io.WriteCloser, error) {
	p := t.abs(name)
	if err := t.mkdirAll(path.Dir(p)); err != nil {
		return nil, err
	}
	f, err := t.c.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return nil, t.wrap(err)
	}
	return &sftpFile{f: f, t: t}, nil
}

// mkdirAll makes the folder dir (absolute) and its parents, asking the
// server about each folder once.
func (t *sftpTarget) mkdirAll(dir string) error {
	t.mu.Lock()
	known := t.dirs[dir]
	t.mu.Unlock()
	if known || dir == t.spec.Path {
		return nil
	}
	if err := t.c.MkdirAll(dir); err != nil {
		return t.wrap(err)
	}
	t.mu.Lock()
	t.dirs[dir] = true
	t.mu.Unlock()
	return nil
}

func (t *sftpTarget) Stat(name string) (FileInfo, error) {
	fi, err := t.c.Lstat(t.abs(name))
	if err != nil {
		return FileInfo{}, t.wrap(err)
	}
	return FileInfo{Name: name, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}, nil
}

// Rename uses OpenSSH's posix-rename, which replaces the file in one step.
// A server without it can only rename onto a free name: the old file is
// then removed first, and for a moment the address has no file.
func (t *sftpTarget) Rename(from, to string) error {
	if t.posix {
		return t.wrap(t.c.PosixRename(t.abs(from), t.abs(to)))
	}
	if err := t.c.Remove(t.abs(to)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return t.wrap(err)
	}
	return t.wrap(t.c.Rename(t.abs(from), t.abs(to)))
}

func (t *sftpTarget) Remove(name string) error { return t.wrap(t.c.Remove(t.abs(name))) }

func (t *sftpTarget) RemoveDir(name string) error {
	if name == "" || name == "." {
		return errors.New("not a folder of the target")
	}
	err := t.c.RemoveDirectory(t.abs(name))
	if err == nil {
		t.mu.Lock()
		delete(t.dirs, t.abs(name))
		t.mu.Unlock()
	}
	return t.wrap(err)
}

func (t *sftpTarget) Free() (int64, bool) {
	if _, ok := t.c.HasExtension("statvfs@openssh.com"); !ok {
		return 0, false
	}
	st, err := t.c.StatVFS(t.spec.Path)
	if err != nil {
		return 0, false
	}
	return int64(st.Bavail * st.Frsize), true
}

func (t *sftpTarget) TrustStat() bool { return true }

func (t *sftpTarget) Close() error {
	select {
	case <-t.stop:
	default:
		close(t.stop)
	}
	t.c.Close()
	return t.ssh.Close()
}

// wrap tells a lost connection and a full disk from other errors: the
// server answers both with a generic failure.
func (t *sftpTarget) wrap(err error) error {
	if err == nil {
		return nil
	}
	var status *sftp.StatusError
	switch {
	case errors.Is(err, sftp.ErrSSHFxConnectionLost), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return fmt.Errorf("%w (%v)", errConnectionLost, err)
	case errors.As(err, &status) && status.FxCode() == sftp.ErrSSHFxFailure:
		if free, ok := t.Free(); ok && free < 1<<20 {
			return fmt.Errorf("%w (%v)", errDiskFull, err)
		}
	case strings.Contains(err.Error(), "connection lost"):
		return fmt.Errorf("%w (%v)", errConnectionLost, err)
	}
	return err
}

// sftpFile is an open file of the server whose errors say what happened.
type sftpFile struct {
	f *sftp.File
	t *sftpTarget
}

func (s *sftpFile) Read(p []byte) (int, error) {
	n, err := s.f.Read(p)
	if err == io.EOF {
		return n, err
	}
	return n, s.t.wrap(err)
}

func (s *sftpFile) WriteTo(w io.Writer) (int64, error) {
	n, err := s.f.WriteTo(w)
	return n, s.t.wrap(err)
}

func (s *sftpFile) Write(p []byte) (int, error) {
	n, err := s.f.Write(p)
	return n, s.t.wrap(err)
}

func (s *sftpFile) ReadFrom(r io.Reader) (int64, error) {
	n, err := s.f.ReadFrom(r)
	return n, s.t.wrap(err)
}

func (s *sftpFile) Close() error { return s.t.wrap(s.f.Close()) }
