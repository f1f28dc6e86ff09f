package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/ledger"
	"rdjy.local/portal/generator/internal/stats"
)

func runExport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export FILE", "Write the ledger (台账) from the content: FILE.xlsx, with the year's figures on a\n"+
		"second sheet, or FILE.csv (UTF-8 with BOM). One row per published suggestion.", stderr)
	source := fs.String("source", ".", "the site's root `folder` (holding site.toml and content/)")
	drafts := fs.Bool("drafts", false, "include suggestions marked draft = true")
	year := fs.Int("year", 0, "only the suggestions of this `year` (default: every year)")
	file, status, ok := parseFile(fs, args)
	if !ok {
		return status
	}
	ext := strings.ToLower(filepath.Ext(file))
	if ext != ".xlsx" && ext != ".csv" {
		fmt.Fprintf(stderr, "export writes .xlsx or .csv files, not %q\n", file)
		return UsageError
	}
	fsys := os.DirFS(*source)
	site, errs := config.Load(fsys)
	if len(errs) > 0 {
		return report(stderr, errs, false)
	}
	all, errs := content.Load(fsys, site)
	if len(errs) > 0 {
		diag.Print(stderr, errs, "nothing was exported")
		return ContentError
	}
	list := ledger.Rows(all, *drafts, *year)
	err := ledger.Save(file, func(w io.Writer) error {
		if ext == ".csv" {
			return ledger.WriteCSV(w, site, list)
		}
		st := stats.Compute(site, ledger.Rows(all, false, *year))
		return ledger.WriteXLSX(w, site, list, st)
	})
	if err != nil {
		fmt.Fprintln(stderr, "error: cannot write the ledger:", err)
		return ContentError
	}
	where := ""
	if ext == ".xlsx" {
		where = " (sheet " + ledger.LedgerSheet + "; the figures in sheet " + ledger.StatsSheet + ")"
	}
	fmt.Fprintf(stdout, "exported %d suggestions to %s%s\n", len(list), file, where)
	return OK
}
