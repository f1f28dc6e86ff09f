// Package cli is the command line: `build`, `check`, `serve`, `publish`,
// `verify`, `import`, `export` and `help`, each with its own flag set. Run
// returns the exit status; only main exits.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
)

// Exit statuses.
const (
	OK           = 0
	ContentError = 1 // the site has problems, or the build failed
	UsageError   = 2
)

const usage = `Usage: go run ./generator <command> [flags]

Commands:
  build   check the site and write the portal to -dest (default public/)
  check   report every problem in the site, sorted by file and line; write nothing
  serve   preview the portal on http://127.0.0.1:8080/, rebuilding it as files change
  publish build, then put the portal on the web server (-to), moving only the files that changed
  verify  check that a target or the live site holds exactly the published files
  import  bring the ledger (台账, .xlsx or .csv) into the content: import FILE [-dry-run]
  export  write the ledger from the content: export FILE.xlsx or FILE.csv
  help    show this text

Run "go run ./generator <command> -h" for the flags of a command.
`

// Run runs the command line args (without the program name).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return UsageError
	}
	switch args[0] {
	case "build":
		return runBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return runCheck(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "publish":
		return runPublish(ctx, args[1:], stdout, stderr)
	case "verify":
		return runVerify(ctx, args[1:], stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return OK
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", args[0], usage)
	return UsageError
}

// siteFlags adds the flags every command shares, and -dest for the
// commands that take it.
func siteFlags(fs *flag.FlagSet, opts *build.Options, dest bool) {
	fs.StringVar(&opts.Source, "source", ".", "the site's root `folder` (holding site.toml, content/, layouts/, static/)")
	if dest {
		fs.StringVar(&opts.Dest, "dest", "", "the output `folder`, replaced whole by each successful build (default: public in the site root)")
	}
	fs.Func("base-url", "publish under this `address` instead of site.toml's base_url: a full URL, or a path such as /rddbjy/", func(v string) error {
		if err := config.CheckBaseURL(v); err != nil {
			return err
		}
		opts.BaseURL = v
		return nil
	})
	fs.BoolVar(&opts.Drafts, "drafts", false, "include suggestions marked draft = true")
}

// strictFlag adds -strict, for build and check.
func strictFlag(fs *flag.FlagSet, opts *build.Options) {
	fs.BoolVar(&opts.Strict, "strict", false, "also refuse what a government website inspection marks down (see README), and every warning")
}

func newFlags(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./generator %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; ok is false when the command should stop with status.
func parse(fs *flag.FlagSet, args []string) (status int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return OK, false
		}
		return UsageError, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return UsageError, false
	}
	return OK, true
}

// defaultDest puts the output in the site root's public/ unless -dest says
// otherwise, wherever the command is run from.
func defaultDest(opts *build.Options) {
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
}

// report prints a failed load or build; publishing says whether the
// command would have published the site.
func report(stderr io.Writer, err error, publishing bool) int {
	consequence := ""
	if publishing {
		consequence = "nothing was published"
	}
	diag.Print(stderr, err, consequence)
	return ContentError
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := newFlags("build", "Check the site and write the portal to -dest. A build with problems publishes nothing\nand leaves the previous output as it was.", stderr)
	siteFlags(fs, &opts, true)
	strictFlag(fs, &opts)
	var prof profiles
	prof.flags(fs)
	if status, ok := parse(fs, args); !ok {
		return status
	}
	defaultDest(&opts)
	opts.LimitMemory = true
	if err := prof.start(); err != nil {
		fmt.Fprintln(stderr, err)
		return UsageError
	}
	res, err := build.Build(ctx, opts)
	if err := prof.finish(); err != nil {
		fmt.Fprintln(stderr, err)
	}
	if err != nil {
		return report(stderr, err, true)
	}
	into := opts.Dest
	if abs, _ := filepath.Abs(opts.Dest); abs != res.Dest {
		into += " (the folder it links to, " + res.Dest + ")"
	}
	fmt.Fprintf(stdout, "built %d suggestions (%d drafts left out) into %s: %d files in %s\n",
		res.Suggestions, res.Drafts, into, res.Files, res.Elapsed.Round(1e6))
	return OK
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := newFlags("check", "Report every problem in the site at once, sorted by file and line. Writes nothing.", stderr)
	siteFlags(fs, &opts, true)
	strictFlag(fs, &opts)
	if status, ok := parse(fs, args); !ok {
		return status
	}
	site, err := build.Check(ctx, opts)
	if err != nil {
		return report(stderr, err, false)
	}
	diag.PrintWarnings(stdout, site.Warnings)
	fmt.Fprintf(stdout, "ok: %d suggestions, %d drafts, no problems%s\n", len(site.Suggestions), site.Drafts, plural(len(site.Warnings), ", %d warning", ", %d warnings"))
	return OK
}

// plural formats n with one or other, or gives nothing when n is 0.
func plural(n int, one, other string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(other, n)
}
