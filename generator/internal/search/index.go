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
// block) keeps only its suggestions in that list (marked "*"), with the
// most times one suggestion of each block holds it; its positions are in
// one entry per block of Block suggestions, named "<key> <block>", so a
// query fetches the positions only of the blocks where every key of the
// query occurs together, as often as the query needs it.

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

// postings is one key's list as it is gathered, in one string of numbers
// to keep the build's memory small (a site has hundreds of thousands of
// keys): for each suggestion holding the key, twice the difference to the
// previous suggestion's number, plus one if the title holds it; then, for
// a key of more than one character, the count of positions and the
// differences between them. File splits it into what the page reads.
type postings struct {
	buf  []byte
	last int32 // the last suggestion added; -1 before the first
}

// Index gathers the keys of suggestions added in list order.
type Index struct {
	keys  map[key]postings
	n     int
	local map[key][]int // this suggestion's keys and positions (reused)
}

// key is a key packed in a number, so that gathering makes no string: its
// kind in the top two bits (1 a character, 2 a pair, 3 a run of four
// ASCII characters), then its characters, 21 bits each (7 in a run).
type key uint64

func char(r rune) key        { return 1<<62 | key(r) }
func pair(a, b rune) key     { return 2<<62 | key(a)<<21 | key(b) }
func run4(r [4]rune) key     { return 3<<62 | key(r[0])<<21 | key(r[1])<<14 | key(r[2])<<7 | key(r[3]) }
func (k key) single() bool   { return k>>62 == 1 }
func (k key) String() string { return string(k.runes()) }

func (k key) runes() []rune {
	switch k >> 62 {
	case 1:
		return []rune{rune(k & (1<<21 - 1))}
	case 2:
		return []rune{rune(k >> 21 & (1<<21 - 1)), rune(k & (1<<21 - 1))}
	}
	return []rune{rune(k >> 21 & 127), rune(k >> 14 & 127), rune(k >> 7 & 127), rune(k & 127)}
}

func NewIndex() *Index {
	return &Index{keys: map[key]postings{}, local: map[key][]int{}}
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
	for k, pos := range x.local {
		p, ok := x.keys[k]
		if !ok {
			p.last = -1
		}
		inTitle := 0
		if pos[0] < Span {
			inTitle = 1
		}
		p.buf = appendNumber(p.buf, 2*(doc-int(p.last))+inTitle)
		p.last = int32(doc)
		if !k.single() {
			p.buf = appendNumber(p.buf, len(pos))
			prev := 0
			for _, q := range pos {
				p.buf = appendNumber(p.buf, q-prev)
				prev = q
			}
		}
		x.keys[k] = p
	}
}

// digit is the value of each character of Alphabet.
var digit = func() (d [256]int8) {
	for i := range Alphabet {
		d[Alphabet[i]] = int8(i)
	}
	return d
}()

// next gives the end of the number that starts at i in b, and its value.
func next(b []byte, i int) (int, int) {
	n := 0
	for {
		d := int(digit[b[i]])
		i++
		if d < 32 {
			return i, n<<5 | d
		}
		n = n<<5 | (d - 32)
	}
}

// span is where a block's suggestions are in a list, and the most
// positions one of them has.
type span struct{ block, from, to, most int }

// blocks says where each block's suggestions are in the list of a key of
// more than one character.
func (p *postings) blocks() []span {
	var spans []span
	doc := -1
	for i := 0; i < len(p.buf); {
		j, v := next(p.buf, i)
		doc += v >> 1
		if b := doc / Block; len(spans) == 0 || spans[len(spans)-1].block != b {
			if len(spans) > 0 {
				spans[len(spans)-1].to = i
			}
			spans = append(spans, span{block: b, from: i})
		}
		j, count := next(p.buf, j)
		spans[len(spans)-1].most = max(spans[len(spans)-1].most, count)
		for range count {
			j, _ = next(p.buf, j)
		}
		i = j
	}
	if len(spans) > 0 {
		spans[len(spans)-1].to = len(p.buf)
	}
	return spans
}

// split cuts a part of the list of a key of more than one character into
// its suggestions (with the title bits) and their positions.
func split(b []byte) (docs, pos []byte) {
	for i := 0; i < len(b); {
		j, _ := next(b, i)
		docs = append(docs, b[i:j]...)
		k, count := next(b, j)
		for range count {
			k, _ = next(b, k)
		}
		pos = append(pos, b[j:k]...)
		i = k
	}
	return docs, pos
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
		if p := x.local[char(r)]; len(p) == 0 {
			x.local[char(r)] = append(p, at)
		}
		if run >= 2 {
			k := pair(last[2], r)
			x.local[k] = append(x.local[k], at-1)
		}
		if run >= 4 && last[0] < utf8.RuneSelf && last[1] < utf8.RuneSelf && last[2] < utf8.RuneSelf && r < utf8.RuneSelf {
			k := run4(last)
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
	big     map[key][]span // the big keys and where their blocks are
	entries [][]entry      // each file's entries
}

// entry is a key's list (block -1) or a big key's positions in a block.
type entry struct {
	key   key
	block int
}

// Shards spreads the lists over the files. The Index must not change after.
func (x *Index) Shards() *Shards {
	s := &Shards{x: x, big: map[key][]span{}, entries: make([][]entry, ShardCount(x.n))}
	n := len(s.entries)
	for k, p := range x.keys {
		name := k.String()
		s.entries[ShardOf(name, n)] = append(s.entries[ShardOf(name, n)], entry{k, -1})
		if x.n <= Block || k.single() || len(p.buf) <= BigBytes {
			continue
		}
		s.big[k] = p.blocks()
		for _, sp := range s.big[k] {
			piece := name + " " + itoa(sp.block)
			s.entries[ShardOf(piece, n)] = append(s.entries[ShardOf(piece, n)], entry{k, sp.block})
		}
	}
	return s
}

// File writes the s-th file: {"k": {name: list}}, names in byte order. A
// key's list is its suggestions (see postings), then "." and the
// positions, or for a big key "*", its suggestions, "." and for each
// block it occurs in the most positions one suggestion there has (a word
// that holds the key more often than that is not in the block, which the
// page then knows without loading its positions); an entry "<key>
// <block>" holds a big key's positions for its suggestions in the block.
func (s *Shards) File(i int) ([]byte, error) {
	k := make(map[string]string, len(s.entries[i]))
	for _, e := range s.entries[i] {
		p, name := s.x.keys[e.key], e.key.String()
		if e.key.single() {
			k[name] = string(p.buf)
			continue
		}
		switch spans, big := s.big[e.key]; {
		case e.block >= 0:
			sp := spans[slices.IndexFunc(spans, func(sp span) bool { return sp.block == e.block })]
			_, pos := split(p.buf[sp.from:sp.to])
			k[name+" "+itoa(e.block)] = string(pos)
		case big:
			docs, _ := split(p.buf)
			most := make([]byte, 0, 2*len(spans))
			for _, sp := range spans {
				most = appendNumber(most, sp.most)
			}
			k[name] = "*" + string(docs) + "." + string(most)
		default:
			docs, pos := split(p.buf)
			k[name] = string(docs) + "." + string(pos)
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
