package build

import (
	"path/filepath"

	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/render"
)

// writeManifest writes manifest.sha256, the list of every file written, at
// the top of the output. The marker is not in it: it is the output folder's
// own and is never published.
func (o *output) writeManifest() error {
	m, err := o.sums.Manifest()
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(o.tmp, manifest.Name), m.Format(), o.chmod)
}

// manifestEntry stands in the file list for manifest.sha256, which the
// writer makes from every other file (and the preview in memory): no file
// of the site may take its name.
var manifestEntry = render.File{Name: manifest.Name}
