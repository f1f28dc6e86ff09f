package content

import (
	"path"
	"strings"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/source"
)

// BundleFile is the name of a suggestion written as a folder: the folder
// holds BundleFile and, beside it, the suggestion's attachments.
const BundleFile = "index.md"

// entry is what makes one suggestion: its Markdown file and, when the
// suggestion is a folder, the files beside its index.md.
type entry struct {
	md          source.File
	attachments []source.File // nil for a single-file suggestion
	bundle      bool          // md is a folder's index.md
}

// group sorts the files source.Walk found (sorted by path) into
// suggestions. A .md file is a suggestion, except that a folder holding
// index.md is one suggestion whose other files are its attachments; such a
// folder may hold no other .md file and no sub-folder (each is a problem of
// its own path). Any other file is not part of the site.
func group(files []source.File) ([]entry, diag.List) {
	bundles := map[string]int{} // folder → index in entries; -1 when refused
	for _, f := range files {
		if path.Base(f.Path) == BundleFile && path.Dir(f.Path) != Dir {
			bundles[path.Dir(f.Path)] = -1
		}
	}
	var entries []entry
	for _, f := range files {
		dir := path.Dir(f.Path)
		if path.Base(f.Path) == BundleFile && dir != Dir && bundleAbove(bundles, path.Dir(dir)) == "" {
			bundles[dir] = len(entries)
			entries = append(entries, entry{md: f, bundle: true})
		}
	}
	var problems diag.List
	for _, f := range files {
		dir, name := path.Split(f.Path)
		dir = strings.TrimSuffix(dir, "/")
		if name == BundleFile {
			if dir == Dir {
				problems.Add(diag.Pos{File: f.Path}, "", BundleFile+" names a suggestion written as a folder, and cannot stand directly in "+Dir,
					"put it in the suggestion's own folder, such as "+Dir+"/2019/006/"+BundleFile)
				continue
			}
			if outer := bundleAbove(bundles, path.Dir(dir)); outer != "" {
				problems.Add(diag.Pos{File: f.Path}, "", "a suggestion folder inside another one ("+outer+"/"+BundleFile+")",
					"move the folder out: a suggestion's folder holds only its index.md and its attachments")
			}
			continue
		}
		if i, ok := bundles[dir]; ok && i >= 0 {
			if path.Ext(name) == ".md" {
				problems.Add(diag.Pos{File: f.Path}, "", "a folder with "+BundleFile+" is one suggestion and may hold no other .md file",
					"move this file to a folder of its own, or make it a suggestion of its own outside "+dir+"/")
				continue
			}
			entries[i].attachments = append(entries[i].attachments, f)
			continue
		}
		if outer := bundleAbove(bundles, dir); outer != "" {
			problems.Add(diag.Pos{File: f.Path}, "", "a sub-folder of a suggestion's folder ("+outer+"/) is not published",
				"put attachments beside "+BundleFile+", not in a folder below it")
			continue
		}
		if path.Ext(name) == ".md" {
			entries = append(entries, entry{md: f})
		}
	}
	return entries, problems
}

// bundleAbove gives the suggestion folder that dir is, or is inside of;
// empty when none.
func bundleAbove(bundles map[string]int, dir string) string {
	for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if _, ok := bundles[d]; ok {
			return d
		}
		if d == Dir {
			break
		}
	}
	return ""
}

// bundleRoot gives the folder to read again when the file or folder at p
// changed: the outermost suggestion folder p is in, or else p itself. A
// folder is a suggestion's when its index.md is known, or is among the
// paths that changed (it was just created): the file system is not asked,
// so an edit reads only what changed.
func bundleRoot(p string, known func(string) bool) string {
	root := p
	for d := path.Dir(p); strings.HasPrefix(d, Dir+"/"); d = path.Dir(d) {
		if known(d + "/" + BundleFile) {
			root = d
		}
	}
	return root
}
