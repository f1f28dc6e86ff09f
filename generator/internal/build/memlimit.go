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
// listed (measured after a collection), plus 32 MiB, and on a large site
// two and three quarter times, plus 16 MiB (the larger of the two: from
// 64 MiB live, some 15,000 suggestions). What is live while the files are
// written peaks at about twice that at 10,000 suggestions (37 → 76–81 MB)
// and 1.6–1.8 times at 100,000 (199 → 318–361 MB). The collector's work
// is what is live times the number of collections, which is what is
// allocated (in proportion to the site) over the room the limit leaves
// above what is live: a room that grows with the site keeps that work in
// proportion to the site, not to its square. The 32 MiB are for what
// does not grow with the site (a page per worker, a group of the search
// index's lists).
//
// Measured (7 December 2026, 100,000 suggestions, alternating runs, output
// on a RAM disk; the collector's share of processor time from
// GODEBUG=gctrace=1). With four times less 64 MiB (the rule until then,
// a limit of about 696 MiB) the build peaked at 738–741 MiB, 190–195
// collections, the collector 11% of the time; with three times plus
// 8 MiB, at 613 and 625 MiB (a soft limit is passed by up to 50 MiB while
// a collection catches up); with two and three quarter times plus 16 MiB
// (about 538 MiB), at 570 MiB, 247 collections, 13%; with two and a half
// times plus 32 MiB (about 507 MiB), at 537 MiB, 281 collections, 14%.
// The wall times of those runs moved with the machine (148–214 s for the
// same binary) more than with the limit. At 10,000 suggestions the rule
// is the small sites' one: a limit of about 124 MiB, a peak of about
// 141 MiB.
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

// memoryLimit is the limit for live bytes live once the files are listed:
// the small sites' rule or the large sites', whichever is larger.
func memoryLimit(live int64) int64 {
	return max(live*5/2+memoryHeadroom, live*11/4+largeSiteHeadroom)
}

// memoryHeadroom is what the writing of a site's files holds besides what
// grows with the site: a page per worker, a streamed file's buffer, the
// lists of the search index's group of files being written.
const memoryHeadroom = 32 << 20

// largeSiteHeadroom is what the limit of a large site, two and three
// quarter times what is live, adds, so that the two rules meet at 64 MiB.
const largeSiteHeadroom = 16 << 20
