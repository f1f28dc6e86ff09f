// Package serve serves a built portal over HTTP for previewing it, at the
// same base path it will be published under.
package serve

import (
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Handler serves the folder dir under basePath ("/" or "/rddbjy/"). Missing
// pages get the site's 404.html with status 404, as on the real server.
func Handler(dir, basePath string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path+"/" == basePath {
			http.Redirect(w, r, basePath, http.StatusMovedPermanently)
			return
		}
		rest, ok := strings.CutPrefix(r.URL.Path, basePath)
		rest = strings.TrimPrefix(path.Clean("/"+rest), "/")
		if !ok || !exists(dir, rest) {
			notFound(w, dir)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/" + rest
		if strings.HasSuffix(r.URL.Path, "/") && rest != "" {
			r2.URL.Path += "/"
		}
		r2.URL.RawPath = ""
		files.ServeHTTP(w, r2)
	})
}

func exists(dir, rest string) bool {
	p := filepath.Join(dir, filepath.FromSlash(rest))
	fi, err := os.Stat(p)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		_, err = os.Stat(filepath.Join(p, "index.html"))
		return err == nil
	}
	return true
}

func notFound(w http.ResponseWriter, dir string) {
	page, err := os.ReadFile(filepath.Join(dir, "404.html"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if err != nil {
		w.Write([]byte("404 page not found\n"))
		return
	}
	w.Write(page)
}
