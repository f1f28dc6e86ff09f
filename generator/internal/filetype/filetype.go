// Package filetype knows the kinds of file a suggestion may carry as an
// attachment (the signed reply letter, a scan, a photo): PDF, OFD (the
// national standard for fixed-layout documents, GB/T 33190), JPEG and PNG.
// A file is of a type when both its extension and its content say so: the
// first bytes of a PDF, JPEG or PNG, and for OFD (a ZIP container) an
// OFD.xml entry at the top of the archive. A file renamed to .pdf is not a
// PDF.
package filetype

import (
	"archive/zip"
	"bytes"
	"path"
	"strings"
)

// Type is one kind of attachment.
type Type struct {
	Name  string   // as site.toml writes it and pages show it: "PDF"
	MIME  string   // the media type a web server should send
	Exts  []string // file extensions, lower case, with the dot; the first is the usual one
	match func(data []byte) bool
}

// Known lists every type the generator can verify, in the order pages and
// messages list them.
var Known = []*Type{
	{Name: "PDF", MIME: "application/pdf", Exts: []string{".pdf"}, match: isPDF},
	{Name: "OFD", MIME: "application/ofd", Exts: []string{".ofd"}, match: isOFD},
	{Name: "JPEG", MIME: "image/jpeg", Exts: []string{".jpg", ".jpeg"}, match: isJPEG},
	{Name: "PNG", MIME: "image/png", Exts: []string{".png"}, match: isPNG},
}

// Lookup finds a known type by its name, in any case ("pdf", "PDF").
func Lookup(name string) (*Type, bool) {
	for _, t := range Known {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return nil, false
}

// ByExt finds the known type whose extensions include the one of the file
// name, in any case.
func ByExt(name string) (*Type, bool) {
	ext := strings.ToLower(path.Ext(name))
	for _, t := range Known {
		for _, e := range t.Exts {
			if e == ext {
				return t, true
			}
		}
	}
	return nil, false
}

// Names lists the names of types for messages: "PDF", "OFD", "JPEG", "PNG".
func Names(types []*Type) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = `"` + t.Name + `"`
	}
	return strings.Join(names, ", ")
}

// Matches reports whether data, a whole file, is of type t.
func (t *Type) Matches(data []byte) bool { return t.match(data) }

// Detect gives the known type data is, whatever its name; nil when none.
func Detect(data []byte) *Type {
	for _, t := range Known {
		if t.match(data) {
			return t
		}
	}
	return nil
}

// isPDF: "%PDF-" starts the file. Readers accept it within the first
// kilobyte, after junk some scanners write; so do we.
func isPDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

func isJPEG(data []byte) bool { return bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) }

func isPNG(data []byte) bool { return bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) }

// isOFD: a ZIP archive with OFD.xml, the document's entry point, at its top.
func isOFD(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return false
	}
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range r.File {
		if f.Name == "OFD.xml" {
			return true
		}
	}
	return false
}
