package build

import (
	"runtime/debug"
	"testing"
)

// TestLimitMemory: the limit (on a test's small heap, two and a half
// times what is live plus the headroom) is set while the files are
// written and then restored; one the user set in GOMEMLIMIT is left
// alone.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	restore := limitMemory()
	set := debug.SetMemoryLimit(-1)
	restore()
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("the limit is %d after the build, %d before", after, before)
	}
	if set < memoryHeadroom || set > 3*memoryHeadroom {
		t.Errorf("limit %d MiB for a test's small heap, want a little over %d MiB", set>>20, memoryHeadroom>>20)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	limitMemory()()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("with GOMEMLIMIT set the limit became %d", got)
	}
}

// TestMemoryLimitRules: the limit grows by two and a half MiB a MiB live
// (no step), 10,000 suggestions (37 MiB live once the files are listed,
// as GODEBUG=gctrace=1 counts) get about 124 MiB, and the
// 100,000-suggestion benchmark site (199 MiB) gets a limit that leaves its
// peak under issue 14's 600 MiB (this rule's 530 MiB peaked at 537-569 MiB;
// the rule of 7 December, about 563 MiB, at 570-621 MiB; measured in
// memlimit.go).
func TestMemoryLimitRules(t *testing.T) {
	const mib = 1 << 20
	for live := int64(0); live < 256*mib; live += mib {
		if next := memoryLimit(live + mib); next-memoryLimit(live) > 5*mib/2 {
			t.Fatalf("the limit grows from %d to %d MiB at %d MiB live, more than 2.5 MiB a MiB", memoryLimit(live)>>20, next>>20, live>>20)
		}
	}
	if got := memoryLimit(37 * mib); got < 120*mib || got > 128*mib {
		t.Errorf("at 37 MiB live (10,000 suggestions) the limit is %d MiB, want about 124 MiB (the build peaks at about 141 MiB)", got>>20)
	}
	if got := memoryLimit(199 * mib); got > 540*mib {
		t.Errorf("at 199 MiB live (100,000 suggestions) the limit is %d MiB: the peak would come near 600 MiB", got>>20)
	}
}
