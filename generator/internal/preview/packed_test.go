package preview

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPackKeepsEveryByte packs files of every kind and size and unpacks
// them again: text that compresses, bytes that do not, and nothing.
func TestPackKeepsEveryByte(t *testing.T) {
	noise := make([]byte, 5000)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	page := []byte(strings.Repeat("<li><a href=\"/suggestions/2019-001/\">关于加强老旧小区加装电梯的建议</a></li>\n", 2000))
	for name, data := range map[string][]byte{
		"empty": {}, "one byte": {'x'}, "page": page, "noise": noise,
	} {
		p := pack(data)
		if p.size() != int64(len(data)) {
			t.Errorf("%s: size %d, want %d", name, p.size(), len(data))
		}
		got, err := p.unpack()
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: unpacked %d bytes (error %v), want the %d packed", name, len(got), err, len(data))
		}
	}
	if p := pack(page); !p.gz || len(p.data) > len(page)/10 {
		t.Errorf("a repetitive page of %d bytes is kept in %d (compressed: %t)", len(page), len(p.data), p.gz)
	}
	if p := pack(noise); p.gz || len(p.data) != len(noise) {
		t.Errorf("bytes that do not compress are kept in %d bytes (compressed: %t), want %d as they are", len(p.data), p.gz, len(noise))
	}
}
