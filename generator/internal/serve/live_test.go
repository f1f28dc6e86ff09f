package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// mapFiles is a site in memory.
type mapFiles map[string]string

func (m mapFiles) File(name string) ([]byte, bool, error) {
	data, ok := m[name]
	return []byte(data), ok, nil
}

var site = mapFiles{
	"index.html":                      "<html><body><h1>home</h1></body></html>",
	"404.html":                        "<html><body>未找到</body></html>",
	"suggestions/2019-001/index.html": "<html><body>suggestion</body></html>",
	"css/site.css":                    "body {}",
	"data/stats.json":                 "{}",
	"data/suggestions.csv":            "\ufeffnumber",
	"feed.xml":                        "<feed/>",
	"sitemap.xml":                     "<urlset/>",
	"js/x.js":                         "1",
	"img/logo.svg":                    "<svg/>",
	"img/logo.png":                    "png",
}

// get serves one request, written exactly as raw (no client cleans it).
func get(t *testing.T, h http.Handler, raw string) *httptest.ResponseRecorder {
	t.Helper()
	r, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + raw + " HTTP/1.1\r\nHost: localhost\r\n\r\n")))
	if err != nil {
		t.Fatalf("%s: %v", raw, err)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func liveServer() *Server {
	s := NewServer("/rddbjy/", nil)
	s.Show(site, "/rddbjy/", false)
	return s
}

func TestRequestsStayInTheSite(t *testing.T) {
	for _, raw := range []string{
		"/rddbjy/../secret.txt", "/rddbjy/%2e%2e/secret.txt", "/rddbjy/%2E%2E/%2e%2e/etc/passwd", "/rddbjy/..%2fsecret.txt",
		"/rddbjy/css%2fsite.css", "/rddbjy/css%2Fsite.css", "/rddbjy/css%5csite.css", "/rddbjy/css\\site.css",
		"/rddbjy//etc/passwd", "/rddbjy/./index.html", "/rddbjy/suggestions//2019-001/", "/rddbjy/%00",
		"/etc/passwd", "/", "/index.html", "/rddbjy/suggestions/2019-999/",
	} {
		w := get(t, liveServer(), raw)
		if w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "未找到") {
			t.Errorf("%s: %d %.80q, want the site's 404 page", raw, w.Code, w.Body.String())
		}
	}
}

func TestContentTypes(t *testing.T) {
	for name, want := range map[string]string{
		"": "text/html; charset=utf-8", "css/site.css": "text/css; charset=utf-8", "js/x.js": "text/javascript; charset=utf-8",
		"data/stats.json": "application/json; charset=utf-8", "feed.xml": "application/xml; charset=utf-8",
		"data/suggestions.csv": "text/csv; charset=utf-8", "img/logo.svg": "image/svg+xml; charset=utf-8", "img/logo.png": "image/png",
		"no-such-page/": "text/html; charset=utf-8",
	} {
		w := get(t, liveServer(), "/rddbjy/"+name)
		if got := w.Header().Get("Content-Type"); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: may be sniffed", name)
		}
	}
}

func TestRedirects(t *testing.T) {
	for raw, want := range map[string]string{"/rddbjy": "/rddbjy/", "/rddbjy/suggestions/2019-001?a=1": "/rddbjy/suggestions/2019-001/?a=1"} {
		w := get(t, liveServer(), raw)
		if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != want {
			t.Errorf("%s: %d to %q, want %s", raw, w.Code, w.Header().Get("Location"), want)
		}
	}
}

func TestScriptOnlyInHTML(t *testing.T) {
	s := liveServer()
	for _, name := range []string{"", "suggestions/2019-001/", "no-such-page/"} {
		body := get(t, s, "/rddbjy/"+name).Body.String()
		at := strings.Index(body, `<script src="/rddbjy/_portal/live.js"`)
		if at < 0 || !strings.Contains(body[at:], `data-events="/rddbjy/_portal/events"`) || !strings.HasSuffix(body, "</script>\n</body></html>") {
			t.Errorf("%s: no live-reload script before </body>:\n%s", name, body)
		}
	}
	for _, name := range []string{"css/site.css", "data/stats.json", "feed.xml", "img/logo.svg"} {
		if body := get(t, s, "/rddbjy/"+name).Body.String(); body != site[name] {
			t.Errorf("%s was changed: %q", name, body)
		}
	}
}

