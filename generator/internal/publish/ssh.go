package publish

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"
)

// HostKeyError refuses a server whose host key is not the one recorded in
// the known hosts file, or is not recorded at all. Publishing never trusts
// a server on first use: a person compares the fingerprint and adds the
// line.
type HostKeyError struct {
	Host  string                // host or [host]:port, as known_hosts names it
	File  string                // the known hosts file
	Key   ssh.PublicKey         // the key the server showed
	Known []knownhosts.KnownKey // the keys recorded for the host; empty when it is unknown
}

// Line is the line of known_hosts that accepts the server's key.
func (e *HostKeyError) Line() string { return knownhosts.Line([]string{e.Host}, e.Key) }

func (e *HostKeyError) Error() string {
	fp := ssh.FingerprintSHA256(e.Key) + " (" + e.Key.Type() + ")"
	if len(e.Known) == 0 {
		return fmt.Sprintf("the host key of %s is not in %s, so publish cannot tell that it is the real server; nothing was sent. "+
			"The server shows the fingerprint %s. Compare it with the one the server's administrator reads on the server "+
			"(ssh-keygen -lf /etc/ssh/ssh_host_%s_key.pub); if they are the same, add this line to %s and publish again:\n  %s",
			e.Host, e.File, fp, keyFileType(e.Key), e.File, e.Line())
	}
	k := e.Known[0]
	return fmt.Sprintf("the host key of %s has CHANGED: the server shows %s, but line %d of %s records %s. "+
		"Someone may be intercepting the connection; nothing was sent. If the server was reinstalled and its administrator "+
		"confirms the new fingerprint, replace line %d of %s with:\n  %s",
		e.Host, fp, k.Line, k.Filename, ssh.FingerprintSHA256(k.Key)+" ("+k.Key.Type()+")", k.Line, k.Filename, e.Line())
}

func keyFileType(k ssh.PublicKey) string {
	switch {
	case k.Type() == ssh.KeyAlgoED25519:
		return "ed25519"
	case strings.HasPrefix(k.Type(), "ecdsa"):
		return "ecdsa"
	}
	return "rsa"
}

// hostKeys checks server keys against a known hosts file.
type hostKeys struct {
	file  string
	check ssh.HostKeyCallback // nil when the file does not exist
}

func loadHostKeys(file string) (*hostKeys, error) {
	if file == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, fmt.Errorf("cannot find the known hosts file (%v): name it with -known-hosts", err)
		}
		file = filepath.Join(home, ".ssh", "known_hosts")
	}
	h := &hostKeys{file: file}
	cb, err := knownhosts.New(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("cannot read the known hosts file %s: %v", file, err)
	default:
		h.check = cb
	}
	return h, nil
}

// known returns the keys recorded for addr.
func (h *hostKeys) known(addr string) []knownhosts.KnownKey {
	if h.check == nil {
		return nil
	}
	// A key nobody has asks the file for every key it records for addr.
	_, probe, _ := ed25519.GenerateKey(nil)
	signer, _ := ssh.NewSignerFromKey(probe)
	var ke *knownhosts.KeyError
	if err := h.check(addr, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)}, signer.PublicKey()); errors.As(err, &ke) {
		return ke.Want
	}
	return nil
}

// algorithms are the host key algorithms to ask the server for: those of
// the recorded keys, so that a server with several keys shows a recorded
// one. Nil when none is recorded.
func algorithms(keys []knownhosts.KnownKey) []string {
	var algos []string
	for _, k := range keys {
		switch t := k.Key.Type(); t {
		case ssh.KeyAlgoRSA:
			algos = append(algos, ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA)
		default:
			algos = append(algos, t)
		}
	}
	return algos
}

func (h *hostKeys) callback(addr string) ssh.HostKeyCallback {
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		host := knownhosts.Normalize(addr)
		if h.check == nil {
			return &HostKeyError{Host: host, File: h.file, Key: key}
		}
		err := h.check(addr, remote, key)
		var ke *knownhosts.KeyError
		if errors.As(err, &ke) {
			return &HostKeyError{Host: host, File: h.file, Key: key, Known: ke.Want}
		}
		return err
	}
}

