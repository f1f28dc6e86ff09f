package cli

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/sshdtest"
)

// copyTestSite copies the test site into a new folder.
func copyTestSite(t *testing.T) string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	return site
}

func appendFile(t *testing.T, name, text string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(text)
	f.Close()
}

func editTitle(t *testing.T, site string) {
	t.Helper()
	p := filepath.Join(site, "content/suggestions/2019/002.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "打造企业品牌", "打造自主品牌", 1)), 0o644)
}

// siteFiles is how many files a build of site makes: what a first publish
// sends.
func siteFiles(t *testing.T, site string) string {
	t.Helper()
	res, err := build.Build(context.Background(), build.Options{Source: site, Dest: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	return strconv.Itoa(res.Files)
}

// titleEditChanges is the files that editTitle changes in a build of the
// test site: what a publish after it sends.
func titleEditChanges(t *testing.T) map[string]bool {
	t.Helper()
	site := copyTestSite(t)
	made := func() *manifest.Manifest {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := build.Build(context.Background(), build.Options{Source: site, Dest: dest}); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dest, manifest.Name))
		if err != nil {
			t.Fatal(err)
		}
		m, err := manifest.Parse(manifest.Name, data)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	before := made()
	editTitle(t, site)
	changed := map[string]bool{}
	for _, e := range made().Entries() {
		if old, ok := before.Lookup(e.Name); !ok {
			t.Fatalf("a title edit added %s", e.Name)
		} else if old != e {
			changed[e.Name] = true
		}
	}
	if len(changed) < 2 {
		t.Fatalf("a title edit changed %d files: at least its page and the lists", len(changed))
	}
	return changed
}

func logLines(t *testing.T, site string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, source.PublishLog))
	if err != nil {
		return nil
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

func TestPublishToAFolder(t *testing.T) {
	site := copyTestSite(t)
	whole := siteFiles(t, site)
	www := filepath.Join(t.TempDir(), "www")
	os.Mkdir(www, 0o755)

	// A dry run says what it would do and writes nothing.
	code, stdout, stderr := run("publish", "-source", site, "-to", www, "-dry-run")
	if code != OK || !strings.Contains(stdout, "add     suggestions/2019-001/index.html\n") || !strings.Contains(stdout, "nothing was published there before") {
		t.Fatalf("dry run: %d\n%s\n%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(www); len(entries) != 0 || logLines(t, site) != nil {
		t.Fatal("a dry run wrote something")
	}

	// site.toml names the target: publish alone does the usual thing.
	appendFile(t, filepath.Join(site, "site.toml"), fmt.Sprintf("\n[publish]\nto = %q\n", "file://"+filepath.ToSlash(www)))
	code, stdout, stderr = run("publish", "-source", site)
	if code != OK || !strings.Contains(stdout, "published to "+www+": "+whole+" added, 0 changed, 0 deleted") {
		t.Fatalf("publish: %d\n%s\n%s", code, stdout, stderr)
	}
	lines := logLines(t, site)
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "# publish.log: ") {
		t.Fatalf("publish.log: %q", lines)
	}
	m, _ := os.ReadFile(filepath.Join(www, manifest.Name))
	fields := strings.Split(lines[1], "\t")
	if len(fields) != 9 || fields[1] != www || fields[3] != whole || fields[4] != whole || fields[8] != "sha256:"+manifest.Of(m).String() {
		t.Errorf("log line: %q", fields)
	}

	// The site's own public/ and the site are refused as targets.
	for _, bad := range []string{filepath.Join(site, "public"), site, filepath.Join(site, "content")} {
		if code, _, stderr := run("publish", "-source", site, "-to", bad); code != ContentError || !strings.Contains(stderr, "refusing to publish to "+bad) {
			t.Errorf("-to %s: %d %s", bad, code, stderr)
		}
	}

	// Someone changes a page: refused, named, then -force restores it.
	page := filepath.Join(www, "suggestions/2019-001/index.html")
	os.WriteFile(page, []byte("defaced"), 0o644)
	editTitle(t, site)
	code, _, stderr = run("publish", "-source", site)
	if code != ContentError || !strings.Contains(stderr, "changed  suggestions/2019-001/index.html\n") || !strings.Contains(stderr, "Nothing was published") {
		t.Errorf("drift: %d\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(page); string(data) != "defaced" {
		t.Error("a refused publish changed the page")
	}
	code, stdout, stderr = run("publish", "-source", site, "-force")
	// The edit's files and the defaced page.
	changed := titleEditChanges(t)
	changed["suggestions/2019-001/index.html"] = true
	if want := fmt.Sprintf("0 added, %d changed, 0 deleted", len(changed)); code != OK || !strings.Contains(stdout, want) {
		t.Errorf("-force: %d\n%s\n%s", code, stdout, stderr)
	}
	if len(logLines(t, site)) != 3 {
		t.Errorf("publish.log has %d lines", len(logLines(t, site)))
	}

	// verify agrees, then sees a change.
	if code, stdout, stderr := run("verify", "-source", site); code != OK || !strings.Contains(stdout, "ok: all "+whole+" files are exactly as published") {
		t.Errorf("verify: %d\n%s\n%s", code, stdout, stderr)
	}
	os.Remove(filepath.Join(www, "css/site.css"))
	if code, stdout, _ := run("verify", "-source", site, www); code != ContentError || !strings.Contains(stdout, "missing    css/site.css\n") || !strings.Contains(stdout, "NOT as published: 1 missing") {
		t.Errorf("verify after a removal: %d\n%s", code, stdout)
	}
}

func TestPublishRefusals(t *testing.T) {
	site := copyTestSite(t)
	www := t.TempDir()
	broken := copyTestSite(t)
	os.WriteFile(filepath.Join(broken, "content/suggestions/2019/bad.md"), []byte("+++\ntitel = \"x\"\n+++\n"), 0o644)
	badTarget := copyTestSite(t)
	appendFile(t, filepath.Join(badTarget, "site.toml"), "\n[publish]\nto = \"sftp://www.example.gov.cn/srv/www\"\n")

	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"publish", "-source", site}, ContentError, "no target: give -to, or set to"},
		{[]string{"publish", "-source", broken, "-to", www}, ContentError, "problems found; nothing was published"},
		{[]string{"publish", "-source", badTarget}, ContentError, "site.toml:59:6: publish.to: sftp://www.example.gov.cn/srv/www: name the user to log in as"},
		{[]string{"publish", "-source", site, "-to", "https://www.example.gov.cn/rddbjy/"}, ContentError, "cannot publish to a https address"},
		{[]string{"publish", "-source", site, "-to", "sftp://web:secret@127.0.0.1/srv"}, ContentError, "the address holds a password"},
		{[]string{"publish", "-source", site, "-to", filepath.Join(www, "nope")}, ContentError, "does not exist; if it is the right place, create it first"},
		{[]string{"publish", "-source", site, "-to", www, "-since", "x.sha256"}, UsageError, "-since is for change packages"},
		{[]string{"publish", "-source", site, "-to", "package:x.zip", "-from", "y.zip"}, UsageError, "-from applies a package to a folder or a server"},
		{[]string{"verify", "-source", site}, UsageError, "name what to check"},
		{[]string{"verify", "-source", site, "-to", "package:x.zip"}, UsageError, "not a package"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(c.args...)
			if code != c.code || !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("exit %d, want %d with %q\nstdout: %s\nstderr: %s", code, c.code, c.want, stdout, stderr)
			}
			if strings.Contains(stdout+stderr, "secret") {
				t.Errorf("the password is printed:\n%s%s", stdout, stderr)
			}
		})
	}
	if entries, _ := os.ReadDir(www); len(entries) != 0 {
		t.Errorf("refused publishes wrote %d files", len(entries))
	}
}

