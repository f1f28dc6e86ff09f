package config

import (
	"rdjy.local/portal/generator/internal/filetype"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Attachments are the rules for files published with a suggestion (the
// signed reply letter, scans): the types allowed and the size of the
// largest file.
type Attachments struct {
	Types    []*filetype.Type // allowed, in site.toml's order; every known type by default
	MaxBytes int64            // the largest file allowed
	MaxMB    int              // the same in megabytes (1 MB = 1,048,576 bytes), for messages
}

// Allows reports whether t is one of the allowed types.
func (a Attachments) Allows(t *filetype.Type) bool {
	for _, allowed := range a.Types {
		if allowed == t {
			return true
		}
	}
	return false
}

// defaultAttachmentMB is the default size limit: a scanned letter of a few
// pages is 1–5 MB; 20 MB leaves room without letting a video through.
const defaultAttachmentMB = 20

func readAttachments(t *tomldoc.Table) Attachments {
	a := Attachments{MaxMB: defaultAttachmentMB}
	if n, ok := t.Int("attachment_max_mb", false, "20"); ok {
		if n < 1 || n > 1024 {
			t.Errorf("attachment_max_mb", "write a size in megabytes from 1 to 1024, such as attachment_max_mb = 20", "must be between 1 and 1024, found %d", n)
		} else {
			a.MaxMB = n
		}
	}
	a.MaxBytes = int64(a.MaxMB) << 20
	if !t.Has("attachment_types") {
		a.Types = filetype.Known
		return a
	}
	for i, name := range t.Strings("attachment_types", false, `["PDF", "OFD", "JPEG", "PNG"]`) {
		typ, ok := filetype.Lookup(name)
		if !ok {
			t.EntryErrorf("attachment_types", i, "the generator can check only these types: "+filetype.Names(filetype.Known), "%q is not a type attachments may have", name)
			continue
		}
		a.Types = append(a.Types, typ)
	}
	return a
}
