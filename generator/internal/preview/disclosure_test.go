package preview

import (
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/hant"
	"rdjy.local/portal/generator/internal/serve"
	"rdjy.local/portal/generator/internal/sitetest"
)

// withheld are sentences of the demo that its disclosure modes leave out:
// the text and the reply of 2019-086 (不公开), and the replies of 2019-072
// and 2019-077 (摘要). shown are sentences of the same files that are
// published, to prove the search finds what is there.
var (
	withheld = []struct{ file, sentence string }{
		{"content/suggestions/2019/086.md", "道路刚修好又被反复开挖"},
		{"content/suggestions/2019/086.md", "综合管廊每公里投资上亿元"},
		{"content/suggestions/2019/072.md", "设立政府投资基金须有稳定的财力保障"},
		{"content/suggestions/2019/077.md", "将审批流程划分为立项用地规划许可"},
	}
	shown = []string{"转型升级面临资金瓶颈", "互为前置，一个项目办完全部手续往往要一年左右", "答复涉及城市地下管线布局等依法不予公开的信息"}
)

// forms gives a sentence as the Simplified and the Traditional pages
// would show it, and a middle part of each, in case the conversion of the
// whole sentence differs at its edges from that of the paragraph.
func forms(t *testing.T, s string) []string {
	t.Helper()
	tw, err := hant.Text(s)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{s, tw}
	for _, f := range []string{s, tw} {
		r := []rune(f)
		if len(r) > 8 {
			out = append(out, string(r[2:len(r)-2]))
		}
	}
	return out
}

func TestWithheldTextIsPublishedNowhere(t *testing.T) {
	for _, w := range withheld {
		data, err := os.ReadFile(filepath.Join(repoRoot, w.file))
		if err != nil || !strings.Contains(string(data), w.sentence) {
			t.Fatalf("%s does not hold %q: the test is out of date", w.file, w.sentence)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	opts := build.Options{Source: repoRoot, Dest: dest, BaseURL: "/rddbjy/"}
	mustBuild(t, opts)
	files := sitetest.ReadTree(t, dest)
	search := func(where string, files map[string]string) {
		t.Helper()
		for _, sentence := range shown {
			found := false
			for _, text := range files {
				found = found || strings.Contains(text, sentence)
			}
			if !found {
				t.Errorf("%s: the published %q is nowhere: the search is broken", where, sentence)
			}
		}
		for _, w := range withheld {
			for _, form := range forms(t, w.sentence) {
				for name, text := range files {
					if strings.Contains(text, form) {
						t.Errorf("%s: %s publishes the withheld %q", where, name, form)
					}
				}
			}
		}
	}
	// Every file: pages of both scripts, the search indexes, the open
	// data, the feed, the sitemap, the report, the attachments.
	search("build", files)

	// The preview, as the browser gets it: every file the preview serves,
	// asked for over HTTP.
	m := mustUpdate(t, NewEngine(opts))
	srv := serve.NewServer("/rddbjy/", nil)
	defer srv.Close()
	srv.Show(m, "/rddbjy/", false)
	ts := httptest.NewServer(srv)
	defer ts.Close()
	served := map[string]string{}
	for _, name := range m.Names() {
		segs := strings.Split(name, "/")
		for i := range segs {
			segs[i] = url.PathEscape(segs[i])
		}
		resp, err := ts.Client().Get(ts.URL + "/rddbjy/" + strings.Join(segs, "/"))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("preview: %s: status %d", name, resp.StatusCode)
		}
		served[name] = string(body)
	}
	if len(served) != len(files)-1 { // the build has its marker file besides
		t.Errorf("the preview served %d files, the build wrote %d", len(served), len(files)-1)
	}
	search("preview", served)
}
