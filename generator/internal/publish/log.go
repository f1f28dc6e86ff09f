package publish

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/source"
)

// LogEntry is one line of the publish log (source.PublishLog): what was
// published where, and when.
type LogEntry struct {
	Time     time.Time
	Target   string // without secrets
	Commit   string // the site's git commit; empty when it is not a git checkout
	Files    int    // files of the site
	Added    int
	Changed  int
	Deleted  int
	Sent     int64 // bytes sent
	Manifest manifest.Sum
}

const logHeader = "# " + source.PublishLog + ": one line per publish, tab-separated: time, target, git commit of the site, " +
	"files of the site, added, changed, deleted, bytes sent, SHA-256 of manifest.sha256\n"

// AppendLog adds e to the log file, creating it with a header line. The
// line is written in one call, so lines never mix.
func AppendLog(file string, e LogEntry) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	var b bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Size() == 0 {
		b.WriteString(logHeader)
	}
	commit := e.Commit
	if commit == "" {
		commit = "-"
	}
	fmt.Fprintf(&b, "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\tsha256:%s\n", e.Time.Format(time.RFC3339), clean(e.Target), clean(commit),
		e.Files, e.Added, e.Changed, e.Deleted, e.Sent, e.Manifest)
	if _, err := f.Write(b.Bytes()); err != nil {
		return err
	}
	return f.Close()
}

func clean(s string) string { return strings.NewReplacer("\t", " ", "\n", " ").Replace(s) }

// GitCommit is the commit the site root is checked out at, followed by
// " (uncommitted changes)" when the site's files differ from it; empty
// when root is not in a git checkout or git is not installed.
func GitCommit(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--verify", "-q", "HEAD").Output()
	if err != nil {
		return ""
	}
	commit := strings.TrimSpace(string(out))
	status, err := exec.Command("git", "-C", root, "status", "--porcelain", "--",
		source.Config, source.ContentDir, source.LayoutDir, source.StaticDir).Output()
	if err == nil && len(bytes.TrimSpace(status)) > 0 {
		commit += " (uncommitted changes)"
	}
	return commit
}
