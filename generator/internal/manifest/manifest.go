// Package manifest is the list of every file a build publishes, with its
// SHA-256 and size: the file manifest.sha256 at the top of the site, which
// publishing compares and verifying checks.
//
// The file is in the form `sha256sum -c` reads: one line per file, the hash
// in lower-case hex, two spaces and the path (with forward slashes, relative
// to the site's folder), sorted by path. Each file's size in bytes is on a
// comment line just above it, which sha256sum skips:
//
//	# manifest.sha256: every file of the portal with its SHA-256 …
//	# 4523
//	3f5e…  404.html
//
// A path holding a backslash or a line break is written as sha256sum writes
// it: the line starts with a backslash, and those characters are escaped as
// \\, \n and \r. The manifest lists neither itself nor the build's marker.
// The same files always give the same bytes, so an unchanged site gives an
// identical manifest.
package manifest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Name is the manifest's file name at the top of the site: its address is
// the site's address followed by manifest.sha256.
const Name = "manifest.sha256"

// Sum is a SHA-256 hash.
type Sum [sha256.Size]byte

func (s Sum) String() string { return hex.EncodeToString(s[:]) }

// Of returns the hash of data.
func Of(data []byte) Sum { return sha256.Sum256(data) }

// Entry is one published file.
type Entry struct {
	Name string // slash-separated path relative to the site's folder
	Size int64
	Sum  Sum
}

// Manifest is the files of one build, sorted by name. It never changes once
// made.
type Manifest struct {
	entries []Entry
	index   map[string]int
}

// New makes a manifest of entries, which must have distinct names.
func New(entries []Entry) (*Manifest, error) {
	entries = slices.Clone(entries)
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	m := &Manifest{entries: entries, index: make(map[string]int, len(entries))}
	for i, e := range entries {
		if err := checkName(e.Name); err != nil {
			return nil, err
		}
		if _, dup := m.index[e.Name]; dup {
			return nil, fmt.Errorf("%s is listed twice", e.Name)
		}
		m.index[e.Name] = i
	}
	return m, nil
}

// checkName refuses paths that could name a file outside the site.
func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\x00") {
		return fmt.Errorf("%q is not a path inside the site", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" || part == "." || part == ".." {
			return fmt.Errorf("%q is not a path inside the site", name)
		}
	}
	return nil
}

// Entries returns the files, sorted by name. The caller must not change them.
func (m *Manifest) Entries() []Entry { return m.entries }

// Len is the number of files.
func (m *Manifest) Len() int { return len(m.entries) }

// Lookup returns the entry of the file name.
func (m *Manifest) Lookup(name string) (Entry, bool) {
	i, ok := m.index[name]
	if !ok {
		return Entry{}, false
	}
	return m.entries[i], true
}

// Bytes is the total size of the files whose size is known.
func (m *Manifest) Bytes() int64 {
	var n int64
	for _, e := range m.entries {
		n += max(e.Size, 0)
	}
	return n
}

// header opens every manifest; the parser skips it like any comment.
const header = "# " + Name + ": every file of the portal with its SHA-256; check the files with: sha256sum -c " + Name + "\n" +
	"# The size in bytes of each file is on the line above it.\n"

// Format returns the text of the manifest file.
func (m *Manifest) Format() []byte {
	var b bytes.Buffer
	b.Grow(len(header) + len(m.entries)*(len(Sum{})*2+48))
	b.WriteString(header)
	var hexSum [len(Sum{}) * 2]byte
	for _, e := range m.entries {
		b.WriteString("# ")
		b.WriteString(strconv.FormatInt(e.Size, 10))
		b.WriteByte('\n')
		name, escaped := escape(e.Name)
		if escaped {
			b.WriteByte('\\')
		}
		hex.Encode(hexSum[:], e.Sum[:])
		b.Write(hexSum[:])
		b.WriteString("  ")
		b.WriteString(name)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Sum is the hash of the manifest's text: one value that names the whole
// published site, written in the publish log.
func (m *Manifest) Sum() Sum { return Of(m.Format()) }

var escaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`)

func escape(name string) (string, bool) {
	if !strings.ContainsAny(name, "\\\n\r") {
		return name, false
	}
	return escaper.Replace(name), true
}

func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		if i == len(s) {
			return "", errors.New("the path ends in a lone backslash")
		}
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			return "", fmt.Errorf(`unknown escape \%c in the path`, s[i])
		}
	}
	return b.String(), nil
}

// SyntaxError is a line of a manifest that cannot be read.
type SyntaxError struct {
	File string
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Parse reads the manifest text data, from the file named file (for
// messages). Lines that sha256sum itself writes are accepted too, so a
// manifest made by hand with `sha256sum` reads; their files' sizes are then
// unknown (-1).
func Parse(file string, data []byte) (*Manifest, error) {
	var entries []Entry
	size := int64(-1)
	lines := strings.Split(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	} else {
		return nil, &SyntaxError{file, len(lines), "the last line is not complete (the file was cut short?)"}
	}
	for i, line := range lines {
		n := i + 1
		bad := func(format string, args ...any) error {
			return &SyntaxError{file, n, fmt.Sprintf(format, args...)}
		}
		line = strings.TrimSuffix(line, "\r")
		if c, ok := strings.CutPrefix(line, "#"); ok {
			if s, err := strconv.ParseInt(strings.TrimSpace(c), 10, 64); err == nil && s >= 0 {
				size = s
			}
			continue
		}
		if line == "" {
			continue
		}
		escaped := strings.HasPrefix(line, `\`)
		if escaped {
			line = line[1:]
		}
		hexSum, name, ok := strings.Cut(line, " ")
		if !ok || len(hexSum) != 2*len(Sum{}) || (!strings.HasPrefix(name, " ") && !strings.HasPrefix(name, "*")) {
			return nil, bad("expected a SHA-256 in hex, two spaces and a path, found %.80q", line)
		}
		var e Entry
		if _, err := hex.Decode(e.Sum[:], []byte(hexSum)); err != nil {
			return nil, bad("%q is not a SHA-256 in hex", hexSum)
		}
		e.Name = name[1:]
		if escaped {
			var err error
			if e.Name, err = unescape(e.Name); err != nil {
				return nil, bad("%s", err.Error())
			}
		}
		if err := checkName(e.Name); err != nil {
			return nil, bad("%s", err.Error())
		}
		e.Size, size = size, -1
		entries = append(entries, e)
	}
	m, err := New(entries)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}

// Builder collects the entries of a manifest as files are written, from
// any number of goroutines.
type Builder struct {
	mu      sync.Mutex
	entries []Entry
}

// Add records the file name holding data.
func (b *Builder) Add(name string, data []byte) {
	e := Entry{Name: name, Size: int64(len(data)), Sum: Of(data)}
	b.mu.Lock()
	b.entries = append(b.entries, e)
	b.mu.Unlock()
}

// AddSum records the file name of size bytes with the hash sum, for a file
// whose bytes were hashed as they were written.
func (b *Builder) AddSum(name string, size int64, sum Sum) {
	b.mu.Lock()
	b.entries = append(b.entries, Entry{Name: name, Size: size, Sum: sum})
	b.mu.Unlock()
}

// Manifest returns the manifest of the files added so far.
func (b *Builder) Manifest() (*Manifest, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return New(b.entries)
}
