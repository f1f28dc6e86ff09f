package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testSite = "../build/testdata/site"

func run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitStatus(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	broken := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(broken, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(broken, "content/suggestions/2019/bad.md"), []byte("+++\ntitel = \"x\"\n+++\n"), 0o644)

	cases := []struct {
		args   []string
		code   int
		output string // expected in stdout or stderr
	}{
		{nil, UsageError, "Usage:"},
		{[]string{"help"}, OK, "Commands:"},
		{[]string{"deploy"}, UsageError, `unknown command "deploy"`},
		{[]string{"build", "-h"}, OK, "-base-url"},
		{[]string{"check", "-h"}, OK, "-drafts"},
		{[]string{"serve", "-h"}, OK, "127.0.0.1:8080"},
		{[]string{"publish", "-h"}, OK, "-dry-run"},
		{[]string{"verify", "-h"}, OK, "verify [flags] [TARGET | URL]"},
		{[]string{"verify", "a", "b"}, UsageError, `unexpected argument "b"`},
		{[]string{"build", "-nope"}, UsageError, "flag provided but not defined"},
		{[]string{"build", "extra"}, UsageError, `unexpected argument "extra"`},
		{[]string{"check", "-source", testSite}, OK, "ok: 4 suggestions, 1 drafts"},
		{[]string{"check", "-source", broken}, ContentError, "bad.md:2:1: titel: unknown field (did you mean title?)"},
		{[]string{"build", "-source", broken, "-dest", dest}, ContentError, "problems found; nothing was published"},
		{[]string{"build", "-source", testSite, "-dest", dest}, OK, "built 4 suggestions (1 drafts left out)"},
		{[]string{"build", "-source", testSite, "-dest", testSite}, ContentError, "refusing -dest"},
		{[]string{"build", "-source", testSite, "-dest", dest, "-base-url", "example.gov.cn"}, UsageError, `invalid value "example.gov.cn" for flag -base-url: base_url must be a full address`},
		{[]string{"serve", "-base-url", "/rd dbjy/"}, UsageError, `invalid value "/rd dbjy/" for flag -base-url: a base path must look like /rddbjy/`},
	}
	for _, c := range cases {
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
}

func TestCheckReportsAllProblemsSorted(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	os.CopyFS(site, os.DirFS(testSite))
	os.WriteFile(filepath.Join(site, "content/suggestions/2019/b.md"), []byte("+++\nnumber = \"2019-001\"\n+++\n"), 0o644)
	os.WriteFile(filepath.Join(site, "content/suggestions/2019/a.md"), []byte("no front matter\n"), 0o644)
	code, _, stderr := run("check", "-source", site)
	if code != ContentError {
		t.Fatalf("exit status %d", code)
	}
	all := strings.Split(strings.TrimSpace(stderr), "\n")
	summary := all[len(all)-1]
	var lines []string // the problems, without the source lines shown under them
	for _, l := range all {
		if strings.HasPrefix(l, "content/") {
			lines = append(lines, l)
		}
	}
	if !strings.Contains(stderr, "    1 | no front matter\n      | ^\n") {
		t.Errorf("the offending line is not shown:\n%s", stderr)
	}
	if !strings.HasSuffix(summary, " problems found.") {
		t.Errorf("no summary line: %q", summary)
	}
	if len(lines) < 6 {
		t.Fatalf("want every problem of both files, got:\n%s", stderr)
	}
	if !strings.HasPrefix(lines[0], "content/suggestions/2019/a.md:1:1: missing front matter") {
		t.Errorf("first line: %s", lines[0])
	}
	for i := 1; i < len(lines); i++ {
		if lines[i-1][:strings.Index(lines[i-1], ":")] > lines[i][:strings.Index(lines[i], ":")] {
			t.Errorf("not sorted by file:\n%s\n%s", lines[i-1], lines[i])
		}
	}
	if !strings.Contains(stderr, "b.md:2:1: number: duplicate number \"2019-001\"") {
		t.Errorf("duplicate not reported:\n%s", stderr)
	}
}

func TestDefaultDestIsInTheSiteRoot(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("build", "-source", site); code != OK {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "index.html")); err != nil {
		t.Errorf("no public/ in the site root: %v", err)
	}
}

func TestCheckPrintsWarnings(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(site, "content/suggestions/2019/001")
	os.MkdirAll(folder, 0o755)
	if err := os.Rename(folder+".md", filepath.Join(folder, "index.md")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(folder, "答复函.pdf"), []byte("%PDF-1.4\n%%EOF\n"), 0o644)
	code, stdout, stderr := run("check", "-source", site)
	if code != OK {
		t.Fatalf("exit status %d: %s", code, stderr)
	}
	want := `content/suggestions/2019/001/答复函.pdf: warning: attachments: "答复函.pdf" is not marked as reviewed for personal data`
	if !strings.HasPrefix(stdout, want) || !strings.HasSuffix(stdout, "no problems, 1 warning\n") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// A reply published late is a warning, or with publish_limit_strict an
// error that publishes nothing.
func TestLatePublication(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(site, "content/suggestions/2019/001.md")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, bytes.Replace(data, []byte("published = 2019-06-28"), []byte("published = 2019-08-01"), 1), 0o644)
	code, stdout, stderr := run("check", "-source", site)
	want := "content/suggestions/2019/001.md:13:13: warning: published: published 2019-08-01, 30 working days after the reply of 2019-06-20"
	if code != OK || !strings.HasPrefix(stdout, want) || !strings.HasSuffix(stdout, "no problems, 1 warning\n") {
		t.Errorf("exit status %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	toml, _ := os.ReadFile(filepath.Join(site, "site.toml"))
	os.WriteFile(filepath.Join(site, "site.toml"), append([]byte("publish_limit_strict = true\n"), toml...), 0o644)
	code, _, stderr = run("build", "-source", site)
	if code != ContentError || !strings.Contains(stderr, "001.md:13:13: published: published 2019-08-01, 30 working days") ||
		!strings.Contains(stderr, "nothing was published") {
		t.Errorf("strict: exit status %d, stderr:\n%s", code, stderr)
	}
}

// -strict is a flag of check and build, and fails a site an inspection
// would mark down (the test site's layouts carry no metadata).
func TestStrictFlag(t *testing.T) {
	for _, cmd := range []string{"check", "build"} {
		code, _, stderr := run(cmd, "-source", testSite, "-dest", filepath.Join(t.TempDir(), "public"), "-strict")
		if code != ContentError || !strings.Contains(stderr, `the page has no <meta name="SiteName">`) {
			t.Errorf("%s -strict: exit status %d\n%s", cmd, code, stderr)
		}
	}
}
