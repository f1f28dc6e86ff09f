package search

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The index the search page loads in parts. A suggestion is searched as
// one folded text (its hay): its title from position 0, and its other
// fields from position Span on, so a match before Span is a match in the
// title. Positions count characters (code points).
//
// Every key (a character pair, bigram, of a hay that holds no space, a
// single character, or a run of four ASCII characters) has a list: the suggestions holding it, and whether
// their title does. A bigram's list also gives, for each suggestion, the
// positions where it occurs. A query word of two or more characters is then
// found exactly from the positions of the bigrams that cover it (at 0, 2, 4
// … and the last), without the text: the word is at p when each of them is
// at p plus its offset. A word of one character or one bigram needs no
// position. (Runs of four ASCII characters cover numbers, whose digit
// pairs are in most suggestions; see Cover.)
//
// The lists are spread over ShardCount(n) files by a hash of their name
// (ShardOf), so the page finds a key's file without a directory, and the
// manifest stays the same size whatever the number of suggestions. A
// bigram whose list is larger than BigBytes (on a site of more than one
// block) keeps only its suggestions in that list (marked "*"); its
// positions are in one entry per block of Block suggestions, named
// "<key> <block>", so a query fetches the positions only of the blocks
// where every key of the query occurs together.

// Span is the position where a hay's fields after the title start; a
// title is cut at Span-1 characters.
const Span = 4096

// Block is the number of suggestions in a block: of a big key's
// positions, of the facet table and of a folder of records.
const Block = 4096

// BigBytes is the size of a bigram's list, before compression, above which
// its positions go to entries by block. (A variable for the tests.)
var BigBytes = 2048

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

// postings is one key's list: for each suggestion holding it, twice the
// difference to the previous suggestion's number, plus one if the title
// holds it (docs); for a bigram, for each suggestion, the count of
// positions and the differences between them (pos).
type postings struct {
	docs  []byte
	pos   []byte
	last  int    // the last suggestion added; -1 before the first
	marks []mark // where each block's suggestions start in pos
}

type mark struct{ block, offset int }

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
		inTitle := 0
		if pos[0] < Span {
			inTitle = 1
		}
		p.docs = appendNumber(p.docs, 2*(doc-p.last)+inTitle)
		if b := doc / Block; p.last < 0 || p.last/Block != b {
			p.marks = append(p.marks, mark{block: b, offset: len(p.pos)})
		}
		p.last = doc
		if len(pos) == 1 && utf8.RuneCountInString(key) == 1 {
			continue
		}
		p.pos = appendNumber(p.pos, len(pos))
		prev := 0
		for _, q := range pos {
			p.pos = appendNumber(p.pos, q-prev)
			prev = q
		}
	}
}

// hay adds the keys of the folded text s, whose first character is at
// position from: each character, each pair of characters, and each run of
// four ASCII characters (a number such as 2019-00054 is found by them,
// since its pairs are in most suggestions), none across a space.
func (x *Index) hay(s string, from int) {
	var last [4]rune // the run's last characters, the newest last
	run, at := 0, from
	for _, r := range s {
		if unicode.IsSpace(r) {
			run = 0
			at++
			continue
		}
		copy(last[:], last[1:])
		last[3] = r
		run++
		k := string(r)
		if p := x.local[k]; len(p) == 0 {
			x.local[k] = append(p, at)
		}
		if run >= 2 {
			k = string(last[2:])
			x.local[k] = append(x.local[k], at-1)
		}
		if run >= 4 && last[0] < utf8.RuneSelf && last[1] < utf8.RuneSelf && last[2] < utf8.RuneSelf && r < utf8.RuneSelf {
			k = string(last[:])
			x.local[k] = append(x.local[k], at-3)
		}
		at++
	}
}