// TestPackageAcrossAGap writes a whole-site package and then a change
// package, and applies each on "the other side", where there is no site.
func TestPackageAcrossAGap(t *testing.T) {
	site := copyTestSite(t)
	whole := siteFiles(t, site)
	carry := t.TempDir()
	pkg := filepath.Join(carry, "rddbjy.zip")
	code, stdout, stderr := run("publish", "-source", site, "-to", "package:"+pkg)
	if code != OK || !strings.Contains(stdout, "the changes since nothing (a whole site): "+whole+" added, 0 changed, 0 to delete") {
		t.Fatalf("a whole-site package: %d\n%s\n%s", code, stdout, stderr)
	}
	record := filepath.Join(site, source.Packages, "rddbjy.zip.sha256")
	if _, err := os.Stat(record); err != nil {
		t.Fatalf("the package's manifest is not recorded: %v", err)
	}

	other := t.TempDir() // the other side: no site, an empty web folder
	www := filepath.Join(other, "www")
	os.Mkdir(www, 0o755)
	code, stdout, stderr = run("publish", "-source", other, "-to", www, "-from", pkg)
	if code != OK || !strings.Contains(stdout, "package "+pkg+" checked: "+whole+" files of "+whole) || !strings.Contains(stdout, whole+" added") {
		t.Fatalf("applying it: %d\n%s\n%s", code, stdout, stderr)
	}
	if len(logLines(t, other)) != 2 {
		t.Error("applying a package is not in the publish log of the folder it ran in")
	}

	editTitle(t, site)
	changed := strconv.Itoa(len(titleEditChanges(t)))
	code, stdout, stderr = run("publish", "-source", site, "-to", "package:"+pkg)
	if code != OK || !strings.Contains(stdout, "the changes since "+record+": 0 added, "+changed+" changed, 0 to delete") {
		t.Fatalf("a change package: %d\n%s\n%s", code, stdout, stderr)
	}
	code, stdout, stderr = run("publish", "-source", other, "-to", www, "-from", pkg)
	if code != OK || !strings.Contains(stdout, "0 added, "+changed+" changed, 0 deleted") {
		t.Fatalf("applying the change package: %d\n%s\n%s", code, stdout, stderr)
	}
	if code, stdout, _ := run("verify", "-source", site, "-manifest", filepath.Join(site, "public", manifest.Name), www); code != OK {
		t.Errorf("the other side is not the site: %s", stdout)
	}
	// The same package again: the folder is no longer its base.
	if code, _, stderr := run("publish", "-source", other, "-to", www, "-from", pkg); code != ContentError || !strings.Contains(stderr, "another version of the site than the one on") {
		t.Errorf("the package twice: %d %s", code, stderr)
	}
}

