// Package publish puts a built site on a target (a folder, or a server's
// folder over SFTP) moving only the files that changed, writes change
// packages for networks that files cross by hand, and verifies a target or
// the live site against a manifest.
//
// A publish reads the target first: its manifest.sha256 (what was
// published there last), its files, and the publish state the last run left
// (StateFile). Files changed, added or removed on the target since then are
// drift: publish stops and names them, unless forced, which puts the
// published versions back. Files the portal never published are foreign and
// are never deleted.
//
// Then it uploads each added or changed file under a hidden temporary name
// in its folder, and only when every upload is complete renames them into
// place, in an order that never lets a published page link to a file that
// is not there yet (manifest.Order): static files and data, suggestion
// pages, the other pages, home. Files no longer part of the site are
// deleted after that, and the new manifest is written last of all. A
// failure while uploading leaves the visible site as it was; a publish cut
// off at any point leaves whole files only, and the next run finishes it,
// uploading only what is still missing (PendingFile tells it which files
// were its own).
package publish

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"

	"rdjy.local/portal/generator/internal/manifest"
)

// Options control a publish.
type Options struct {
	Force  bool // publish over drift, restoring the published files
	DryRun bool // plan only; write nothing
	// Base, when set, is the manifest the target must hold (the base of a
	// change package).
	Base *manifest.Manifest
	Jobs int // files moved at once; 4 when zero
	// Progress, when set, is told how the work goes. It is called from one
	// goroutine at a time.
	Progress func(Progress)
}

// Phase is a step of a publish.
type Phase string

const (
	Checking  Phase = "checking"  // reading the target's files
	Uploading Phase = "uploading" // sending files under temporary names
	Placing   Phase = "placing"   // renaming them into place
	Deleting  Phase = "deleting"
)

// Progress is how far a phase has got.
type Progress struct {
	Phase       Phase
	Files, Of   int
	Bytes, OfBy int64
}

// Plan is what a publish does, or did.
type Plan struct {
	Target   string
	Old      *manifest.Manifest // the target's manifest; nil when it has none
	New      *manifest.Manifest
	Upload   []manifest.Entry // added and changed files, in publishing order
	Added    int
	Changed  int
	Delete   []string // in the order they are deleted
	Same     int      // files of the site already on the target as they are
	Foreign  []string // files the portal did not publish, kept as they are
	Drift    []Drift  // changes on the target since the last publish
	Resumed  bool     // an earlier publish was cut off; this one finishes it
	Staged   int      // uploads an earlier run left complete, kept
	Bytes    int64    // bytes of the files to upload, the manifest included
	UpToDate bool     // nothing to do

	// After a publish:
	Sent      int   // files sent, the manifest and the publish state included
	SentBytes int64 // their bytes
}

// Drift is a file changed on the target since the last publish.
type Drift struct {
	Name string
	What string // "changed", "added" or "removed"
}

// DriftError stops a publish when the target changed since the last one.
type DriftError struct {
	Target string
	Drift  []Drift
}

func (e *DriftError) Error() string {
	var by = map[string][]string{}
	for _, d := range e.Drift {
		by[d.What] = append(by[d.What], d.Name)
	}
	var parts []string
	for _, what := range []string{"changed", "added", "removed"} {
		if names := by[what]; len(names) > 0 {
			parts = append(parts, fmt.Sprintf("%d %s (%s)", len(names), what, list(names, 5)))
		}
	}
	return fmt.Sprintf("files on %s changed since the last publish: %s. Nothing was published. "+
		"Find out who changed them; publish -force puts the published versions back (files the portal did not publish are kept)",
		e.Target, strings.Join(parts, ", "))
}

// list names a few of names.
func list(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}

// Run publishes site to t, or with DryRun only plans it. The plan is
// returned with any error, as far as it was made.
func Run(ctx context.Context, t Target, site Site, opts Options) (*Plan, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = 4
	}
	r := &run{t: t, site: site, opts: opts, plan: &Plan{Target: t.String(), New: site.Manifest()}}
	if err := r.scan(ctx); err != nil {
		return r.plan, err
	}
	if err := r.check(ctx); err != nil {
		return r.plan, err
	}
	if opts.DryRun {
		return r.plan, nil
	}
	if r.plan.UpToDate {
		for name := range r.temps { // left by a run that stopped before it placed anything
			r.t.Remove(name)
		}
		return r.plan, nil
	}
	return r.plan, r.publish(ctx)
}

