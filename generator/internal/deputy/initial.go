package deputy

import (
	"bytes"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// The deputies' index is ordered by the pinyin of the name and grouped by
// its first letter, as directories of people on the web are, rather than by
// the stroke count of the surname (姓氏笔画) that printed lists of deputies
// follow. Residents find a name by its sound: whoever can type it on a phone
// knows its first letter, while counting strokes is a skill that even the
// conventions disagree on (the mainland counts 阝 as two strokes and 艹 as
// three, Taiwan three and four, so 陈 is 7 or 8). A–Z is also at most 23
// links, which fit a phone's screen.
//
// The order is CLDR's Chinese pinyin collation, from golang.org/x/text: no
// table of our own. Its readings are the common ones, which for some
// surnames are wrong (单 is read dān, the surname shàn; 沈 chén, the surname
// shěn), so a surname in surnames is collated as a stand-in of the surname's
// reading. The first letter is found by where the name falls among the
// first characters of each letter in that collation (bounds).

// bounds are the first characters of each letter in CLDR's pinyin order
// (no syllable starts with I, U or V). A character before 阿 has no reading.
var bounds = []struct{ first, letter string }{
	{"阿", "A"}, {"八", "B"}, {"嚓", "C"}, {"哒", "D"}, {"妸", "E"}, {"发", "F"},
	{"旮", "G"}, {"哈", "H"}, {"丌", "J"}, {"咔", "K"}, {"垃", "L"}, {"呣", "M"},
	{"嗯", "N"}, {"喔", "O"}, {"妑", "P"}, {"七", "Q"}, {"呥", "R"}, {"仨", "S"},
	{"他", "T"}, {"穵", "W"}, {"夕", "X"}, {"丫", "Y"}, {"帀", "Z"},
}

// Other is the group of names that start with neither a Latin letter nor
// a character with a pinyin reading.
const Other = "#"

// surnames read differently as surnames than as words, each with a
// stand-in that has the surname's reading (and Traditional forms where they
// differ). Compound surnames come first so that the longest prefix wins.
var surnames = [][2]string{
	{"长孙", "掌孙"}, {"長孫", "掌孙"}, {"万俟", "莫其"}, {"萬俟", "莫其"}, {"尉迟", "玉迟"}, {"尉遲", "玉迟"},
	{"澹台", "谈台"}, {"澹臺", "谈台"},
	{"单", "善"}, {"單", "善"}, {"曾", "增"}, {"解", "谢"}, {"仇", "求"}, {"区", "欧"}, {"區", "欧"},
	{"查", "渣"}, {"朴", "瓢"}, {"盖", "葛"}, {"蓋", "葛"}, {"乐", "岳"}, {"樂", "岳"}, {"翟", "宅"},
	{"缪", "妙"}, {"繆", "妙"}, {"召", "邵"}, {"种", "虫"}, {"種", "虫"}, {"员", "运"}, {"員", "运"},
	{"秘", "必"}, {"繁", "婆"}, {"句", "勾"}, {"隗", "伟"}, {"祭", "债"}, {"覃", "秦"}, {"阚", "砍"},
	{"闞", "砍"}, {"藏", "葬"}, {"重", "虫"}, {"折", "舌"}, {"沈", "审"}, {"蕃", "皮"}, {"郇", "旬"},
	{"枞", "宗"}, {"樅", "宗"}, {"佴", "耐"}, {"适", "阔"}, {"華", "画"}, {"华", "画"}, {"纪", "几"},
	{"紀", "几"}, {"燕", "烟"}, {"牟", "谋"}, {"莘", "申"}, {"曲", "屈"}, {"尉", "卫"}, {"能", "耐"},
}

// collator orders names by pinyin. A collator keeps buffers between calls,
// so each is used by one goroutine at a time: New makes its own.
type collator struct {
	c      *collate.Collator
	buf    collate.Buffer
	bounds [][]byte // the keys of bounds
}

func newCollator() *collator {
	c := &collator{c: collate.New(language.MustParse("zh-u-co-pinyin"))}
	for _, b := range bounds {
		c.bounds = append(c.bounds, append([]byte(nil), c.c.KeyFromString(&c.buf, b.first)...))
		c.buf.Reset()
	}
	return c
}

// reading replaces a surname read otherwise by its stand-in.
func reading(name string) string {
	for _, s := range surnames {
		if rest, ok := strings.CutPrefix(name, s[0]); ok {
			return s[1] + rest
		}
	}
	return name
}

// key gives the sort key of a name, which owns its bytes.
func (c *collator) key(name string) []byte {
	k := append([]byte(nil), c.c.KeyFromString(&c.buf, reading(name))...)
	c.buf.Reset()
	return k
}

// initial gives the group of a name: "A" to "Z" (no "I", "U" or "V"), or
// Other.
func (c *collator) initial(name string) string {
	r, _ := utf8.DecodeRuneInString(name)
	if r < utf8.RuneSelf {
		if unicode.IsLetter(r) {
			return string(unicode.ToUpper(r))
		}
		return Other
	}
	if !unicode.Is(unicode.Han, r) {
		return Other
	}
	first, _ := utf8.DecodeRuneInString(reading(name))
	k := c.c.KeyFromString(&c.buf, string(first))
	i := sort.Search(len(c.bounds), func(i int) bool { return bytes.Compare(c.bounds[i], k) > 0 })
	c.buf.Reset()
	if i == 0 {
		return Other
	}
	return bounds[i-1].letter
}

// Initial gives the group of name in the deputies' index: the first
// letter of its pinyin ("郭宇清" → "G", "单雄" → "S", "Alim" → "A"), or
// Other when it has none.
func Initial(name string) string { return newCollator().initial(name) }
