package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// destLock is held by a build for its destination while it runs: the file
// .public.lock beside the output, locked (flock) and holding the build's
// process id. The system releases the lock when the process ends however
// it ends (kill -9 too), so a build that gets the lock knows that the
// temporary folders beside the output are dead builds' leftovers and
// removes them at once, and a second build into the same folder at the
// same time is refused, naming the process that runs.
type destLock struct {
	f *os.File
}

func lockDest(parent, base string) (*destLock, error) {
	name := filepath.Join(parent, "."+base+".lock")
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, fileMode)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		data, _ := os.ReadFile(name)
		f.Close()
		pid := strings.TrimSpace(string(data))
		if _, perr := strconv.Atoi(pid); perr != nil {
			pid = "unknown"
		}
		return nil, fmt.Errorf("another build into %s is running (process %s); wait for it to finish", filepath.Join(parent, base), pid)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &destLock{f: f}, nil
}

// release unlocks; the file stays for the next build.
func (l *destLock) release() {
	if l != nil && l.f != nil {
		unlock(l.f)
		l.f.Close()
		l.f = nil
	}
}