// signers are the keys to offer, and what they are for messages.
func signers(opts SSHOptions) ([]ssh.Signer, string, func(), error) {
	if opts.KeyFile != "" {
		s, err := readKey(opts.KeyFile)
		if err != nil {
			return nil, "", nil, err
		}
		return []ssh.Signer{s}, "the key " + opts.KeyFile, func() {}, nil
	}
	var list []ssh.Signer
	var from []string
	done := func() {}
	if sock := os.Getenv("SSH_AUTH_SOCK"); sock != "" {
		if conn, err := net.Dial("unix", sock); err == nil {
			if s, err := agent.NewClient(conn).Signers(); err == nil && len(s) > 0 {
				list = append(list, s...)
				from = append(from, "the keys of ssh-agent")
			}
			done = func() { conn.Close() }
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		for _, name := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			p := filepath.Join(home, ".ssh", name)
			if s, err := readKey(p); err == nil {
				list = append(list, s)
				from = append(from, p)
			}
		}
	}
	if len(list) == 0 {
		done()
		return nil, "", nil, errors.New("no SSH key to log in with: load one into ssh-agent (ssh-add), or name a key file with -key or key = \"…\" under [publish] in site.toml")
	}
	return list, strings.Join(from, " and "), done, nil
}

// readKey reads a private key file. Its content never appears in an error.
func readKey(file string) (ssh.Signer, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the key file %s: %v", file, errors.Unwrap(err))
	}
	s, err := ssh.ParsePrivateKey(data)
	var pm *ssh.PassphraseMissingError
	switch {
	case errors.As(err, &pm):
		return nil, fmt.Errorf("the key file %s is protected by a passphrase: load it into ssh-agent (ssh-add %s) and publish without naming a key file", file, file)
	case err != nil:
		return nil, fmt.Errorf("the key file %s is not a private key that SSH can use", file)
	}
	return s, nil
}

// dialSSH connects and logs in.
func dialSSH(ctx context.Context, spec Spec, opts SSHOptions) (*ssh.Client, error) {
	keys, err := loadHostKeys(opts.KnownHosts)
	if err != nil {
		return nil, err
	}
	list, from, done, err := signers(opts)
	if err != nil {
		return nil, err
	}
	defer done()
	addr := spec.Addr()
	config := &ssh.ClientConfig{
		User:              spec.User,
		Auth:              []ssh.AuthMethod{ssh.PublicKeys(list...)},
		HostKeyCallback:   keys.callback(addr),
		HostKeyAlgorithms: algorithms(keys.known(addr)),
		Timeout:           opts.Timeout,
	}
	dialer := net.Dialer{Timeout: opts.Timeout}
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, dialError(spec, opts.Timeout, err)
	}
	conn.SetDeadline(time.Now().Add(opts.Timeout))
	c, chans, reqs, err := ssh.NewClientConn(conn, addr, config)
	if err != nil {
		conn.Close()
		var hk *HostKeyError
		switch {
		case errors.As(err, &hk):
			return nil, hk
		case strings.Contains(err.Error(), "unable to authenticate"):
			return nil, fmt.Errorf("%s refused %s for the user %s: add its public key to ~%s/.ssh/authorized_keys on the server, or name the right key with -key",
				spec.Host, from, spec.User, spec.User)
		case isTimeout(err):
			return nil, fmt.Errorf("%s accepted the connection but did not log in within %s: is it an SSH server?", addr, opts.Timeout)
		case strings.Contains(err.Error(), "ssh: handshake failed"), strings.Contains(err.Error(), "ssh: overflow"):
			return nil, fmt.Errorf("%s does not answer as an SSH server (%v): check the port (SSH is usually 22)", addr, err)
		}
		return nil, fmt.Errorf("logging in to %s: %v", addr, err)
	}
	conn.SetDeadline(time.Time{})
	return ssh.NewClient(c, chans, reqs), nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func dialError(spec Spec, timeout time.Duration, err error) error {
	var dns *net.DNSError
	switch {
	case errors.As(err, &dns):
		return fmt.Errorf("the server name %s is not known (%s): check the address", spec.Host, dns.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("nothing answers on %s (connection refused): check the port (SSH is usually 22) and that the SSH server runs", spec.Addr())
	case isTimeout(err):
		return fmt.Errorf("no answer from %s within %s: check the address, and that a firewall lets SSH through", spec.Addr(), timeout)
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return fmt.Errorf("%s cannot be reached from this computer (%v): check the address and the network", spec.Addr(), errors.Unwrap(err))
	}
	return fmt.Errorf("cannot reach %s: %v", spec.Addr(), err)
}
