package stats

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/config/configtest"
	"rdjy.local/portal/generator/internal/content"
)

// The shares printed in the 2019 report on 133 suggestions, given to one
// decimal, and the rounding rule's edges.
func TestPercent(t *testing.T) {
	for _, c := range []struct {
		part, whole int
		want        string
	}{
		{46, 133, "34.6%"}, {15, 133, "11.3%"}, {16, 133, "12.0%"}, {29, 133, "21.8%"},
		{17, 133, "12.8%"}, {10, 133, "7.5%"}, {82, 133, "61.7%"}, {30, 133, "22.6%"},
		{21, 133, "15.8%"}, {133, 133, "100%"}, {0, 7, "0%"}, {1, 0, "—"},
		{129, 133, "97.0%"}, {4, 133, "3.0%"}, {1, 3, "33.3%"}, {2, 3, "66.7%"},
		// Half up: 6.25 → 6.3, 0.05 → 0.1, just under half → down.
		{1, 16, "6.3%"}, {1, 2000, "0.1%"}, {1, 2001, "0.0%"},
		// Not all, but rounds to 100.0: the decimal shows it is not exact.
		{1999, 2000, "100.0%"},
	} {
		if got := Percent(c.part, c.whole); got != c.want {
			t.Errorf("Percent(%d, %d) = %s, want %s", c.part, c.whole, got, c.want)
		}
	}
}

func TestCompute(t *testing.T) {
	site := configtest.Site(t)
	replied := time.Date(2019, 6, 20, 0, 0, 0, 0, time.UTC)
	st := Compute(site, []*content.Suggestion{
		{Year: 2019, Category: "城建交通", LeadUnit: "区住建局", Met: true, Key: true, Replied: replied, Outcome: "A", Satisfaction: "满意"},
		{Year: 2019, Category: "城建交通", LeadUnit: "区住建局", Met: true, Replied: replied, Outcome: "B"},
		{Year: 2019, Category: "城建交通", LeadUnit: "区城管局"},
		{Year: 2020, Category: "财政经济", LeadUnit: "区商务局"},
	})
	y := st.Years[2019]
	if y.Total != 3 || y.Replied != 2 || y.Met != 2 || y.Key != 1 {
		t.Errorf("2019 totals: %+v", y)
	}
	if y.Category["城建交通"] != 3 || y.Category["财政经济"] != 0 || len(y.Category) != 2 {
		t.Errorf("categories must list every key: %v", y.Category)
	}
	if y.Outcome["A"] != 1 || y.Outcome["B"] != 1 || y.Satisfaction["满意"] != 1 || y.Feedback() != 1 {
		t.Errorf("outcome %v, satisfaction %v", y.Outcome, y.Satisfaction)
	}
	if y.LeadUnit["区住建局"] != 2 || y.LeadUnit["区城管局"] != 1 || len(y.LeadUnit) != 2 {
		t.Errorf("lead units: %v", y.LeadUnit)
	}
	if st.Years[2020].Total != 1 || st.Years[2020].Replied != 0 {
		t.Errorf("2020: %+v", st.Years[2020])
	}
}

