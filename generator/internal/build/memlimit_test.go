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
