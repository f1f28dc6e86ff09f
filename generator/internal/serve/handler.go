// Package serve previews the portal over HTTP at the base path it will be
// published under: a site in memory with live reload while the webmaster
// edits (Server, which package preview keeps up to date), or a built folder
// (Handler).
//
// A request names a file of the site only by a clean path under the base
// path: "..", ".", encoded slashes or backslashes, and empty segments are
// refused with the site's 404 page, status 404, like a file the site does
// not have. Text files are served as UTF-8.
package serve

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// Files are the files of a site by output name ("suggestions/2019-001/index.html").
type Files interface {
	// File returns the file's content; ok is false when the site has no
	// such file, err is set when the file could not be made.
	File(name string) (data []byte, ok bool, err error)
}

// Handler serves the built site in the folder dir under basePath ("/" or
// "/rddbjy/"), as the real web server would, without live reload.
func Handler(dir, basePath string) http.Handler {
	st := &state{files: folder(dir), base: basePath}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { serveFile(w, r, st, nil) })
}

// folder serves the files of a folder; os.Root keeps every read inside it.
type folder string

func (f folder) File(name string) ([]byte, bool, error) {
	root, err := os.OpenRoot(string(f))
	if err != nil {
		return nil, false, err
	}
	defer root.Close()
	data, err := root.ReadFile(name)
	if err != nil {
		return nil, false, nil
	}
	return data, true, nil
}

// state is what a request is served from: one site, whole.
type state struct {
	files   Files // nil until the site first builds
	base    string
	version string // names this state for the live-reload script
	problem string // why the latest build failed, as the terminal shows it; "" when it did not
}

// serveFile serves the file r asks for from st. With live, HTML gets the
// live-reload script.
func serveFile(w http.ResponseWriter, r *http.Request, st *state, live *Server) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path+"/" == st.base {
		redirect(w, r, st.base)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, st.base)
	name, dir := siteName(r, rest, ok)
	if name == "" {
		notFound(w, r, st, live, "")
		return
	}
	if st.files == nil {
		failed(w, st, live)
		return
	}
	data, found, err := st.files.File(name)
	if !found && !dir {
		// A folder asked for without its slash: send the browser to it, so
		// that relative links in the page resolve.
		if _, isDir, _ := st.files.File(name + "/index.html"); isDir {
			redirect(w, r, r.URL.Path+"/")
			return
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		// Asked for from a site that a newer one replaced while it made
		// the file: the page reloads into the new site.
		http.Error(w, "the site changed while this file was made: reload", http.StatusServiceUnavailable)
	case err != nil:
		live.renderFailed(err)
		failed(w, st, live)
	case !found:
		notFound(w, r, st, live, name)
	default:
		send(w, r, st, live, name, data, http.StatusOK)
	}
}

// siteName is the output file a request path asks for, and whether it
// asked for a folder; "" when the path is not a clean path inside the site.
func siteName(r *http.Request, rest string, underBase bool) (name string, dir bool) {
	if !underBase {
		return "", false
	}
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.ContainsAny(rest, "\\\x00") {
		return "", false
	}
	name = rest
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
		dir = true
	}
	if !fs.ValidPath(name) {
		return "", false // "..", ".", empty segments, a leading slash
	}
	return name, dir
}

func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusMovedPermanently)
}

// notFound serves the site's own 404 page for the missing file name: the
// one in the nearest folder above it that has one, so that a page missing
// under hant/ gets the Traditional edition's hant/404.html.
func notFound(w http.ResponseWriter, r *http.Request, st *state, live *Server, name string) {
	if st.files != nil {
		for dir := path.Dir(name); ; dir = path.Dir(dir) {
			page404 := path.Join(dir, "404.html")
			if page, ok, err := st.files.File(page404); ok && err == nil {
				send(w, r, st, live, page404, page, http.StatusNotFound)
				return
			}
			if dir == "." {
				break
			}
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write([]byte("404 page not found\n"))
}

// failed serves a page showing why the site cannot be shown.
func failed(w http.ResponseWriter, st *state, live *Server) {
	page := []byte("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>预览出错</title></head><body>\n" +
		"<h1>预览出错</h1><p>The site has a problem. Fix it and this page reloads by itself.</p></body></html>\n")
	if live != nil {
		page = inject(page, live.script(st))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(page)
}

func send(w http.ResponseWriter, r *http.Request, st *state, live *Server, name string, data []byte, status int) {
	ctype := contentType(name)
	if live != nil && strings.HasPrefix(ctype, "text/html") {
		data = inject(data, live.script(st))
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// textTypes are served with charset=utf-8, as the generator writes them.
var textTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".xml":  "application/xml; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".txt":  "text/plain; charset=utf-8",
	".md":   "text/markdown; charset=utf-8",
	".svg":  "image/svg+xml; charset=utf-8",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := textTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
