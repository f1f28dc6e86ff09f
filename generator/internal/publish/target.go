package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Kind is the kind of a target.
type Kind int

const (
	Folder  Kind = iota // a folder on this computer or a mounted share
	SFTP                // a folder on a server, over SSH
	Package             // a change package file, carried to the server by hand
)

// Spec is a parsed -to address. It holds no secret: an address with a
// password is refused.
type Spec struct {
	Kind Kind
	Path string // Folder: the folder; SFTP: the folder on the server; Package: the file
	User string // SFTP
	Host string // SFTP
	Port int    // SFTP; 22 unless the address says otherwise
}

// String is the address as messages and the publish log show it.
func (s Spec) String() string {
	switch s.Kind {
	case SFTP:
		p := s.Path
		if !strings.HasPrefix(p, "/") {
			p = "/~/" + p
		}
		return "sftp://" + s.User + "@" + net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) + p
	case Package:
		return "package:" + s.Path
	}
	return s.Path
}

// Addr is the SFTP server's host:port.
func (s Spec) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// ParseTarget reads a target address: a folder (a path or file:///path),
// sftp://user@host[:port]/path (/~/path: in the account's home folder), or
// package:FILE.zip (or .tar.gz).
func ParseTarget(to string) (Spec, error) {
	switch {
	case to == "":
		return Spec{}, errors.New("no target: give -to, or set to = \"…\" under [publish] in site.toml")
	case strings.HasPrefix(to, "package:"):
		file := strings.TrimPrefix(to, "package:")
		if !strings.HasSuffix(file, ".zip") && !strings.HasSuffix(file, ".tar.gz") {
			return Spec{}, fmt.Errorf("%s: a package is a .zip or .tar.gz file, such as package:rddbjy-changes.zip", to)
		}
		return Spec{Kind: Package, Path: file}, nil
	case strings.HasPrefix(to, "sftp:"):
		return parseSFTP(to)
	case strings.HasPrefix(to, "file:"):
		u, err := url.Parse(to)
		if err != nil || (u.Host != "" && u.Host != "localhost") || !strings.HasPrefix(u.Path, "/") {
			return Spec{}, fmt.Errorf("%s: a file address names a folder on this computer, such as file:///srv/www/rddbjy", to)
		}
		return Spec{Kind: Folder, Path: filepath.FromSlash(u.Path)}, nil
	case strings.Contains(to, "://"):
		scheme, _, _ := strings.Cut(to, "://")
		hint := ""
		if scheme == "http" || scheme == "https" {
			hint = "; a web address can be checked with verify, but publishing needs the server's folder (sftp://…) or a mounted folder"
		}
		return Spec{}, fmt.Errorf("%s://…: cannot publish to a %s address (use a folder, file:///…, sftp://user@host/path or package:FILE.zip)%s", scheme, scheme, hint)
	}
	return Spec{Kind: Folder, Path: to}, nil
}

func parseSFTP(to string) (Spec, error) {
	u, err := url.Parse(to)
	if err != nil {
		// url.Parse quotes the address, password and all: say only what is wrong.
		return Spec{}, errors.New("the sftp address cannot be read: write it as sftp://user@host/path or sftp://user@host:2222/path")
	}
	if _, hasPassword := u.User.Password(); hasPassword {
		u.User = url.User(u.User.Username())
		return Spec{}, fmt.Errorf("%s: the address holds a password; publish logs in with an SSH key (ssh-agent or -key FILE), so remove the password from the address", redacted(u))
	}
	s := Spec{Kind: SFTP, User: u.User.Username(), Host: u.Hostname(), Path: u.Path, Port: 22}
	if u.Scheme != "sftp" || u.Host == "" || u.Opaque != "" {
		return Spec{}, fmt.Errorf("%s: write it as sftp://user@host/path", to)
	}
	if s.User == "" {
		return Spec{}, fmt.Errorf("%s: name the user to log in as: sftp://user@%s%s", to, u.Host, u.Path)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Spec{}, fmt.Errorf("%s: the port must be a number from 1 to 65535", to)
		}
		s.Port = n
	}
	if s.Path == "" || s.Path == "/" || s.Path == "/~" || s.Path == "/~/" || u.RawQuery != "" || u.Fragment != "" {
		return Spec{}, fmt.Errorf("%s: name the site's folder on the server, such as sftp://%s@%s/srv/www/rddbjy", to, s.User, u.Host)
	}
	if rest, home := strings.CutPrefix(s.Path, "/~/"); home {
		s.Path = path.Clean(rest) // in the account's home folder, where the server starts
	} else {
		s.Path = path.Clean(s.Path)
	}
	return s, nil
}

func redacted(u *url.URL) string {
	c := *u
	if c.User != nil {
		c.User = url.User(c.User.Username())
	}
	return c.String()
}

// FileInfo is one file of a target.
type FileInfo struct {
	Name    string // slash path relative to the target's folder
	Size    int64
	ModTime int64 // nanoseconds since 1970, to the target's precision
}

// Target is a folder a site is published into. Names are slash paths
// relative to it.
type Target interface {
	// String names the target in messages and the publish log, without
	// secrets.
	String() string
	// Walk lists every file under the folder, without following links.
	Walk(ctx context.Context) ([]FileInfo, error)
	Open(name string) (io.ReadCloser, error)
	// Create creates or empties the file name, making its folders.
	Create(name string) (io.WriteCloser, error)
	Stat(name string) (FileInfo, error)
	// Rename moves from to to, replacing to in one step: a reader sees the
	// old file or the new one, never neither.
	Rename(from, to string) error
	Remove(name string) error
	// RemoveDir removes an empty folder; it fails on one that is not.
	RemoveDir(name string) error
	// Free is the space left in the folder's file system, when known.
	Free() (int64, bool)
	// TrustStat reports whether an unchanged size and modification time
	// may stand for unchanged bytes. When false, publish reads every file
	// to check it.
	TrustStat() bool
	Close() error
}
