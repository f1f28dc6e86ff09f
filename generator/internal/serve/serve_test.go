package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "suggestions", "2019-001"), 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<body>home</body>"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("未找到"), 0o644)
	os.MkdirAll(filepath.Join(dir, "hant"), 0o755)
	os.WriteFile(filepath.Join(dir, "hant", "404.html"), []byte("找不到頁面"), 0o644)
	os.WriteFile(filepath.Join(dir, "suggestions", "2019-001", "index.html"), []byte("suggestion"), 0o644)
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	defer os.Remove(secret)

	srv := httptest.NewServer(Handler(dir, "/rddbjy/"))
	defer srv.Close()
	cases := []struct {
		path   string
		status int
		body   string
	}{
		{"/rddbjy/", 200, "home"},
		{"/rddbjy/suggestions/2019-001/", 200, "suggestion"},
		{"/rddbjy/suggestions/2019-999/", 404, "未找到"},
		{"/", 404, "未找到"},
		{"/rddbjy/../secret.txt", 404, "未找到"},
		{"/rddbjy/%2e%2e/secret.txt", 404, "未找到"},
		// A page missing from the Traditional edition gets its 404 page.
		{"/rddbjy/hant/suggestions/2019-999/", 404, "找不到頁面"},
		{"/rddbjy/hant/nothing.css", 404, "找不到頁面"},
		{"/rddbjy/hantx/", 404, "未找到"},
	}
	for _, c := range cases {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "<script") {
			t.Errorf("%s: a built folder is served with a script", c.path)
		}
		if resp.StatusCode != c.status || !strings.Contains(string(body), c.body) {
			t.Errorf("%s: %d %q, want %d %q", c.path, resp.StatusCode, body, c.status, c.body)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(srv.URL + "/rddbjy")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/rddbjy/" {
		t.Errorf("/rddbjy: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}
