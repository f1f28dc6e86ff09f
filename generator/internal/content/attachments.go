package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/filetype"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Attachment is a file published with a suggestion, such as the signed
// reply letter (复函) as a PDF: a file beside the index.md of a suggestion
// written as a folder. It is published, unchanged, at the suggestion's
// address under Name.
type Attachment struct {
	Name     string         // the published file name, safe in a web address: "答复函.pdf"
	File     string         // the file in the site: "content/suggestions/2019/006/答复函.pdf"
	Title    string         // shown on the page: front matter's title, or the file name without its extension
	Type     *filetype.Type // checked against the content
	Size     int64          // bytes
	SHA256   string         // of the content, lower-case hex, for the open data
	Reviewed bool           // a person has checked it for personal data
	Pos      diag.Pos       // where front matter lists it; the file itself when it does not
}

// listed is an [[attachments]] entry of the front matter.
type listed struct {
	file     string
	title    string
	reviewed bool
	pos      diag.Pos
}

// readListed reads the front matter's [[attachments]]: each names a file
// beside index.md, with an optional title and whether it was reviewed.
func readListed(t *tomldoc.Table) []listed {
	var out []listed
	seen := map[string]bool{}
	for _, at := range t.Tables("attachments") {
		l := listed{
			file:     at.String("file", true, `"答复函.pdf"`),
			title:    at.String("title", false, `"区住建局答复函"`),
			reviewed: at.Bool("reviewed"),
			pos:      at.ValuePos("file"),
		}
		at.CheckUnknown()
		switch {
		case l.file == "":
			continue
		case strings.ContainsAny(l.file, `/\`):
			at.Errorf("file", "write only the name of a file beside index.md, such as \"答复函.pdf\"", "%q is a path, not a file name", l.file)
			continue
		case seen[l.file]:
			at.Errorf("file", "list each file once", "%q is already listed", l.file)
			continue
		}
		seen[l.file] = true
		out = append(out, l)
	}
	return out
}

// readAttachments reads and checks the files beside a suggestion's
// index.md, and sets sg.Attachments: those listed in the front matter in
// its order, then the others by name. A file is read once, to check its
// type by content and take its SHA-256; a file over the size limit is not
// read at all.
func readAttachments(fsys fs.FS, sg *Suggestion, e entry, site *config.Site) diag.List {
	var errs diag.List
	if !e.bundle {
		if len(sg.listed) > 0 {
			folder := strings.TrimSuffix(e.md.Path, ".md")
			errs.Add(sg.listed[0].pos, "attachments", "attachments need the suggestion written as a folder",
				"move "+e.md.Path+" to "+folder+"/"+BundleFile+" and put the files beside it")
		}
		return errs
	}
	byFile := make(map[string]*listed, len(sg.listed))
	for i := range sg.listed {
		byFile[sg.listed[i].file] = &sg.listed[i]
	}
	order := make(map[string]int, len(sg.listed))
	for i, l := range sg.listed {
		order[l.file] = i
	}
	published := map[string]string{} // lower-cased published name → file
	found := map[string]bool{}
	for _, f := range e.attachments {
		name := path.Base(f.Path)
		found[name] = true
		a, problem, hint := readAttachment(fsys, f, site.Attachments)
		if problem != "" {
			errs.Add(diag.Pos{File: f.Path}, "", problem, hint)
			continue
		}
		if other, dup := published[strings.ToLower(a.Name)]; dup {
			errs.Add(diag.Pos{File: f.Path}, "", fmt.Sprintf("would be published as %q, as %q is", a.Name, other),
				"rename one of the two files")
			continue
		}
		published[strings.ToLower(a.Name)] = name
		a.Title = strings.TrimSuffix(name, path.Ext(name))
		a.Pos = diag.Pos{File: f.Path}
		if l := byFile[name]; l != nil {
			if l.title != "" {
				a.Title = l.title
			}
			a.Reviewed, a.Pos = l.reviewed, l.pos
		}
		sg.Attachments = append(sg.Attachments, a)
	}
	for _, l := range sg.listed {
		if !found[l.file] {
			errs.Add(l.pos, "attachments", fmt.Sprintf("no file %q beside %s", l.file, path.Base(e.md.Path)),
				"copy the file into "+path.Dir(e.md.Path)+"/ or correct the name")
		}
	}
	sort.SliceStable(sg.Attachments, func(i, j int) bool {
		oi, li := order[path.Base(sg.Attachments[i].File)]
		oj, lj := order[path.Base(sg.Attachments[j].File)]
		if li != lj {
			return li
		}
		if li {
			return oi < oj
		}
		return sg.Attachments[i].Name < sg.Attachments[j].Name
	})
	return errs
}

// readAttachment checks one file against the rules and reads it. problem
// says what is wrong, hint how to fix it; both are empty when it is fine.
func readAttachment(fsys fs.FS, f source.File, rules config.Attachments) (a Attachment, problem, hint string) {
	name := path.Base(f.Path)
	const elsewhere = "or move it out of the suggestion's folder"
	if fi, err := fs.Lstat(fsys, f.Path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return a, "a symbolic link: an attachment must be a file in the suggestion's folder", "copy the file here instead of linking to it"
	}
	if strings.Contains(name, "..") {
		return a, "a file name with \"..\" is not published", "rename the file without \"..\""
	}
	typ, ok := filetype.ByExt(name)
	if !ok {
		return a, "not a type of file a suggestion may carry (" + filetype.Names(rules.Types) + ")", "convert it to PDF, " + elsewhere
	}
	if !rules.Allows(typ) {
		return a, typ.Name + " files are not allowed: site.toml's attachment_types lists " + filetype.Names(rules.Types), "convert it, " + elsewhere
	}
	fi, err := fs.Stat(fsys, f.Real)
	if err != nil {
		return a, "cannot read: " + err.Error(), ""
	}
	if fi.Size() > rules.MaxBytes {
		return a, fmt.Sprintf("%s is larger than the limit of %d MB", sizeMB(fi.Size()), rules.MaxMB),
			"make the file smaller (scan at 150–200 dpi, or compress the PDF), or raise attachment_max_mb in site.toml"
	}
	data, err := fs.ReadFile(fsys, f.Real)
	if err != nil {
		return a, "cannot read: " + err.Error(), ""
	}
	if !typ.Matches(data) {
		what := "of no type the site publishes"
		if actual := filetype.Detect(data); actual != nil {
			what = "a " + actual.Name + " file"
		}
		return a, "named ." + strings.TrimPrefix(path.Ext(name), ".") + " but its content is " + what + ", not " + typ.Name,
			"save it again as " + typ.Name + ", or give it the extension of what it is"
	}
	safe := SafeName(name)
	if safe == "" {
		return a, "the file name has no letters or digits to publish it under", "rename it, such as 答复函.pdf"
	}
	sum := sha256.Sum256(data)
	return Attachment{Name: safe, File: f.Path, Type: typ, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, "", ""
}

// sizeMB writes a size in megabytes with one decimal, rounded up, so that
// a file just over the limit never reads as the limit.
func sizeMB(n int64) string {
	tenths := (n*10 + (1<<20 - 1)) >> 20
	return fmt.Sprintf("%d.%d MB", tenths/10, tenths%10)
}

// SafeName gives the name a file is published under: its name in Unicode
// normal form C, with letters (Chinese characters included), digits, -
// and _ kept, every other character (spaces, brackets, punctuation, a
// dot before the extension) replaced by -, runs of - made one, no - at
// either end, ASCII letters in lower case and the extension in lower case.
// Every such name is safe in a web address and on any file system. Empty
// when nothing is left of the name.
func SafeName(name string) string {
	name = norm.NFC.String(name)
	ext := strings.ToLower(path.Ext(name))
	stem := strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	dash := false
	for _, r := range stem {
		switch {
		case r < 0x80 && unicode.IsUpper(r):
			r = unicode.ToLower(r)
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '_', unicode.Is(unicode.Mn, r):
		default:
			r = '-'
		}
		if r == '-' {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		return ""
	}
	return out + ext
}

// UnreviewedAttachments lists, as warnings, the attachments of the given
// suggestions that front matter does not mark as reviewed. The check for
// personal data reads text, not PDFs or scans: a person must look at each
// file. check prints these as warnings; check -strict may refuse them.
func UnreviewedAttachments(all []*Suggestion) diag.List {
	var warnings diag.List
	for _, sg := range all {
		for _, a := range sg.Attachments {
			if a.Reviewed {
				continue
			}
			hint := "check it for deputies' phone numbers, ID numbers and addresses, then write reviewed = true in its [[attachments]] entry"
			if a.Pos.File == a.File {
				hint = "check it for deputies' phone numbers, ID numbers and addresses, then list it in " + path.Base(sg.File) +
					": [[attachments]] file = \"" + path.Base(a.File) + "\" reviewed = true"
			}
			warnings.Add(a.Pos, "attachments", fmt.Sprintf("%q is not marked as reviewed for personal data", path.Base(a.File)), hint)
		}
	}
	warnings.Sort()
	return warnings
}
