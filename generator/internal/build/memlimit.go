package build

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// limitMemory bounds the heap of the rest of a build, once the site is
// loaded and its files listed, and returns what restores the limit before.
//
// With Go's default collector settings the heap may grow to twice what was
// live at the last collection, and further while a collection running
// beside the workers catches up; what is live grows as the build goes (the
// rows of lists while the lists are made, the search index's keys and the
// group of lists being written, the Traditional converter's memo, the
// record of the files written), so without a limit a build's peak is
// three to four times its working set.
//
// The limit is two and a half times what is live once the files are
// listed (measured after a collection), plus 32 MiB. What is live while
// the files are written peaks at about twice that at 10,000 suggestions
// (37 → 76–81 MB) and 1.7–1.9 times at 100,000 (199 → 339–375 MB, the
// rows of lists and the search index). The collector's work is what is
// live times the number of collections, which is what is allocated (in
// proportion to the site) over the room the limit leaves above what is
// live: a room that grows with the site keeps that work in proportion to
// the site, not to its square. The 32 MiB are for what does not grow
// with the site (a page per worker, a group of the search index's lists).
//
// Measured (8 December 2026, 100,000 suggestions with the repository's
// layouts, alternating runs, output on a RAM disk; the collector's share
// of processor time and what is live, in MiB, from GODEBUG=gctrace=1): with this rule (a limit of
// about 530 MiB) the build peaked at 537 MiB twice, 260–263 collections,
// the collector 16–17% of the time, 143.2 and 162.6 s (and at 551–569 MiB
// in four runs alternating with 10,000 builds); with two and three
// quarter times plus 16 MiB on large sites (the rule of 7 December, about
// 563 MiB), at 570 and 585 MiB, and at 599 and 621 MiB in two runs of the
// same night, 234–236 collections, 14–15%, 152.4 and 174.5 s: too close to
// issue 14's 600 MiB. (That rule's measurement of 7 December, 569–572 MiB,
// was made on a benchmark site whose layouts predated the rows made once,
// which hold more while the lists are written.) At 10,000 suggestions the
// limit is about 124 MiB and the build peaks at about 141 MiB.
//
// A limit the user set (GOMEMLIMIT) is kept.
func limitMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	live := int64(sample[0].Value.Uint64())
	before := debug.SetMemoryLimit(memoryLimit(live))
	return func() { debug.SetMemoryLimit(before) }
}

// memoryLimit is the limit for live bytes live once the files are listed.
func memoryLimit(live int64) int64 {
	return live*5/2 + memoryHeadroom
}

// memoryHeadroom is what the writing of a site's files holds besides what
// grows with the site: a page per worker, a streamed file's buffer, the
// lists of the search index's group of files being written.
const memoryHeadroom = 32 << 20
