//go:build !unix

package publish

func freeSpace(string) (int64, bool) { return 0, false }
