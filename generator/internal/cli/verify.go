package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/publish"
)

func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	var p publishFlags
	const summary = "Check that a target (a folder, or sftp://user@host/path) or the live site over HTTP(S)\n" +
		"holds exactly the published files: every file's SHA-256 against the manifest. Prints the\n" +
		"missing, changed and unexpected files; exits 1 if there is any, 0 if there is none.\n" +
		"The manifest checked against is -manifest, else the last build's (public/manifest.sha256),\n" +
		"else the target's own. Without a target, site.toml's [publish] to is checked."
	fs := newFlags("verify", summary, stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./generator verify [flags] [TARGET | URL]\n\n%s\n\nFlags:\n", summary)
		fs.PrintDefaults()
	}
	fs.StringVar(&opts.Source, "source", ".", "the site's root `folder`, for its [publish] settings and its last build")
	fs.StringVar(&opts.Dest, "dest", "", "the build's output `folder`, whose manifest.sha256 is checked against (default: public in the site root)")
	fs.StringVar(&p.to, "to", "", "check this `target` (a folder, file:///…, sftp://… or an https:// address)")
	manifestFile := fs.String("manifest", "", "check against this manifest `file` (default: manifest.sha256 of the last build, when there is one)")
	jobs := fs.Int("jobs", 4, "check this many `files` at once")
	timeout := fs.Duration("timeout", 30*time.Second, "give up on an HTTP request after this `long`")
	sshFlags(fs, &p)
	// The target may come before flags as well as after them.
	var arg string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return OK
			}
			return UsageError
		}
		if fs.NArg() == 0 {
			break
		}
		if arg != "" {
			fmt.Fprintf(stderr, "unexpected argument %q\n", fs.Arg(0))
			return UsageError
		}
		arg, args = fs.Arg(0), fs.Args()[1:]
	}
	if arg != "" && p.to != "" {
		fmt.Fprintln(stderr, "give the target either with -to or as an argument, not both")
		return UsageError
	}
	if arg != "" {
		p.to = arg
	}
	if *jobs < 1 || *jobs > 32 || *timeout <= 0 {
		fmt.Fprintln(stderr, "-jobs must be from 1 to 32, and -timeout more than 0")
		return UsageError
	}
	defaultDest(&opts)
	if p.to == "" {
		if err := p.readSettings(opts, true); err != nil {
			return report(stderr, err, false)
		}
		if p.settings.To == "" {
			fmt.Fprintln(stderr, "name what to check: verify https://www.example.gov.cn/rddbjy/, verify -to FOLDER, or set to under [publish] in site.toml")
			return UsageError
		}
	} else {
		p.readSettings(opts, false) // for the key and known hosts; optional
	}

	vopts := publish.VerifyOptions{Jobs: *jobs, Timeout: *timeout}
	against := "its own manifest.sha256"
	file := *manifestFile
	if file == "" && isFile(filepath.Join(opts.Dest, manifest.Name)) {
		file = filepath.Join(opts.Dest, manifest.Name)
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err == nil {
			vopts.Expected, err = manifest.Parse(file, data)
		}
		if err != nil {
			return report(stderr, fmt.Errorf("-manifest: %w", err), false)
		}
		against = file
	}
	progress := newProgress(stderr)
	vopts.Progress = func(done, total int) {
		progress.show(publish.Progress{Phase: "checking", Files: done, Of: total})
	}

	var r *publish.Report
	var err error
	if target := p.target(); strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		fmt.Fprintf(stdout, "checking %s against %s\n", target, against)
		r, err = publish.VerifyHTTP(ctx, http.DefaultClient, target, vopts)
	} else {
		spec, serr := p.spec()
		if serr != nil {
			return report(stderr, serr, false)
		}
		if spec.Kind == publish.Package {
			fmt.Fprintln(stderr, "verify checks a folder, a server or a web address, not a package (a package is checked whenever it is applied)")
			return UsageError
		}
		fmt.Fprintf(stdout, "checking %s against %s\n", spec, against)
		var target publish.Target
		if target, err = p.open(ctx, spec, nil); err == nil {
			r, err = publish.Verify(ctx, target, vopts)
			target.Close()
		}
	}
	progress.end()
	if r != nil {
		printReport(stdout, r, against)
	}
	if err != nil {
		return report(stderr, err, false)
	}
	if !r.OK() {
		return ContentError
	}
	return OK
}

func printReport(w io.Writer, r *publish.Report, against string) {
	for _, f := range r.Findings {
		if f.Why != "" {
			fmt.Fprintf(w, "%-10s %s: %s\n", f.What, f.Name, f.Why)
		} else {
			fmt.Fprintf(w, "%-10s %s\n", f.What, f.Name)
		}
	}
	for _, name := range r.Foreign {
		fmt.Fprintf(w, "%-10s %s (not published by the portal; there at the last publish, and kept)\n", "kept", name)
	}
	if r.Against == nil {
		return
	}
	if r.ManifestDiffers() {
		if r.Own == nil {
			fmt.Fprintf(w, "%s on the target is missing or unreadable\n", manifest.Name)
		} else {
			fmt.Fprintf(w, "%s on the target (sha256:%.16s…) is not %s (sha256:%.16s…): either %s was built after the last publish, or another version was published there\n",
				manifest.Name, r.Own.Sum(), against, r.Against.Sum(), against)
		}
	}
	if r.Pending {
		fmt.Fprintln(w, "a publish there is under way or was cut off (run publish again to finish it)")
	}
	if !r.Listed {
		fmt.Fprintln(w, "over HTTP, files that are not in the manifest cannot be seen; verify the server's folder for those")
	}
	if r.OK() {
		fmt.Fprintf(w, "ok: all %d files are exactly as published (manifest sha256:%s)\n", r.Against.Len(), r.Against.Sum())
		return
	}
	var counts []string
	for _, what := range []string{"changed", "missing", "unexpected", "unchecked"} {
		if n := r.Count(what); n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, what))
		}
	}
	if r.ManifestDiffers() {
		counts = append(counts, "the manifest differs")
	}
	fmt.Fprintf(w, "NOT as published: %s (of %d files checked)\n", strings.Join(counts, ", "), r.Checked)
}
