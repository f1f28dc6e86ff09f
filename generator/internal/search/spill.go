package search

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// spill keeps the records of each group of files while an index is
// gathered: in files of a scratch folder, or in memory. Each group has two
// parts: its keys' records (listsPart) and its big keys' entries by block
// (blocksPart).
type spill struct {
	dir     string
	pending [2][][]byte   // what is not written yet, by part and group
	mem     [2][][][]byte // in memory: what is written, by part and group, in chunks
	err     error         // the first error writing
}

const (
	listsPart = iota
	blocksPart
)

// spillChunk is the size of what a group keeps before writing it: 6 MB
// in all for the 200 groups of 100,000 suggestions.
const spillChunk = 32 << 10

func newSpill(dir string, groups int) *spill {
	s := &spill{dir: dir}
	for part := range s.pending {
		s.pending[part] = make([][]byte, groups)
		s.mem[part] = make([][][]byte, groups)
	}
	return s
}

// write appends the pieces to the part of group g.
func (s *spill) write(part, g int, pieces ...[]byte) {
	for _, p := range pieces {
		s.pending[part][g] = append(s.pending[part][g], p...)
	}
	if len(s.pending[part][g]) >= spillChunk {
		s.flushOne(part, g)
	}
}

// flush writes everything pending, and lets go of the buffers.
func (s *spill) flush() {
	for part := range s.pending {
		for g := range s.pending[part] {
			s.flushOne(part, g)
			s.pending[part][g] = nil
		}
	}
}

func (s *spill) flushOne(part, g int) {
	b := s.pending[part][g]
	if len(b) == 0 {
		return
	}
	if s.dir == "" {
		s.mem[part][g] = append(s.mem[part][g], b)
		s.pending[part][g] = nil
		return
	}
	s.pending[part][g] = b[:0]
	if s.err != nil {
		return
	}
	f, err := os.OpenFile(s.name(part, g), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err == nil {
		_, err = f.Write(b)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	s.err = err
}

// read gives all that was written to the part of group g.
func (s *spill) read(part, g int) ([]byte, error) {
	if s.dir == "" {
		var b []byte
		for _, c := range s.mem[part][g] {
			b = append(b, c...)
		}
		return b, nil
	}
	b, err := os.ReadFile(s.name(part, g))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // nothing was written to it
	}
	return b, err
}

func (s *spill) name(part, g int) string {
	return filepath.Join(s.dir, "search-"+"lb"[part:part+1]+strconv.Itoa(g))
}
