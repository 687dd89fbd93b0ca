// Package frontend embeds the built single-page app (frontend/dist, made by
// `make frontend`). Without a build only a placeholder is embedded and the
// server answers / with "frontend not built".
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built app's files, rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist/ is embedded at compile time; Sub cannot fail on it
	}
	return sub
}
