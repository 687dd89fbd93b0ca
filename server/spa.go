package server

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// spaHandler serves the built frontend; paths that are not files fall back to
// index.html so client-side routes load the app.
func spaHandler(dist fs.FS) http.Handler {
	files := http.FileServerFS(dist)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name != "" {
			if st, err := fs.Stat(dist, name); err == nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
			if strings.HasPrefix(name, "assets/") {
				http.NotFound(w, r)
				return
			}
		}
		servePage(w, dist, "index.html")
	})
}

// pageHandler serves one page of the built frontend, e.g. GraphiQL's playground.html.
func pageHandler(dist fs.FS, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { servePage(w, dist, name) })
}

// servePage writes an HTML page of the build; its assets are cached, the page is not.
func servePage(w http.ResponseWriter, dist fs.FS, name string) {
	if dist == nil {
		http.Error(w, "frontend not built", http.StatusNotFound)
		return
	}
	page, err := fs.ReadFile(dist, name)
	if err != nil {
		http.Error(w, "frontend not built", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(page)
}