// run is one publish.
type run struct {
	t    Target
	site Site
	opts Options
	plan *Plan

	files map[string]FileInfo // the target's files, publishing's own left out
	temps map[string]FileInfo // temporary files of earlier runs
	state *state              // nil when the target has none
	// stateTime is when the state was written, by the target's clock: a
	// file changed in the same second as that (or later) cannot be told
	// from its time, and is read.
	stateTime int64
	pending   *pending // nil when no earlier run was cut off
	hashes    map[string]manifest.Sum
	placed    map[string]FileInfo // files uploaded by this run, as the target has them

	mu       sync.Mutex
	progress Progress
}

func (r *run) report(phase Phase, files int, bytes int64) {
	if r.opts.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.progress.Phase != phase {
		r.progress = Progress{Phase: phase}
	}
	r.progress.Files += files
	r.progress.Bytes += bytes
	r.opts.Progress(r.progress)
}

func (r *run) setTotal(phase Phase, files int, bytes int64) {
	r.mu.Lock()
	r.progress = Progress{Phase: phase, Of: files, OfBy: bytes}
	r.mu.Unlock()
	r.report(phase, 0, 0)
}

// scan reads the target: its files and publishing's own.
func (r *run) scan(ctx context.Context) error {
	all, err := r.t.Walk(ctx)
	if err != nil {
		return describe(r.t, "reading the files of", err)
	}
	r.files, r.temps = map[string]FileInfo{}, map[string]FileInfo{}
	for _, f := range all {
		switch {
		case isTemp(f.Name):
			r.temps[f.Name] = f
		case !own(f.Name):
			r.files[f.Name] = f
		}
	}
	names := map[string]bool{}
	for _, f := range all {
		names[f.Name] = true
		if f.Name == StateFile {
			r.stateTime = f.ModTime
		}
	}
	if names[manifest.Name] {
		data, err := readAll(r.t, manifest.Name)
		if err != nil {
			return describe(r.t, "reading the manifest of", err)
		}
		if r.plan.Old, err = manifest.Parse(manifest.Name, data); err != nil {
			if !r.opts.Force {
				return fmt.Errorf("the manifest.sha256 on %s cannot be read (%v): someone changed it; publish -force replaces it", r.t, err)
			}
		}
	}
	if names[StateFile] {
		if data, err := readAll(r.t, StateFile); err == nil {
			r.state, _ = parseState(data) // an unreadable state only costs time
		}
	}
	if names[PendingFile] {
		data, err := readAll(r.t, PendingFile)
		if err == nil {
			r.pending, err = parsePending(data)
		}
		if err != nil && !r.opts.Force {
			return fmt.Errorf("the %s on %s cannot be read (%v); publish -force continues without it", PendingFile, r.t, err)
		}
	}
	r.plan.Resumed = r.pending != nil
	return nil
}

