//go:build unix

package hant

import (
	"syscall"
	"testing"
	"time"
)

// reportCPU, called before a benchmark's loop, returns a function that,
// called after it, adds the process's CPU time per operation to the
// results as cpu-ns/op. On a machine shared with other work, time per
// operation measures the others as much as the code; CPU time much less.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
