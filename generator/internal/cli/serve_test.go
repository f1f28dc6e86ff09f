package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/syncbuf"

	"rdjy.local/portal/generator/internal/browsertest"
)

// Tests of serve wait for what they expect with generous timeouts and never
// time anything.
const patience = 30 * time.Second

// serving runs `serve` on a free port until the test ends and returns the
// site's address.
func serving(t *testing.T, args ...string) (url string, stdout, stderr *syncbuf.Buffer) {
	t.Helper()
	stdout, stderr = &syncbuf.Buffer{}, &syncbuf.Buffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- Run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), stdout, stderr) }()
	t.Cleanup(func() {
		cancel() // Ctrl-C
		select {
		case code := <-done:
			if code != OK {
				t.Errorf("serve ended with %d: %s", code, stderr)
			}
		case <-time.After(patience):
			t.Error("serve did not stop")
		}
	})
	addr := regexp.MustCompile(`serving at (http://\S+) `)
	for deadline := time.Now().Add(patience); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := addr.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], stdout, stderr
		}
	}
	t.Fatalf("serve did not start:\n%s\n%s", stdout, stderr)
	return "", nil, nil
}

type event struct {
	Name    string
	Version string `json:"version"`
	Error   string `json:"error"`
}

// listen opens the page's reload stream, as the script does.
func listen(t *testing.T, url string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"_portal/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	events := make(chan event, 100)
	go func() {
		defer resp.Body.Close()
		var name string
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = n
			} else if data, ok := strings.CutPrefix(line, "data: "); ok {
				ev := event{Name: name}
				json.Unmarshal([]byte(data), &ev)
				events <- ev
			}
		}
	}()
	return events
}

func nextEvent(t *testing.T, events <-chan event) event {
	t.Helper()
	select {
	case ev := <-events:
		return ev
	case <-time.After(patience):
		t.Fatal("no event came")
	}
	return event{}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// saveAtomically saves as most editors do: a temporary file renamed over
// the old one.
func saveAtomically(t *testing.T, file, text string) {
	t.Helper()
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

// tree lists every file under dir with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			files[p] = string(data)
		}
		return err
	})
	return files
}

