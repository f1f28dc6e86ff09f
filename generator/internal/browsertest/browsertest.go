// Package browsertest tells tests whether the browser checks can run:
// Node.js, the repository's node_modules (from `npm ci`, with
// playwright-core) and Debian's Chromium ($CHROMIUM overrides its path).
package browsertest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Ready reports whether the browser checks can run from the repository at
// root. When they cannot, it fails t in CI (where .ci/run installs
// everything) and otherwise logs what is missing.
func Ready(t testing.TB, root string) bool {
	t.Helper()
	_, nodeErr := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(root, "node_modules", "playwright-core"))
	browser := os.Getenv("CHROMIUM")
	if browser == "" {
		browser = "/usr/bin/chromium"
	}
	_, browserErr := os.Stat(browser)
	err := errors.Join(nodeErr, modErr, browserErr)
	if err == nil {
		return true
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("the browser checks cannot run in CI: %v", err)
	}
	t.Logf("skipping the browser checks (they need node, npm ci and chromium): %v", err)
	return false
}
