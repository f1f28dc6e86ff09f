package publish

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/manifest"
)

const testSite = "../build/testdata/site"

// site is a copy of the test site that a test may edit, and its build.
type site struct {
	t    *testing.T
	root string
	dest string
}

func newSite(t *testing.T) *site {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(root, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	return &site{t: t, root: root, dest: filepath.Join(root, "public")}
}

// build builds the site as it is now and returns what to publish.
func (s *site) build() *BuildSite {
	s.t.Helper()
	if _, err := build.Build(context.Background(), build.Options{Source: s.root, Dest: s.dest}); err != nil {
		s.t.Fatal(err)
	}
	b, err := OpenBuild(s.dest)
	if err != nil {
		s.t.Fatal(err)
	}
	return b
}

// edit replaces old by new in the site file name.
func (s *site) edit(name, old, new string) {
	s.t.Helper()
	p := filepath.Join(s.root, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		s.t.Fatalf("%s: cannot replace %q (%v)", name, old, err)
	}
	os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
}

func openFolder(t *testing.T, dir string) Target {
	t.Helper()
	tg, err := OpenFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func mustPublish(t *testing.T, tg Target, s Site, opts Options) *Plan {
	t.Helper()
	plan, err := Run(context.Background(), tg, s, opts)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return plan
}

// tree returns every file under dir with its bytes and modification time.
type fileState struct {
	data  string
	mtime time.Time
}

func tree(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	files := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		fi, _ := d.Info()
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = fileState{string(data), fi.ModTime()}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// samePublished fails unless dir holds exactly the files of the build b
// (and publishing's own files and foreign, when given).
func samePublished(t *testing.T, dir string, b *BuildSite, foreign ...string) {
	t.Helper()
	got := tree(t, dir)
	built := tree(t, b.dir)
	delete(built, ".portal-build")
	for name, f := range built {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is not on the target", name)
		} else if g.data != f.data {
			t.Errorf("%s on the target is not the built file", name)
		}
	}
	for name := range got {
		if _, ok := built[name]; !ok && name != StateFile && !slices.Contains(foreign, name) {
			t.Errorf("%s is on the target but not in the build", name)
		}
	}
}

func sha256sumCheck(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("sha256sum"); err != nil {
		return
	}
	cmd := exec.Command("sha256sum", "-c", "--quiet", "--strict", manifest.Name)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c on the target: %v\n%s", err, out)
	}
}

func TestFirstPublishAndNothingChanged(t *testing.T) {
	s := newSite(t)
	b := s.build()
	www := t.TempDir()
	tg := openFolder(t, www)
	plan := mustPublish(t, tg, b, Options{})
	if plan.Added != b.Manifest().Len() || plan.Changed != 0 || len(plan.Delete) != 0 || plan.Old != nil {
		t.Errorf("first publish: %+v", plan)
	}
	samePublished(t, www, b)
	sha256sumCheck(t, www)

	before := tree(t, www)
	time.Sleep(10 * time.Millisecond)
	plan = mustPublish(t, tg, s.build(), Options{})
	if !plan.UpToDate || plan.Sent != 0 {
		t.Errorf("publishing the same site again: %+v", plan)
	}
	after := tree(t, www)
	for name, f := range before {
		if after[name] != f {
			t.Errorf("%s was touched by a publish with nothing to do", name)
		}
	}
}

// TestOnlyWhatChangedMoves edits a title and removes a suggestion: exactly
// the files whose bytes changed are sent, the removed pages are deleted
// with their folders, and every other file keeps its bytes and time.
func TestOnlyWhatChangedMoves(t *testing.T) {
	s := newSite(t)
	first := s.build()
	www := t.TempDir()
	tg := openFolder(t, www)
	mustPublish(t, tg, first, Options{})
	before := tree(t, www)

	s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
	os.Remove(filepath.Join(s.root, "content/suggestions/2020/001.md"))
	second := s.build()
	want := manifest.Diff(first.Manifest(), second.Manifest())
	time.Sleep(10 * time.Millisecond)
	plan := mustPublish(t, tg, second, Options{})
	if plan.Added != len(want.Added) || plan.Changed != len(want.Changed) || len(plan.Delete) != len(want.Removed) {
		t.Errorf("plan %d added %d changed %d deleted; the manifests differ by %d, %d, %d",
			plan.Added, plan.Changed, len(plan.Delete), len(want.Added), len(want.Changed), len(want.Removed))
	}
	if len(want.Removed) == 0 || len(want.Changed) == 0 {
		t.Fatal("the edit changed nothing")
	}
	samePublished(t, www, second)
	sha256sumCheck(t, www)
	after := tree(t, www)
	for _, e := range second.Manifest().Entries() {
		if slices.ContainsFunc(append(want.Changed, want.Added...), func(c manifest.Entry) bool { return c.Name == e.Name }) {
			continue
		}
		if before[e.Name].mtime != after[e.Name].mtime {
			t.Errorf("%s did not change but was written again", e.Name)
		}
	}
	if _, err := os.Stat(filepath.Join(www, "suggestions", "2020-002")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the removed suggestion's folder is still there: %v", err)
	}
	if plan.Sent != len(want.Added)+len(want.Changed)+3 { // the files, the pending list, the state and the manifest
		t.Errorf("sent %d files", plan.Sent)
	}
}

// recorder is a folder target that notes the order in which files become
// visible and disappear.
type recorder struct {
	Target
	mu  sync.Mutex
	log []string
}

func (r *recorder) Rename(from, to string) error {
	r.mu.Lock()
	r.log = append(r.log, "put "+to)
	r.mu.Unlock()
	return r.Target.Rename(from, to)
}

func (r *recorder) Remove(name string) error {
	if !isTemp(name) && name != PendingFile {
		r.mu.Lock()
		r.log = append(r.log, "delete "+name)
		r.mu.Unlock()
	}
	return r.Target.Remove(name)
}

func TestPublishingOrder(t *testing.T) {
	s := newSite(t)
	www := t.TempDir()
	mustPublish(t, openFolder(t, www), s.build(), Options{})
	s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
	os.Remove(filepath.Join(s.root, "content/suggestions/2020/001.md"))
	os.WriteFile(filepath.Join(s.root, "static/css/print.css"), []byte("@media print{}"), 0o644)
	rec := &recorder{Target: openFolder(t, www)}
	mustPublish(t, rec, s.build(), Options{})

	// Each step's rank is not below the one before; deletions come after
	// every file is in place; the manifest is last.
	last := manifest.Assets
	deleting := false
	for i, step := range rec.log {
		verb, name, _ := strings.Cut(step, " ")
		switch {
		case name == manifest.Name:
			if i != len(rec.log)-1 {
				t.Errorf("the manifest is written before %s", rec.log[i+1])
			}
		case name == StateFile:
		case verb == "delete":
			deleting = true
		case deleting:
			t.Errorf("%s is put in place after a deletion", name)
		case manifest.RankOf(name) < last:
			t.Errorf("%s (rank %d) is put in place after a file of rank %d", name, manifest.RankOf(name), last)
		default:
			last = manifest.RankOf(name)
		}
	}
	for _, want := range []string{"put css/print.css", "put suggestions/2019-002/index.html", "put index.html", "delete suggestions/2020-001/index.html"} {
		if !slices.Contains(rec.log, want) {
			t.Errorf("no %q in %v", want, rec.log)
		}
	}
	if last != manifest.Home {
		t.Errorf("the home page was not put in place last: rank %d", last)
	}
}

func TestDriftIsReportedAndForceRestores(t *testing.T) {
	s := newSite(t)
	b := s.build()
	www := t.TempDir()
	tg := openFolder(t, www)
	mustPublish(t, tg, b, Options{})

	page := filepath.Join(www, "suggestions", "2019-001", "index.html")
	os.WriteFile(page, []byte("<p>defaced</p>"), 0o644)
	os.WriteFile(filepath.Join(www, "suggestions", "extra.html"), []byte("<p>planted</p>"), 0o644)
	os.Remove(filepath.Join(www, "css", "site.css"))
	before := tree(t, www)

	plan, err := Run(context.Background(), tg, b, Options{})
	var drift *DriftError
	if !errors.As(err, &drift) {
		t.Fatalf("publish over a changed target: %v", err)
	}
	for _, want := range []string{"1 changed (suggestions/2019-001/index.html)", "1 added (suggestions/extra.html)", "1 removed (css/site.css)", "Nothing was published", "-force"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q: %v", want, err)
		}
	}
	if len(plan.Drift) != 3 {
		t.Errorf("drift: %v", plan.Drift)
	}
	if after := tree(t, www); len(after) != len(before) {
		t.Errorf("a refused publish changed the target")
	}

	// A dry run says the same and writes nothing.
	plan, err = Run(context.Background(), tg, b, Options{DryRun: true})
	if !errors.As(err, &drift) || len(plan.Drift) != 3 {
		t.Errorf("dry run over drift: %v", err)
	}

	plan = mustPublish(t, tg, b, Options{Force: true})
	samePublished(t, www, b, "suggestions/extra.html")
	if len(plan.Upload) != 2 {
		t.Errorf("-force uploaded %d files, want the changed and the removed one", len(plan.Upload))
	}
	// The planted file is kept, and known from now on.
	plan = mustPublish(t, tg, b, Options{})
	if !plan.UpToDate || !slices.Contains(plan.Foreign, "suggestions/extra.html") {
		t.Errorf("after -force: %+v", plan)
	}
}

