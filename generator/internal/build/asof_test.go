package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/sitetest"
)

// TestAsOfBeforeContent: an as_of earlier than the latest date of the
// content is refused at site.toml's line, naming that date, where it is
// written and the fix; a later as_of, and none, are fine.
func TestAsOfBeforeContent(t *testing.T) {
	toml, err := os.ReadFile(filepath.Join(testSite, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	withAsOf := func(line string) fstest.MapFS {
		fsys := sitetest.With(t, os.DirFS(testSite), "")
		text := strings.Replace(string(toml), "as_of = 2020-12-31", line, 1)
		fsys["site.toml"] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
		return fsys
	}
	_, err = CheckFS(context.Background(), withAsOf("as_of = 2020-04-20"), Options{})
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("want one problem, got %v", err)
	}
	want := "site.toml:12:9: as_of: 2020-04-20 is earlier than the latest date in the content, 2020-04-21 (assigned of content/suggestions/2020/001.md)"
	if got := list[0].Error(); !strings.HasPrefix(got, want) || !strings.Contains(got, "write as_of = 2020-04-21 or a later day, or remove as_of") {
		t.Errorf("got  %s\nwant %s … (write as_of = 2020-04-21 or a later day, or remove as_of …)", got, want)
	}
	if list[0].Text != "as_of = 2020-04-20" {
		t.Errorf("the line shown is %q", list[0].Text)
	}
	for _, ok := range []string{"as_of = 2020-04-21", "as_of = 2021-01-01", ""} {
		if _, err := CheckFS(context.Background(), withAsOf(ok), Options{}); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}
