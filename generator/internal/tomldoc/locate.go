package tomldoc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// locateKeys maps every key path of a TOML text ("year", "progress.1.date")
// to the line and column where the key is written, and every table header
// ("progress.1") to its header line. The TOML library reports no positions
// for keys it decoded without trouble, yet a webmaster needs to be told where
// a valid-looking but wrong value stands. The scan understands the TOML that
// front matter uses (bare and quoted keys, dotted keys, [tables] and
// [[arrays of tables]]); anything it misreads falls back to a coarser position.
func locateKeys(text string, firstLine int) map[string]position {
	found := make(map[string]position)
	arrays := make(map[string]int) // table-array path -> entries seen
	prefix := ""
	inMultiline := ""
	for i, line := range strings.Split(text, "\n") {
		lineNo := firstLine + i
		trimmed := strings.TrimSpace(line)
		if inMultiline != "" {
			if strings.Count(line, inMultiline)%2 == 1 {
				inMultiline = ""
			}
			continue
		}
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		col := 1 + utf8.RuneCountInString(line[:len(line)-len(strings.TrimLeft(line, " \t"))])
		if strings.HasPrefix(trimmed, "[[") {
			name := strings.Join(splitKey(strings.Trim(cutComment(trimmed), "[] \t")), ".")
			n := arrays[name]
			arrays[name] = n + 1
			prefix = name + "." + strconv.Itoa(n) + "."
			remember(found, name, position{lineNo, col, 0})
			remember(found, strings.TrimSuffix(prefix, "."), position{lineNo, col, 0})
			continue
		}
		if strings.HasPrefix(trimmed, "[") {
			name := strings.Join(splitKey(strings.Trim(cutComment(trimmed), "[] \t")), ".")
			prefix = name + "."
			remember(found, name, position{lineNo, col, 0})
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq <= 0 {
			continue
		}
		keys := splitKey(trimmed[:eq])
		if len(keys) == 0 {
			continue
		}
		value := trimmed[eq+1:]
		valueCol := col + utf8.RuneCountInString(trimmed[:eq+1]) + utf8.RuneCountInString(value) - utf8.RuneCountInString(strings.TrimLeft(value, " \t"))
		remember(found, prefix+strings.Join(keys, "."), position{lineNo, col, valueCol})
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(value, q)%2 == 1 {
				inMultiline = q
			}
		}
	}
	return found
}

// position is where a key is written; valueCol is where its value starts
// (zero for table headers).
type position struct{ line, col, valueCol int }

func remember(m map[string]position, path string, p position) {
	if _, ok := m[path]; !ok {
		m[path] = p
	}
}

// splitKey splits a possibly dotted, possibly quoted TOML key.
func splitKey(s string) []string {
	var keys []string
	s = strings.TrimSpace(s)
	for s != "" {
		var k string
		switch s[0] {
		case '"', '\'':
			end := strings.IndexByte(s[1:], s[0])
			if end < 0 {
				return nil
			}
			k, s = s[1:1+end], s[2+end:]
		default:
			end := strings.IndexAny(s, ". \t")
			if end < 0 {
				end = len(s)
			}
			k, s = s[:end], s[end:]
		}
		keys = append(keys, k)
		s = strings.TrimLeft(strings.TrimSpace(s), ".")
		s = strings.TrimSpace(s)
	}
	return keys
}

func cutComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return s[:i]
	}
	return s
}
