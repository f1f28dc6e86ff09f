package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"rdjy.local/portal/generator/internal/diag"
)

// Text checks the text file named file (site.toml, a suggestion, a report,
// a layout) before anything else reads it, and returns its content as every
// parser expects it: without byte order marks, with LF line endings (line
// numbers are unchanged).
//
// A file that is not UTF-8 is one error and nil: nothing in it can be read
// as meant. The error gives the position of the first byte that is not
// UTF-8, the encoding the file most likely is (GB18030, what Windows calls
// "ANSI" for Chinese; Big5; UTF-16) and how to convert it.
//
// Control characters other than tab and line breaks, and the invisible
// characters that reorder or hide text (bidirectional overrides, a byte
// order mark inside the text), are errors at their position; the text is
// returned with them, so that the rest of the file is checked too.
func Text(file string, data []byte) ([]byte, diag.List) {
	var errs diag.List
	if e := wideUnicode(file, data); e != nil {
		errs.Append(e)
		return nil, errs
	}
	data = Normalize(data)
	if !utf8.Valid(data) {
		errs.Append(notUTF8(file, data))
		return nil, errs
	}
	controls(file, data, &errs)
	return data, errs
}

var bom = []byte("\xef\xbb\xbf")

// Normalize is data as Text returns it, without the checks: without byte
// order marks, with LF line endings. It is for reading again a file that
// Text has checked.
func Normalize(data []byte) []byte {
	for bytes.HasPrefix(data, bom) {
		data = data[len(bom):] // two are what some tools leave
	}
	return normalizeLines(data)
}

// normalizeLines turns CRLF and lone CR line endings into LF.
func normalizeLines(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}

// wideUnicode recognises UTF-16 and UTF-32, by their byte order mark or,
// without one, by the zero bytes that ASCII characters leave in them.
func wideUnicode(file string, data []byte) *diag.Error {
	name := ""
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		name = "UTF-32 (little-endian, with a byte order mark)"
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		name = "UTF-32 (big-endian, with a byte order mark)"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		name = "UTF-16 (little-endian, with a byte order mark), what Windows Notepad calls \"Unicode\""
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		name = "UTF-16 (big-endian, with a byte order mark), what Windows Notepad calls \"Unicode big endian\""
	default:
		if zeros := bytes.Count(data[:min(len(data), 512)], []byte{0}); zeros == 0 || zeros*4 < min(len(data), 512) {
			return nil
		}
		name = "UTF-16 (without a byte order mark)"
	}
	from := "UTF-16"
	if strings.HasPrefix(name, "UTF-32") {
		from = "UTF-32"
	}
	return &diag.Error{
		Pos:  diag.Pos{File: file, Line: 1, Col: 1},
		Msg:  "the file is not UTF-8: it is " + name,
		Hint: convertHint(file, from),
	}
}

// convertHint says how to save file as UTF-8.
func convertHint(file, from string) string {
	return fmt.Sprintf(`convert it to UTF-8: iconv -f %s -t UTF-8 '%s' > /tmp/utf8 && mv /tmp/utf8 '%s'; `+
		`or open it in Notepad, choose 文件 → 另存为 (Save As) and set 编码 (Encoding) to UTF-8`, from, file, file)
}

