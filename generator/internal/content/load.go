package content

import (
	"context"
	"errors"
	"io/fs"
	"strconv"
	"strings"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/source"
)

// Dir is the folder, relative to the site root, that holds the suggestions.
const Dir = source.Suggestions

// Load reads and checks every suggestion file (*.md, in any sub-folder of
// Dir), in parallel, each file once. The result is sorted by file name and
// includes drafts; errors cover every file.
func Load(fsys fs.FS, site *config.Site) ([]*Suggestion, diag.List) {
	return LoadSet(fsys, site).Suggestions()
}

// LoadContext is Load stopping soon after ctx is done, for a build: the
// suggestions hold no Body, which ReadBody reads again from fsys when a
// page needs it (body.go). The caller must look at ctx.Err().
func LoadContext(ctx context.Context, fsys fs.FS, site *config.Site) ([]*Suggestion, diag.List) {
	return loadSet(ctx, fsys, site, true).Suggestions()
}

// suggestionFiles lists the suggestions at or under root, a path in fsys
// at or under Dir, with source.Walk: hidden and editors' files are left
// out, links are followed only inside the site, and anything Walk refuses
// (a link out of the site, a FIFO) is a problem of its own path, as is a
// misplaced file in a suggestion's folder (see group). err is set only
// when root cannot be listed at all.
func suggestionFiles(fsys fs.FS, root string) (entries []entry, problems diag.List, err error) {
	walk := source.Walk
	if root == Dir {
		walk = source.WalkFolder
	}
	all, err := walk(fsys, root)
	if err != nil && !errors.As(err, &problems) {
		return nil, nil, err
	}
	for _, p := range problems {
		if p.Pos.File == Dir {
			return nil, nil, p // the folder itself: nothing else matters
		}
	}
	entries, misplaced := group(all)
	return entries, append(problems, misplaced...), nil
}

// folderError describes a suggestions folder that cannot be listed, with
// the fix for its cause.
func folderError(err error) *diag.Error {
	e := &diag.Error{Pos: diag.Pos{File: Dir}}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e.Msg = "missing folder: the site keeps its suggestions in " + Dir
		e.Hint = "create the folder and put one .md file per suggestion in it"
	case errors.Is(err, fs.ErrPermission):
		e.Msg = "cannot read the folder: permission denied"
		e.Hint = "let the user running the generator read it: chmod -R a+rX " + Dir
	case errors.As(err, &e):
		return e
	default:
		e.Msg = "cannot read the folder: " + err.Error()
		e.Hint = Dir + " must be a folder holding one .md file per suggestion"
	}
	return e
}

func checkUniqueNumbers(all []*Suggestion, errs *diag.List) {
	// Numbers are compared without case: "2019-a" and "2019-A" would be one
	// folder on Windows and macOS, where webmasters preview the site.
	first := make(map[string]*Suggestion, len(all))
	for _, s := range all {
		if s.Number == "" {
			continue
		}
		key := strings.ToLower(s.Number)
		if f, dup := first[key]; dup {
			errs.Add(s.pos(s.numberPos), "number", "duplicate number \""+s.Number+"\": "+f.File+" already uses "+strconv.Quote(f.Number),
				"every suggestion needs its own number; renumber one of the two files")
			continue
		}
		first[key] = s
	}
}