// TestComputeEqualsRecount compares Compute with a direct recount of every
// figure, one filter over all suggestions per figure, on random content:
// several years, unreplied suggestions, missing feedback, 不满意, missing
// assignment dates, units that only co-handle.
func TestComputeEqualsRecount(t *testing.T) {
	site := configtest.Site(t)
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	units := []string{"区住建局", "区城管局", "区财政局", "区民政局", "区教体局"}
	day0 := time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC)
	var all []*content.Suggestion
	for i := range 400 {
		s := &content.Suggestion{
			Number:   "n-" + strconv.Itoa(i),
			Year:     2018 + rng.IntN(3),
			Category: pick("城建交通", "财政经济"),
			LeadUnit: pick(units...),
			Met:      rng.IntN(2) == 0,
			Key:      rng.IntN(5) == 0,
		}
		for _, u := range units {
			if rng.IntN(6) == 0 {
				s.CoUnits = append(s.CoUnits, u)
			}
		}
		if rng.IntN(8) != 0 {
			s.Assigned = day0.AddDate(s.Year-2018, 0, rng.IntN(60))
		}
		if rng.IntN(4) != 0 {
			s.Replied = day0.AddDate(s.Year-2018, 1, rng.IntN(150))
			s.Outcome = pick("A", "B")
			s.Satisfaction = pick("满意", "不满意", "", "")
			if rng.IntN(5) != 0 {
				s.Published = s.Replied.AddDate(0, 0, rng.IntN(45))
			}
		}
		s.Disclosure = content.Disclosure(pick("全文", "全文", "摘要", "不公开", ""))
		all = append(all, s)
	}
	st := Compute(site, all)
	asOf := st.AsOfDate()

	count := func(f func(*content.Suggestion) bool) int {
		n := 0
		for _, s := range all {
			if f(s) {
				n++
			}
		}
		return n
	}
	for year := 2018; year <= 2020; year++ {
		y := st.Years[year]
		in := func(f func(*content.Suggestion) bool) int {
			return count(func(s *content.Suggestion) bool { return s.Year == year && f(s) })
		}
		check := func(what string, got, want int) {
			t.Helper()
			if got != want {
				t.Errorf("%d %s = %d, recount %d", year, what, got, want)
			}
		}
		check("total", y.Total, in(func(*content.Suggestion) bool { return true }))
		check("replied", y.Replied, in(func(s *content.Suggestion) bool { return !s.Replied.IsZero() }))
		check("met", y.Met, in(func(s *content.Suggestion) bool { return s.Met }))
		check("key", y.Key, in(func(s *content.Suggestion) bool { return s.Key }))
		// Publication on time, told by the calendar directly.
		deadline := func(s *content.Suggestion) (time.Time, bool) {
			if s.Replied.IsZero() || s.Published.IsZero() {
				return time.Time{}, false
			}
			d, err := site.Calendar.AddWorkdays(s.Replied, 20)
			return d, err == nil
		}
		pubTimed := func(s *content.Suggestion) bool { _, ok := deadline(s); return ok }
		pubOnTime := func(s *content.Suggestion) bool { d, ok := deadline(s); return ok && !s.Published.After(d) }
		check("publication timed", y.PublicationTimed, in(pubTimed))
		check("published on time", y.PublishedOnTime, in(pubOnTime))
		if y.PublishedOnTime == y.PublicationTimed || y.PublishedOnTime == 0 {
			t.Errorf("%d: the random content should publish some replies late and some on time: %d of %d", year, y.PublishedOnTime, y.PublicationTimed)
		}
		for _, mode := range []string{"全文", "摘要", "不公开"} {
			check("disclosure "+mode, y.Disclosure[mode], in(func(s *content.Suggestion) bool {
				return string(s.Disclosure) == mode || s.Disclosure == "" && mode == "全文"
			}))
		}
		for _, c := range []string{"城建交通", "财政经济"} {
			check("category "+c, y.Category[c], in(func(s *content.Suggestion) bool { return s.Category == c }))
			for _, o := range []string{"A", "B"} {
				check(c+"×"+o, y.CategoryOutcome[c][o], in(func(s *content.Suggestion) bool {
					return s.Category == c && !s.Replied.IsZero() && s.Outcome == o
				}))
			}
		}
		for _, o := range []string{"A", "B"} {
			check("outcome "+o, y.Outcome[o], in(func(s *content.Suggestion) bool { return !s.Replied.IsZero() && s.Outcome == o }))
		}
		for _, f := range []string{"满意", "不满意"} {
			check("satisfaction "+f, y.Satisfaction[f], in(func(s *content.Suggestion) bool { return s.Satisfaction == f }))
			check("key satisfaction "+f, y.KeySatisfaction[f], in(func(s *content.Suggestion) bool { return s.Key && s.Satisfaction == f }))
		}
		for _, name := range units {
			u := y.Units[name]
			if u == nil {
				u = &Unit{}
			}
			lead := func(f func(*content.Suggestion) bool) int {
				return in(func(s *content.Suggestion) bool { return s.LeadUnit == name && f(s) })
			}
			check(name+" led", u.Led, lead(func(*content.Suggestion) bool { return true }))
			check(name+" co", u.CoHandled, in(func(s *content.Suggestion) bool {
				return s.LeadUnit != name && slices.Contains(s.CoUnits, name)
			}))
			check(name+" replied", u.Replied, lead(func(s *content.Suggestion) bool { return !s.Replied.IsZero() }))
			check(name+" publication timed", u.PublicationTimed, lead(pubTimed))
			check(name+" published on time", u.PublishedOnTime, lead(pubOnTime))
			timed := func(s *content.Suggestion) bool { return !s.Replied.IsZero() && !s.Assigned.IsZero() }
			check(name+" timed", u.Timed, lead(timed))
			check(name+" on time", u.OnTime, lead(func(s *content.Suggestion) bool {
				return timed(s) && !s.Replied.After(s.Assigned.AddDate(0, 3, 0))
			}))
			days := 0
			for _, s := range all {
				if s.Year == year && s.LeadUnit == name && timed(s) {
					days += int(s.Replied.Sub(s.Assigned) / (24 * time.Hour))
				}
			}
			check(name+" days", u.ReplyDays, days)
			check(name+" A", u.Outcome["A"], lead(func(s *content.Suggestion) bool { return !s.Replied.IsZero() && s.Outcome == "A" }))
			check(name+" 满意", u.Satisfaction["满意"], lead(func(s *content.Suggestion) bool { return s.Satisfaction == "满意" }))
			var overdue []string
			for _, s := range all {
				if s.Year == year && s.LeadUnit == name && s.Replied.IsZero() && !s.Assigned.IsZero() && asOf.After(s.Assigned.AddDate(0, 3, 0)) {
					overdue = append(overdue, s.Number)
				}
			}
			slices.SortFunc(overdue, func(a, b string) int {
				if content.NumberLess(a, b) {
					return -1
				}
				return 1
			})
			if !slices.Equal(u.Overdue, overdue) && len(u.Overdue)+len(overdue) > 0 {
				t.Errorf("%d %s overdue = %v, recount %v", year, name, u.Overdue, overdue)
			}
		}
	}
	if st.AsOf != asOf.Format(time.DateOnly) || asOf.IsZero() {
		t.Errorf("as_of %q", st.AsOf)
	}
}

