package publish

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

const sshdPath = "/usr/sbin/sshd"

// sshd is an OpenSSH server started by a test on a loopback port, with a
// host key and an authorised client key made for the run. It runs as the
// current user and logs in only that user.
type sshd struct {
	t          *testing.T
	dir        string
	cmd        *exec.Cmd
	log        *bytes.Buffer
	port       int
	user       string
	hostKey    ssh.PublicKey
	key        string // the authorised private key file
	knownHosts string // a known_hosts file holding the host key
}

// sshdOptions change the server's configuration.
type sshdOptions struct {
	sftp string // the sftp subsystem's command; "internal-sftp" by default
}

func startSSHD(t *testing.T, o sshdOptions) *sshd {
	t.Helper()
	if _, err := os.Stat(sshdPath); err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install openssh-server); the SFTP tests need a real SSH server", sshdPath)
	}
	u, err := user.Current()
	if err != nil {
		t.Skipf("cannot tell the current user (%v), whom sshd must log in", err)
	}
	if os.Geteuid() == 0 {
		// sshd running as root separates privileges into this folder,
		// which Debian makes only when its service starts.
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Skipf("sshd needs /run/sshd: %v", err)
		}
	}
	if o.sftp == "" {
		o.sftp = "internal-sftp"
	}
	s := &sshd{t: t, dir: t.TempDir(), user: u.Username, log: &bytes.Buffer{}}

	hostPub, hostFile := writeKey(t, s.dir, "host_ed25519")
	s.hostKey = hostPub
	clientPub, clientFile := writeKey(t, s.dir, "client_ed25519")
	s.key = clientFile
	os.WriteFile(filepath.Join(s.dir, "authorized_keys"), ssh.MarshalAuthorizedKey(clientPub), 0o600)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s.knownHosts = filepath.Join(s.dir, "known_hosts")
	os.WriteFile(s.knownHosts, []byte(knownhosts.Line([]string{knownhosts.Normalize(s.addr())}, hostPub)+"\n"), 0o600)

	config := fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %s
PidFile %s
AuthorizedKeysFile %s
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers %s
Subsystem sftp %s
LogLevel ERROR
`, s.port, hostFile, filepath.Join(s.dir, "sshd.pid"), filepath.Join(s.dir, "authorized_keys"), s.user, o.sftp)
	configFile := filepath.Join(s.dir, "sshd_config")
	os.WriteFile(configFile, []byte(config), 0o600)

	s.cmd = exec.Command(sshdPath, "-D", "-e", "-f", configFile)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		t.Skipf("sshd cannot run here: %v", err)
	}
	exited := make(chan struct{})
	go func() { s.cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		s.killSessions()
		s.cmd.Process.Kill()
		<-exited
	})
	for deadline := time.Now().Add(10 * time.Second); ; {
		select {
		case <-exited:
			t.Skipf("sshd cannot run here; it said:\n%s", s.log)
		default:
		}
		if c, err := net.Dial("tcp", s.addr()); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd did not listen on %s within 10 s:\n%s", s.addr(), s.log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s
}

// writeKey makes an ed25519 key pair and writes the private key in
// OpenSSH's format.
func writeKey(t *testing.T, dir, name string) (ssh.PublicKey, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sshPub, _ := ssh.NewPublicKey(pub)
	return sshPub, file
}

func (s *sshd) addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// spec is the address of the folder dir on the server.
func (s *sshd) spec(dir string) Spec {
	spec, err := ParseTarget(fmt.Sprintf("sftp://%s@%s%s", s.user, s.addr(), filepath.ToSlash(dir)))
	if err != nil {
		s.t.Fatal(err)
	}
	return spec
}

func (s *sshd) options() SSHOptions {
	return SSHOptions{KeyFile: s.key, KnownHosts: s.knownHosts, Timeout: 10 * time.Second}
}

func (s *sshd) dial(dir string) Target {
	s.t.Helper()
	tg, err := DialSFTP(context.Background(), s.spec(dir), s.options())
	if err != nil {
		s.t.Fatalf("dial: %v\nsshd said:\n%s", err, s.log)
	}
	s.t.Cleanup(func() { tg.Close() })
	return tg
}

// killSessions kills the server's processes that serve connections (every
// descendant of the listening sshd), as a dropped network would end them.
// It returns how many it killed.
func (s *sshd) killSessions() int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		rest := string(stat[bytes.LastIndexByte(stat, ')')+2:])
		fields := strings.Fields(rest)
		if len(fields) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(fields[1])
		children[ppid] = append(children[ppid], pid)
	}
	n := 0
	var kill func(pid int)
	kill = func(pid int) {
		for _, c := range children[pid] {
			kill(c)
			if syscall.Kill(c, syscall.SIGKILL) == nil {
				n++
			}
		}
	}
	kill(s.cmd.Process.Pid)
	return n
}