// TestProblemShownOnLoad: a page loaded while the site has a problem shows
// it at once, as text, and still serves the last good content.
func TestProblemShownOnLoad(t *testing.T) {
	s := liveServer()
	s.Fail("content/suggestions/2019/001.md:4:8: year: <b>bad</b></script>\n    4 | year = \"2019\"\n")
	w := get(t, s, "/rddbjy/suggestions/2019-001/")
	body := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(body, "suggestion") {
		t.Errorf("the last good page is not served: %d %s", w.Code, body)
	}
	if !strings.Contains(body, `data-error="content/suggestions/2019/001.md:4:8: year: &lt;b&gt;bad&lt;/b&gt;&lt;/script&gt;
    4 | year = &#34;2019&#34;`) {
		t.Errorf("the problem is not in the page, escaped:\n%s", body)
	}
	if strings.Contains(body, "<b>bad") || strings.Count(body, "</script>") != 1 {
		t.Error("the problem reached the page as markup")
	}
	js := get(t, s, "/rddbjy/_portal/live.js")
	if ct := js.Header().Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("the script is sent as %s", ct)
	}
	if !strings.Contains(js.Body.String(), "textContent") || strings.Contains(js.Body.String(), "innerHTML") {
		t.Error("the overlay must set text, not markup")
	}
	if file, err := os.ReadFile("live.js"); err != nil || js.Body.String() != string(file) {
		t.Errorf("the script served is not live.js (%v)", err)
	}
}

// TestNotBuiltYet: before the site first builds, every page says why.
func TestNotBuiltYet(t *testing.T) {
	s := NewServer("/", nil)
	s.Fail("site.toml:1:1: title: missing")
	w := get(t, s, "/")
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "site.toml:1:1: title: missing") {
		t.Errorf("%d %s", w.Code, w.Body.String())
	}
}

type sse struct{ name, data string }

// stream reads the events of the server at url.
func stream(t *testing.T, ctx context.Context, url string) <-chan sse {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %s", ct)
	}
	events := make(chan sse, 100)
	go func() {
		defer close(events)
		defer resp.Body.Close()
		var ev sse
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			case line == "" && ev.name != "":
				events <- ev
				ev = sse{}
			}
		}
	}()
	return events
}

func next(t *testing.T, events <-chan sse, name string) message {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatalf("the stream ended; want %s", name)
		}
		var m message
		if ev.name != name || json.Unmarshal([]byte(ev.data), &m) != nil {
			t.Fatalf("event %s %s, want %s", ev.name, ev.data, name)
		}
		return m
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s event", name)
	}
	return message{}
}

func TestEvents(t *testing.T) {
	s := liveServer()
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := stream(t, ctx, srv.URL+"/rddbjy/_portal/events")
	hello := next(t, events, "hello")

	s.Show(site, "/rddbjy/", false)
	if m := next(t, events, "reload"); m.Version == hello.Version {
		t.Error("a new site has the old version")
	}
	s.Fail("the problem")
	if m := next(t, events, "error"); m.Problem != "the problem" {
		t.Errorf("error event: %+v", m)
	}
	s.Show(site, "/rddbjy/", true)
	next(t, events, "reload") // a page showing a problem reloads to lose it
	s.Show(site, "/rddbjy/", true)
	next(t, events, "css")

	// A page that connects now learns the version and the problem.
	s.Fail("another problem")
	next(t, events, "error")
	late := stream(t, ctx, srv.URL+"/rddbjy/_portal/events")
	if m := next(t, late, "hello"); m.Problem != "another problem" {
		t.Errorf("hello: %+v", m)
	}
	s.Close()
	for range events { // Close ends every stream
	}
}
