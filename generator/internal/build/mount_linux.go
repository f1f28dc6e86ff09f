package build

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// mountPoint reports whether the folder path (absolute, links resolved) is
// where a file system is mounted: a Docker volume, a bind mount or a
// network share. Such a folder cannot be renamed (EBUSY).
func mountPoint(path string) bool {
	if data, err := os.ReadFile("/proc/self/mountinfo"); err == nil {
		for _, m := range mountPoints(data) {
			if m == path {
				return true
			}
		}
		return false
	}
	var st, parent syscall.Stat_t
	if syscall.Stat(path, &st) != nil || syscall.Stat(filepath.Dir(path), &parent) != nil {
		return false
	}
	return st.Dev != parent.Dev
}

// mountPoints reads the mount points of /proc/self/mountinfo: the fifth
// field of each line, with spaces and other characters written as octal
// escapes (\040).
func mountPoints(mountinfo []byte) []string {
	var points []string
	sc := bufio.NewScanner(bytes.NewReader(mountinfo))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 5 {
			points = append(points, unescapeOctal(fields[4]))
		}
	}
	return points
}

func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