func readAll(t Target, name string) ([]byte, error) {
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// check finds what the target's files hold, the drift, and the plan.
func (r *run) check(ctx context.Context) error {
	old, new := r.plan.Old, r.plan.New
	if base := r.opts.Base; base != nil && !r.opts.Force {
		if err := checkBase(r.t, old, base); err != nil {
			return err
		}
	}
	if err := r.hashFiles(ctx); err != nil {
		return err
	}
	ours := func(name string) bool { // published by the portal, or by a run cut off
		if _, ok := lookup(old, name); ok {
			return true
		}
		h, known := r.hashes[name]
		return known && r.pending != nil && r.pending.has(name, h)
	}

	// Drift. The manifest itself has changed when it is not the one the
	// last publish recorded in its state (unless that publish was cut off
	// between the two).
	if old != nil && r.state != nil && r.pending == nil && r.state.manifest != old.Sum() {
		r.plan.Drift = append(r.plan.Drift, Drift{manifest.Name, "changed"})
	}
	if old != nil {
		for _, e := range old.Entries() {
			h, present := r.hashes[e.Name]
			switch {
			case !present && !r.pending.deleted(e.Name):
				r.plan.Drift = append(r.plan.Drift, Drift{e.Name, "removed"})
			case present && h != e.Sum && !r.pending.has(e.Name, h):
				r.plan.Drift = append(r.plan.Drift, Drift{e.Name, "changed"})
			}
		}
	}
	var strangers []string // files neither published nor known as foreign
	for _, name := range sortedKeys(r.files) {
		if ours(name) {
			continue
		}
		if h, ok := r.hashes[name]; old == nil && ok {
			if e, inNew := new.Lookup(name); inNew && e.Sum == h {
				continue // this site's file, put there by hand
			}
		}
		if r.state != nil {
			if f, known := r.state.files[name]; known && f.foreign {
				r.plan.Foreign = append(r.plan.Foreign, name)
				continue
			}
			if old != nil {
				r.plan.Drift = append(r.plan.Drift, Drift{name, "added"})
				if r.opts.Force {
					r.plan.Foreign = append(r.plan.Foreign, name) // kept from now on
				}
				continue
			}
		}
		strangers = append(strangers, name)
	}
	if old == nil && len(strangers) > 0 && !r.opts.Force {
		return fmt.Errorf("%s holds %d files (%s) but no %s: it is not a site this portal published, and publishing could overwrite another site's files. "+
			"Choose an empty folder, or publish -force to publish into it anyway (its other files are kept)",
			r.t, len(strangers), list(strangers, 3), manifest.Name)
	}
	r.plan.Foreign = append(r.plan.Foreign, strangers...)
	slices.Sort(r.plan.Foreign)
	if len(r.plan.Drift) > 0 && !r.opts.Force {
		return &DriftError{Target: r.t.String(), Drift: r.plan.Drift}
	}

	// What to upload and delete.
	var conflicts []string
	for _, e := range new.Entries() {
		h, present := r.hashes[e.Name]
		switch {
		case present && h == e.Sum:
			r.plan.Same++
			continue
		case present && !ours(e.Name):
			conflicts = append(conflicts, e.Name)
			r.plan.Changed++
		case present:
			r.plan.Changed++
		default:
			r.plan.Added++
		}
		if !r.site.Has(e.Name) {
			return fmt.Errorf("%s is needed on %s but is not in the package: the package was made for another version of the site", e.Name, r.t)
		}
		r.plan.Upload = append(r.plan.Upload, e)
		r.plan.Bytes += e.Size
	}
	if len(conflicts) > 0 && !r.opts.Force {
		return fmt.Errorf("%s has files the portal did not publish where the site now has its own (%s); nothing was published. "+
			"Move them away, or publish -force to replace them", r.t, list(conflicts, 5))
	}
	manifest.Order(r.plan.Upload)
	var deletes []manifest.Entry
	for name := range r.files {
		if _, inNew := new.Lookup(name); !inNew && ours(name) {
			deletes = append(deletes, manifest.Entry{Name: name})
		}
	}
	manifest.Order(deletes)
	for i := len(deletes) - 1; i >= 0; i-- {
		r.plan.Delete = append(r.plan.Delete, deletes[i].Name)
	}
	if len(r.plan.Upload) == 0 && len(r.plan.Delete) == 0 && r.sameManifest() && r.pending == nil && len(r.plan.Drift) == 0 {
		r.plan.UpToDate = true
		return nil
	}
	if !r.sameManifest() {
		r.plan.Bytes += int64(len(new.Format()))
	}
	return nil
}

// sameManifest reports whether the target's manifest is already the new one.
func (r *run) sameManifest() bool {
	return r.plan.Old != nil && r.plan.Old.Sum() == r.plan.New.Sum()
}

func checkBase(t Target, old, base *manifest.Manifest) error {
	switch {
	case base.Len() == 0 && old == nil:
		return nil
	case base.Len() == 0:
		return fmt.Errorf("the package holds a whole site but %s already has one (its %s): apply the change package made since that version, or -force", t, manifest.Name)
	case old == nil:
		return fmt.Errorf("the package holds the changes since a version of the site that %s does not have (it has no %s): apply the packages before it first", t, manifest.Name)
	case old.Sum() != base.Sum():
		return fmt.Errorf("the package holds the changes since another version of the site than the one on %s (its %s is %.12s…, the package's base is %.12s…): apply the packages made before it first, or make a new one with -since that manifest",
			t, manifest.Name, old.Sum(), base.Sum())
	}
	return nil
}

func (m *pending) deleted(name string) bool { return m != nil && m.deletes[name] }

// lookup is Lookup on a manifest that may be nil.
func lookup(m *manifest.Manifest, name string) (manifest.Entry, bool) {
	if m == nil {
		return manifest.Entry{}, false
	}
	return m.Lookup(name)
}

// hashFiles finds the hash of each file of the target that publishing must
// know: those of the old and new manifests and of unfinished runs. A file
// whose size and time are as the last publish left them has the old
// manifest's hash when the target can be trusted on that; every other file
// is read.
func (r *run) hashFiles(ctx context.Context) error {
	old := r.plan.Old
	trusted := r.t.TrustStat() && r.state != nil && old != nil && r.state.manifest == old.Sum()
	r.hashes = map[string]manifest.Sum{}
	var read []string
	for name, f := range r.files {
		inOld, isOld := lookup(old, name)
		_, isNew := r.plan.New.Lookup(name)
		if !isOld && !isNew && (r.pending == nil || r.pending.puts[name] == nil) {
			continue // foreign; its bytes do not matter
		}
		if s, ok := r.state.file(name); trusted && isOld && ok && !s.foreign && s.size == f.Size && s.mtime == f.ModTime && s.mtime < r.stateTime {
			r.hashes[name] = inOld.Sum
			continue
		}
		read = append(read, name)
	}
	slices.Sort(read)
	var bytes int64
	for _, name := range read {
		bytes += r.files[name].Size
	}
	r.setTotal(Checking, len(read), bytes)
	var mu sync.Mutex
	return r.each(ctx, read, func(name string) error {
		sum, n, err := hashOf(r.t, name)
		if err != nil {
			return describe(r.t, "reading "+name+" on", err)
		}
		mu.Lock()
		r.hashes[name] = sum
		mu.Unlock()
		r.report(Checking, 1, n)
		return nil
	})
}

func (s *state) file(name string) (stateFile, bool) {
	if s == nil {
		return stateFile{}, false
	}
	f, ok := s.files[name]
	return f, ok
}

func hashOf(t Target, name string) (manifest.Sum, int64, error) {
	var sum manifest.Sum
	f, err := t.Open(name)
	if err != nil {
		return sum, 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	h.Sum(sum[:0])
	return sum, n, err
}

// each runs fn on every name, Jobs at a time, until the first error.
func (r *run) each(ctx context.Context, names []string, fn func(string) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.Jobs)
	for _, name := range names {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			return fn(name)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// publish carries out the plan.
func (r *run) publish(ctx context.Context) error {
	plan := r.plan
	need := plan.Bytes
	if free, ok := r.t.Free(); ok && free < need {
		return fmt.Errorf("%s has %s free but the files to upload take %s: nothing was published; make room on the server first",
			r.t, Size(free), Size(need))
	}
	p := r.pending
	if p == nil {
		p = newPending()
	}
	for _, e := range plan.Upload {
		p.put(e.Name, e.Sum)
	}
	for _, name := range plan.Delete {
		p.deletes[name] = true
	}
	if err := r.writeOwn(PendingFile, p.format()); err != nil {
		return r.fail(ctx, describe(r.t, "writing to", err), false)
	}
	if err := r.upload(ctx); err != nil {
		return r.fail(ctx, err, !interrupted(ctx, err))
	}
	if err := r.place(ctx); err != nil {
		if ctx.Err() != nil {
			err = errors.New("interrupted while putting files in place")
		}
		return fmt.Errorf("%w. The site on %s is a mix of old and new files, each whole; run publish again to finish", err, r.t)
	}
	if err := r.remove(ctx); err != nil {
		return fmt.Errorf("%w. Run publish again to finish", err)
	}
	if err := r.writeState(); err != nil {
		return describe(r.t, "writing the publish state to", err)
	}
	if !r.sameManifest() {
		if err := r.writeOwn(manifest.Name, plan.New.Format()); err != nil {
			return describe(r.t, "writing the manifest to", err)
		}
	}
	if err := r.t.Remove(PendingFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return describe(r.t, "removing "+PendingFile+" from", err)
	}
	return nil
}

// fail cleans up after a publish that stopped before anything was renamed
// into place: with clean, the temporary files and the pending list go, so
// the target is as it was; without (cut off), they stay for the next run.
func (r *run) fail(ctx context.Context, err error, clean bool) error {
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted while uploading: nothing visible on %s changed; run publish again to continue", r.t)
	}
	if !clean {
		return fmt.Errorf("%w. Nothing visible on %s changed; run publish again to continue", err, r.t)
	}
	for _, e := range r.plan.Upload {
		r.t.Remove(tempName(e.Name, e.Sum))
	}
	if r.pending == nil {
		r.t.Remove(PendingFile)
	}
	return fmt.Errorf("%w. Nothing on %s was changed", err, r.t)
}

// interrupted reports whether err means the publish was cut off (Ctrl-C, a
// lost connection) rather than refused.
func interrupted(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, errConnectionLost)
}

var (
	errConnectionLost = errors.New("the connection was lost")
	errDiskFull       = errors.New("the disk is full")
)

func isDiskFull(err error) bool { return errors.Is(err, errDiskFull) || errors.Is(err, syscall.ENOSPC) }

// writeOwn writes one of publishing's own files under a temporary name and
// renames it into place.
func (r *run) writeOwn(name string, data []byte) error {
	tmp := tempName(name, manifest.Of(data))
	w, err := r.t.Create(tmp)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = r.t.Rename(tmp, name)
	}
	if err != nil {
		r.t.Remove(tmp)
		return err
	}
	r.plan.Sent++
	r.plan.SentBytes += int64(len(data))
	return nil
}

