package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLedgerCommands: export, import and their flags, from the command line.
func TestLedgerCommands(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	xlsx, csv := filepath.Join(dir, "台账.xlsx"), filepath.Join(dir, "台账.csv")
	edited := filepath.Join(dir, "edited.csv")
	cases := []struct {
		args   []string
		code   int
		output string
	}{
		{[]string{"help"}, OK, "import  bring the ledger"},
		{[]string{"import", "-h"}, OK, "-dry-run"},
		{[]string{"export", "-h"}, OK, "-drafts"},
		{[]string{"import"}, UsageError, "missing the ledger FILE"},
		{[]string{"import", "a.xlsx", "b.xlsx"}, UsageError, `unexpected argument "b.xlsx"`},
		{[]string{"export", filepath.Join(dir, "台账.txt"), "-source", site}, UsageError, `export writes .xlsx or .csv files`},
		{[]string{"export", xlsx, "-source", site}, OK, "exported 4 suggestions to " + xlsx + " (sheet 台账; the figures in sheet 统计)"},
		{[]string{"export", "-drafts", "-source", site, csv}, OK, "exported 5 suggestions to " + csv},
		{[]string{"import", xlsx, "-source", site}, OK, "4 unchanged.\n1 suggestion of the site is not in the ledger and stays as it is.\nNothing to write."},
		{[]string{"import", "-source", site, "-dry-run", csv}, OK, "5 unchanged.\nDry run: nothing was written."},
		{[]string{"import", xlsx, "-sheet", "2020", "-source", site}, ContentError, `no worksheet named "2020"; the workbook has "台账", "统计"`},
		{[]string{"import", filepath.Join(dir, "none.xlsx"), "-source", site}, ContentError, "error: cannot read the ledger"},
		{[]string{"import", edited, "-dry-run", "-source", site}, OK, "Dry run: nothing was written."},
		{[]string{"import", edited, "-source", site}, OK, "Wrote 1 file."},
		{[]string{"import", edited, "-source", site}, OK, "Nothing to write."},
	}
	for _, c := range cases {
		if len(c.args) > 1 && c.args[1] == edited && !fileExists(edited) {
			data, err := os.ReadFile(csv)
			if err != nil {
				t.Fatal(err)
			}
			// 2019-001 is B, with a reply: make it A.
			text := strings.Replace(string(data), ",B,", ",A,", 1)
			if text == string(data) {
				t.Fatalf("no outcome B in\n%s", data)
			}
			os.WriteFile(edited, []byte(text), 0o644)
		}
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(c.args...)
			if code != c.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr: %s", code, c.code, stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, c.output) {
				t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", c.output, stdout, stderr)
			}
		})
	}
	// A ledger with a problem: it is listed with its place, and nothing is written.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("建议编号,建议题目,办理结果\n2019-001,关于,Z\n"), 0o644)
	before, _ := os.ReadFile(filepath.Join(site, "content/suggestions/2019/001.md"))
	code, _, stderr := run("import", bad, "-source", site)
	if code != ContentError || !strings.Contains(stderr, bad+":2:13: 办理结果: found \"Z\"") || !strings.HasSuffix(stderr, "1 problem found; nothing was written.\n") {
		t.Errorf("exit status %d:\n%s", code, stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(site, "content/suggestions/2019/001.md")); string(after) != string(before) {
		t.Error("a refused import changed a file")
	}
	// A site with problems is not exported.
	os.WriteFile(filepath.Join(site, "content/suggestions/2019/bad.md"), []byte("+++\ntitel = \"x\"\n+++\n"), 0o644)
	out := filepath.Join(dir, "broken.xlsx")
	code, _, stderr = run("export", out, "-source", site)
	if code != ContentError || !strings.Contains(stderr, "bad.md:2:1: titel: unknown field") || !strings.HasSuffix(stderr, "7 problems found; nothing was exported.\n") || fileExists(out) {
		t.Errorf("exit status %d:\n%s", code, stderr)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
