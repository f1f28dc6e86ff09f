package build

import (
	"os"
	"path/filepath"
	"strings"
)

// swapByRenames moves the destination aside and the new build in its place.
// If the second rename fails the previous build is moved back.
func swapByRenames(tmp, dest string) (string, error) {
	old := filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".old-"+strings.TrimPrefix(filepath.Base(tmp), "."+filepath.Base(dest)+".new-"))
	if err := os.Rename(dest, old); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return "", err
	}
	return old, nil
}
