package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/ledger"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import FILE", "Bring the ledger (台账, an .xlsx or .csv file) into the content: change the front-matter\n"+
		"fields its columns give, write new suggestions as drafts, and keep every text as it is.\n"+
		"Any problem in any row: nothing is written.", stderr)
	source := fs.String("source", ".", "the site's root `folder` (holding site.toml and content/)")
	sheet := fs.String("sheet", "", "read the worksheet with this `name` (default: the one the workbook opens on)")
	dryRun := fs.Bool("dry-run", false, "say what would change, and write nothing")
	file, status, ok := parseFile(fs, args)
	if !ok {
		return status
	}
	root, err := os.OpenRoot(*source)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return ContentError
	}
	defer root.Close()
	site, errs := config.Load(root.FS())
	if len(errs) > 0 {
		return report(stderr, errs, false)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(stderr, "error: cannot read the ledger:", err)
		return ContentError
	}
	book, err := ledger.Open(file, data)
	if err != nil {
		return nothingWritten(stderr, err)
	}
	defer book.Close()
	im, err := ledger.Prepare(ctx, root.FS(), site, book, *sheet)
	if err != nil {
		return nothingWritten(stderr, err)
	}
	if !*dryRun {
		if err := im.Write(ctx, root); err != nil {
			fmt.Fprintln(stderr, "error: the import was not written:", err)
			return ContentError
		}
	}
	im.Summary(stdout, *dryRun)
	return OK
}

func nothingWritten(stderr io.Writer, err error) int {
	diag.Print(stderr, err, "nothing was written")
	return ContentError
}

// parseFile parses the flags of a command that takes one FILE, which may
// come before or after them (import 台账.xlsx -dry-run).
func parseFile(fs *flag.FlagSet, args []string) (file string, status int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", OK, false
		}
		return "", UsageError, false
	}
	if fs.NArg() > 0 {
		file = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", OK, false
			}
			return "", UsageError, false
		}
	}
	switch {
	case file == "":
		fmt.Fprintln(fs.Output(), "missing the ledger FILE")
		fs.Usage()
		return "", UsageError, false
	case fs.NArg() > 0:
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return "", UsageError, false
	}
	return file, OK, true
}
