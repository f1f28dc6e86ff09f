package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"
)

// profiles are the -cpuprofile and -memprofile of build and serve: where a
// build's or a preview's time and memory go, for developers (go tool pprof
// FILE). serve writes them when it stops.
type profiles struct {
	cpu, mem string

	cpuFile *os.File
	stop    chan struct{}
	done    sync.WaitGroup
	peak    bytes.Buffer // the heap profile at the largest live heap seen
}

func (p *profiles) flags(fs *flag.FlagSet) {
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile to `file` (for developers: go tool pprof)")
	fs.StringVar(&p.mem, "memprofile", "", "write a heap profile to `file`, taken when the live heap was largest (for developers: go tool pprof)")
}

// start starts the CPU profile and the watch of the live heap.
func (p *profiles) start() error {
	if p.cpu != "" {
		f, err := os.Create(p.cpu)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return err
		}
		p.cpuFile = f
	}
	if p.mem != "" {
		p.stop = make(chan struct{})
		p.done.Go(p.watchHeap)
	}
	return nil
}

// watchHeap keeps the heap profile of the largest live heap: the heap
// profile describes the heap as the last garbage collection left it, which
// is what the live-heap figure measures too.
func (p *profiles) watchHeap() {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var most uint64
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if live := sample[0].Value.Uint64(); live > most+most/20 {
			most = live
			p.peak.Reset()
			pprof.Lookup("heap").WriteTo(&p.peak, 0)
		}
	}
}

// finish stops the profiles and writes them.
func (p *profiles) finish() error {
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		if err := p.cpuFile.Close(); err != nil {
			return err
		}
	}
	if p.stop != nil {
		close(p.stop)
		p.done.Wait()
		if err := os.WriteFile(p.mem, p.peak.Bytes(), 0o644); err != nil {
			return fmt.Errorf("-memprofile: %w", err)
		}
	}
	return nil
}