// upload sends every file of the plan under its temporary name, keeping
// complete uploads of an earlier run and removing its other leftovers.
func (r *run) upload(ctx context.Context) error {
	wanted := map[string]manifest.Entry{}
	for _, e := range r.plan.Upload {
		wanted[tempName(e.Name, e.Sum)] = e
	}
	var keep []string
	for name, f := range r.temps {
		if e, ok := wanted[name]; ok && f.Size == e.Size {
			keep = append(keep, name)
		} else if err := r.t.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return describe(r.t, "removing the leftover "+name+" from", err)
		}
	}
	slices.Sort(keep)
	r.placed = map[string]FileInfo{}
	var mu sync.Mutex
	done := map[string]bool{}
	err := r.each(ctx, keep, func(tmp string) error {
		e := wanted[tmp]
		sum, _, err := hashOf(r.t, tmp)
		if err != nil {
			return describe(r.t, "reading "+tmp+" on", err)
		}
		if sum != e.Sum {
			return r.t.Remove(tmp)
		}
		mu.Lock()
		done[e.Name], r.placed[e.Name] = true, r.temps[tmp]
		r.plan.Staged++
		mu.Unlock()
		return nil
	})
	if err != nil {
		return err
	}
	var todo []string
	var bytes int64
	for _, e := range r.plan.Upload {
		if !done[e.Name] {
			todo = append(todo, e.Name)
			bytes += e.Size
		}
	}
	r.setTotal(Uploading, len(todo), bytes)
	return r.each(ctx, todo, func(name string) error {
		e, _ := r.plan.New.Lookup(name)
		tmp := tempName(name, e.Sum)
		info, err := r.send(tmp, e)
		if err != nil {
			r.t.Remove(tmp)
			return describe(r.t, "uploading "+name+" to", err)
		}
		mu.Lock()
		r.placed[name] = info
		r.plan.Sent++
		r.plan.SentBytes += e.Size
		mu.Unlock()
		r.report(Uploading, 1, e.Size)
		return nil
	})
}

