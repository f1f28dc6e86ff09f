package stats

import (
	"math/bits"

	"rdjy.local/portal/generator/internal/content"
)

// Cond is a condition a published suggestion of a year meets or not. The
// fields are the words of the annual reports' figures (see package
// report): {{count category 城建交通 outcome A}} counts the suggestions
// meeting Category("城建交通") and Outcome("A").
type Cond struct {
	Field string // category, outcome, satisfaction, unit, key, replied, met or feedback
	Key   string // the category, outcome or satisfaction key, or the lead unit's name
}

// Category is met by the suggestions of a category.
func Category(key string) Cond { return Cond{"category", key} }

// Outcome is met by the replied suggestions with that outcome.
func Outcome(key string) Cond { return Cond{"outcome", key} }

// Satisfaction is met by the suggestions whose deputy answered so.
func Satisfaction(key string) Cond { return Cond{"satisfaction", key} }

// LeadUnit is met by the suggestions a unit leads.
func LeadUnit(name string) Cond { return Cond{"unit", name} }

// Key is met by key suggestions (重点建议).
func Key() Cond { return Cond{Field: "key"} }

// Replied is met once the handling unit has replied.
func Replied() Cond { return Cond{Field: "replied"} }

// Met is met when the unit met the deputy (见面沟通).
func Met() Cond { return Cond{Field: "met"} }

// Feedback is met once the deputy has answered, whatever the answer.
func Feedback() Cond { return Cond{Field: "feedback"} }

// conds lists every condition s meets.
func conds(s *content.Suggestion) []Cond {
	c := []Cond{Category(s.Category), LeadUnit(s.LeadUnit)}
	if s.IsReplied() {
		c = append(c, Replied(), Outcome(s.Outcome))
	}
	if s.Satisfaction != "" {
		c = append(c, Feedback(), Satisfaction(s.Satisfaction))
	}
	if s.Key {
		c = append(c, Key())
	}
	if s.Met {
		c = append(c, Met())
	}
	return c
}

// set holds the positions of a year's suggestions, one bit each.
type set []uint64

// sets are a year's sets by condition.
type sets map[Cond]set

func (s sets) add(c Cond, i int) {
	b := s[c]
	for len(b) <= i/64 {
		b = append(b, 0)
	}
	b[i/64] |= 1 << (i % 64)
	s[c] = b
}

// Count is the number of the year's suggestions that meet every condition
// of filter; with none, all of them.
func (y *Year) Count(filter ...Cond) int {
	if y == nil {
		return 0
	}
	if len(filter) == 0 {
		return y.Total
	}
	first := y.sets[filter[0]]
	n := 0
	for w, bits0 := range first {
		for _, c := range filter[1:] {
			other := y.sets[c]
			if w >= len(other) {
				bits0 = 0
				break
			}
			bits0 &= other[w]
		}
		n += bits.OnesCount64(bits0)
	}
	return n
}

// Share measures the last condition of filter among the suggestions the
// conditions before it select (all of the year when there are none),
// counting only replied suggestions for an outcome and only those with
// feedback for a satisfaction: Share(Outcome("A")) is A among the replied,
// Share(Key(), Satisfaction("满意")) is 满意 among the key suggestions with
// feedback. filter must not be empty.
func (y *Year) Share(filter ...Cond) Ratio {
	return Ratio{Part: y.Count(filter...), Whole: y.Count(base(filter)...)}
}

// base is the whole a share is taken of: the conditions before the last,
// among replied suggestions when the last is an outcome and among those
// with feedback when it is a satisfaction.
func base(filter []Cond) []Cond {
	last := filter[len(filter)-1]
	b := append([]Cond(nil), filter[:len(filter)-1]...)
	switch last.Field {
	case "outcome":
		b = append(b, Replied())
	case "satisfaction":
		b = append(b, Feedback())
	}
	return b
}

// Ratio is a count out of another, such as a share.
type Ratio struct{ Part, Whole int }

// Percent formats the ratio as a share (see Percent).
func (r Ratio) Percent() string { return Percent(r.Part, r.Whole) }

// Defined reports whether there is anything to divide by.
func (r Ratio) Defined() bool { return r.Whole > 0 }

// Compare orders two defined ratios by value: negative when r is smaller.
func (r Ratio) Compare(o Ratio) int {
	a, b := r.Part*o.Whole, o.Part*r.Whole
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
