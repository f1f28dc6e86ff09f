package publish

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/manifest"
)

// Publishing keeps three files of its own at the top of the target, beside
// manifest.sha256. They are hidden (most web servers do not serve such
// names) and never listed in the manifest.
const (
	// StateFile records every file of the target as the last publish left
	// it: size and modification time, and whether the portal published it
	// or found it there (a foreign file). Gzipped text.
	StateFile = ".portal-publish-state.gz"
	// PendingFile lists, while a publish is under way, the files it puts
	// in place and deletes, so that the next run knows them as its own.
	PendingFile = ".portal-publish-pending"
	// tmpPrefix starts the name of a file being uploaded, in the folder of
	// the file it becomes.
	tmpPrefix = ".portal-tmp-"
)

// own reports whether name is one of publishing's own files.
func own(name string) bool {
	return name == manifest.Name || name == StateFile || name == PendingFile || isTemp(name)
}

func isTemp(name string) bool { return strings.HasPrefix(path.Base(name), tmpPrefix) }

// tempName is where the file name with hash sum is uploaded before it is
// renamed into place: hidden, in the same folder (so the rename stays on one
// file system), and named by its content, so that a later run can tell a
// finished upload it may keep.
func tempName(name string, sum manifest.Sum) string {
	dir, base := path.Split(name)
	for len(base) > 100 {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	return dir + tmpPrefix + sum.String()[:16] + "-" + base
}

// state is the content of StateFile.
type state struct {
	manifest manifest.Sum // the manifest the published files' times stand for
	files    map[string]stateFile
}

type stateFile struct {
	size, mtime int64
	foreign     bool
}

const stateHeader = "# portal publish state v1: each file of this folder as the last publish left it: size, time, p(ublished) or f(oreign), path. Do not edit.\n"

func (s *state) format() []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	w := bufio.NewWriter(zw)
	w.WriteString(stateHeader)
	fmt.Fprintf(w, "manifest %s\n", s.manifest)
	for _, name := range sortedKeys(s.files) {
		f := s.files[name]
		kind := "p"
		if f.foreign {
			kind = "f"
		}
		fmt.Fprintf(w, "%d %d %s %s\n", f.size, f.mtime, kind, strconv.Quote(name))
	}
	w.Flush()
	zw.Close()
	return b.Bytes()
}

func parseState(data []byte) (*state, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	s := &state{files: map[string]stateFile{}}
	lines := strings.Split(string(text), "\n")
	if len(lines) < 2 || lines[0]+"\n" != stateHeader {
		return nil, fmt.Errorf("%s: not a publish state", StateFile)
	}
	sum, ok := strings.CutPrefix(lines[1], "manifest ")
	if !ok {
		return nil, fmt.Errorf("%s:2: no manifest line", StateFile)
	}
	if s.manifest, err = parseSum(sum); err != nil {
		return nil, fmt.Errorf("%s:2: %w", StateFile, err)
	}
	for i, line := range lines[2:] {
		if line == "" {
			continue
		}
		var f stateFile
		var kind string
		fields := strings.SplitN(line, " ", 4)
		if len(fields) == 4 {
			f.size, err = strconv.ParseInt(fields[0], 10, 64)
			if err == nil {
				f.mtime, err = strconv.ParseInt(fields[1], 10, 64)
			}
			kind = fields[2]
		}
		name, qerr := "", error(nil)
		if len(fields) == 4 {
			name, qerr = strconv.Unquote(fields[3])
		}
		if len(fields) != 4 || err != nil || qerr != nil || (kind != "p" && kind != "f") {
			return nil, fmt.Errorf("%s:%d: cannot read %.80q", StateFile, i+3, line)
		}
		f.foreign = kind == "f"
		s.files[name] = f
	}
	return s, nil
}

func parseSum(s string) (manifest.Sum, error) {
	var sum manifest.Sum
	if len(s) != 2*len(sum) {
		return sum, fmt.Errorf("%q is not a SHA-256", s)
	}
	for i := range sum {
		n, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return sum, fmt.Errorf("%q is not a SHA-256", s)
		}
		sum[i] = byte(n)
	}
	return sum, nil
}

// pending is the content of PendingFile: for each file, the hashes it may
// have been given by runs that did not finish, and the files they deleted.
type pending struct {
	puts    map[string][]manifest.Sum
	deletes map[string]bool
}

func newPending() *pending {
	return &pending{puts: map[string][]manifest.Sum{}, deletes: map[string]bool{}}
}

func (p *pending) put(name string, sum manifest.Sum) {
	for _, s := range p.puts[name] {
		if s == sum {
			return
		}
	}
	p.puts[name] = append(p.puts[name], sum)
}

// has reports whether an unfinished run may have put sum at name.
func (p *pending) has(name string, sum manifest.Sum) bool {
	if p == nil {
		return false
	}
	for _, s := range p.puts[name] {
		if s == sum {
			return true
		}
	}
	return false
}

const pendingHeader = "# portal publish in progress: files being put in place and deleted. Removed when the publish ends.\n"

func (p *pending) format() []byte {
	var b bytes.Buffer
	b.WriteString(pendingHeader)
	for _, name := range sortedKeys(p.puts) {
		for _, s := range p.puts[name] {
			fmt.Fprintf(&b, "put %s %s\n", s, strconv.Quote(name))
		}
	}
	for _, name := range sortedKeys(p.deletes) {
		fmt.Fprintf(&b, "delete %s\n", strconv.Quote(name))
	}
	return b.Bytes()
}

func parsePending(data []byte) (*pending, error) {
	p := newPending()
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		bad := fmt.Errorf("%s:%d: cannot read %.80q", PendingFile, i+1, line)
		verb, rest, _ := strings.Cut(line, " ")
		switch verb {
		case "put":
			sum, qname, _ := strings.Cut(rest, " ")
			s, err := parseSum(sum)
			name, qerr := strconv.Unquote(qname)
			if err != nil || qerr != nil {
				return nil, bad
			}
			p.put(name, s)
		case "delete":
			name, err := strconv.Unquote(rest)
			if err != nil {
				return nil, bad
			}
			p.deletes[name] = true
		default:
			return nil, bad
		}
	}
	return p, nil
}
