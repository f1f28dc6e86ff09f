package content

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"

	"rdjy.local/portal/generator/internal/source"
)

// A build holds every suggestion's front matter, which the indexes, lists
// and statistics need, but not its body, which only its own page and the
// search index need, each once: LoadContext leaves the body out
// (dropBody) and Body reads the file again when a page is made. So that a
// site is never made of two versions of a file (a page from the file as it
// is now, the lists from the file as it was loaded), the file read again
// must be the one loaded, byte for byte: its size and a 64-bit hash are
// recorded at load and compared. The hash tells an edit from the file as
// loaded (a save between loading and writing), not a forgery from it:
// maphash, with a seed of this process, about ten times as fast as the
// SHA-256 it replaced (1.3% of a build's processor time, each body being
// read again for its two pages and the search index).

// bodySource is where a suggestion whose body was left out reads it again.
type bodySource struct {
	fsys fs.FS
	real string // the file's path in fsys (source.File.Real)
	size int
	sum  uint64 // maphash.Bytes(bodySeed, the file)
}

// bodySeed is the seed of the bodies' hashes.
var bodySeed = maphash.MakeSeed()

// dropBody leaves s's body out of memory; Body reads it again from real
// in fsys, whose content at load was data.
func (s *Suggestion) dropBody(fsys fs.FS, real string, data []byte) {
	s.Body = nil
	// A summary from the body's 答复摘要 section is a part of data: kept as
	// it is, it would keep the whole file in memory.
	s.Summary = bytes.Clone(s.Summary)
	s.body = &bodySource{fsys: fsys, real: real, size: len(data), sum: maphash.Bytes(bodySeed, data)}
}

// ErrChanged is the error of Body when the suggestion's file changed
// after the site was loaded.
var ErrChanged = errors.New("the file changed while the site was being built")

// ReadBody returns s's published Markdown body, as Body holds it after
// Parse. For a suggestion loaded without its body (LoadContext) it reads
// the file again; when the file is no longer the one loaded, the error is
// ErrChanged, and the build must stop rather than publish pages made from
// two versions of the file.
func (s *Suggestion) ReadBody() ([]byte, error) {
	if s.body == nil {
		return s.Body, nil
	}
	src := s.body
	data, err := fs.ReadFile(src.fsys, src.real)
	if err != nil {
		return nil, fmt.Errorf("%s: reading the body again: %w", s.File, err)
	}
	if len(data) != src.size || maphash.Bytes(bodySeed, data) != src.sum {
		return nil, fmt.Errorf("%s: %w: build again once it is saved", s.File, ErrChanged)
	}
	// As Parse read it; the checks of source.Text passed at load.
	_, _, body, _, perr := Split(s.File, source.Normalize(data))
	if perr != nil {
		return nil, perr // cannot be: the same bytes were split at load
	}
	return publishedBody(body, s.Disclosure), nil
}
