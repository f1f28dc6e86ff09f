package preview

import (
	"bytes"
	"compress/gzip"
	"io"
	"sync"
)

// packed is the content of a made file as the preview keeps it: gzip
// compressed, which holds a site's HTML, JSON and CSV in about a sixth of
// their size (a preview of 10,000 suggestions makes over 500 MB of files),
// or as it is when compressing would not make it smaller (images, tiny
// files). Serving a file unpacks it again, which takes well under a
// millisecond for a page.
type packed struct {
	data []byte
	gz   bool  // data is a gzip stream
	n    int64 // the length of the content
}

// pack compresses data into a packed file of its own (data is not kept).
func pack(data []byte) packed {
	var buf bytes.Buffer
	buf.Grow(len(data)/4 + 64)
	w := gzips.Get().(*gzip.Writer)
	w.Reset(&buf)
	// Writes to a bytes.Buffer do not fail.
	w.Write(data)
	w.Close()
	gzips.Put(w)
	if buf.Len() >= len(data) {
		return packed{data: bytes.Clone(data), n: int64(len(data))}
	}
	return packed{data: bytes.Clone(buf.Bytes()), gz: true, n: int64(len(data))}
}

// gzips are the compressors of pack: each holds about a megabyte of
// tables, so they are reused.
var gzips = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// size is the length of the content.
func (p packed) size() int64 { return p.n }

// unpack returns the content, in a slice of its own.
func (p packed) unpack() ([]byte, error) {
	if !p.gz {
		return p.data, nil
	}
	r, _ := gunzips.Get().(*gzip.Reader)
	var err error
	if r == nil {
		r, err = gzip.NewReader(bytes.NewReader(p.data))
	} else {
		err = r.Reset(bytes.NewReader(p.data))
	}
	if err != nil {
		return nil, err
	}
	defer gunzips.Put(r)
	out := make([]byte, 0, p.size())
	out, err = readAll(r, out)
	return out, err
}

var gunzips sync.Pool

// readAll reads r to its end into out, which has room for all of it.
func readAll(r io.Reader, out []byte) ([]byte, error) {
	for {
		n, err := r.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
	}
}
