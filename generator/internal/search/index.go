package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
)

// The index the search page loads in parts. A suggestion is searched as
// one folded text (its hay): its title from position 0, and its other
// fields from position Span on, so a match before Span is a match in the
// title. Positions count characters (code points).
//
// For every character pair (bigram) of a hay that holds no space, the
// index lists the suggestions holding it, each with the positions where
// it occurs; for every single character, the suggestions holding it and
// whether their title does. A query word of two or more characters is
// then found exactly from the positions of the bigrams that cover it (at
// 0, 2, 4 … and the last), without the text: the word is at p when each
// of them is at p plus its offset. A word of one character needs no
// position.
//
// The keys (bigrams and characters), sorted in UTF-16 order as JavaScript
// compares strings, are cut into shards of about ShardBytes. A key whose
// list alone is larger than that is a shard of its own, cut into chunks of
// Block suggestions, so a query with a very common word shows the first
// results after the first chunk and counts the others as they arrive.

// Span is the position where a hay's fields after the title start; a
// title is cut at Span-1 characters.
const Span = 4096

// Block is the number of suggestions in a chunk of a large key's list, a
// chunk of the facet table and a folder of records.
const Block = 4096

// ShardBytes is the size a shard of keys is filled to, before compression.
// (A variable for the tests.)
var ShardBytes = 48 << 10

// Alphabet encodes numbers in JSON strings without escapes. In a list, five bits a
// character, most significant first; every character but the last of a
// number is one of the second half.
const Alphabet = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz"

func appendNumber(b []byte, n int) []byte {
	var groups [13]byte
	i := len(groups)
	for {
		i--
		groups[i] = byte(n & 31)
		n >>= 5
		if n == 0 {
			break
		}
	}
	for ; i < len(groups)-1; i++ {
		b = append(b, Alphabet[32+groups[i]])
	}
	return append(b, Alphabet[groups[len(groups)-1]])
}

// Numbers decodes a string of numbers written by appendNumber.
func Numbers(s string) []int {
	var out []int
	n := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(Alphabet, s[i])
		if d >= 32 {
			n = n<<5 | (d - 32)
			continue
		}
		out = append(out, n<<5|d)
		n = 0
	}
	return out
}

// postings is one key's list: for each suggestion holding it, the
// difference to the previous suggestion's number, then (for a bigram) the
// count of positions and the differences between them, or (for a single
// character) twice the difference plus one if the title holds it.
type postings struct {
	buf   []byte
	last  int    // the last suggestion added; -1 before the first
	marks []mark // where each block's suggestions start in buf
}

type mark struct {
	block, offset, prev int
}

// Index gathers the keys of suggestions added in list order.
type Index struct {
	keys  map[string]*postings
	n     int
	local map[string][]int // this suggestion's keys and positions (reused)
}

func NewIndex() *Index {
	return &Index{keys: map[string]*postings{}, local: map[string][]int{}}
}

// Len is the number of suggestions added.
func (x *Index) Len() int { return x.n }

// Add adds the next suggestion: its title and its other fields, folded or
// not (Add folds them).
func (x *Index) Add(title string, rest ...string) {
	doc := x.n
	x.n++
	clear(x.local)
	title = Canonical(title)
	if r := []rune(title); len(r) >= Span {
		title = string(r[:Span-1])
	}
	x.hay(title, 0)
	x.hay(Canonical(strings.Join(rest, "\n")), Span)
	for key, pos := range x.local {
		p := x.keys[key]
		if p == nil {
			p = &postings{last: -1}
			x.keys[key] = p
		}
		if b := doc / Block; p.last < 0 || p.last/Block != b {
			p.marks = append(p.marks, mark{block: b, offset: len(p.buf), prev: p.last})
		}
		delta := doc - p.last
		p.last = doc
		if len([]rune(key)) == 1 {
			title := 0
			if pos[0] < Span {
				title = 1
			}
			p.buf = appendNumber(p.buf, 2*delta+title)
			continue
		}
		p.buf = appendNumber(p.buf, delta)
		p.buf = appendNumber(p.buf, len(pos))
		prev := 0
		for _, q := range pos {
			p.buf = appendNumber(p.buf, q-prev)
			prev = q
		}
	}
}

// hay adds the keys of the folded text s, whose first character is at
// position from.
func (x *Index) hay(s string, from int) {
	prev, at := rune(-1), from
	for _, r := range s {
		if !unicode.IsSpace(r) {
			k := string(r)
			if p := x.local[k]; len(p) == 0 {
				x.local[k] = append(p, at)
			}
			if prev >= 0 {
				k = string(prev) + k
				x.local[k] = append(x.local[k], at-1)
			}
			prev = r
		} else {
			prev = -1
		}
		at++
	}
}