// TestReplacedManifest: a page changed on the target together with a
// manifest rewritten to match it is still found.
func TestReplacedManifest(t *testing.T) {
	s := newSite(t)
	b := s.build()
	www := t.TempDir()
	tg := openFolder(t, www)
	mustPublish(t, tg, b, Options{})
	page := "suggestions/2019-001/index.html"
	os.WriteFile(filepath.Join(www, page), []byte("<p>defaced</p>"), 0o644)
	var entries []manifest.Entry
	for _, e := range b.Manifest().Entries() {
		if e.Name == page {
			e = manifest.Entry{Name: page, Size: 14, Sum: manifest.Of([]byte("<p>defaced</p>"))}
		}
		entries = append(entries, e)
	}
	forged, _ := manifest.New(entries)
	os.WriteFile(filepath.Join(www, manifest.Name), forged.Format(), 0o644)
	_, err := Run(context.Background(), tg, b, Options{})
	if err == nil || !strings.Contains(err.Error(), "1 changed (manifest.sha256)") {
		t.Fatalf("a forged manifest: %v", err)
	}
	mustPublish(t, tg, b, Options{Force: true})
	samePublished(t, www, b)
}

func TestForeignFilesAreKept(t *testing.T) {
	s := newSite(t)
	www := t.TempDir()
	os.WriteFile(filepath.Join(www, "index.html"), []byte("<p>the district's old column</p>"), 0o644)
	os.WriteFile(filepath.Join(www, "robots.txt"), []byte("User-agent: *\n"), 0o644)
	tg := openFolder(t, www)
	b := s.build()
	_, err := Run(context.Background(), tg, b, Options{})
	if err == nil || !strings.Contains(err.Error(), "holds 2 files (index.html, robots.txt) but no manifest.sha256") {
		t.Fatalf("publishing into another site's folder: %v", err)
	}
	mustPublish(t, tg, b, Options{Force: true})
	samePublished(t, www, b, "robots.txt")

	// Later publishes delete the portal's own files, never robots.txt.
	os.Remove(filepath.Join(s.root, "content/suggestions/2020/001.md"))
	plan := mustPublish(t, tg, s.build(), Options{})
	if slices.Contains(plan.Delete, "robots.txt") || len(plan.Delete) == 0 {
		t.Errorf("deletes %v", plan.Delete)
	}
	if _, err := os.Stat(filepath.Join(www, "robots.txt")); err != nil {
		t.Errorf("robots.txt: %v", err)
	}

	// A static file the site now has where the foreign file is: refused.
	os.WriteFile(filepath.Join(s.root, "static/robots.txt"), []byte("User-agent: portal\n"), 0o644)
	_, err = Run(context.Background(), tg, s.build(), Options{})
	if err == nil || !strings.Contains(err.Error(), "files the portal did not publish where the site now has its own (robots.txt)") {
		t.Errorf("overwriting a foreign file: %v", err)
	}
}