// notUTF8 describes the first byte of data that is not UTF-8, and the
// encoding the file's lines that are not UTF-8 read best in.
func notUTF8(file string, data []byte) *diag.Error {
	e := &diag.Error{Pos: diag.Pos{File: file}}
	var bad [][]byte // the lines that are not UTF-8
	whole := true    // every line with a non-ASCII byte is one of them
	for n, line := range bytes.Split(data, []byte("\n")) {
		if utf8.Valid(line) {
			whole = whole && !hasNonASCII(line)
			continue
		}
		if e.Pos.Line == 0 {
			i := 0 // the first byte that is not part of a character
			for i < len(line) {
				r, size := utf8.DecodeRune(line[i:])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				i += size
			}
			e.Pos.Line, e.Pos.Col = n+1, utf8.RuneCount(line[:i])+1
		}
		bad = append(bad, line)
	}
	enc, name, sample := guessEncoding(bad)
	if enc == "" {
		e.Msg = "the file is not UTF-8, and not in an encoding recognised here (GB18030, Big5, UTF-16)"
		e.Hint = "open it in an editor and save it again as UTF-8 (in Notepad: 文件 → 另存为, 编码 UTF-8)"
		return e
	}
	e.Msg = fmt.Sprintf("the file is not UTF-8: it looks like %s; line %d reads %q in it", name, e.Pos.Line, sample)
	if whole {
		e.Hint = convertHint(file, enc)
		return e
	}
	e.Msg = fmt.Sprintf("part of the file is not UTF-8: the other lines are, but these look like %s, pasted from a file in that encoding; line %d reads %q in it", name, e.Pos.Line, sample)
	e.Hint = "retype or paste those lines again from a UTF-8 copy of the original (iconv -f " + enc + " -t UTF-8 original.txt gives one), then save the file as UTF-8"
	return e
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// legacy are the encodings Chinese text comes in besides Unicode.
var legacy = []struct {
	iconv, name string
	enc         encoding.Encoding
}{
	{"GB18030", `GB18030 (GBK, what Windows calls "ANSI" on Chinese systems)`, simplifiedchinese.GB18030},
	{"BIG5", "Big5 (Traditional Chinese)", traditionalchinese.Big5},
}

// guessEncoding decodes lines in each legacy encoding and keeps the one in
// which they decode without error into the most common Chinese characters.
// It returns the encoding's iconv name ("" if none fits), its description
// and the first line as it reads in it, shortened.
func guessEncoding(lines [][]byte) (iconv, name, sample string) {
	best := 0
	for _, l := range legacy {
		score := 0
		first := ""
		for i, line := range lines {
			text, err := l.enc.NewDecoder().Bytes(line)
			if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
				score = -1
				break
			}
			for _, r := range string(text) {
				if strings.ContainsRune(commonHan, r) {
					score++
				}
			}
			if i == 0 {
				first = string(text)
			}
		}
		if score > best {
			best, iconv, name, sample = score, l.iconv, l.name, shorten(strings.TrimSpace(first), 30)
		}
	}
	return iconv, name, sample
}

// commonHan are the most frequent Chinese characters, in both scripts:
// text decoded in its own encoding is full of them, text decoded in the
// wrong one nearly never.
const commonHan = "的一是不了在人有我他这個个们們中来來上大为為和国國地到以说說时時要就出会會可也你对對生能而子那得于於着下自之年过過发發后後作里裡用道行所然家种種事成方多经經么去法学學如都同现現当當没沒动動面起看定天分还還进進好小部其些主样樣理心本前开開但因只从從想实實日者意无無力它与與长長把机機民第公此已工使情明性知全三又关關点點正业業外将將两兩高间間由问問很最重并物手应應向头頭文体體政相见見被利什二等产產或新己制身果加月话話合回特代内信表化老给給世位次度门門任常先海通教儿兒原东東声聲提立及比员員解水名真论論处處走义義各入几幾口认認条條平系气氣题題活更别打变變四总總何电電数數安少报報才结結反受目太量再感建务務做接必场場件计計管期市直资資区區议議办辦单單位设設施路车車停"

// shorten cuts s to n characters, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// maxControls is how many control characters of one file are reported
// one by one: a binary file would have thousands.
const maxControls = 10

// controls reports the control and invisible formatting characters of
// data, which is valid UTF-8 with LF line endings.
func controls(file string, data []byte, errs *diag.List) {
	line, col, found := 1, 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		if r == '\n' {
			line, col = line+1, 1
			continue
		}
		if what := control(r); what != "" {
			if found++; found <= maxControls {
				errs.Add(diag.Pos{File: file, Line: line, Col: col}, "",
					fmt.Sprintf("%s U+%04X in the text: pages must not carry it, and it hides or reorders what readers see", what, r),
					"delete it (most editors do not show it; search for \\u"+fmt.Sprintf("%04X", r)+" or retype the line)")
			}
		}
		col++
	}
	if found > maxControls {
		errs.Add(diag.Pos{File: file, Line: line}, "", fmt.Sprintf("%d more control characters", found-maxControls),
			"is this a text file? Save it again as plain UTF-8 text")
	}
}

// control names the kind of r if a page must not carry it.
func control(r rune) string {
	switch {
	case r == '\t':
		return ""
	case r < 0x20, r == 0x7F, r >= 0x80 && r <= 0x9F:
		return "a control character"
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return "an invisible direction override"
	case r == 0xFEFF:
		return "a byte order mark inside the text"
	case r == 0x2028 || r == 0x2029:
		return "an invisible line separator"
	}
	return ""
}
