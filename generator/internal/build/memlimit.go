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
// four times what is live, less 64 MiB (the larger of the two: from
// 64 MiB live, some 15,000 suggestions). What is live while the files are
// written peaks at about twice that at 10,000 suggestions (40 → 76–81 MB)
// and 1.7 times at 100,000 (216 → 362–377 MB). The collector's work is
// what is live times the number of collections, which is what is
// allocated (in proportion to the site) over the room the limit leaves
// above what is live: a room that grows with the site keeps that work in
// proportion to the site, not to its square. The 32 MiB are for what
// does not grow with the site (a page per worker, a group of the search
// index's lists).
//
// Measured (December 2026, alternating runs, output on a RAM disk). At
// 10,000 suggestions the limit is about 132 MiB and the build peaks at
// about 144 MiB in about the time it takes with the earlier limit of three
// times plus 64 MiB (peak 193 MiB), now that the rows of lists are let go
// after the lists (with them held to the end, a limit of 140 MiB cost
// 15–20% more time). At 100,000 the same rule would give about 555 MiB:
// the build then peaked at 561 MiB instead of 870 MiB, but took 16% more
// time (median of three: 151.3 s against 130.8 s with four times, 18%
// more processor time), the room at the end being a third of what four
// times leaves; four times less 64 MiB keeps most of that room. A limit
// is soft: Go exceeds it rather than spend most of its time collecting.
// GOMEMLIMIT=555MiB trades that time for that memory; measured again on
// a slower evening, GOMEMLIMIT=577MiB peaked at 583 MiB for 27% more time
// (173.5 and 164.0 s against 125.1 and 139.7 s, alternating).
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
	before := debug.SetMemoryLimit(max(live*5/2+memoryHeadroom, 4*live-largeSiteCut))
	return func() { debug.SetMemoryLimit(before) }
}

// memoryHeadroom is what the writing of a site's files holds besides what
// grows with the site: a page per worker, a streamed file's buffer, the
// lists of the search index's group of files being written.
const memoryHeadroom = 32 << 20

// largeSiteCut is what the limit of a large site, four times what is
// live, is less by, so that the two rules meet.
const largeSiteCut = 64 << 20
