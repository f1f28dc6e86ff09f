package hant

import (
	"strings"
	"sync"
	"sync/atomic"
)

// memoMax is the longest run (in bytes) whose conversion is remembered.
// Short runs are the layouts' own words, the labels, names and titles,
// repeated on many pages; long runs are suggestion text, seen once.
const memoMax = 64

// memoEntries bounds how many runs are remembered: about 8 MB at most,
// room for the titles, names and words of a site of 10,000 suggestions,
// and a bound however long a preview session runs.
const memoEntries = 1 << 15

// runs remembers the conversions of short runs for every build of the
// process.
var runs = newMemo(memoEntries)

// memo remembers conversions, at most about max of them, in two
// generations: new entries go to the newer one until it holds half of
// max, when it becomes the older and the older is dropped. A run found in
// the older generation is copied to the newer, so the words that every
// page repeats are never dropped; those of an edit long ago are. Reading
// takes no lock, as sync.Map's did before the memo was bounded.
type memo struct {
	half int64
	gen  atomic.Pointer[generation]
}

type generation struct {
	newer, older *sync.Map
	n            atomic.Int64 // entries stored in newer
}

func newMemo(max int) *memo {
	m := &memo{half: int64(max / 2)}
	m.gen.Store(&generation{newer: new(sync.Map), older: new(sync.Map)})
	return m
}

// load gives the remembered conversion of r.
func (m *memo) load(r string) (string, bool) {
	g := m.gen.Load()
	if out, ok := g.newer.Load(r); ok {
		return out.(string), true
	}
	if out, ok := g.older.Load(r); ok {
		// r is the caller's, often part of a whole page: the memo keeps
		// a copy, or the entry would keep the page alive.
		m.store(strings.Clone(r), out.(string))
		return out.(string), true
	}
	return "", false
}

// store remembers that r converts to out. r and out must not be part of
// a larger string (such as a page): the memo would keep that alive. Stores that race with the start
// of a generation may land in the one that just became the older: the
// memo then holds a few entries (at most one per goroutine) more than max.
func (m *memo) store(r, out string) {
	g := m.gen.Load()
	if _, loaded := g.newer.LoadOrStore(r, out); loaded {
		return
	}
	if g.n.Add(1) >= m.half {
		m.gen.CompareAndSwap(g, &generation{newer: new(sync.Map), older: g.newer})
	}
}

// len counts the remembered runs.
func (m *memo) len() int {
	n := 0
	count := func(any, any) bool { n++; return true }
	g := m.gen.Load()
	g.newer.Range(count)
	g.older.Range(count)
	return n
}