// Layout is what the search page needs to find a key's file.
type Layout struct {
	First []string `json:"shards"` // the first key of each shard after the first: its file is p/<shard>.json
	Large []string `json:"large"`  // the large keys: the j-th one's chunks are p/L<j>-<block>.json
}

// ShardFile is one file of keys: {"k": {key: list}}, and for a chunk of a
// large key, "p": the suggestion before the chunk's first, plus one (0
// for none), from which the chunk's first difference counts.
type ShardFile struct {
	Name string            `json:"-"`
	Keys map[string]string `json:"k"`
	Prev int               `json:"p,omitempty"`
}

// The files of an index of n suggestions are named from n alone, so that
// a site can list its files before the index is made: shards(n) shards,
// and large(n) large keys in chunks (none when one block holds every
// suggestion). The keys are spread over them by size; a file with nothing
// to hold is written all the same, empty.
func shards(n int) int { return max(1, (n+11)/12) }

func blocks(n int) int { return (n + Block - 1) / Block }

func large(n int) int {
	if n <= Block {
		return 0
	}
	return (n + 511) / 512
}

// FileNames lists the key files of an index of n suggestions, relative to
// the index's folder.
func FileNames(n int) []string {
	var names []string
	for s := range shards(n) {
		names = append(names, "p/"+itoa(s)+".json")
	}
	for j := range large(n) {
		for b := range blocks(n) {
			names = append(names, "p/L"+itoa(j)+"-"+itoa(b)+".json")
		}
	}
	return names
}

// Shards gives the layout of the keys and their files, named as FileNames
// lists them.
func (x *Index) Shards() (Layout, []*ShardFile) {
	keys := make([]string, 0, len(x.keys))
	for k := range x.keys {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareUTF16)
	size := func(k string) int { return len(x.keys[k].buf) + len(k) + 8 }
	lay := Layout{First: []string{}, Large: []string{}}
	var files []*ShardFile

	// The largest keys larger than a shard get chunks of their own.
	bySize := slices.Clone(keys)
	slices.SortStableFunc(bySize, func(a, b string) int { return size(b) - size(a) })
	isLarge := map[string]bool{}
	for _, k := range bySize[:min(len(bySize), large(x.n))] {
		if size(k) > ShardBytes {
			isLarge[k] = true
		}
	}
	total := 0
	for _, k := range keys {
		if isLarge[k] {
			lay.Large = append(lay.Large, k)
		} else {
			total += size(k)
		}
	}
	for j := range large(x.n) {
		for b := range blocks(x.n) {
			c := &ShardFile{Name: "p/L" + itoa(j) + "-" + itoa(b) + ".json", Keys: map[string]string{}}
			if j < len(lay.Large) {
				k := lay.Large[j]
				p := x.keys[k]
				for i, m := range p.marks {
					if m.block == b {
						end := len(p.buf)
						if i+1 < len(p.marks) {
							end = p.marks[i+1].offset
						}
						c.Keys[k], c.Prev = string(p.buf[m.offset:end]), m.prev+1
					}
				}
			}
			files = append(files, c)
		}
	}

	// The other keys fill the shards in order, each about as full.
	n := shards(x.n)
	target := max(1, (total+n-1)/n)
	cur := &ShardFile{Name: "p/0.json", Keys: map[string]string{}}
	shardFiles := []*ShardFile{cur}
	filled := 0
	for _, k := range keys {
		if isLarge[k] {
			continue
		}
		if filled >= target && len(shardFiles) < n {
			cur = &ShardFile{Name: "p/" + itoa(len(shardFiles)) + ".json", Keys: map[string]string{}}
			shardFiles = append(shardFiles, cur)
			lay.First = append(lay.First, k)
			filled = 0
		}
		cur.Keys[k] = string(x.keys[k].buf)
		filled += size(k)
	}
	for len(shardFiles) < n {
		shardFiles = append(shardFiles, &ShardFile{Name: "p/" + itoa(len(shardFiles)) + ".json", Keys: map[string]string{}})
	}
	return lay, append(shardFiles, files...)
}

func itoa(i int) string { return string(appendDecimal(nil, i)) }

func appendDecimal(b []byte, i int) []byte {
	if i >= 10 {
		b = appendDecimal(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

// compareUTF16 orders strings as JavaScript does.
func compareUTF16(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// Width is the number of characters of Alphabet a value below n takes.
func Width(n int) int {
	w := 1
	for limit := 64; n > limit; limit *= 64 {
		w++
	}
	return w
}

// AppendFixed appends v in w characters of Alphabet, most significant
// first (all 64 of them, unlike a number of a list).
func AppendFixed(b []byte, v, w int) []byte {
	for i := w - 1; i >= 0; i-- {
		b = append(b, Alphabet[(v>>(6*i))&63])
	}
	return b
}
