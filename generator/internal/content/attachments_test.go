package content

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
)

var pdfData = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func pngData(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bundled is the valid suggestion with [[attachments]] entries added.
func bundled(t testing.TB, entries string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.Replace(valid, "\n+++\n\n## 建议内容", "\n"+entries+"+++\n\n## 建议内容", 1))}
}

const dir006 = "content/suggestions/2019/006/"

func TestAttachments(t *testing.T) {
	m := fstest.MapFS{
		dir006 + "index.md": bundled(t, `
[[attachments]]
file = "答复函 (盖章).PDF"
title = "区住建局答复函"
reviewed = true

[[attachments]]
file = "现场照片.png"
`),
		dir006 + "答复函 (盖章).PDF":              {Data: pdfData},
		dir006 + "现场照片.png":                  {Data: pngData(t)},
		dir006 + "Scan 2.png":                {Data: pngData(t)},
		dir006 + ".DS_Store":                 {Data: []byte("hidden: never part of the site")},
		"content/suggestions/2019/notes.txt": {Data: []byte("not in a suggestion's folder: not published")},
	}
	all, errs := Load(m, configtest.Site(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(all) != 1 || all[0].File != dir006+"index.md" {
		t.Fatalf("loaded %v", all)
	}
	got := all[0].Attachments
	var names []string
	for _, a := range got {
		names = append(names, a.Name+"|"+a.Title+"|"+a.Type.Name)
	}
	want := "答复函-盖章.pdf|区住建局答复函|PDF 现场照片.png|现场照片|PNG scan-2.png|Scan 2|PNG"
	if g := strings.Join(names, " "); g != want {
		t.Errorf("attachments, listed ones first:\n got %s\nwant %s", g, want)
	}
	sum := sha256.Sum256(pdfData)
	if a := got[0]; a.Size != int64(len(pdfData)) || a.SHA256 != hex.EncodeToString(sum[:]) || !a.Reviewed ||
		a.File != dir006+"答复函 (盖章).PDF" || a.Pos.String() != dir006+"index.md:26:8" {
		t.Errorf("first attachment: %+v", a)
	}
	warnings := UnreviewedAttachments(all)
	wantW := []string{
		`content/suggestions/2019/006/Scan 2.png: attachments: "Scan 2.png" is not marked as reviewed for personal data (check it for deputies' phone numbers, ID numbers and addresses, then list it in index.md: [[attachments]] file = "Scan 2.png" reviewed = true)`,
		`content/suggestions/2019/006/index.md:31:8: attachments: "现场照片.png" is not marked as reviewed for personal data (check it for deputies' phone numbers, ID numbers and addresses, then write reviewed = true in its [[attachments]] entry)`,
	}
	if warnings.Error() != strings.Join(wantW, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", warnings.Error(), strings.Join(wantW, "\n"))
	}
}

func TestAttachmentErrors(t *testing.T) {
	small := func(t *testing.T) *config.Site {
		s, errs := config.Parse("site.toml", []byte("attachment_max_mb = 1\nattachment_types = [\"PDF\", \"PNG\"]\n"+configtest.TOML))
		if errs != nil {
			t.Fatal(errs)
		}
		return s
	}
	cases := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"a type no site may publish", fstest.MapFS{dir006 + "答复函.docx": {Data: []byte("PK\x03\x04")}},
			`content/suggestions/2019/006/答复函.docx: not a type of file a suggestion may carry ("PDF", "PNG") (convert it to PDF, or move it out of the suggestion's folder)`},
		{"a type site.toml leaves out", fstest.MapFS{dir006 + "letter.ofd": {Data: []byte("PK\x03\x04")}},
			`content/suggestions/2019/006/letter.ofd: OFD files are not allowed: site.toml's attachment_types lists "PDF", "PNG"`},
		{"over the limit", fstest.MapFS{dir006 + "big.pdf": {Data: append(append([]byte(nil), pdfData...), make([]byte, 1<<20)...)}},
			`content/suggestions/2019/006/big.pdf: 1.1 MB is larger than the limit of 1 MB (make the file smaller`},
		{"content of another type", fstest.MapFS{dir006 + "reply.pdf": {Data: pngData(t)}},
			`content/suggestions/2019/006/reply.pdf: named .pdf but its content is a PNG file, not PDF`},
		{"content of no type", fstest.MapFS{dir006 + "reply.pdf": {Data: []byte("<html><script>alert(1)</script>")}},
			`content/suggestions/2019/006/reply.pdf: named .pdf but its content is of no type the site publishes, not PDF`},
		{"a name with ..", fstest.MapFS{dir006 + "reply..pdf": {Data: pdfData}},
			`content/suggestions/2019/006/reply..pdf: a file name with ".." is not published`},
		{"a symbolic link", fstest.MapFS{dir006 + "reply.pdf": {Mode: fs.ModeSymlink, Data: []byte("../../other.pdf")}, "content/suggestions/other.pdf": {Data: pdfData}},
			`content/suggestions/2019/006/reply.pdf: a symbolic link: an attachment must be a file in the suggestion's folder`},
		{"index.md and another .md", fstest.MapFS{dir006 + "notes.md": numbered("2019-106")},
			`content/suggestions/2019/006/notes.md: a folder with index.md is one suggestion and may hold no other .md file`},
		{"a sub-folder", fstest.MapFS{dir006 + "scans/1.png": {Data: pngData(t)}},
			`content/suggestions/2019/006/scans/1.png: a sub-folder of a suggestion's folder (content/suggestions/2019/006/) is not published`},
		{"a folder inside a folder", fstest.MapFS{dir006 + "b/index.md": numbered("2019-106")},
			`content/suggestions/2019/006/b/index.md: a suggestion folder inside another one (content/suggestions/2019/006/index.md)`},
		{"index.md at the top", fstest.MapFS{"content/suggestions/index.md": numbered("2019-106")},
			`content/suggestions/index.md: index.md names a suggestion written as a folder, and cannot stand directly in content/suggestions`},
		{"two files, one published name", fstest.MapFS{dir006 + "Reply.pdf": {Data: pdfData}, dir006 + "reply.pdf": {Data: pdfData}},
			`content/suggestions/2019/006/reply.pdf: would be published as "reply.pdf", as "Reply.pdf" is (rename one of the two files)`},
		{"a name with nothing to publish", fstest.MapFS{dir006 + "（）.pdf": {Data: pdfData}},
			`content/suggestions/2019/006/（）.pdf: the file name has no letters or digits to publish it under`},
		{"a listed file is missing", fstest.MapFS{dir006 + "index.md": bundled(t, "[[attachments]]\nfile = \"答复函.pdf\"\n")},
			`content/suggestions/2019/006/index.md:25:8: attachments: no file "答复函.pdf" beside index.md (copy the file into content/suggestions/2019/006/ or correct the name)`},
		{"listed twice", fstest.MapFS{dir006 + "index.md": bundled(t, "[[attachments]]\nfile = \"a.pdf\"\n[[attachments]]\nfile = \"a.pdf\"\n"), dir006 + "a.pdf": {Data: pdfData}},
			`content/suggestions/2019/006/index.md:27:8: attachments[2].file: "a.pdf" is already listed`},
		{"a path, not a name", fstest.MapFS{dir006 + "index.md": bundled(t, "[[attachments]]\nfile = \"../a.pdf\"\n")},
			`content/suggestions/2019/006/index.md:25:8: attachments[1].file: "../a.pdf" is a path, not a file name`},
		{"a misspelt field", fstest.MapFS{dir006 + "index.md": bundled(t, "[[attachments]]\nfile = \"a.pdf\"\nreviwed = true\n"), dir006 + "a.pdf": {Data: pdfData}},
			`content/suggestions/2019/006/index.md:26:1: attachments[1].reviwed: unknown field (did you mean reviewed?)`},
		{"attachments of a single file", fstest.MapFS{dir006 + "index.md": nil, "content/suggestions/2019/007.md": bundled(t, "[[attachments]]\nfile = \"a.pdf\"\n")},
			`content/suggestions/2019/007.md:25:8: attachments: attachments need the suggestion written as a folder (move content/suggestions/2019/007.md to content/suggestions/2019/007/index.md and put the files beside it)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := fstest.MapFS{dir006 + "index.md": {Data: []byte(valid)}}
			for k, v := range c.files {
				if v == nil {
					delete(m, k)
				} else {
					m[k] = v
				}
			}
			_, errs := Load(m, small(t))
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					if len(errs) > 1 {
						t.Errorf("more than the one problem: %v", errs)
					}
					return
				}
			}
			t.Errorf("want an error starting with\n  %s\ngot\n  %v", c.want, errs)
		})
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"答复函.pdf":                       "答复函.pdf",
		"答复函 (盖章).PDF":                  "答复函-盖章.pdf",
		"关于第6号建议的答复（定稿）.pdf":            "关于第6号建议的答复-定稿.pdf",
		"Reply Letter v1.2.pdf":         "reply-letter-v1-2.pdf",
		"  --scan__01--.png":            "scan__01.png",
		"a#b?c%d&e.jpg":                 "a-b-c-d-e.jpg",
		"fdp\u202Eexe.pdf":              "fdp-exe.pdf", // a right-to-left override, used to disguise names
		"Cafe\u0301.png":                "café.png",    // decomposed, as macOS writes names
		"（）.pdf":                        "",
		"第１号.pdf":                       "第１号.pdf", // full-width digits are digits
		"<script>alert(1)</script>.pdf": "script-alert-1-script.pdf",
	} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSetUpdateAttachments(t *testing.T) {
	site := configtest.Site(t)
	m := fstest.MapFS{
		dir006 + "index.md":               {Data: []byte(valid)},
		dir006 + "reply.pdf":              {Data: pdfData},
		"content/suggestions/2019/002.md": numbered("2019-002"),
	}
	set := LoadSet(m, site)
	sgs, _ := set.Suggestions()
	if len(sgs[1].Attachments) != 1 {
		t.Fatalf("attachments: %+v", sgs[1].Attachments)
	}
	steps := []struct {
		name    string
		edit    func()
		changed string
		want    int    // attachments of 2019-001 after the change
		err     string // a problem after the change
	}{
		{"an attachment is added", func() { m[dir006+"photo.png"] = &fstest.MapFile{Data: pngData(t)} }, dir006 + "photo.png", 2, ""},
		{"an attachment is broken", func() { m[dir006+"photo.png"] = &fstest.MapFile{Data: []byte("x")} }, dir006 + "photo.png", 1, "its content is of no type"},
		{"it is removed", func() { delete(m, dir006+"photo.png") }, dir006 + "photo.png", 1, ""},
		{"another .md comes in", func() { m[dir006+"notes.md"] = numbered("2019-106") }, dir006 + "notes.md", 1, "may hold no other .md file"},
		{"and goes", func() { delete(m, dir006+"notes.md") }, dir006 + "notes.md", 1, ""},
		{"index.md goes: the folder is no suggestion", func() { delete(m, dir006+"index.md") }, dir006 + "index.md", -1, ""},
		{"and comes back", func() { m[dir006+"index.md"] = &fstest.MapFile{Data: []byte(valid)} }, dir006 + "index.md", 1, ""},
	}
	for _, st := range steps {
		st.edit()
		set = set.Update(context.Background(), m, []string{st.changed})
		sgs, errs := set.Suggestions()
		fresh, freshErrs := LoadSet(m, site).Suggestions()
		if errs.Error() != freshErrs.Error() || len(sgs) != len(fresh) {
			t.Errorf("%s: the update differs from a fresh load:\n%v\n%v", st.name, errs, freshErrs)
		}
		n := -1
		for _, sg := range sgs {
			if sg.Number == "2019-001" {
				n = len(sg.Attachments)
			}
		}
		if n != st.want || !strings.Contains(errs.Error(), st.err) || (st.err == "" && len(errs) > 0) {
			t.Errorf("%s: %d attachments, problems %v; want %d, %q", st.name, n, errs, st.want, st.err)
		}
	}
}