// send uploads the file e to tmp and returns it as the target has it.
func (r *run) send(tmp string, e manifest.Entry) (FileInfo, error) {
	src, err := openChecked(r.site, e, "the build")
	if err != nil {
		return FileInfo{}, err
	}
	defer src.Close()
	w, err := r.t.Create(tmp)
	if err != nil {
		return FileInfo{}, err
	}
	_, err = io.Copy(w, src)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return FileInfo{}, err
	}
	info, err := r.t.Stat(tmp)
	info.Name = e.Name
	return info, err
}

// place renames the uploads into place, rank by rank.
func (r *run) place(ctx context.Context) error {
	up := r.plan.Upload
	r.setTotal(Placing, len(up), 0)
	for len(up) > 0 {
		rank := manifest.RankOf(up[0].Name)
		n := 1
		for n < len(up) && manifest.RankOf(up[n].Name) == rank {
			n++
		}
		names := make([]string, n)
		for i, e := range up[:n] {
			names[i] = e.Name
		}
		err := r.each(ctx, names, func(name string) error {
			e, _ := r.plan.New.Lookup(name)
			if err := r.t.Rename(tempName(name, e.Sum), name); err != nil {
				return describe(r.t, "putting "+name+" in place on", err)
			}
			r.report(Placing, 1, 0)
			return nil
		})
		if err != nil {
			return err
		}
		up = up[n:]
	}
	return nil
}