// TestSiteCopiedByHand: a folder holding this very site without a
// manifest (uploaded by hand) is published into without -force, and no
// file is sent again.
func TestSiteCopiedByHand(t *testing.T) {
	s := newSite(t)
	b := s.build()
	www := filepath.Join(t.TempDir(), "www")
	os.CopyFS(www, os.DirFS(s.dest))
	os.Remove(filepath.Join(www, manifest.Name))
	os.Remove(filepath.Join(www, ".portal-build"))
	plan := mustPublish(t, openFolder(t, www), b, Options{})
	if len(plan.Upload) != 0 || plan.Sent != 3 {
		t.Errorf("publishing over a hand copy: %d uploads, %d sent", len(plan.Upload), plan.Sent)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	s := newSite(t)
	www := t.TempDir()
	tg := openFolder(t, www)
	plan := mustPublish(t, tg, s.build(), Options{DryRun: true})
	if plan.Added == 0 || plan.Bytes == 0 {
		t.Errorf("dry run plan: %+v", plan)
	}
	if entries, _ := os.ReadDir(www); len(entries) != 0 {
		t.Errorf("a dry run wrote %d files", len(entries))
	}
}

// TestInterruptedPublish cuts a publish off while it uploads, and again
// while it puts files in place; each time the target holds whole files
// only, and the next run finishes the job sending only what is missing.
func TestInterruptedPublish(t *testing.T) {
	for _, phase := range []Phase{Uploading, Placing} {
		t.Run(string(phase), func(t *testing.T) {
			s := newSite(t)
			www := t.TempDir()
			tg := openFolder(t, www)
			mustPublish(t, tg, s.build(), Options{})
			s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
			old := tree(t, www)
			b := s.build()

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cut := func(p Progress) {
				if p.Phase == phase && p.Files == 3 {
					cancel()
				}
			}
			plan, err := Run(ctx, tg, b, Options{Progress: cut, Jobs: 1})
			if err == nil {
				t.Fatal("the publish was not cut off")
			}
			total := len(plan.Upload)
			// Whole files only: each page is its old or its new version.
			for name, f := range tree(t, www) {
				if isTemp(name) || name == PendingFile {
					continue
				}
				e, inNew := b.Manifest().Lookup(name)
				if f.data != old[name].data && (!inNew || manifest.Of([]byte(f.data)) != e.Sum) {
					t.Errorf("%s is neither its old nor its new version", name)
				}
			}
			plan = mustPublish(t, tg, b, Options{})
			if !plan.Resumed {
				t.Error("the second run did not see the first one's work")
			}
			if phase == Uploading && (plan.Staged < 3 || plan.Sent >= total+2) {
				t.Errorf("the second run sent %d files of %d (%d kept)", plan.Sent, total, plan.Staged)
			}
			if phase == Placing && len(plan.Upload) > total-3 {
				t.Errorf("the second run uploaded %d files of %d", len(plan.Upload), total)
			}
			samePublished(t, www, b)
		})
	}
}

func TestBadFolders(t *testing.T) {
	_, err := OpenFolder(filepath.Join(t.TempDir(), "nope"))
	if err == nil || !strings.Contains(err.Error(), "does not exist; if it is the right place, create it first") {
		t.Errorf("a missing folder: %v", err)
	}
}