// TestPackageRecordNotWritten: when the package's manifest cannot be
// recorded in the site (here a file stands where its folder goes), the
// package is written and a warning says the next one cannot know its
// version; before, the failure was dropped and the output claimed the
// opposite.
func TestPackageRecordNotWritten(t *testing.T) {
	site := copyTestSite(t)
	if err := os.WriteFile(filepath.Join(site, source.Packages), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(t.TempDir(), "rddbjy.zip")
	code, stdout, stderr := run("publish", "-source", site, "-to", "package:"+pkg)
	if code != OK {
		t.Fatalf("%d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "warning: the next package cannot know this one's version") || strings.Contains(stdout, "holds the changes since this one") {
		t.Errorf("no warning:\n%s\n%s", stdout, stderr)
	}
}

func TestVerifyTheLiveSite(t *testing.T) {
	site := copyTestSite(t)
	whole := siteFiles(t, site)
	www := t.TempDir()
	if code, _, stderr := run("publish", "-source", site, "-to", www); code != OK {
		t.Fatal(stderr)
	}
	srv := httptest.NewServer(http.StripPrefix("/rddbjy", http.FileServer(http.Dir(www))))
	defer srv.Close()
	code, stdout, stderr := run("verify", "-source", site, srv.URL+"/rddbjy/")
	if code != OK || !strings.Contains(stdout, "ok: all "+whole+" files are exactly as published") || !strings.Contains(stdout, "files that are not in the manifest cannot be seen") {
		t.Errorf("the live site: %d\n%s\n%s", code, stdout, stderr)
	}
	os.WriteFile(filepath.Join(www, "index.html"), []byte("defaced"), 0o644)
	code, stdout, _ = run("verify", "-source", site, srv.URL+"/rddbjy/", "-jobs", "2", "-timeout", "5s")
	if code != ContentError || !strings.Contains(stdout, "changed    index.html\n") {
		t.Errorf("a defaced home page: %d\n%s", code, stdout)
	}
}

// TestPublishOverSFTP publishes with the settings of site.toml to a real
// OpenSSH server, after being refused for an unknown host key.
func TestPublishOverSFTP(t *testing.T) {
	server := sshdtest.Start(t, sshdtest.Options{})
	site := copyTestSite(t)
	whole := siteFiles(t, site)
	www := filepath.Join(t.TempDir(), "www")
	os.Mkdir(www, 0o755)
	knownHosts := filepath.Join(t.TempDir(), "known_hosts")
	appendFile(t, filepath.Join(site, "site.toml"), fmt.Sprintf("\n[publish]\nto = \"sftp://%s@%s%s\"\nkey = %q\nknown_hosts = %q\n",
		server.User, server.Addr(), filepath.ToSlash(www), server.Key, knownHosts))

	code, _, stderr := run("publish", "-source", site)
	if code != ContentError || !strings.Contains(stderr, "is not in "+knownHosts) || !strings.Contains(stderr, "add this line to "+knownHosts) {
		t.Fatalf("an unknown host: %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, "PRIVATE KEY") {
		t.Error("the key is printed")
	}
	line := stderr[strings.LastIndex(strings.TrimSpace(stderr), "\n")+1:]
	os.WriteFile(knownHosts, []byte(strings.TrimSpace(line)+"\n"), 0o600)

	code, stdout, stderr := run("publish", "-source", site)
	if code != OK || !strings.Contains(stdout, whole+" added") {
		t.Fatalf("publish over SFTP: %d\n%s\n%s", code, stdout, stderr)
	}
	if code, stdout, stderr := run("verify", "-source", site); code != OK {
		t.Errorf("verify over SFTP: %d\n%s\n%s", code, stdout, stderr)
	}
	if fields := strings.Split(logLines(t, site)[1], "\t"); !strings.HasPrefix(fields[1], "sftp://"+server.User+"@127.0.0.1:") {
		t.Errorf("log line: %q", fields)
	}
}
