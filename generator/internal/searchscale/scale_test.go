package searchscale

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/benchsite"
	"rdjy.local/portal/generator/internal/browsertest"
	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/search"
	"rdjy.local/portal/generator/internal/serve"
)

const repoRoot = "../../.."

func mustBuild(t *testing.T, opts build.Options) {
	t.Helper()
	if _, err := build.Build(context.Background(), opts); err != nil {
		t.Fatalf("build %s: %v", opts.Source, err)
	}
}

// TestSearchAtScale runs the search test set in Chromium against a
// generated site of 5,000 suggestions, two blocks, so that common keys'
// positions come by block (SEARCH_SCALE_N: another size, such as 10000 or
// 100000, to measure), served gzipped as a web server would:
// every query must find exactly the suggestions whose text holds it,
// computed here from the built records, on both pages; the index bytes
// transferred before the first results show, and in all, are counted from
// Chromium's network events and logged. A shard that fails to load is
// said on the page and the filters still work, and a site of no
// suggestions has a search page that says so.
func TestSearchAtScale(t *testing.T) {
	if testing.Short() || !browsertest.Ready(t, repoRoot) {
		t.Skip("the browser checks cannot run")
	}
	n := 5000
	if s := os.Getenv("SEARCH_SCALE_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	// SEARCH_SCALE_SITE: the folder of the generated site, written there
	// once and kept, so that another run (at 100,000: minutes) reuses it.
	src := os.Getenv("SEARCH_SCALE_SITE")
	if src == "" {
		src = t.TempDir()
	}
	if _, err := os.Stat(filepath.Join(src, "site.toml")); err != nil {
		if err := benchsite.WriteTo(src, repoRoot, n); err != nil {
			t.Fatal(err)
		}
	} else if err := benchsite.Refresh(src, repoRoot); err != nil { // a kept site: today's layouts and scripts
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, build.Options{Source: src, Dest: dest, BaseURL: "/x/"})
	srv := httptest.NewServer(gzipped(serve.Handler(dest, "/x/")))
	defer srv.Close()

	docs := builtRecords(t, dest, n)
	first := docs[n/3]
	queries := []string{"停车", "加装电梯", "老旧小区", "区住建局", // today's set
		strings.Split(first.D, "、")[0], "周山路", "七里河", first.N, // a deputy, a street, a number
		"停车 小区", "老旧小区 改造 区城管局", // several words
		"建议", "解决", // words in most suggestions
		"2019-0", "ＡＢＣ", "😀", "，。！", strings.Repeat("老旧小区加装电梯", 25)} // Latin and digits, emoji, punctuation, 200 characters
	var set []query
	for _, q := range queries {
		set = append(set, query{q, docs.containing(q)})
	}
	out, err := runQueries(t, srv.URL+"/x/", set)
	t.Logf("%d suggestions; per query: results, index bytes (gzip) before the first results and in all, ms to first results and to counts:\n%s", n, out)
	if err != nil {
		t.Errorf("search at scale: %v", err)
	}
	if n > 10000 {
		return
	}

	// A site of no suggestions.
	empty := t.TempDir()
	if err := benchsite.WriteTo(empty, repoRoot, 0); err != nil {
		t.Fatal(err)
	}
	dest = filepath.Join(t.TempDir(), "empty")
	mustBuild(t, build.Options{Source: empty, Dest: dest, BaseURL: "/x/"})
	srv0 := httptest.NewServer(gzipped(serve.Handler(dest, "/x/")))
	defer srv0.Close()
	if out, err := runQueries(t, srv0.URL+"/x/", []query{{"停车", []string{}}}); err != nil {
		t.Errorf("search of an empty site: %v\n%s", err, out)
	}
}

// query is a query of the test set and the numbers of the suggestions it
// must find.
type query struct {
	Q    string   `json:"q"`
	Want []string `json:"want"`
}

// runQueries runs testdata/scale.mjs against the site at base with the
// queries, given in a file (at 100,000 suggestions the numbers to find are
// too many for a command line).
func runQueries(t *testing.T, base string, set []query) ([]byte, error) {
	file := filepath.Join(t.TempDir(), "queries.json")
	data, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return exec.Command("node", filepath.Join("testdata", "scale.mjs"), base, file).CombinedOutput()
}

// gzipped compresses what h serves, as a web server configured for it
// does (gzip at its default level).
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(rec.Code)
		z := gzip.NewWriter(w)
		z.Write(rec.Body.Bytes())
		z.Close()
	})
}

// record is a result's record, with its labels.
type record struct {
	N, T, D, U, X string
	F             []int
	hay, title    string // folded
}

type records []record

// builtRecords reads the records and labels of the built index, and folds
// each suggestion's hay as the index does.
func builtRecords(t *testing.T, dest string, n int) records {
	data, err := os.ReadFile(filepath.Join(dest, "data/search/index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		N, Records int
		Facets     []struct{ Values []struct{ Label string } }
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.N != n {
		t.Fatalf("the index holds %d suggestions, want %d", m.N, n)
	}
	docs := make(records, n)
	for i := range docs {
		data, err := os.ReadFile(filepath.Join(dest, fmt.Sprintf("data/search/r/%d/%d.json", i/search.Block, i/m.Records)))
		if err != nil {
			t.Fatal(err)
		}
		var file []record
		if err := json.Unmarshal(data, &file); err != nil {
			t.Fatal(err)
		}
		d := &docs[i]
		*d = file[i%m.Records]
		label := func(f int) string { return m.Facets[f].Values[d.F[f]].Label }
		d.title = search.Canonical(d.T)
		d.hay = search.Canonical(strings.Join([]string{d.N, d.D, label(1), label(2), label(3), d.U, d.X}, "\n"))
	}
	return docs
}

// containing lists the numbers of the suggestions holding every word of q
// in their title or in the rest of their hay.
func (docs records) containing(q string) []string {
	words := strings.Fields(search.Canonical(q))
	out := []string{}
	for _, d := range docs {
		if len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool {
			return !strings.Contains(d.title, w) && !strings.Contains(d.hay, w)
		}) {
			out = append(out, d.N)
		}
	}
	return out
}
