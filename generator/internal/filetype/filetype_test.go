package filetype

import (
	"archive/zip"
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"testing"
)

func pngBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zipBytes(t *testing.T, names ...string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, n := range names {
		f, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("<ofd:OFD/>"))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDetect(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want string // "" for none
	}{
		{"pdf", []byte("%PDF-1.4\n%âãÏÓ\n1 0 obj\n"), "PDF"},
		{"pdf after scanner junk", append(bytes.Repeat([]byte{0}, 100), "%PDF-1.7\n"...), "PDF"},
		{"pdf marker too late", append(bytes.Repeat([]byte{' '}, 2000), "%PDF-1.7\n"...), ""},
		{"png", pngBytes(t), "PNG"},
		{"jpeg", jpegBytes(t), "JPEG"},
		{"ofd", zipBytes(t, "OFD.xml", "Doc_0/Document.xml"), "OFD"},
		{"zip without OFD.xml", zipBytes(t, "word/document.xml"), ""},
		{"ofd entry not at the top", zipBytes(t, "x/OFD.xml"), ""},
		{"truncated zip", zipBytes(t, "OFD.xml")[:20], ""},
		{"html", []byte("<!doctype html><script>alert(1)</script>"), ""},
		{"empty", nil, ""},
	}
	for _, c := range cases {
		got := Detect(c.data)
		if (got == nil && c.want != "") || (got != nil && got.Name != c.want) {
			t.Errorf("%s: detected %v, want %q", c.name, got, c.want)
		}
	}
}

func TestByExtAndLookup(t *testing.T) {
	for name, want := range map[string]string{
		"答复函.pdf": "PDF", "scan.JPG": "JPEG", "scan.jpeg": "JPEG", "a.Png": "PNG", "letter.ofd": "OFD",
		"notes.txt": "", "reply.pdf.exe": "", "noext": "",
	} {
		got, ok := ByExt(name)
		if ok != (want != "") || (ok && got.Name != want) {
			t.Errorf("ByExt(%q) = %v, %v; want %q", name, got, ok, want)
		}
	}
	if typ, ok := Lookup("jpeg"); !ok || typ.Name != "JPEG" {
		t.Errorf("Lookup is not case-insensitive: %v", typ)
	}
	if _, ok := Lookup("DOCX"); ok {
		t.Error("DOCX is known")
	}
	if got := Names(Known); got != `"PDF", "OFD", "JPEG", "PNG"` {
		t.Errorf("Names = %s", got)
	}
}
