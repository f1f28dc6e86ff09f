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
// beside the workers catches up; what is live grows as the build goes (to
// about twice the loaded site at the end of the 10,000-suggestion build:
// the Traditional converter's memo, the record of the files written, the
// lists of the search index's group of files being written, the data
// files), so without a limit a build's peak is about three to four times
// its working set. Since the search index no longer holds every list to
// the end, the limit binds less and costs no processor time that can be
// told from the noise: on the 10,000 site (a loaded machine, the same
// binary, alternating runs) a build peaks at 218 MB with it and at
// 253–272 MB without (GOMEMLIMIT=1TiB), with 25.4–26.2 s of user time
// with it and 21.6–30.3 s without.
// The limit is three times what is live once the site is loaded (measured
// after a collection: the content, the indexes, the list of files), plus
// headroom for what the writing holds at once. The collector then runs
// more often near the limit instead of letting the heap grow; it is a soft
// limit, which Go exceeds rather than spend most of its time collecting. A
// tighter limit (twice what is live, plus 48 MiB) held the
// 10,000-suggestion build to about 215 MB but cost a third more processor
// time in collections at its end, where the search indexes hold every
// suggestion's text.
//
// On a large site the limit is four times what is live instead (from about
// 64 MiB live, some 30,000 suggestions): what is live while the files are
// written grows to about 2.2 times what was live once they were listed,
// and the collector's work is what is live times the number of
// collections, which is what is allocated (in proportion to the site)
// over the room left above what is live. With a constant room that work
// grows with the square of the site; with room in proportion to what is
// live it grows with the site. At 100,000 suggestions (main at 0a56ece,
// alternating runs) three times plus 64 MiB peaked at 730 MiB but took 12%
// more time than before the live heap was cut by about 100 MB (the room
// shrank by twice the cut), with collection at 20% of the processor time;
// four times peaks at 881 MiB and takes less time than before.
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
	before := debug.SetMemoryLimit(max(3*live+memoryHeadroom, 4*live))
	return func() { debug.SetMemoryLimit(before) }
}

// memoryHeadroom is what the writing of a site's files holds besides the
// loaded site, at most: a page per worker, a streamed file's buffer, the
// parts of the search index being made.
const memoryHeadroom = 64 << 20
