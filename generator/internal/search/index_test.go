package search

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

func TestNumbers(t *testing.T) {
	var b []byte
	want := []int{0, 1, 31, 32, 1023, 1024, 4096, 1 << 30}
	for _, n := range want {
		b = appendNumber(b, n)
	}
	if got := Numbers(string(b)); !slices.Equal(got, want) {
		t.Errorf("Numbers(%q) = %v, want %v", b, got, want)
	}
}

// lists decodes the list of key for suggestions in [0, n), reading the
// shards as the script does: a key's shard by its first key, a large
// key's chunks one after the other.
func lists(lay Layout, files map[string]*ShardFile, n int, key string) map[int][]int {
	var parts []*ShardFile
	if j := slices.Index(lay.Large, key); j >= 0 {
		for b := 0; b*Block < n; b++ {
			parts = append(parts, files["p/L"+itoa(j)+"-"+itoa(b)+".json"])
		}
	} else {
		shard := sort.Search(len(lay.First), func(i int) bool { return compareUTF16(lay.First[i], key) > 0 })
		parts = append(parts, files["p/"+itoa(shard)+".json"])
	}
	out := map[int][]int{}
	single := len([]rune(key)) == 1
	for _, f := range parts {
		nums := Numbers(f.Keys[key])
		doc := f.Prev - 1
		for i := 0; i < len(nums); {
			if single {
				doc += nums[i] >> 1
				out[doc] = []int{nums[i] & 1}
				i++
				continue
			}
			doc += nums[i]
			count := nums[i+1]
			pos, p := make([]int, count), 0
			for j := range count {
				p += nums[i+2+j]
				pos[j] = p
			}
			out[doc] = pos
			i += 2 + count
		}
	}
	return out
}

// find is what the script does with the lists: the suggestions holding
// every word of the folded query, and whether their title holds them all.
func find(lay Layout, files map[string]*ShardFile, n int, query string) (found []int, inTitle map[int]bool) {
	inTitle = map[int]bool{}
	var sets []map[int]bool
	for _, w := range strings.Fields(Canonical(query)) {
		r := []rune(w)
		hit := map[int]bool{}
		if len(r) == 1 {
			for d, t := range lists(lay, files, n, w) {
				hit[d] = t[0] == 1
			}
			sets = append(sets, hit)
			continue
		}
		offsets := []int{}
		for o := 0; o+1 < len(r); o += 2 {
			offsets = append(offsets, o)
		}
		if offsets[len(offsets)-1] != len(r)-2 {
			offsets = append(offsets, len(r)-2)
		}
		var ls []map[int][]int
		for _, o := range offsets {
			ls = append(ls, lists(lay, files, n, string(r[o:o+2])))
		}
		for d, starts := range ls[0] {
			for _, p := range starts {
				ok := true
				for j := 1; j < len(ls) && ok; j++ {
					ok = slices.Contains(ls[j][d], p+offsets[j])
				}
				if ok {
					hit[d] = hit[d] || p < Span
				}
			}
		}
		sets = append(sets, hit)
	}
	for d := range n {
		all, title := true, true
		for _, s := range sets {
			t, ok := s[d]
			all, title = all && ok, title && t
		}
		if all && len(sets) > 0 {
			found = append(found, d)
			inTitle[d] = title
		}
	}
	return found, inTitle
}

// TestIndexFindsExactly checks the index against a brute-force search over
// random texts of a few characters, so that keys are large and cut into
// chunks, with queries of one to six characters, several words, and
// Traditional and full-width forms.
func TestIndexFindsExactly(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	chars := []rune("停车老旧小区里裡于於２ a")
	text := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = chars[rnd.IntN(len(chars))]
		}
		return string(r)
	}
	defer func(b int) { ShardBytes = b }(ShardBytes)
	ShardBytes = 4 << 10
	const n = 2*Block + 100
	type doc struct{ title, rest, hay, folded string }
	docs := make([]doc, n)
	x := NewIndex()
	for i := range docs {
		d := doc{title: text(1 + rnd.IntN(8)), rest: text(rnd.IntN(30))}
		d.hay, d.folded = Canonical(d.title+"\n"+d.rest), Canonical(d.title)
		docs[i] = d
		x.Add(d.title, d.rest)
	}
	lay, shards := x.Shards()
	files := map[string]*ShardFile{}
	for _, f := range shards {
		files[f.Name] = f
	}
	if names := FileNames(n); len(names) != len(shards) || len(files) != len(names) {
		t.Fatalf("%d files, %d distinct, but FileNames lists %d", len(shards), len(files), len(names))
	}
	for _, name := range FileNames(n) {
		if files[name] == nil {
			t.Fatalf("no file %s", name)
		}
	}
	if len(lay.Large) == 0 || len(lay.First) == 0 {
		t.Fatalf("no large keys or a single shard: %+v", lay)
	}
	queries := []string{"停", "车", "停车", "停車", "老旧小", "里于", "裡於", "小区里", "停车 小", "２", "2", "停车老旧小区", "a", "A", "区 a", "小小小", "車輛"}
	for range 60 {
		queries = append(queries, text(1+rnd.IntN(5)))
	}
	for _, q := range queries {
		got, title := find(lay, files, n, q)
		var want []int
		words := strings.Fields(Canonical(q))
		for i, d := range docs {
			ok := len(words) > 0
			inTitle := true
			for _, w := range words {
				ok = ok && strings.Contains(d.hay, w)
				inTitle = inTitle && strings.Contains(d.folded, w)
			}
			if ok {
				want = append(want, i)
				if title[i] != inTitle {
					t.Errorf("%q in %+v: title hit %t, want %t", q, d, title[i], inTitle)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: found %d suggestions, want %d", q, len(got), len(want))
		}
	}
}
