// Package sshdtest starts a real OpenSSH server (Debian's openssh-server)
// for tests, on a loopback port, with a host key and an authorised client
// key made for the run. It runs as the current user and logs in only that
// user. Tests skip, saying why, where sshd cannot run.
package sshdtest

import (
	"bytes"
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

// Path is where Debian installs sshd.
const Path = "/usr/sbin/sshd"

// Server is a running sshd.
type Server struct {
	t          *testing.T
	dir        string
	cmd        *exec.Cmd
	Log        *bytes.Buffer // what sshd printed
	Port       int
	User       string
	HostKey    ssh.PublicKey
	Key        string // the authorised private key file
	KnownHosts string // a known_hosts file holding the host key
}

// Options change the server's configuration.
type Options struct {
	SFTP string // the sftp subsystem's command; "internal-sftp" by default
}

// Start starts a server that runs until the test ends.
func Start(t *testing.T, o Options) *Server {
	t.Helper()
	if _, err := os.Stat(Path); err != nil {
		t.Skipf("%s is not installed (Debian: apt-get install openssh-server); the SFTP tests need a real SSH server", Path)
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
	if o.SFTP == "" {
		o.SFTP = "internal-sftp"
	}
	s := &Server{t: t, dir: t.TempDir(), User: u.Username, Log: &bytes.Buffer{}}

	hostPub, hostFile := WriteKey(t, s.dir, "host_ed25519")
	s.HostKey = hostPub
	clientPub, clientFile := WriteKey(t, s.dir, "client_ed25519")
	s.Key = clientFile
	os.WriteFile(filepath.Join(s.dir, "authorized_keys"), ssh.MarshalAuthorizedKey(clientPub), 0o600)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s.KnownHosts = filepath.Join(s.dir, "known_hosts")
	os.WriteFile(s.KnownHosts, []byte(knownhosts.Line([]string{knownhosts.Normalize(s.Addr())}, hostPub)+"\n"), 0o600)

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
`, s.Port, hostFile, filepath.Join(s.dir, "sshd.pid"), filepath.Join(s.dir, "authorized_keys"), s.User, o.SFTP)
	configFile := filepath.Join(s.dir, "sshd_config")
	os.WriteFile(configFile, []byte(config), 0o600)

	s.cmd = exec.Command(Path, "-D", "-e", "-f", configFile)
	s.cmd.Stdout, s.cmd.Stderr = s.Log, s.Log
	if err := s.cmd.Start(); err != nil {
		t.Skipf("sshd cannot run here: %v", err)
	}
	exited := make(chan struct{})
	go func() { s.cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		s.KillSessions()
		s.cmd.Process.Kill()
		<-exited
	})
	for deadline := time.Now().Add(10 * time.Second); ; {
		select {
		case <-exited:
			t.Skipf("sshd cannot run here; it said:\n%s", s.Log)
		default:
		}
		if c, err := net.Dial("tcp", s.Addr()); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd did not listen on %s within 10 s:\n%s", s.Addr(), s.Log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s
}

// WriteKey makes an ed25519 key pair and writes the private key in
// OpenSSH's format.
func WriteKey(t *testing.T, dir, name string) (ssh.PublicKey, string) {
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

// Addr is the server's host:port.
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)) }

// KillSessions kills the server's processes that serve connections (every
// descendant of the listening sshd), as a dropped network would end them.
// It returns how many it killed.
func (s *Server) KillSessions() int {
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