// Cover gives the keys that find a word of two or more folded characters
// and their offsets in it: from the start, a run of four ASCII characters
// where there is one, else a pair, and the last key ending at the word's
// end. The script plans a query the same way.
func Cover(w []rune) (keys []string, offsets []int) {
	ascii := func(o int) bool {
		if o < 0 || o+4 > len(w) {
			return false
		}
		for _, r := range w[o : o+4] {
			if r >= utf8.RuneSelf {
				return false
			}
		}
		return true
	}
	add := func(o, n int) {
		keys, offsets = append(keys, string(w[o:o+n])), append(offsets, o)
	}
	for o := 0; o < len(w); {
		switch {
		case ascii(o):
			add(o, 4)
			o += 4
		case o+2 <= len(w):
			add(o, 2)
			o += 2
		case ascii(len(w) - 4):
			add(len(w)-4, 4)
			o = len(w)
		default:
			add(len(w)-2, 2)
			o = len(w)
		}
	}
	return keys, offsets
}

// ShardCount is the number of files the lists of an index of n
// suggestions are spread over: it depends on n alone, so that a site can
// list its files before the index is made. A file with nothing to hold is
// written all the same, empty.
func ShardCount(n int) int { return max(1, (n+1)/2) }

// ShardOf is the file, of shards, that holds the list or entry named name:
// FNV-1a of its UTF-16 code units, as the page computes it.
func ShardOf(name string, shards int) int {
	h := uint32(2166136261)
	for _, u := range utf16.Encode([]rune(name)) {
		h ^= uint32(u)
		h *= 16777619
	}
	return int(h % uint32(shards))
}

// FileNames lists the key files of an index of n suggestions, relative to
// the index's folder.
func FileNames(n int) []string {
	names := make([]string, ShardCount(n))
	for s := range names {
		names[s] = "p/" + itoa(s) + ".json"
	}
	return names
}

// Shards is the index cut into files: File(s) writes p/<s>.json when asked,
// so that the files are not all held at once.
type Shards struct {
	x       *Index
	big     map[string]bool
	entries [][]entry // each file's entries
}

// entry is a key's list (block -1) or a big key's positions in a block.
type entry struct {
	key   string
	block int
}

// Shards spreads the lists over the files. The Index must not change after.
func (x *Index) Shards() *Shards {
	s := &Shards{x: x, big: map[string]bool{}, entries: make([][]entry, ShardCount(x.n))}
	n := len(s.entries)
	for key, p := range x.keys {
		s.entries[ShardOf(key, n)] = append(s.entries[ShardOf(key, n)], entry{key, -1})
		if x.n <= Block || utf8.RuneCountInString(key) == 1 || len(p.docs)+len(p.pos) <= BigBytes {
			continue
		}
		s.big[key] = true
		for _, m := range p.marks {
			name := key + " " + itoa(m.block)
			s.entries[ShardOf(name, n)] = append(s.entries[ShardOf(name, n)], entry{key, m.block})
		}
	}
	return s
}

// File writes the s-th file: {"k": {name: list}}, names in byte order. A
// key's list is its suggestions (see postings), then "." and the
// positions, or for a big key "*" and its suggestions; an entry "<key>
// <block>" holds a big key's positions for its suggestions in the block.
func (s *Shards) File(i int) ([]byte, error) {
	k := make(map[string]string, len(s.entries[i]))
	for _, e := range s.entries[i] {
		p := s.x.keys[e.key]
		switch {
		case e.block >= 0:
			at := slices.IndexFunc(p.marks, func(m mark) bool { return m.block == e.block })
			end := len(p.pos)
			if at+1 < len(p.marks) {
				end = p.marks[at+1].offset
			}
			k[e.key+" "+itoa(e.block)] = string(p.pos[p.marks[at].offset:end])
		case s.big[e.key]:
			k[e.key] = "*" + string(p.docs)
		case len(p.pos) > 0:
			k[e.key] = string(p.docs) + "." + string(p.pos)
		default:
			k[e.key] = string(p.docs)
		}
	}
	data, err := json.Marshal(struct {
		K map[string]string `json:"k"`
	}{k})
	return append(data, '\n'), err
}

func itoa(i int) string { return string(appendDecimal(nil, i)) }

func appendDecimal(b []byte, i int) []byte {
	if i >= 10 {
		b = appendDecimal(b, i/10)
	}
	return append(b, byte('0'+i%10))
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
