package ledger

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"rdjy.local/portal/generator/internal/benchsite"
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/stats"
)

// benchLedger writes a generated site of n suggestions and its ledger as
// export writes it, with the outcome of every 100th row changed.
func benchLedger(tb testing.TB, n int) (site string, cfg *config.Site, xlsx, csv []byte) {
	tb.Helper()
	site = benchsite.Write(tb, repoRoot, n)
	fsys := os.DirFS(site)
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	all, errs := content.Load(fsys, cfg)
	if len(errs) > 0 {
		tb.Fatal(errs)
	}
	list := Rows(all, false, 0)
	var b bytes.Buffer
	if err := WriteXLSX(&b, cfg, list, stats.Compute(cfg, list)); err != nil {
		tb.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		tb.Fatal(err)
	}
	outcome := columnOf(tb, f, "办理结果")
	for i, s := range list {
		if i%100 == 1 && s.Outcome != "" {
			ref, _ := excelize.CoordinatesToCellName(outcome, i+2)
			f.SetCellValue(LedgerSheet, ref, map[string]string{"A": "B", "B": "C", "C": "A"}[s.Outcome])
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		tb.Fatal(err)
	}
	var c bytes.Buffer
	if err := WriteCSV(&c, cfg, list); err != nil {
		tb.Fatal(err)
	}
	return site, cfg, out.Bytes(), c.Bytes()
}

// BenchmarkPrepare10000 works out the import of a 10,000-row ledger, 100 of
// whose outcomes differ, into the benchmark site of 10,000 suggestions:
// reading the workbook, loading and checking the site, checking the
// changed files.
func BenchmarkPrepare10000(b *testing.B) {
	dir, site, xlsx, _ := benchLedger(b, 10000)
	fsys := os.DirFS(dir)
	b.ResetTimer()
	for b.Loop() {
		im, errs := prepare(b, fsys, site, "台账.xlsx", xlsx, "")
		if errs != nil || len(im.Updated) != 100 {
			b.Fatalf("%v %d", errs, len(im.Updated))
		}
	}
}

// TestWriteBenchLedger writes, for timing whole imports with /usr/bin/time,
// the benchmark site of $LEDGER_ROWS suggestions (10,000 unless set) to
// $LEDGER_BENCH/site, its ledger with 1 outcome in 100 changed to
// ledger.xlsx, and its unchanged ledger to ledger.csv:
//
//	LEDGER_BENCH=/tmp/ledger10k go test ./generator/internal/ledger -run TestWriteBenchLedger
//	cd /tmp/ledger10k/site && /usr/bin/time -v go run ./generator import ../ledger.xlsx
func TestWriteBenchLedger(t *testing.T) {
	out := os.Getenv("LEDGER_BENCH")
	if out == "" {
		t.Skip("set LEDGER_BENCH to a folder to write a benchmark site and its ledger there")
	}
	n := 10000
	if v := os.Getenv("LEDGER_ROWS"); v != "" {
		n, _ = strconv.Atoi(v)
	}
	site, _, xlsx, csv := benchLedger(t, n)
	if err := os.CopyFS(filepath.Join(out, "site"), os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "ledger.xlsx"), xlsx, 0o644)
	os.WriteFile(filepath.Join(out, "ledger.csv"), csv, 0o644)
}
