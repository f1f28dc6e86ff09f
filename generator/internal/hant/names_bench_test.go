package hant

import (
	"os"
	"testing"
)

// BenchmarkNames converts the demo's 2019 report with and without the
// names of a site of 400 deputies and 60 units.
func BenchmarkNames(b *testing.B) {
	data, err := os.ReadFile("../../../content/reports/2019.md")
	if err != nil {
		b.Skip(err)
	}
	var names []string
	for i := range 400 {
		names = append(names, string([]rune("郭魏尚于范谷沈蔡岳万叶王李张刘陈杨黄赵周吴")[i%20])+string([]rune("宇莹顺海伟台雨斗志红成华")[i%12])+string([]rune("清玲涛铭宏娟光霞")[i%8]))
	}
	for i := range 60 {
		names = append(names, "区第"+string(rune('一'+i))+"局")
	}
	n := NewNames(names)
	text := string(data)
	Load()
	b.Run("phrases", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		done := reportCPU(b)
		for b.Loop() {
			Text(text)
		}
		done()
	})
	b.Run("names", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		done := reportCPU(b)
		for b.Loop() {
			n.Text(text)
		}
		done()
	})
}

// BenchmarkTitles converts the titles of a site of 10,000 suggestions, as
// the lists, the deputies' and the units' pages show them again and again.
func BenchmarkTitles(b *testing.B) {
	titles := make([]string, 10000)
	for i := range titles {
		titles[i] = "关于加强" + distinct(i) + "办理答复工作的建议"
	}
	Load()
	done := reportCPU(b)
	for b.Loop() {
		for _, s := range titles {
			Text(s)
		}
	}
	done()
}
