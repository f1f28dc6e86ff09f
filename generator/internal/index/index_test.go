package index

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/config/configtest"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/report"
)

func day(m, d int) time.Time { return time.Date(2019, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// suggestions of 2019 and 2020 across two categories and three units.
func suggestions() []*content.Suggestion {
	return []*content.Suggestion{
		{Number: "2019-002", Year: 2019, Category: "城建交通", LeadUnit: "区住建局", Assigned: day(3, 1), Replied: day(5, 1), Outcome: "A", Satisfaction: "满意"},
		{Number: "2019-010", Year: 2019, Category: "财政经济", LeadUnit: "区城管局", Assigned: day(3, 1), Replied: day(7, 1), Outcome: "B", Satisfaction: "满意"},
		{Number: "2019-001", Year: 2019, Category: "城建交通", LeadUnit: "区住建局", Assigned: day(3, 1), Replied: day(4, 1), Outcome: "B"},
		{Number: "2020-001", Year: 2020, Category: "城建交通", LeadUnit: "区财政局", CoUnits: []string{"区民政局"}},
		{Number: "2019-003", Year: 2019, Category: "城建交通", LeadUnit: "区财政局", Assigned: day(3, 1)},
	}
}

func numbers(items []*content.Suggestion) string {
	var n []string
	for _, sg := range items {
		n = append(n, sg.Number)
	}
	return strings.Join(n, " ")
}

func TestNew(t *testing.T) {
	x := New(configtest.Site(t), suggestions(), []*report.Report{{Year: 2019}, {Year: 2020}})
	if got := numbers(x.All); got != "2020-001 2019-001 2019-002 2019-003 2019-010" {
		t.Errorf("list order: %s", got)
	}
	if got := numbers(x.Latest); got != "2019-010 2019-002 2019-001" {
		t.Errorf("latest replies: %s", got)
	}
	if x.Reports[0].Year != 2020 || x.Report(2019) != x.Reports[1] || x.Report(2018) != nil {
		t.Error("reports are not newest first, or not found by year")
	}
	if x.Suggestion("2019-003").LeadUnit != "区财政局" || x.Suggestion("2019-404") != nil {
		t.Error("lookup by number")
	}
	var groups []string
	for _, g := range x.Groups {
		var terms []string
		for _, term := range g.Terms {
			terms = append(terms, term.Key+"="+numbers(term.Items))
		}
		groups = append(groups, g.Name+": "+strings.Join(terms, ", "))
	}
	want := []string{
		"categories: 城建交通=2020-001 2019-001 2019-002 2019-003, 财政经济=2019-010",
		"outcomes: A=2019-002, B=2019-001 2019-010",                                   // replied ones only
		"units: 区住建局=2019-001 2019-002, 区财政局=2020-001 2019-003, 区城管局=2019-010, 区民政局=", // co-handling only: last
		"years: 2020=2020-001, 2019=2019-001 2019-002 2019-003 2019-010",
	}
	if got := strings.Join(groups, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if x.Year(2019).Total != 4 || x.Year(2018).Total != 0 || len(x.YearItems(2020)) != 1 {
		t.Error("years")
	}
	if co := x.Units.Term("区民政局").CoItems; numbers(co) != "2020-001" {
		t.Errorf("区民政局 co-handles %q, want 2020-001", numbers(co))
	}
}

// A co-unit that is also the lead unit, or is named twice, co-handles
// once, as the scorecard counts it.
func TestCoHandledOnce(t *testing.T) {
	sgs := suggestions()
	sgs[0].CoUnits = []string{"区民政局", "区住建局", "区民政局"}
	x := New(configtest.Site(t), sgs, nil)
	if got := numbers(x.Units.Term("区住建局").CoItems); got != "" {
		t.Errorf("the lead unit co-handles %q", got)
	}
	if got := numbers(x.Units.Term("区民政局").CoItems); got != "2020-001 2019-002" {
		t.Errorf("区民政局 co-handles %q", got)
	}
	if n := x.Year(2019).Units["区民政局"].CoHandled; n != 1 {
		t.Errorf("the scorecard counts %d co-handled for 区民政局 in 2019, want 1", n)
	}
}

// Each year's ways in hold exactly what the year's statistics count under
// the same name: categories, replied outcomes, feedback, and units' led
// and co-handled suggestions; terms with none are left out.
func TestWays(t *testing.T) {
	x := New(configtest.Site(t), suggestions(), nil)
	var got []string
	for _, g := range x.Ways(2019).Groups {
		var terms []string
		for _, term := range g.Terms {
			terms = append(terms, term.Key+"="+numbers(term.Items)+"/"+numbers(term.CoItems))
		}
		got = append(got, g.Name+": "+strings.Join(terms, ", "))
	}
	want := []string{
		"categories: 城建交通=2019-001 2019-002 2019-003/, 财政经济=2019-010/",
		"outcomes: A=2019-002/, B=2019-001 2019-010/",
		"satisfaction: 满意=2019-002 2019-010/",
		"key-satisfaction: ",
		"units: 区住建局=2019-001 2019-002/, 区城管局=2019-010/, 区财政局=2019-003/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("2019's ways in:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if u := x.Ways(2020).Units; numbers(u.Term("区民政局").CoItems) != "2020-001" || len(u.Term("区民政局").Items) != 0 {
		t.Error("2020: 区民政局 co-handles 2020-001 and leads nothing")
	}
	if x.Ways(2018) != nil {
		t.Error("a year without suggestions has ways in")
	}
	y := x.Year(2019)
	for _, g := range x.Ways(2019).Groups[:4] {
		for _, term := range g.Terms {
			var n int
			switch g.Name {
			case "categories":
				n = y.Category[term.Key]
			case "outcomes":
				n = y.Outcome[term.Key]
			case "key-satisfaction":
				n = y.KeySatisfaction[term.Key]
			default:
				n = y.Satisfaction[term.Key]
			}
			if n != len(term.Items) {
				t.Errorf("%s %s: the statistics count %d, the way in holds %d", g.Name, term.Key, n, len(term.Items))
			}
		}
	}
}

// Each order of the scorecard, with a unit that has nothing to divide by
// last whichever way the order runs, and ties by name.
func TestScorecard(t *testing.T) {
	x := New(configtest.Site(t), suggestions(), nil)
	for order, want := range map[string]string{
		"led":       "区住建局 区城管局 区财政局",
		"on-time":   "区住建局 区城管局 区财政局", // 2 of 2, 0 of 1, none replied
		"solved":    "区住建局 区城管局 区财政局", // 1 of 2 A, 0 of 1
		"satisfied": "区住建局 区城管局 区财政局", // 1 of 1, 1 of 1 (by name), none
		"days":      "区住建局 区城管局 区财政局", // 46.0 days, 122.0, none
		"overdue":   "区财政局 区住建局 区城管局",
	} {
		var names []string
		for _, u := range x.Scorecard(2019, order) {
			names = append(names, u.Name)
		}
		if got := strings.Join(names, " "); got != want {
			t.Errorf("%s: %s, want %s", order, got, want)
		}
	}
	u := x.Scorecard(2019, "led")[0]
	if u.Led != 2 || u.OnTime.Percent() != "100%" || u.Solved.Percent() != "50.0%" || u.Days.Part != 92 || u.Days.Whole != 2 {
		t.Errorf("区住建局: %+v", u)
	}
	co := x.Scorecard(2020, "led")
	if len(co) != 2 || co[1].Name != "区民政局" || co[1].CoHandled != 1 || co[1].Led != 0 {
		t.Errorf("the 2020 scorecard does not list the unit that only co-handles last: %+v %+v", co[0], co[1])
	}
}

// TestUpdateTakesOverTheOrder: after suggestions are replaced by ones of
// the same file, year and number (a preview's edit of a title), Update
// takes the order over from the last index, and it is the order a fresh
// sort gives, ties of numbers that compare equal included; a replaced
// number or a removed suggestion is sorted afresh.
func TestUpdateTakesOverTheOrder(t *testing.T) {
	cfg := configtest.Site(t)
	rng := rand.New(rand.NewPCG(1, 2))
	numbers := []string{"1", "01", "001", "2", "10", "9", "A", "a-1", "a-01"}
	for trial := range 300 {
		var published []*content.Suggestion
		for i := range 40 {
			year := 2019 + rng.IntN(3)
			number := fmt.Sprintf("%d-%s", year, numbers[rng.IntN(len(numbers))])
			published = append(published, &content.Suggestion{File: fmt.Sprintf("content/suggestions/%03d.md", i), Year: year, Number: number, Category: "城建交通", LeadUnit: "区住建局"})
		}
		prev := New(cfg, published, nil)
		edited := slices.Clone(published)
		for range 1 + rng.IntN(3) {
			i := rng.IntN(len(edited))
			sg := *edited[i]
			sg.Title = "改动后的标题"
			edited[i] = &sg
		}
		renumbered := trial%3 == 0
		if renumbered {
			sg := *edited[0]
			sg.Number += "0"
			edited[0] = &sg
		}
		if got := sameOrder(prev, edited) != nil; got == renumbered {
			t.Fatalf("trial %d: order taken over: %v, with a number changed: %v", trial, got, renumbered)
		}
		x, fresh := Update(prev, cfg, edited, nil), New(cfg, edited, nil)
		if !slices.Equal(x.All, fresh.All) {
			t.Fatalf("trial %d: the order taken over is not the sort's", trial)
		}
	}
	if sameOrder(New(cfg, suggestions(), nil), suggestions()[1:]) != nil {
		t.Error("the order was taken over with a suggestion removed")
	}
}
