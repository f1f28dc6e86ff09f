package content

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/parallel"
	"rdjy.local/portal/generator/internal/source"
)

// Set is every suggestion file of a site, parsed, by file name. A Set is
// never changed: Update returns a new one that has re-read only the files
// that changed and shares every other *Suggestion with the old one, so that
// a preview can tell which pages it may keep.
type Set struct {
	site    *config.Site
	files   map[string]parsed
	names   []string  // the keys of files, sorted; shared by sets with the same files
	listErr diag.List // the folder could not be listed

	// across is what the checks across files (unique numbers, pages of
	// deputies and units) found, made when Suggestions is first called.
	// An Update that changed no suggestion's number, deputies or units,
	// and added or removed none, shares it with the Set before it when it
	// found nothing: a preview edit of a title or a reply does not look
	// at every other suggestion again.
	across *acrossChecks

	// dropBodies leaves every suggestion's body out of memory, to be read
	// again when its page is made (body.go): for a build, which makes
	// each page once.
	dropBodies bool
}

// acrossChecks is the problems across the files of a Set, found once.
type acrossChecks struct {
	once sync.Once
	done atomic.Bool
	errs diag.List
}

// clean reports whether the checks ran and found nothing.
func (a *acrossChecks) clean() bool { return a.done.Load() && len(a.errs) == 0 }

type parsed struct {
	sg   *Suggestion // nil when the front matter could not be read
	errs diag.List
}

// LoadSet reads and parses every suggestion file (*.md in any sub-folder of
// Dir), in parallel, each file once.
func LoadSet(fsys fs.FS, site *config.Site) *Set {
	return LoadSetContext(context.Background(), fsys, site)
}

// LoadSetContext is LoadSet stopping soon after ctx is done: the files not
// read by then are left out, and the caller must look at ctx.Err().
func LoadSetContext(ctx context.Context, fsys fs.FS, site *config.Site) *Set {
	return loadSet(ctx, fsys, site, false)
}

// loadSet is LoadSetContext, leaving the bodies out when dropBodies is set.
func loadSet(ctx context.Context, fsys fs.FS, site *config.Site, dropBodies bool) *Set {
	s := &Set{site: site, files: map[string]parsed{}, dropBodies: dropBodies, across: &acrossChecks{}}
	entries, problems, err := suggestionFiles(fsys, Dir)
	if err != nil {
		s.listErr.Append(folderError(err))
		return s
	}
	s.refuse(problems)
	s.read(ctx, fsys, entries)
	s.sortNames()
	return s
}

// Update returns the set after the files or folders at the paths changed
// (from the site root, with forward slashes) were written, created, removed
// or renamed. Only the files at or under those paths are read again. Like
// LoadSetContext, it stops soon after ctx is done, and the caller must look
// at ctx.Err().
func (s *Set) Update(ctx context.Context, fsys fs.FS, changed []string) *Set {
	if s.listErr != nil {
		return loadSet(ctx, fsys, s.site, s.dropBodies)
	}
	n := &Set{site: s.site, files: maps.Clone(s.files), names: s.names, dropBodies: s.dropBodies, across: &acrossChecks{}}
	var dirs map[string]bool // folders holding known files, made when needed
	var reread []entry
	var removed []string
	isChanged := make(map[string]bool, len(changed))
	for _, p := range changed {
		isChanged[p] = true
	}
	for _, p := range changed {
		rel, ok := strings.CutPrefix(p, Dir+"/")
		if !ok {
			if p == "." || p == Dir || strings.HasPrefix(Dir, p+"/") {
				return loadSet(ctx, fsys, s.site, s.dropBodies) // the whole folder changed
			}
			continue
		}
		if source.IgnoredPath(rel) {
			continue
		}
		// A change in a suggestion's folder reads the whole folder again.
		root := bundleRoot(p, func(f string) bool { _, ok := n.files[f]; return ok || isChanged[f] })
		// Forget what was at root, file or folder, then read what is there now.
		if _, known := n.files[root]; known {
			delete(n.files, root)
			removed = append(removed, root)
		} else {
			if dirs == nil {
				dirs = folders(s.files)
			}
			if dirs[root] {
				for name := range n.files {
					if strings.HasPrefix(name, root+"/") {
						delete(n.files, name)
						removed = append(removed, name)
					}
				}
			}
		}
		found, problems, err := suggestionFiles(fsys, root)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			n.files[root] = parsed{errs: diag.List{{Pos: diag.Pos{File: root}, Msg: "cannot read: " + err.Error()}}}
		}
		n.refuse(problems)
		reread = append(reread, found...)
	}
	// A folder and a file in it may both have changed.
	slices.SortFunc(reread, func(a, b entry) int { return strings.Compare(a.md.Path, b.md.Path) })
	n.read(ctx, fsys, slices.CompactFunc(reread, func(a, b entry) bool { return a.md.Path == b.md.Path }))
	// The names stay sorted if every file removed came back and none is new.
	same := len(n.names) == len(n.files)
	for _, r := range removed {
		if _, back := n.files[r]; !back {
			same = false
		}
	}
	if !same {
		n.sortNames()
	} else if s.across.clean() && sameAcross(s, n, removed) {
		n.across = s.across
	}
	return n
}

