package pdfletter

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
)

var update = flag.Bool("update", false, "write the demo site's reply letter again")

var letter = Letter{
	Title: "关于《关于加装电梯的建议》的答复",
	Paragraphs: []string{
		"魏莹代表：",
		"您提出的关于老旧小区加装电梯的建议收悉。经研究，现答复如下：一是简化审批流程，二是落实补贴资金，三是做好群众工作。Step 1 of 3, 2019年完成11个小区。",
		strings.Repeat("这是一段很长的文字，用来检验换行和分页。", 60),
	},
	Closing: []string{"涧西区住房和城乡建设局", "2019年6月25日"},
}

// TestStructure: every object starts where the cross-reference table says,
// and the file ends as a PDF must.
func TestStructure(t *testing.T) {
	data := letter.PDF()
	if !bytes.HasPrefix(data, []byte("%PDF-1.4\n")) || !bytes.HasSuffix(data, []byte("%%EOF\n")) {
		t.Fatal("not framed as a PDF")
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(data[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the xref table", xref)
	}
	entries := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(data[xref:], -1)
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !bytes.HasPrefix(data[off:], []byte(want)) {
			t.Errorf("object %d is not at %d", i+1, off)
		}
	}
	for _, l := range regexp.MustCompile(`<< /Length (\d+) >>\nstream\n`).FindAllSubmatchIndex(data, -1) {
		n, _ := strconv.Atoi(string(data[l[2]:l[3]]))
		if !bytes.HasPrefix(data[l[1]+n:], []byte("endstream")) {
			t.Errorf("a stream's /Length %d is wrong", n)
		}
	}
	if !bytes.Equal(data, letter.PDF()) {
		t.Error("two runs differ")
	}
}

// TestPopplerReadsIt: poppler (pdfinfo, pdftotext), as Linux desktops and
// many servers use it, opens the file and gets the text back in order.
// CI installs poppler-utils; without it, the test is skipped.
func TestPopplerReadsIt(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils poppler-data)")
	}
	file := filepath.Join(t.TempDir(), "letter.pdf")
	os.WriteFile(file, letter.PDF(), 0o644)
	info, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil || !regexp.MustCompile(`Pages:\s+2\n`).Match(info) || !regexp.MustCompile(`PDF version:\s+1.4`).Match(info) {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{"关于《关于加装电梯的建议》的答复", "魏莹代表：", "一是简化审批流程", "Step1of3,2019年完成11个小区。", "涧西区住房和城乡建设局", "2019年6月25日"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, out)
		}
	}
}

func TestWrap(t *testing.T) {
	lines := wrap("一二三四五，六七八abcd", 5)
	if strings.Join(lines, "|") != "一二三四五，|六七八abcd" {
		t.Errorf("wrap: %q", lines)
	}
}

// The demo site's reply letter to 2019-006 is this package's letter of the
// suggestion's reply. Write it again after editing the reply with:
//
//	go test ./generator/internal/pdfletter -run TestDemoLetter -update
func TestDemoLetter(t *testing.T) {
	root := "../../.."
	cfg, errs := config.Load(os.DirFS(root))
	if errs != nil {
		t.Fatal(errs)
	}
	const dir = "content/suggestions/2019/006"
	data, err := os.ReadFile(filepath.Join(root, dir, content.BundleFile))
	if err != nil {
		t.Fatal(err)
	}
	sg, perr := content.Parse(dir+"/"+content.BundleFile, data, cfg)
	if perr != nil {
		t.Fatal(perr)
	}
	got := FromReply(sg, cfg.Units.Resolve(sg.LeadUnit).Label).PDF()
	file := filepath.Join(root, dir, "答复函.pdf")
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the letter of the reply; run go test ./generator/internal/pdfletter -run TestDemoLetter -update", file)
	}
}
