package search

import (
	"bytes"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
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

// list decodes key's list as the script does: its suggestions, whether
// their title holds it, and (for a bigram) their positions, read from the
// entries by block for a big key, whose list also gives, for each block it
// occurs in, the most positions one suggestion there has (most).
func list(files map[string]map[string]string, shards int, key string) (docs []int, title []bool, pos [][]int, most map[int]int) {
	entry := func(name string) string { return files["p/"+itoa(ShardOf(name, shards))+".json"][name] }
	v := entry(key)
	big := strings.HasPrefix(v, "*")
	v = strings.TrimPrefix(v, "*")
	skel, rest, _ := strings.Cut(v, ".")
	doc := -1
	for _, x := range Numbers(skel) {
		doc += x >> 1
		docs = append(docs, doc)
		title = append(title, x&1 == 1)
	}
	positions := func(nums []int, count int) [][]int {
		var out [][]int
		for range count {
			c, p := nums[0], 0
			ps := make([]int, c)
			for j := range c {
				p += nums[1+j]
				ps[j] = p
			}
			out = append(out, ps)
			nums = nums[1+c:]
		}
		return out
	}
	switch {
	case big:
		most = map[int]int{}
		counts := Numbers(rest)
		for i := 0; i < len(docs); {
			b := docs[i] / Block
			j := i
			for j < len(docs) && docs[j]/Block == b {
				j++
			}
			most[b], counts = counts[0], counts[1:]
			pos = append(pos, positions(Numbers(entry(key+" "+itoa(b))), j-i)...)
			i = j
		}
		if len(counts) != 0 {
			panic(key + ": more counts than blocks in its list")
		}
	case rest != "":
		pos = positions(Numbers(rest), len(docs))
	}
	return docs, title, pos, most
}

// find is what the script does with the lists: the suggestions holding
// every word of the folded query, and whether their title holds them all.
// Like the script, it looks at no positions in a block where a big key
// occurs less often in any one suggestion than in a word (pruned counts
// those blocks).
func find(files map[string]map[string]string, shards, n int, query string) (found []int, inTitle map[int]bool, pruned int) {
	inTitle = map[int]bool{}
	var sets []map[int]bool
	for _, w := range strings.Fields(Canonical(query)) {
		r := []rune(w)
		hit := map[int]bool{}
		if len(r) <= 2 {
			docs, title, _, _ := list(files, shards, w)
			for i, d := range docs {
				hit[d] = title[i]
			}
			sets = append(sets, hit)
			continue
		}
		keys, offsets := Cover(r)
		need := map[string]int{}
		for _, key := range keys {
			need[key]++
		}
		skip := map[int]bool{}
		var ls []map[int][]int
		for _, key := range keys {
			docs, _, pos, most := list(files, shards, key)
			l := map[int][]int{}
			for i, d := range docs {
				l[d] = pos[i]
			}
			ls = append(ls, l)
			for b, m := range most {
				if m < need[key] && !skip[b] {
					skip[b] = true
					pruned++
				}
			}
		}
		for d, starts := range ls[0] {
			if skip[d/Block] {
				continue
			}
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
	return found, inTitle, pruned
}

// TestIndexFindsExactly checks the index against a brute-force search over
// random texts of a few characters, so that keys are big and their
// positions are in entries by block, with queries of one to six characters, several words, and
// Traditional and full-width forms.
func TestIndexFindsExactly(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	chars := []rune("停车老旧小区里裡于於２ a1-")
	text := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = chars[rnd.IntN(len(chars))]
		}
		return string(r)
	}
	defer func(b int) { BigBytes = b }(BigBytes)
	BigBytes = 256
	const n = 2*Block + 100
	type doc struct{ title, rest, hay, folded string }
	docs := make([]doc, n)
	for i := range docs {
		d := doc{title: text(1 + rnd.IntN(8)), rest: text(rnd.IntN(30))}
		d.hay, d.folded = Canonical(d.title+"\n"+d.rest), Canonical(d.title)
		docs[i] = d
	}
	names := FileNames(n)
	if len(names) != ShardCount(n) {
		t.Fatalf("FileNames lists %d files, want %d", len(names), ShardCount(n))
	}
	// build gives the files of the index, its records spilled to dir (in
	// memory when empty), asked for in the order given: the first file
	// of a group makes its lists, which go once all its files are made.
	build := func(dir string, order []int) (map[string][]byte, *Shards) {
		x := NewIndex(n, dir)
		for _, d := range docs {
			x.Add(d.title, d.rest)
		}
		shards, err := x.Shards()
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, i := range order {
			if files[names[i]], err = shards.File(i); err != nil {
				t.Fatal(err)
			}
		}
		return files, shards
	}
	inOrder, backwards := []int{}, []int{}
	for i := range names {
		inOrder, backwards = append(inOrder, i), append([]int{i}, backwards...)
	}
	held, shards := build("", inOrder)
	if len(shards.groups) < 2 {
		t.Fatalf("%d groups of files: the grouping is not tested", len(shards.groups))
	}
	if slices.Index(shards.big, true) < 0 {
		t.Fatal("no key is big: the entries by block are not tested")
	}
	for i, name := range names {
		again, err := shards.File(i) // its group is made again
		if err != nil || !bytes.Equal(again, held[name]) {
			t.Fatalf("%s asked for again: %v, or other bytes", name, err)
		}
	}
	spilled, _ := build(t.TempDir(), backwards)
	if !maps.EqualFunc(held, spilled, bytes.Equal) {
		t.Fatal("the files made from a spill on disk, asked for backwards, are not the files made in memory")
	}
	files := map[string]map[string]string{}
	for _, name := range names {
		var f struct{ K map[string]string }
		if err := json.Unmarshal(held[name], &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		files[name] = f.K
	}
	queries := []string{"停", "车", "停车", "停車", "老旧小", "里于", "裡於", "小区里", "停车 小", "２", "2", "停车老旧小区", "a", "A", "区 a", "小小小", "車輛", "a1-a1", "1-1", "车a1-a", "a1-1a1-", "1-a1a", "停车停车停车", "老旧老旧老旧老旧", "小小小小小小小", "停车停车 停车停"}
	for range 60 {
		queries = append(queries, text(1+rnd.IntN(5)))
	}
	pruned := 0
	for _, q := range queries {
		got, title, p := find(files, len(names), n, q)
		pruned += p
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
	if pruned == 0 {
		t.Error("no block was ruled out by a big key's counts: the counts are not tested")
	}
}