// sameAcross reports whether the files read again, at the paths of
// removed, which all came back, give the checks across files what they gave
// in old: the same numbers, deputies and units.
func sameAcross(old, n *Set, removed []string) bool {
	for _, name := range removed {
		a, b := old.files[name].sg, n.files[name].sg
		if a == nil || b == nil || a.Number != b.Number || !a.SameNames(b) {
			return false
		}
	}
	return true
}

// sortNames lists the files in name order.
func (s *Set) sortNames() {
	s.names = make([]string, 0, len(s.files))
	for name := range s.files {
		s.names = append(s.names, name)
	}
	sort.Strings(s.names)
}

// Suggestions returns the suggestions sorted by file name, drafts included,
// and every problem of every file and across files (duplicate numbers),
// sorted.
func (s *Set) Suggestions() ([]*Suggestion, diag.List) {
	if s.listErr != nil {
		return nil, s.listErr
	}
	all := make([]*Suggestion, 0, len(s.names))
	var errs diag.List
	for _, name := range s.names {
		p := s.files[name]
		errs = append(errs, p.errs...)
		if p.sg != nil {
			all = append(all, p.sg)
		}
	}
	s.across.once.Do(func() {
		checkUniqueNumbers(all, &s.across.errs)
		checkSlugs(s.site, all, &s.across.errs)
		s.across.done.Store(true)
	})
	errs = append(errs, s.across.errs...)
	errs.Sort()
	return all, errs
}

// refuse records the entries source.Walk refused (a link out of the site,
// a FIFO) as files with a problem and no suggestion, so that the change
// that removes one clears its problem.
func (s *Set) refuse(problems diag.List) {
	for _, p := range problems {
		s.files[p.Pos.File] = parsed{errs: diag.List{p}}
	}
}

// read parses the suggestions in parallel into s.files, each with its
// attachments. A file that is gone by the time it is read (an editor
// renaming it) is left out: the change that removed it is reported next.
// So are the files not read when ctx is done; the caller must look at
// ctx.Err().
func (s *Set) read(ctx context.Context, fsys fs.FS, entries []entry) {
	results := make([]parsed, len(entries))
	found := make([]bool, len(entries))
	parallel.For(ctx, len(entries), func(i int) error {
		results[i], found[i] = s.readOne(fsys, entries[i])
		return nil
	})
	names := interned{}
	for i, e := range entries {
		if found[i] {
			names.share(results[i].sg)
			s.files[e.md.Path] = results[i]
		}
	}
}

// interned shares the strings that many suggestions repeat (deputies,
// units, category, outcome …): the front matter's decoder makes a string
// for each, and a large site holds every suggestion's front matter (about
// a tenth of it is such repeated names).
type interned map[string]string

// share makes sg's repeated strings the ones seen before.
func (in interned) share(sg *Suggestion) {
	if sg == nil {
		return
	}
	one := func(s *string) {
		if v, ok := in[*s]; ok {
			*s = v
		} else {
			in[*s] = *s
		}
	}
	for _, f := range []*string{&sg.Session, &sg.Category, &sg.LeadUnit, &sg.Outcome, &sg.Satisfaction, &sg.DisclosureReason} {
		one(f)
	}
	for i := range sg.Deputies {
		one(&sg.Deputies[i])
	}
	for i := range sg.CoUnits {
		one(&sg.CoUnits[i])
	}
}

// readOne reads and parses one suggestion and its attachments; found is
// false when the file is gone.
func (s *Set) readOne(fsys fs.FS, e entry) (p parsed, found bool) {
	f := e.md
	// A huge file is refused before it is read.
	if fi, err := fs.Lstat(fsys, f.Real); err == nil { // Real is no link
		if e := TooLarge(f.Path, fi.Size(), s.site); e != nil {
			return parsed{errs: diag.List{e}}, true
		}
	}
	data, err := fs.ReadFile(fsys, f.Real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return p, false
	case err != nil:
		p.errs.Add(diag.Pos{File: f.Path}, "", "cannot read: "+err.Error(), "")
	default:
		p.sg, p.errs = Parse(f.Path, data, s.site)
		if p.sg != nil {
			p.errs = append(p.errs, readAttachments(fsys, p.sg, e, s.site)...)
			p.errs.Sort()
			if s.dropBodies {
				p.sg.dropBody(fsys, f.Real, data)
			}
		}
	}
	return p, true
}

// folders gives every folder that holds a file of files, at any depth.
func folders(files map[string]parsed) map[string]bool {
	dirs := map[string]bool{}
	for name := range files {
		for d := path.Dir(name); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}
