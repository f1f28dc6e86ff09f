package preview

import (
	"io/fs"
	"strings"
	"sync"

	"rdjy.local/portal/generator/internal/source"
)

// sourceCache is the site's folder with the layouts and site.toml kept in
// memory once read, until forget: a preview reads them again only after
// they changed.
type sourceCache struct {
	fs.FS
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string][]fs.DirEntry
	infos map[string]fs.FileInfo
}

func cached(name string) bool {
	return name == source.Config || name == source.LayoutDir || strings.HasPrefix(name, source.LayoutDir+"/")
}

func (c *sourceCache) ReadFile(name string) ([]byte, error) {
	if !cached(name) {
		return fs.ReadFile(c.FS, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if data, ok := c.files[name]; ok {
		return data, nil
	}
	data, err := fs.ReadFile(c.FS, name)
	if err == nil {
		if c.files == nil {
			c.files = map[string][]byte{}
		}
		c.files[name] = data
	}
	return data, err
}

func (c *sourceCache) ReadDir(name string) ([]fs.DirEntry, error) {
	if !cached(name) {
		return fs.ReadDir(c.FS, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if entries, ok := c.dirs[name]; ok {
		return entries, nil
	}
	entries, err := fs.ReadDir(c.FS, name)
	if err == nil {
		if c.dirs == nil {
			c.dirs = map[string][]fs.DirEntry{}
		}
		c.dirs[name] = entries
	}
	return entries, err
}

// ReadLink and Lstat let source.Walk see the links of the site and follow
// them only inside it.
func (c *sourceCache) ReadLink(name string) (string, error) { return fs.ReadLink(c.FS, name) }
func (c *sourceCache) Lstat(name string) (fs.FileInfo, error) {
	if !cached(name) {
		return fs.Lstat(c.FS, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if fi, ok := c.infos[name]; ok {
		return fi, nil
	}
	fi, err := fs.Lstat(c.FS, name)
	if err == nil {
		if c.infos == nil {
			c.infos = map[string]fs.FileInfo{}
		}
		c.infos[name] = fi
	}
	return fi, err
}

// forget drops what was kept.
func (c *sourceCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files, c.dirs, c.infos = nil, nil, nil
}
