package search

import (
	"encoding/binary"
	"encoding/json"
	"strings"
	"sync"
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

// Index gathers the keys of the suggestions added in list order. It
// holds little while it does: each suggestion's keys go, as records, to a
// spill of its group of files (see Shards), on disk in a scratch folder or
// in memory, and the lists of a group are made from its spill when its
// files are written, so a build holds the lists of one or two groups at a
// time instead of all of them.
type Index struct {
	n, added int // suggestions the index is made for, and added so far
	shards   int // ShardCount(n)
	spill    *spill

	ids  map[key]int32 // each key's number, in the order first seen
	keys []key         // each number's key
	home []int32       // each key's file
	last []int32       // each key's last suggestion so far; -1 before the first
	size []int32       // each key's list so far, in bytes, as File writes it

	recs   [][]byte // this suggestion's records, by group (reused)
	counts []int    // how many records recs holds, by group
	docs   []int    // the last suggestion of each group's spill; -1 before the first
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

// groupShards is the number of files in a group, whose lists are made
// together: 250 files, the lists of about 500 suggestions (about 6 MB
// while they are made).
const groupShards = 250

// NewIndex makes an index of n suggestions. Its records are spilled to
// files in the folder dir, which must exist, or kept in memory when dir is
// empty.
func NewIndex(n int, dir string) *Index {
	shards := ShardCount(n)
	groups := (shards + groupShards - 1) / groupShards
	x := &Index{n: n, shards: shards, spill: newSpill(dir, groups), ids: map[key]int32{},
		recs: make([][]byte, groups), counts: make([]int, groups), docs: make([]int, groups)}
	for g := range x.docs {
		x.docs[g] = -1
	}
	return x
}

// Len is the number of suggestions added.
func (x *Index) Len() int { return x.added }

// Add adds the next suggestion: its title and its other fields, folded or
// not (Add folds them).
func (x *Index) Add(title string, rest ...string) { x.AddKeys(MakeKeys(title, rest...)) }

// Keys are one suggestion's keys and their positions, made by MakeKeys,
// which may run on several suggestions at once, and added in list order by
// AddKeys.
type Keys struct{ m map[key][]int }

// keysPool keeps the maps of Keys added, to be used again.
var keysPool = sync.Pool{New: func() any { return &Keys{m: map[key][]int{}} }}

// MakeKeys makes the keys of a suggestion: its title and its other fields,
// folded or not (MakeKeys folds them).
func MakeKeys(title string, rest ...string) *Keys {
	k := keysPool.Get().(*Keys)
	title = Canonical(title)
	if r := []rune(title); len(r) >= Span {
		title = string(r[:Span-1])
	}
	k.hay(title, 0)
	k.hay(Canonical(strings.Join(rest, "\n")), Span)
	return k
}

// AddKeys adds the next suggestion's keys, which are not to be used after.
func (x *Index) AddKeys(keys *Keys) {
	doc := x.added
	if doc >= x.n {
		panic("search: more suggestions added than the index was made for")
	}
	x.added++
	// A record: the key's number, twice, plus one if the title holds it;
	// then, for a key of more than one character, the count of positions
	// and the differences between them.
	for k, pos := range keys.m {
		id := x.id(k)
		inTitle := 0
		if pos[0] < Span {
			inTitle = 1
		}
		g := int(x.home[id]) / groupShards
		r := binary.AppendUvarint(x.recs[g], uint64(id)<<1|uint64(inTitle))
		size := numberLen(2*(doc-int(x.last[id])) + inTitle)
		if !k.single() {
			r = binary.AppendUvarint(r, uint64(len(pos)))
			size += numberLen(len(pos))
			prev := 0
			for _, q := range pos {
				r = binary.AppendUvarint(r, uint64(q-prev))
				size += numberLen(q - prev)
				prev = q
			}
		}
		x.recs[g], x.last[id] = r, int32(doc)
		x.size[id] += int32(size)
		x.counts[g]++
	}
	clear(keys.m)
	keysPool.Put(keys)
	// A group's spill: for each suggestion with keys in the group, the
	// difference to the group's previous suggestion, the count of
	// records, and the records.
	for g, r := range x.recs {
		if x.counts[g] == 0 {
			continue
		}
		head := binary.AppendUvarint(nil, uint64(doc-x.docs[g]))
		head = binary.AppendUvarint(head, uint64(x.counts[g]))
		x.spill.write(listsPart, g, head, r)
		x.recs[g], x.counts[g], x.docs[g] = r[:0], 0, doc
	}
}

// id gives the key's number, numbering it if it is new.
func (x *Index) id(k key) int32 {
	id, ok := x.ids[k]
	if !ok {
		id = int32(len(x.keys))
		x.ids[k] = id
		x.keys = append(x.keys, k)
		x.home = append(x.home, int32(ShardOf(k.String(), x.shards)))
		x.last = append(x.last, -1)
		x.size = append(x.size, 0)
	}
	return id
}

// numberLen is the length of n as appendNumber writes it.
func numberLen(n int) int {
	l := 1
	for n >>= 5; n != 0; n >>= 5 {
		l++
	}
	return l
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

// most gives, for each block the suggestions of the list of a key of more
// than one character are in, the most positions one of them has.
func most(b []byte) []byte {
	var out []byte
	doc, block, top := -1, -1, 0
	for i := 0; i < len(b); {
		j, v := next(b, i)
		doc += v >> 1
		if doc/Block != block {
			if block >= 0 {
				out = appendNumber(out, top)
			}
			block, top = doc/Block, 0
		}
		j, count := next(b, j)
		top = max(top, count)
		for range count {
			j, _ = next(b, j)
		}
		i = j
	}
	if block >= 0 {
		out = appendNumber(out, top)
	}
	return out
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
func (k *Keys) hay(s string, from int) {
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
		if p := k.m[char(r)]; len(p) == 0 {
			k.m[char(r)] = append(p, at)
		}
		if run >= 2 {
			kp := pair(last[2], r)
			k.m[kp] = append(k.m[kp], at-1)
		}
		if run >= 4 && last[0] < utf8.RuneSelf && last[1] < utf8.RuneSelf && last[2] < utf8.RuneSelf && r < utf8.RuneSelf {
			kr := run4(last)
			k.m[kr] = append(k.m[kr], at-3)
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

// Shards is the index cut into files: File(s) writes p/<s>.json when asked.
// The files are made by groups of groupShards: the first file of a group
// asked for makes the group's lists from its spill, which are dropped once
// every file of the group is made.
type Shards struct {
	x      *Index
	big    []bool // the big keys, by number
	groups []group
}

// group is the lists of a group of files while its files are made.
type group struct {
	mu    sync.Mutex
	lists *lists // nil when not made
	made  []bool // the group's files made so far
	left  int    // the group's files not made yet
}

// lists is what a group's files are made of.
type lists struct {
	keys   map[int32][]byte // the list of every key of the group, as postings
	files  [][]int32        // each file's keys, by number
	blocks [][]blockEntry   // each file's entries of a big key's positions in a block
}

// blockEntry is a big key's positions for its suggestions in a block.
type blockEntry struct {
	id    int32
	block int
	pos   []byte
}

// Shards ends the gathering and spreads the lists over the files: it
// finds the big keys (a big key's list gives only its suggestions, and its
// positions are in one entry per block, in files of their own) and
// spills each big key's entries to the group of their file. The Index
// must not change after.
func (x *Index) Shards() (*Shards, error) {
	x.spill.flush()
	if err := x.spill.err; err != nil {
		return nil, err
	}
	x.ids, x.recs = nil, nil
	s := &Shards{x: x, big: make([]bool, len(x.keys)), groups: make([]group, len(x.docs))}
	anyBig := false
	for id, k := range x.keys {
		s.big[id] = x.n > Block && !k.single() && int(x.size[id]) > BigBytes
		anyBig = anyBig || s.big[id]
	}
	x.last, x.size = nil, nil
	for g := range s.groups {
		files := min(groupShards, x.shards-g*groupShards)
		s.groups[g].made, s.groups[g].left = make([]bool, files), files
		if anyBig {
			if err := s.spillBlocks(g); err != nil {
				return nil, err
			}
		}
	}
	x.spill.flush()
	return s, x.spill.err
}

// records calls do for each record of group g's spill, in the order of
// the suggestions: the suggestion, the key's number, whether the title
// holds it, and, for a key of more than one character, its positions as
// File writes them (the count and the differences). With want, only for
// the keys it marks.
func (s *Shards) records(g int, want []bool, do func(doc int, id int32, inTitle bool, pos []byte)) error {
	data, err := s.x.spill.read(listsPart, g)
	if err != nil {
		return err
	}
	var pos []byte
	doc := -1
	for i := 0; i < len(data); {
		d, n := binary.Uvarint(data[i:])
		i += n
		count, n := binary.Uvarint(data[i:])
		i += n
		doc += int(d)
		for range count {
			v, n := binary.Uvarint(data[i:])
			i += n
			id := int32(v >> 1)
			skip := want != nil && !want[id]
			pos = pos[:0]
			if !s.x.keys[id].single() {
				c, n := binary.Uvarint(data[i:])
				i += n
				if !skip {
					pos = appendNumber(pos, int(c))
				}
				for range c {
					q, n := binary.Uvarint(data[i:])
					i += n
					if !skip {
						pos = appendNumber(pos, int(q))
					}
				}
			}
			if !skip {
				do(doc, id, v&1 == 1, pos)
			}
		}
	}
	return nil
}

// spillBlocks writes the entries of group g's big keys, each block's
// positions, to the spill of the group of the entry's file.
func (s *Shards) spillBlocks(g int) error {
	type open struct {
		block int
		pos   []byte
	}
	entries := map[int32]*open{}
	emit := func(id int32, e *open) {
		name := s.x.keys[id].String() + " " + itoa(e.block)
		to := ShardOf(name, s.x.shards) / groupShards
		r := binary.AppendUvarint(nil, uint64(id))
		r = binary.AppendUvarint(r, uint64(e.block))
		r = binary.AppendUvarint(r, uint64(len(e.pos)))
		s.x.spill.write(blocksPart, to, r, e.pos)
	}
	err := s.records(g, s.big, func(doc int, id int32, _ bool, pos []byte) {
		e := entries[id]
		switch {
		case e == nil:
			e = &open{block: doc / Block}
			entries[id] = e
		case e.block != doc/Block:
			emit(id, e)
			e.block, e.pos = doc/Block, e.pos[:0]
		}
		e.pos = append(e.pos, pos...)
	})
	for id, e := range entries {
		emit(id, e)
	}
	return err
}

// gather makes group g's lists from its spills.
func (s *Shards) gather(g int) (*lists, error) {
	l := &lists{keys: map[int32][]byte{}, files: make([][]int32, len(s.groups[g].made)), blocks: make([][]blockEntry, len(s.groups[g].made))}
	last := map[int32]int{}
	err := s.records(g, nil, func(doc int, id int32, inTitle bool, pos []byte) {
		p, ok := l.keys[id]
		prev := -1
		if ok {
			prev = last[id]
		} else {
			f := int(s.x.home[id]) - g*groupShards
			l.files[f] = append(l.files[f], id)
		}
		t := 0
		if inTitle {
			t = 1
		}
		p = appendNumber(p, 2*(doc-prev)+t)
		l.keys[id], last[id] = append(p, pos...), doc
	})
	if err != nil {
		return nil, err
	}
	data, err := s.x.spill.read(blocksPart, g)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(data); {
		id, n := binary.Uvarint(data[i:])
		i += n
		block, n := binary.Uvarint(data[i:])
		i += n
		size, n := binary.Uvarint(data[i:])
		i += n
		e := blockEntry{id: int32(id), block: int(block), pos: data[i : i+int(size)]}
		i += int(size)
		f := ShardOf(s.x.keys[e.id].String()+" "+itoa(e.block), s.x.shards) - g*groupShards
		l.blocks[f] = append(l.blocks[f], e)
	}
	return l, nil
}

// File writes the i-th file: {"k": {name: list}}, names in byte order. A
// key's list is its suggestions (twice the difference to the previous
// suggestion's number, plus one if the title holds it), then "." and the
// positions (for each suggestion, their count and the differences between
// them); a single character's has no positions; a big key's is "*", its
// suggestions, "." and for each block it occurs in the most positions one
// suggestion there has (a word that holds the key more often than that is
// not in the block, which the page then knows without loading the block's
// positions). An entry "<key> <block>" holds a big key's positions for its
// suggestions in the block.
func (s *Shards) File(i int) ([]byte, error) {
	g, f := i/groupShards, i%groupShards
	gr := &s.groups[g]
	gr.mu.Lock()
	l := gr.lists
	if l == nil {
		var err error
		if l, err = s.gather(g); err != nil {
			gr.mu.Unlock()
			return nil, err
		}
		gr.lists = l
	}
	gr.mu.Unlock()
	k := make(map[string]string, len(l.files[f])+len(l.blocks[f]))
	for _, id := range l.files[f] {
		p, name := l.keys[id], s.x.keys[id].String()
		if s.x.keys[id].single() {
			k[name] = string(p)
			continue
		}
		if docs, pos := split(p); s.big[id] {
			k[name] = "*" + string(docs) + "." + string(most(p))
		} else {
			k[name] = string(docs) + "." + string(pos)
		}
	}
	for _, e := range l.blocks[f] {
		k[s.x.keys[e.id].String()+" "+itoa(e.block)] = string(e.pos)
	}
	data, err := json.Marshal(struct {
		K map[string]string `json:"k"`
	}{k})
	gr.mu.Lock()
	if !gr.made[f] {
		gr.made[f] = true
		gr.left--
	}
	if gr.left == 0 {
		gr.lists = nil // made again from the spill if a file is asked for again
	}
	gr.mu.Unlock()
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
