package render

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/content"
)

// TestPanicNamesTheFile: a page whose rendering panics (here goldmark on
// text that is not UTF-8, which loading refuses, so the suggestion is
// edited after loading) is an error naming the page and the suggestion's
// file, not the end of the program.
func TestPanicNamesTheFile(t *testing.T) {
	s := testSites(t)(func(all []*content.Suggestion) []*content.Suggestion {
		bad := *all[0]
		bad.Body = []byte("\x80\x81\n正文")
		all[0] = &bad
		return all
	})
	var err error
	for _, f := range s.Files(context.Background()) {
		if err == nil {
			err = f.Make(new(bytes.Buffer))
		}
	}
	if err == nil || !strings.Contains(err.Error(), "internal error in the Markdown parser") || !strings.Contains(err.Error(), "content/suggestions/") {
		t.Errorf("err = %v", err)
	}
	for _, f := range s.Files(context.Background()) {
		if f.Suggestion == nil {
			continue
		}
		f.Render = func(*bytes.Buffer) error { panic("boom") }
		err := f.Make(new(bytes.Buffer))
		if err == nil || err.Error() != "internal error while rendering: boom (the page of "+f.Suggestion.File+")" {
			t.Errorf("Make = %v", err)
		}
		break
	}
}
