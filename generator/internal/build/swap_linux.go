package build

import "golang.org/x/sys/unix"

// swap exchanges the new build and the destination in one step, so that a
// web server reading the destination never finds it missing. It returns the
// folder that now holds the previous build.
func swap(tmp, dest string) (string, error) {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if err == nil {
		return tmp, nil
	}
	return swapByRenames(tmp, dest)
}
