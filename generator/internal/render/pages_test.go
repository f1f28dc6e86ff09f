package render

import (
	"strconv"
	"strings"
	"testing"
)

func TestPagerWindow(t *testing.T) {
	at := func(i int) string { return "/p/" + strconv.Itoa(i) + "/" }
	cases := []struct {
		n, pages int
		want     string // page numbers, "…" where a gap is shown, * on the current page
	}{
		{1, 1, "1*"},
		{1, 3, "1* 2 3"},
		{1, 200, "1* 2 3 … 200"},
		{100, 200, "1 … 98 99 100* 101 102 … 200"},
		{4, 200, "1 2 3 4* 5 6 … 200"},
		{200, 200, "1 … 198 199 200*"},
		{2, 2, "1 2*"},
		{3, 5, "1 2 3* 4 5"},
		{197, 200, "1 … 195 196 197* 198 199 200"},
		{5, 9, "1 … 3 4 5* 6 7 … 9"},
	}
	for _, c := range cases {
		pg := pager(c.n, c.pages, at)
		var got []string
		for _, l := range pg.Links {
			if l.Gap {
				got = append(got, "…")
			}
			label := strconv.Itoa(l.Number)
			if l.Current {
				label += "*"
			}
			if l.URL != at(l.Number) {
				t.Errorf("page %d links to %s", l.Number, l.URL)
			}
			got = append(got, label)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("page %d of %d: %s, want %s", c.n, c.pages, g, c.want)
		}
		if (pg.Prev == "") != (c.n == 1) || (pg.Next == "") != (c.n == c.pages) {
			t.Errorf("page %d of %d: prev %q next %q", c.n, c.pages, pg.Prev, pg.Next)
		}
	}
}
