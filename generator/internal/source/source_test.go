package source

import "testing"

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"001.md": false, "site.css": false, "4913": true, "001.md~": true, ".001.md.swp": true, "001.md.swx": true,
		"001.md.bck": true, "001.md.bak": true, "001.md.orig": true, "#001.md#": true, ".#001.md": true, "001.md.tmp": true,
		".git": true, ".env": true, "2019": false, "index.html": false,
	} {
		if Ignored(name) != want {
			t.Errorf("Ignored(%q) = %v", name, !want)
		}
	}
	for p, want := range map[string]bool{
		"static/css/site.css": false, "static/.git/config": true, "content/suggestions/2019/.001.md.swp": true, "static/img/logo.png~": true,
	} {
		if IgnoredPath(p) != want {
			t.Errorf("IgnoredPath(%q) = %v", p, !want)
		}
	}
}