// TestServeLive edits a suggestion while serve runs: the reload event comes
// and the page has the new text; malformed front matter shows the problem
// on the page while the last good content is still served; the fix brings
// the page back. The server's own activity never makes a rebuild: each
// event is the next version, and the site folder holds only what the test
// wrote.
func TestServeLive(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	url, stdout, stderr := serving(t, "-source", site, "-base-url", "/rddbjy/")
	if !strings.HasSuffix(url, "/rddbjy/") {
		t.Errorf("serving at %s", url)
	}
	events := listen(t, url)
	hello := nextEvent(t, events)
	if hello.Name != "hello" || hello.Error != "" {
		t.Fatalf("first event %+v", hello)
	}
	version := hello.Version
	expect := func(name string) event {
		t.Helper()
		ev := nextEvent(t, events)
		if ev.Name != name {
			t.Fatalf("event %+v, want %s\nstdout: %s\nstderr: %s", ev, name, stdout, stderr)
		}
		return ev
	}
	// The next version, so no rebuild came in between.
	newVersion := func(ev event) {
		t.Helper()
		n := func(v string) string { return v[strings.LastIndex(v, ".")+1:] }
		if want := map[string]string{"1": "2", "2": "3", "3": "4", "4": "5"}[n(version)]; n(ev.Version) != want {
			t.Errorf("version %s after %s: another rebuild came between", ev.Version, version)
		}
		version = ev.Version
	}

	// Everything the server serves, as a browser would load it.
	before := tree(t, site)
	_, sitemap := fetch(t, url+"sitemap.xml")
	for _, loc := range regexp.MustCompile(`<loc>https?://[^/]+/rddbjy/([^<]*)</loc>`).FindAllStringSubmatch(sitemap, -1) {
		if code, _ := fetch(t, url+loc[1]); code != http.StatusOK {
			t.Errorf("%s: %d", loc[1], code)
		}
	}
	for _, name := range []string{"data/suggestions.json", "data/suggestions.csv", "css/site.css", "404.html", "nope/"} {
		fetch(t, url+name)
	}

	file := filepath.Join(site, "content", "suggestions", "2019", "001.md")
	page := url + "suggestions/2019-001/"
	orig, _ := os.ReadFile(file)
	edited := strings.Replace(string(orig), "title = \"", "title = \"已修改：", 1)
	saveAtomically(t, file, edited)
	newVersion(expect("reload"))
	if _, body := fetch(t, page); !strings.Contains(body, "已修改：") {
		t.Errorf("the page lacks the new title:\n%s", body)
	}

	broken := strings.NewReplacer("year = 2019", "year = \"2019\"", "已修改：", "又改了：").Replace(edited)
	saveAtomically(t, file, broken)
	problem := expect("error")
	for _, want := range []string{"content/suggestions/2019/001.md:4:8: year: expected a whole number", "year = \"2019\"", "^"} {
		if !strings.Contains(problem.Error, want) {
			t.Errorf("the problem lacks %q:\n%s", want, problem.Error)
		}
	}
	code, body := fetch(t, page)
	if code != http.StatusOK || !strings.Contains(body, "已修改：") || strings.Contains(body, "又改了：") {
		t.Errorf("the last good page is not served: %d", code)
	}
	if !strings.Contains(body, `001.md:4:8: year: expected a whole number`) {
		t.Error("a page loaded now does not show the problem")
	}
	if !strings.Contains(stderr.String(), "001.md:4:8: year: expected a whole number") || !strings.Contains(stderr.String(), "    4 | year = \"2019\"") {
		t.Errorf("the terminal does not show the problem as check does:\n%s", stderr)
	}

	saveAtomically(t, file, edited)
	newVersion(expect("reload"))
	if _, body := fetch(t, page); strings.Contains(body, "expected a whole number") || !strings.Contains(body, "已修改：") {
		t.Error("the page did not recover")
	}

	css := filepath.Join(site, "static", "css", "site.css")
	saveAtomically(t, css, "body { color: #111 }\n")
	newVersion(expect("css"))
	if _, body := fetch(t, url+"css/site.css"); body != "body { color: #111 }\n" {
		t.Errorf("stylesheet %q", body)
	}

	after := tree(t, site)
	before[file], before[css] = edited, "body { color: #111 }\n"
	if len(after) != len(before) {
		t.Errorf("serve left %d files in the site, the test wrote %d", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("serve wrote public/")
	}
}

// TestServeStartsBroken: a site with a problem at the start is served as
// a page showing the problem until it is fixed.
func TestServeStartsBroken(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	os.CopyFS(site, os.DirFS(testSite))
	file := filepath.Join(site, "content", "suggestions", "2019", "001.md")
	orig, _ := os.ReadFile(file)
	os.WriteFile(file, []byte("+++\ntitel = 1\n+++\n"), 0o644)
	url, _, stderr := serving(t, "-source", site)
	events := listen(t, url)
	if ev := nextEvent(t, events); ev.Name != "hello" || !strings.Contains(ev.Error, "titel: unknown field") {
		t.Fatalf("first event %+v", ev)
	}
	if code, body := fetch(t, url); code != http.StatusInternalServerError || !strings.Contains(body, "titel: unknown field") {
		t.Errorf("%d %s", code, body)
	}
	if !strings.Contains(stderr.String(), "titel: unknown field (did you mean title?)") {
		t.Errorf("stderr: %s", stderr)
	}
	saveAtomically(t, file, string(orig))
	if ev := nextEvent(t, events); ev.Name != "reload" {
		t.Fatalf("event %+v", ev)
	}
	if code, _ := fetch(t, url+"suggestions/2019-001/"); code != http.StatusOK {
		t.Errorf("after the fix: %d", code)
	}
}

// TestBuildHasNoLiveReload: only serve adds the script; built pages keep
// only their own scripts.
func TestBuildHasNoLiveReload(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run("build", "-source", testSite, "-dest", dest); code != OK {
		t.Fatal(stderr)
	}
	for name, data := range tree(t, dest) {
		if strings.Contains(data, "_portal") || strings.Contains(data, "EventSource") || strings.Contains(data, "<script>") {
			t.Errorf("%s has the live-reload script", name)
		}
	}
	url, _, _ := serving(t, "-source", testSite)
	if _, page := fetch(t, url); !strings.Contains(page, `<script src="/rddbjy/_portal/live.js"`) {
		t.Error("serve sends pages without the live-reload script")
	}
}

// TestLiveReloadInBrowser runs testdata/live.mjs: the live-reload script in
// Chromium, against serve, while the site's files are edited. It needs
// Node.js, `npm ci` and Debian's chromium; CI installs them and must run it.
func TestLiveReloadInBrowser(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	if !browsertest.Ready(t, root) {
		t.SkipNow()
	}
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	url, stdout, stderr := serving(t, "-source", site, "-base-url", "/rddbjy/")
	out, err := exec.Command("node", filepath.Join("testdata", "live.mjs"), url, site).CombinedOutput()
	if err != nil {
		t.Errorf("live reload in the browser:\n%s\nserve said:\n%s%s", out, stdout, stderr)
	}
}
