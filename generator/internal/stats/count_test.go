package stats

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/config/configtest"
	"rdjy.local/portal/generator/internal/content"
)

// matches is the meaning of a condition, written out for the recount.
func matches(s *content.Suggestion, c Cond) bool {
	switch c.Field {
	case "category":
		return s.Category == c.Key
	case "outcome":
		return s.IsReplied() && s.Outcome == c.Key
	case "satisfaction":
		return s.Satisfaction == c.Key
	case "unit":
		return s.LeadUnit == c.Key
	case "key":
		return s.Key
	case "replied":
		return s.IsReplied()
	case "met":
		return s.Met
	case "feedback":
		return s.Satisfaction != ""
	}
	panic(c.Field)
}

// TestCountEqualsRecount asks random filters of one to three conditions
// of random content (more than 64 suggestions a year, so that the sets
// span several words) and recounts each by brute force.
func TestCountEqualsRecount(t *testing.T) {
	site := configtest.Site(t)
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	day := time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)
	var all []*content.Suggestion
	for i := range 300 {
		s := &content.Suggestion{Number: strconv.Itoa(i), Year: 2019 + rng.IntN(2), Category: pick("城建交通", "财政经济"),
			LeadUnit: pick("区住建局", "区城管局", "区财政局"), Met: rng.IntN(2) == 0, Key: rng.IntN(4) == 0}
		if rng.IntN(3) != 0 {
			s.Replied, s.Outcome, s.Satisfaction = day, pick("A", "B"), pick("满意", "基本满意", "不满意", "")
		}
		all = append(all, s)
	}
	st := Compute(site, all)
	choices := []Cond{Category("城建交通"), Category("财政经济"), Outcome("A"), Outcome("B"), Satisfaction("满意"),
		Satisfaction("不满意"), LeadUnit("区住建局"), LeadUnit("区城管局"), LeadUnit("无此单位"), Key(), Replied(), Met(), Feedback()}
	recount := func(year int, filter []Cond) int {
		n := 0
		for _, s := range all {
			ok := s.Year == year
			for _, c := range filter {
				ok = ok && matches(s, c)
			}
			if ok {
				n++
			}
		}
		return n
	}
	for range 500 {
		year := 2019 + rng.IntN(2)
		filter := make([]Cond, 1+rng.IntN(3))
		for i := range filter {
			filter[i] = choices[rng.IntN(len(choices))]
		}
		y := st.Years[year]
		if got, want := y.Count(filter...), recount(year, filter); got != want {
			t.Errorf("%d %v: Count %d, recount %d", year, filter, got, want)
		}
		sh := y.Share(filter...)
		if want := recount(year, base(filter)); sh.Whole != want || sh.Part != recount(year, filter) {
			t.Errorf("%d %v: Share %+v, recount whole %d", year, filter, sh, want)
		}
	}
	if n := st.Years[2019].Count(); n != recount(2019, nil) {
		t.Errorf("Count() = %d, want the year's total", n)
	}
	if (*Year)(nil).Count(Key()) != 0 {
		t.Error("a year without suggestions counts something")
	}
}

func TestShareBase(t *testing.T) {
	for _, c := range []struct {
		filter []Cond
		want   string
	}{
		{[]Cond{Category("c")}, "[]"},
		{[]Cond{Outcome("A")}, "[{replied }]"},
		{[]Cond{Key(), Satisfaction("满意")}, "[{key } {feedback }]"},
		{[]Cond{Category("c"), Outcome("A")}, "[{category c} {replied }]"},
		{[]Cond{Met()}, "[]"},
	} {
		if got := fmtConds(base(c.filter)); got != c.want {
			t.Errorf("base(%v) = %s, want %s", c.filter, got, c.want)
		}
	}
}

func fmtConds(cs []Cond) string {
	s := "["
	for i, c := range cs {
		if i > 0 {
			s += " "
		}
		s += "{" + c.Field + " " + c.Key + "}"
	}
	return s + "]"
}

func TestRatioCompare(t *testing.T) {
	if (Ratio{1, 3}).Compare(Ratio{2, 6}) != 0 || (Ratio{1, 3}).Compare(Ratio{1, 2}) >= 0 || (Ratio{3, 4}).Compare(Ratio{2, 3}) <= 0 {
		t.Error("Compare does not order by value")
	}
	if (Ratio{0, 0}).Defined() || !(Ratio{0, 1}).Defined() {
		t.Error("Defined")
	}
}