// remove deletes the files no longer part of the site, then the folders
// that leaves empty.
func (r *run) remove(ctx context.Context) error {
	r.setTotal(Deleting, len(r.plan.Delete), 0)
	dirs := map[string]bool{}
	for _, name := range r.plan.Delete {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.t.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return describe(r.t, "deleting "+name+" from", err)
		}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
		r.report(Deleting, 1, 0)
	}
	// Deepest first; a folder that still holds anything stays.
	order := sortedKeys(dirs)
	slices.SortFunc(order, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range order {
		r.t.RemoveDir(d)
	}
	return nil
}

// writeState writes the state. On a target whose times are trusted it
// must be newer than every file it records (see stateTime); a target that
// counts time in whole seconds may need it written again a second later.
func (r *run) writeState() error {
	data := r.newState().format()
	if err := r.writeOwn(StateFile, data); err != nil || !r.t.TrustStat() {
		return err
	}
	var newest int64
	for _, f := range r.placed {
		newest = max(newest, f.ModTime)
	}
	for range 3 {
		st, err := r.t.Stat(StateFile)
		if err != nil || st.ModTime > newest {
			return err
		}
		time.Sleep(time.Second)
		if err := r.writeOwn(StateFile, data); err != nil {
			return err
		}
	}
	return nil
}

// newState records the target's files as this publish leaves them.
func (r *run) newState() *state {
	s := &state{manifest: r.plan.New.Sum(), files: map[string]stateFile{}}
	for _, e := range r.plan.New.Entries() {
		f, ok := r.placed[e.Name]
		if !ok {
			f = r.files[e.Name]
		}
		s.files[e.Name] = stateFile{size: f.Size, mtime: f.ModTime}
	}
	for _, name := range r.plan.Foreign {
		if _, inNew := s.files[name]; !inNew {
			f := r.files[name]
			s.files[name] = stateFile{size: f.Size, mtime: f.ModTime, foreign: true}
		}
	}
	return s
}

// describe turns an error of the target into one sentence.
func describe(t Target, doing string, err error) error {
	var sentence string
	switch {
	case errors.Is(err, context.Canceled):
		return errors.New("interrupted")
	case errors.Is(err, errConnectionLost):
		return fmt.Errorf("%s %s: %w", doing, t, errConnectionLost)
	case errors.Is(err, fs.ErrPermission):
		sentence = "permission denied: the account may not write there; ask the server's administrator to let it"
	case isDiskFull(err):
		sentence = "the disk is full; make room there and publish again"
	default:
		return fmt.Errorf("%s %s: %w", doing, t, err)
	}
	return &targetError{msg: fmt.Sprintf("%s %s: %s", doing, t, sentence), err: err}
}

type targetError struct {
	msg string
	err error
}

func (e *targetError) Error() string { return e.msg }
func (e *targetError) Unwrap() error { return e.err }

// Size prints a number of bytes for people: 1.2 MB.
func Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
