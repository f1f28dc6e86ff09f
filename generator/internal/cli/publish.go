package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/publish"
	"rdjy.local/portal/generator/internal/source"
)

// publishFlags are the flags of publish and verify beyond the site's.
type publishFlags struct {
	to, from, since  string
	force, dryRun    bool
	key, knownHosts  string
	settings         config.Publish // site.toml's [publish]
	settingsReadFrom string         // the site root it was read from; "" when not read
}

// sshFlags adds the flags that say how to log in to an SFTP server.
func sshFlags(fs *flag.FlagSet, p *publishFlags) {
	fs.StringVar(&p.key, "key", "", "log in to an sftp:// server with this private key `file` (default: site.toml's key, else ssh-agent and ~/.ssh/id_*)")
	fs.StringVar(&p.knownHosts, "known-hosts", "", "check the server's host key against this `file` (default: site.toml's known_hosts, else ~/.ssh/known_hosts)")
}

func runPublish(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	var p publishFlags
	fs := newFlags("publish", "Build the site as build does, then put it on the target, moving only the files that\n"+
		"changed since the last publish there. Refuses when the site has any problem, or when files\n"+
		"on the target changed since the last publish (-force puts the published versions back).\n"+
		"Targets: a folder (or file:///path), sftp://user@host[:port]/path, or package:FILE.zip\n"+
		"(or .tar.gz) for a change package. Without -to, site.toml's [publish] to is used.", stderr)
	siteFlags(fs, &opts, true)
	fs.StringVar(&p.to, "to", "", "publish to this `target` (default: to under [publish] in site.toml)")
	fs.StringVar(&p.from, "from", "", "publish this change `package` (.zip or .tar.gz) instead of building the site")
	fs.StringVar(&p.since, "since", "", "with -to package:…, hold the changes since this `manifest` file (default: since the last package written to that file)")
	fs.BoolVar(&p.force, "force", false, "publish although files on the target changed since the last publish, putting the published versions back")
	fs.BoolVar(&p.dryRun, "dry-run", false, "print what would be sent and deleted, and whether the target changed; write nothing to the target")
	sshFlags(fs, &p)
	if status, ok := parse(fs, args); !ok {
		return status
	}
	defaultDest(&opts)
	if p.since != "" && !strings.HasPrefix(p.target(), "package:") {
		fmt.Fprintln(stderr, "error: -since is for change packages (-to package:FILE.zip)")
		return UsageError
	}
	if err := p.readSettings(opts, p.from == ""); err != nil {
		return report(stderr, err, true)
	}
	spec, err := p.spec()
	if err != nil {
		return report(stderr, err, true)
	}
	if spec.Kind == publish.Package {
		if p.from != "" {
			fmt.Fprintln(stderr, "error: -from applies a package to a folder or a server; -to must name one of those, not another package")
			return UsageError
		}
		if err := publish.CheckFolder(filepath.Dir(spec.Path), opts.Source, opts.Dest); err != nil && !strings.Contains(err.Error(), "holds the site itself") {
			return report(stderr, fmt.Errorf("the package %s would be inside the site's own folders: %w", spec.Path, err), true)
		}
		return writePackage(ctx, opts, p, spec, stdout, stderr)
	}

	target, err := p.open(ctx, spec, &opts)
	if err != nil {
		return report(stderr, err, true)
	}
	defer target.Close()
	site, base, done, err := p.site(ctx, opts, stdout)
	if err != nil {
		return report(stderr, err, true)
	}
	defer done()

	start := time.Now()
	progress := newProgress(stderr)
	plan, err := publish.Run(ctx, target, site, publish.Options{Force: p.force, DryRun: p.dryRun, Base: base, Progress: progress.show})
	progress.end()
	if p.dryRun {
		printPlan(stdout, plan)
	}
	if err != nil {
		var drift *publish.DriftError
		if errors.As(err, &drift) && !p.dryRun {
			for _, d := range drift.Drift {
				fmt.Fprintf(stderr, "%-8s %s\n", d.What, d.Name)
			}
		}
		if errors.As(err, &drift) && p.dryRun {
			return ContentError // printPlan said it
		}
		return report(stderr, err, true)
	}
	if p.dryRun {
		return OK
	}
	printDone(stdout, plan, time.Since(start))
	p.log(stdout, stderr, opts, publish.LogEntry{
		Time: time.Now(), Target: plan.Target, Files: plan.New.Len(),
		Added: plan.Added, Changed: plan.Changed, Deleted: len(plan.Delete), Sent: plan.SentBytes, Manifest: plan.New.Sum(),
	})
	return OK
}

func (p *publishFlags) target() string {
	if p.to != "" {
		return p.to
	}
	return p.settings.To
}