// TestUpdateRecountsOnlyChangedYears: Update takes over the years made
// from the very same suggestions, counts again the year of a changed one,
// and gives what Compute gives.
func TestUpdateRecountsOnlyChangedYears(t *testing.T) {
	site := configtest.Site(t)
	replied := time.Date(2019, 6, 20, 0, 0, 0, 0, time.UTC)
	all := []*content.Suggestion{
		{Year: 2019, Number: "2019-001", Category: "城建交通", LeadUnit: "区住建局", Met: true, Replied: replied, Outcome: "A"},
		{Year: 2019, Number: "2019-002", Category: "城建交通", LeadUnit: "区城管局"},
		{Year: 2020, Number: "2020-001", Category: "财政经济", LeadUnit: "区商务局"},
	}
	old := Compute(site, all)
	same := Update(old, site, all)
	if same.Years[2019] != old.Years[2019] || same.Years[2020] != old.Years[2020] {
		t.Error("years of the same suggestions were counted again")
	}
	edited := *all[1]
	edited.Replied, edited.Outcome = replied, "B"
	now := slices.Clone(all)
	now[1] = &edited
	got := Update(old, site, now)
	if got.Years[2019] == old.Years[2019] || got.Years[2020] != old.Years[2020] {
		t.Error("only the edited suggestion's year must be counted again")
	}
	if want := Compute(site, now); got.Years[2019].Replied != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("Update gives %+v, Compute %+v", got.Years[2019], want.Years[2019])
	}
	// Another site.toml counts everything again.
	if other := Update(old, configtest.Site(t), all); other.Years[2020] == old.Years[2020] {
		t.Error("the years of another site.toml were taken over")
	}
}
