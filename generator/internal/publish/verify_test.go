package publish

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// tamper changes a published page, removes a file and plants one.
func tamper(t *testing.T, www string) {
	t.Helper()
	page := filepath.Join(www, "suggestions", "2019-001", "index.html")
	data, _ := os.ReadFile(page)
	os.WriteFile(page, []byte(strings.Replace(string(data), "老旧", "新旧", 1)), 0o644)
	os.Remove(filepath.Join(www, "css", "site.css"))
	os.WriteFile(filepath.Join(www, "suggestions", "extra.html"), []byte("<p>planted</p>"), 0o644)
}

func findings(r *Report) string {
	var s []string
	for _, f := range r.Findings {
		s = append(s, f.What+" "+f.Name)
	}
	return strings.Join(s, ", ")
}

func TestVerifyFolderAndSFTP(t *testing.T) {
	server := startSSHD(t, sshdOptions{})
	for _, kind := range []string{"folder", "sftp"} {
		t.Run(kind, func(t *testing.T) {
			s := newSite(t)
			b := s.build()
			www := filepath.Join(t.TempDir(), "www")
			os.Mkdir(www, 0o755)
			os.WriteFile(filepath.Join(www, "robots.txt"), []byte("User-agent: *\n"), 0o644)
			dial := func() Target { return openFolder(t, www) }
			if kind == "sftp" {
				dial = func() Target { return server.dial(www) }
			}
			mustPublish(t, dial(), b, Options{Force: true})
			r, err := Verify(context.Background(), dial(), VerifyOptions{Expected: b.Manifest()})
			if err != nil || !r.OK() || r.Checked != b.Manifest().Len() {
				t.Fatalf("verify after publish: %v %s (checked %d)", err, findings(r), r.Checked)
			}
			if !slices.Equal(r.Foreign, []string{"robots.txt"}) {
				t.Errorf("foreign: %v", r.Foreign)
			}
			tamper(t, www)
			for _, expected := range []*BuildSite{b, nil} { // against the build, and the target's own manifest
				opts := VerifyOptions{}
				if expected != nil {
					opts.Expected = expected.Manifest()
				}
				r, err = Verify(context.Background(), dial(), opts)
				want := "missing css/site.css, changed suggestions/2019-001/index.html, unexpected suggestions/extra.html"
				if err != nil || r.OK() || findings(r) != want || r.ManifestDiffers() {
					t.Errorf("verify after tampering: %v\n got %s\nwant %s", err, findings(r), want)
				}
			}
			// A manifest replaced along with the page is caught by the
			// manifest one checks against.
			s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
			other := s.build()
			os.WriteFile(filepath.Join(www, "manifest.sha256"), other.Manifest().Format(), 0o644)
			r, err = Verify(context.Background(), dial(), VerifyOptions{Expected: b.Manifest()})
			if err != nil || !r.ManifestDiffers() {
				t.Errorf("a replaced manifest: %v, differs %v", err, r.ManifestDiffers())
			}
		})
	}
}

// liveSite serves a published folder under /rddbjy/ as a web server does.
func liveSite(t *testing.T, www string, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	var h http.Handler = http.StripPrefix("/rddbjy", http.FileServer(http.Dir(www)))
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestVerifyHTTP(t *testing.T) {
	s := newSite(t)
	b := s.build()
	www := t.TempDir()
	mustPublish(t, openFolder(t, www), b, Options{})

	var inFlight, most atomic.Int32
	count := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(2 * time.Millisecond)
			h.ServeHTTP(w, r)
		})
	}
	srv := liveSite(t, www, count)
	ctx := context.Background()
	r, err := VerifyHTTP(ctx, http.DefaultClient, srv.URL+"/rddbjy/", VerifyOptions{Expected: b.Manifest(), Jobs: 3})
	if err != nil || !r.OK() || r.Checked != b.Manifest().Len() {
		t.Fatalf("the live site as published: %v %s", err, findings(r))
	}
	if most.Load() > 3 {
		t.Errorf("%d requests at once, with 3 allowed", most.Load())
	}

	tamper(t, www)
	r, err = VerifyHTTP(ctx, http.DefaultClient, srv.URL+"/rddbjy", VerifyOptions{})
	if want := "missing css/site.css, changed suggestions/2019-001/index.html"; err != nil || findings(r) != want {
		t.Errorf("a tampered live site: %v\n got %s\nwant %s", err, findings(r), want)
	}
	if r.Listed {
		t.Error("over HTTP the files cannot be listed")
	}
}

func TestVerifyHTTPRefusals(t *testing.T) {
	s := newSite(t)
	b := s.build()
	www := t.TempDir()
	mustPublish(t, openFolder(t, www), b, Options{})
	ctx := context.Background()

	login := liveSite(t, www, func(http.Handler) http.Handler {
		return http.RedirectHandler("/login?from=rddbjy", http.StatusFound)
	})
	_, err := VerifyHTTP(ctx, http.DefaultClient, login.URL+"/rddbjy/", VerifyOptions{})
	if err == nil || !strings.Contains(err.Error(), "manifest.sha256 redirects to /login?from=rddbjy: the server sends visitors elsewhere (a login page?)") {
		t.Errorf("a login page: %v", err)
	}

	page := liveSite(t, www, func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<!DOCTYPE html><title>统一身份认证</title>"))
		})
	})
	_, err = VerifyHTTP(ctx, http.DefaultClient, page.URL+"/rddbjy/", VerifyOptions{})
	if err == nil || !strings.Contains(err.Error(), "is a web page, not a manifest") {
		t.Errorf("a page in place of the manifest: %v", err)
	}

	none := liveSite(t, t.TempDir(), nil)
	_, err = VerifyHTTP(ctx, http.DefaultClient, none.URL+"/rddbjy/", VerifyOptions{})
	if err == nil || !strings.Contains(err.Error(), "manifest.sha256 is not there (404)") {
		t.Errorf("no manifest: %v", err)
	}

	// Another version published: its manifest differs from the one given.
	s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
	newer := s.build()
	live := liveSite(t, www, nil)
	r, err := VerifyHTTP(ctx, http.DefaultClient, live.URL+"/rddbjy/", VerifyOptions{Expected: newer.Manifest()})
	if err != nil || !r.ManifestDiffers() || r.Count("changed") == 0 {
		t.Errorf("another version: %v, differs %v, %s", err, r.ManifestDiffers(), findings(r))
	}

	// One slow page: reported, the rest checked.
	slow := liveSite(t, www, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/feed.xml") {
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	// The time limit leaves every other page time to answer on a busy
	// machine; the slow one never answers within it.
	r, err = VerifyHTTP(ctx, http.DefaultClient, slow.URL+"/rddbjy/", VerifyOptions{Timeout: 2 * time.Second})
	if err != nil || findings(r) != "unchecked feed.xml" || r.Findings[0].Why != "no answer within 2s" {
		t.Errorf("a slow page: %v %s %+v", err, findings(r), r.Findings)
	}

	// A server that refuses every file: stop soon.
	var asked atomic.Int32
	refusing := liveSite(t, www, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/manifest.sha256") {
				h.ServeHTTP(w, r)
				return
			}
			asked.Add(1)
			http.Error(w, "forbidden", http.StatusForbidden)
		})
	})
	_, err = VerifyHTTP(ctx, http.DefaultClient, refusing.URL+"/rddbjy/", VerifyOptions{Jobs: 1})
	if err == nil || !strings.Contains(err.Error(), "stopped after 10 requests in a row failed") || asked.Load() > 10 {
		t.Errorf("a refusing server (%d requests): %v", asked.Load(), err)
	}
}
