//go:build !linux

package build

func swap(tmp, dest string) (string, error) { return swapByRenames(tmp, dest) }