// readSettings reads [publish] from site.toml. With need unset (a
// package is applied), a site root without site.toml is fine.
func (p *publishFlags) readSettings(opts build.Options, need bool) error {
	cfg, errs := config.Load(os.DirFS(opts.Source))
	if len(errs) > 0 {
		if _, err := os.Stat(filepath.Join(opts.Source, source.Config)); !need && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return errs
	}
	p.settings, p.settingsReadFrom = cfg.Publish, opts.Source
	return nil
}

// spec parses the target; an error in site.toml's to is reported there.
func (p *publishFlags) spec() (publish.Spec, error) {
	spec, err := publish.ParseTarget(p.target())
	if err != nil && p.to == "" && p.settings.To != "" {
		var errs diag.List
		errs.Add(p.settings.ToPos, "publish.to", err.Error(), "")
		return spec, errs
	}
	return spec, err
}

// setting resolves a path from site.toml: ~/ is the home folder, and a
// relative path starts at the site root.
func (p *publishFlags) setting(v string) string {
	if v == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(v, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	if !filepath.IsAbs(v) && p.settingsReadFrom != "" {
		return filepath.Join(p.settingsReadFrom, v)
	}
	return v
}

// open opens a folder or logs in to a server. A folder to publish to must
// not be the site's own (opts, when set).
func (p *publishFlags) open(ctx context.Context, spec publish.Spec, opts *build.Options) (publish.Target, error) {
	if spec.Kind == publish.Folder {
		if opts != nil {
			if err := publish.CheckFolder(spec.Path, opts.Source, opts.Dest); err != nil {
				return nil, err
			}
		}
		return publish.OpenFolder(spec.Path)
	}
	ssh := publish.SSHOptions{KeyFile: p.key, KnownHosts: p.knownHosts}
	if ssh.KeyFile == "" {
		ssh.KeyFile = p.setting(p.settings.Key)
	}
	if ssh.KnownHosts == "" {
		ssh.KnownHosts = p.setting(p.settings.KnownHosts)
	}
	return publish.DialSFTP(ctx, spec, ssh)
}

// site builds the site, or opens the package of -from. base is the
// package's base manifest.
func (p *publishFlags) site(ctx context.Context, opts build.Options, stdout io.Writer) (site publish.Site, base *manifest.Manifest, done func(), err error) {
	if p.from != "" {
		pkg, err := publish.OpenPackage(p.from)
		if err != nil {
			return nil, nil, nil, err
		}
		fmt.Fprintf(stdout, "package %s checked: %d files of %d, %d to delete\n", p.from, countHeld(pkg), pkg.Manifest().Len(), len(pkg.Deletes()))
		return pkg, pkg.Base(), func() { pkg.Close() }, nil
	}
	res, err := build.Build(ctx, opts)
	if err != nil {
		return nil, nil, nil, err
	}
	fmt.Fprintf(stdout, "built %d suggestions (%d drafts left out) into %s: %d files in %s\n",
		res.Suggestions, res.Drafts, opts.Dest, res.Files, res.Elapsed.Round(1e6))
	b, err := publish.OpenBuild(opts.Dest)
	return b, nil, func() {}, err
}

func countHeld(pkg *publish.PackageSite) int {
	n := 0
	for _, e := range pkg.Manifest().Entries() {
		if pkg.Has(e.Name) {
			n++
		}
	}
	return n
}

// log appends to the publish log in the site root.
func (p *publishFlags) log(stdout, stderr io.Writer, opts build.Options, e publish.LogEntry) {
	e.Commit = publish.GitCommit(opts.Source)
	file := filepath.Join(opts.Source, source.PublishLog)
	if err := publish.AppendLog(file, e); err != nil {
		fmt.Fprintf(stderr, "warning: the publish succeeded but %s could not be written: %v\n", file, err)
		return
	}
	fmt.Fprintf(stdout, "recorded in %s\n", file)
}

func printPlan(w io.Writer, plan *publish.Plan) {
	if plan == nil || plan.New == nil {
		return
	}
	fmt.Fprintf(w, "dry run: nothing is written to %s\n", plan.Target)
	for _, d := range plan.Drift {
		fmt.Fprintf(w, "drift   %-8s %s\n", d.What, d.Name)
	}
	for _, e := range plan.Upload {
		verb := "add"
		if _, ok := lookup(plan.Old, e.Name); ok {
			verb = "change"
		}
		fmt.Fprintf(w, "%-7s %s\n", verb, e.Name)
	}
	for _, name := range plan.Delete {
		fmt.Fprintf(w, "delete  %s\n", name)
	}
	switch {
	case len(plan.Drift) > 0:
		fmt.Fprintf(w, "the target changed since the last publish: %d files (above); publish stops there unless -force\n", len(plan.Drift))
	case plan.Old == nil:
		fmt.Fprintln(w, "nothing was published there before")
	default:
		fmt.Fprintln(w, "the target is as the last publish left it")
	}
	if plan.Resumed {
		fmt.Fprintln(w, "an earlier publish there was cut off; this one would finish it")
	}
	fmt.Fprintf(w, "would add %d files and change %d (%s to send with the manifest; the whole site is %s), delete %d; %d files are already there as built\n",
		plan.Added, plan.Changed, publish.Size(plan.Bytes), publish.Size(plan.New.Bytes()), len(plan.Delete), plan.Same)
}

func lookup(m *manifest.Manifest, name string) (manifest.Entry, bool) {
	if m == nil {
		return manifest.Entry{}, false
	}
	return m.Lookup(name)
}

func printDone(w io.Writer, plan *publish.Plan, elapsed time.Duration) {
	if plan.UpToDate {
		fmt.Fprintf(w, "%s is up to date: all %d files are there as built; nothing was sent\n", plan.Target, plan.New.Len())
		return
	}
	whole := ""
	if plan.Old != nil {
		whole = fmt.Sprintf(", %s of the whole site's %s", share(plan.SentBytes, plan.New.Bytes()), publish.Size(plan.New.Bytes()))
	}
	fmt.Fprintf(w, "published to %s: %d added, %d changed, %d deleted; %d files and %s sent (with the manifest and the publish state%s) in %s\n",
		plan.Target, plan.Added, plan.Changed, len(plan.Delete), plan.Sent, publish.Size(plan.SentBytes), whole, elapsed.Round(time.Millisecond))
	if plan.Staged > 0 {
		fmt.Fprintf(w, "%d files uploaded by the publish that was cut off were kept\n", plan.Staged)
	}
	if len(plan.Foreign) > 0 {
		fmt.Fprintf(w, "kept %d files the portal did not publish: %s\n", len(plan.Foreign), strings.Join(first(plan.Foreign, 5), ", "))
	}
}

func first(s []string, n int) []string {
	if len(s) <= n {
		return s
	}
	return append(s[:n:n], fmt.Sprintf("… %d more", len(s)-n))
}

func share(part, whole int64) string {
	if whole == 0 {
		return "0%"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(part)/float64(whole))
}

// writePackage builds the site and writes a change package.
func writePackage(ctx context.Context, opts build.Options, p publishFlags, spec publish.Spec, stdout, stderr io.Writer) int {
	record := filepath.Join(opts.Source, source.Packages, filepath.Base(spec.Path)+".sha256")
	var base *manifest.Manifest
	since := "nothing (a whole site)"
	if file := p.since; file != "" || isFile(record) {
		if file == "" {
			file = record
		}
		data, err := os.ReadFile(file)
		if err == nil {
			base, err = manifest.Parse(file, data)
		}
		if err != nil {
			return report(stderr, fmt.Errorf("-since: %w", err), true)
		}
		since = file
	}
	site, _, _, err := p.site(ctx, opts, stdout)
	if err != nil {
		return report(stderr, err, true)
	}
	res, err := publish.WritePackage(spec.Path, base, site, time.Now(), p.dryRun)
	if err != nil {
		return report(stderr, err, true)
	}
	c := res.Changes
	if p.dryRun {
		fmt.Fprintf(stdout, "dry run: %s is not written\n", spec.Path)
		for _, e := range c.Added {
			fmt.Fprintf(stdout, "add     %s\n", e.Name)
		}
		for _, e := range c.Changed {
			fmt.Fprintf(stdout, "change  %s\n", e.Name)
		}
		for _, e := range c.Removed {
			fmt.Fprintf(stdout, "delete  %s\n", e.Name)
		}
		fmt.Fprintf(stdout, "the package would hold the changes since %s: %d added, %d changed, %d to delete\n", since, len(c.Added), len(c.Changed), len(c.Removed))
		return OK
	}
	fmt.Fprintf(stdout, "wrote %s (%s): the changes since %s: %d added, %d changed, %d to delete.\n"+
		"On the other side: go run ./generator publish -to FOLDER -from %s (or follow README.txt in it)\n",
		spec.Path, publish.Size(res.Bytes), since, len(c.Added), len(c.Changed), len(c.Removed), filepath.Base(spec.Path))
	m := site.Manifest()
	err = os.MkdirAll(filepath.Dir(record), 0o755)
	if err == nil {
		err = os.WriteFile(record, m.Format(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "warning: the next package cannot know this one's version (%v); give it -since %s\n", err, filepath.Join(opts.Dest, manifest.Name))
	} else {
		fmt.Fprintf(stdout, "the next package to %s holds the changes since this one (%s)\n", filepath.Base(spec.Path), record)
	}
	p.log(stdout, stderr, opts, publish.LogEntry{
		Time: time.Now(), Target: spec.String(), Files: m.Len(),
		Added: len(c.Added), Changed: len(c.Changed), Deleted: len(c.Removed), Sent: res.Bytes, Manifest: m.Sum(),
	})
	return OK
}

func isFile(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
