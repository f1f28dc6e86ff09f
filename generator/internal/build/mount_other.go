//go:build !linux

package build

// mountPoint is not known here; replacing a mount point fails with the
// system's error, which commit explains.
func mountPoint(string) bool { return false }
