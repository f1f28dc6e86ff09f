//go:build portallocal

package build

import (
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/serve"
)

func TestZZPortal(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: repoRoot, Dest: dest, BaseURL: "/rddbjy/"})
	srv := httptest.NewServer(serve.Handler(dest, "/rddbjy/"))
	defer srv.Close()
	args := []string{filepath.Join("testdata", "portal.mjs"), srv.URL + "/rddbjy/"}
	for _, term := range []string{"停车", "加装电梯", "老旧小区", "区住建局"} {
		args = append(args, term+"="+strings.Join(containing(t, term), ","))
	}
	args = append(args, variantQueries(t)...)
	out, err := exec.Command("node", args...).CombinedOutput()
	if err != nil {
		t.Errorf("portal problems:\n%s", out)
	}
}
