package calendar

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/tomldoc"
)

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestShippedYears(t *testing.T) {
	c := New(Shipped()...)
	want := []int{2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}
	if got := c.Years(); !slices.Equal(got, want) {
		t.Errorf("shipped years %v, want %v", got, want)
	}
	for _, n := range Shipped() {
		if !strings.HasSuffix(n.Number, "号") || len(n.Off) == 0 {
			t.Errorf("%d: notice %q cites no number or gives no day off", n.Year, n.Number)
		}
	}
}

func TestIsWorkday(t *testing.T) {
	c := New(Shipped()...)
	cases := []struct {
		day  string
		work bool
		why  string
	}{
		{"2019-06-25", true, "an ordinary Tuesday"},
		{"2019-06-29", false, "an ordinary Saturday"},
		{"2019-10-01", false, "国庆节"},
		{"2019-10-07", false, "the last day of 国庆节, a Monday"},
		{"2019-10-12", true, "a Saturday made a working day (调休上班)"},
		{"2019-09-29", true, "a Sunday made a working day"},
		{"2019-06-07", false, "端午节, a Friday"},
		{"2018-12-29", true, "year boundary: a Saturday of 2018 made a working day by the notice for 2019"},
		{"2018-12-31", false, "year boundary: a Monday of 2018 off by the notice for 2019"},
		{"2019-01-01", false, "元旦"},
		{"2019-01-02", true, "the first working day of 2019"},
		{"2022-12-31", false, "a Saturday in 2023's New Year holiday"},
		{"2019-05-02", false, "May Day 2019 as adjusted by 国办发明电〔2019〕3号"},
		{"2019-05-05", true, "a Sunday made a working day by that adjustment"},
		{"2020-01-31", false, "the Spring Festival extended in 2020"},
		{"2020-02-01", false, "a working Saturday of the first 2020 notice, given off by the extension"},
		{"2020-02-03", true, "work resumed on 3 February 2020"},
		{"2015-09-04", false, "the 2015 anniversary holiday"},
		{"2015-09-06", true, "the Sunday worked for it"},
		{"2026-02-14", true, "a Saturday before the 2026 Spring Festival"},
		{"2026-02-23", false, "the last day of the 2026 Spring Festival"},
	}
	for _, tc := range cases {
		got, err := c.IsWorkday(date(tc.day))
		if err != nil || got != tc.work {
			t.Errorf("%s (%s): working day %v, %v; want %v", tc.day, tc.why, got, err, tc.work)
		}
	}
}

func TestUnknownYear(t *testing.T) {
	c := New(Shipped()...)
	for _, d := range []string{"2014-12-31", "2027-01-04"} {
		_, err := c.IsWorkday(date(d))
		var ye *YearError
		if !errors.As(err, &ye) || ye.Year != date(d).Year() {
			t.Fatalf("%s: want a YearError, got %v", d, err)
		}
	}
	_, err := c.IsWorkday(date("2027-01-04"))
	msg := err.Error()
	for _, want := range []string{"no holidays for 2027", "it knows 2015–2026", "site.toml", "[[holidays]]", "year = 2027"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	c := New(Shipped()...)
	cases := []struct {
		from string
		n    int
		want string
	}{
		{"2019-06-25", 1, "2019-06-26"},
		{"2019-06-28", 1, "2019-07-01"}, // over a weekend
		// Over 国庆节 and its two working weekend days: 9.23–27 (5),
		// 9.29 (6), 9.30 (7), 10.8–11 (11), 10.12 (12), 10.14–18 (17),
		// 10.21–23 (20).
		{"2019-09-20", 20, "2019-10-23"},
		{"2019-04-26", 5, "2019-05-06"}, // 4.28 (Sunday, worked), 4.29, 4.30, 5.5 (Sunday, worked), 5.6
		{"2018-12-28", 2, "2019-01-02"}, // 12.29 (Saturday, worked), then 1.2
	}
	for _, tc := range cases {
		got, err := c.AddWorkdays(date(tc.from), tc.n)
		if err != nil || got.Format(time.DateOnly) != tc.want {
			t.Errorf("%s + %d working days = %s, %v; want %s", tc.from, tc.n, got.Format(time.DateOnly), err, tc.want)
		}
	}
	for _, tc := range cases {
		d, _ := c.AddWorkdays(date(tc.from), tc.n)
		if n, err := c.Workdays(date(tc.from), d); err != nil || n != tc.n {
			t.Errorf("Workdays(%s, %s) = %d, %v; want %d", tc.from, d.Format(time.DateOnly), n, err, tc.n)
		}
	}
	if n, _ := c.Workdays(date("2019-10-01"), date("2019-09-01")); n != 0 {
		t.Errorf("Workdays backwards = %d, want 0", n)
	}
	// 2026-12-31 is the 15th; the 16th would be in 2027.
	if _, err := c.AddWorkdays(date("2026-12-10"), 20); err == nil || !strings.Contains(err.Error(), "2027") {
		t.Errorf("a limit running into 2027: got %v, want an error naming 2027", err)
	}
}

// read reads [[holidays]] from text as site.toml would, after the shipped
// notices.
func read(t *testing.T, text string) ([]Notice, diag.List) {
	t.Helper()
	var errs diag.List
	doc := tomldoc.Parse("site.toml", []byte(text), 1, &errs)
	if doc == nil {
		t.Fatalf("syntax: %v", errs)
	}
	return Read(doc, Shipped()), errs
}

func TestReadAddsAndCorrects(t *testing.T) {
	notices, errs := read(t, `
[[holidays]]
year = 2027
notice = "国办发明电〔2026〕9号"
off = [
  { name = "元旦", from = 2027-01-01, to = 2027-01-03 },
  { name = "春节", from = 2027-02-05, to = 2027-02-13 },
]
work = [2027-02-14]

[[holidays]]
year = 2026
notice = "a correction"
off = [{ name = "test", from = 2026-03-02 }]
work = [2026-02-23]
`)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	c := New(append(Shipped(), notices...)...)
	for day, want := range map[string]bool{
		"2027-02-08": false, // a Monday of the added Spring Festival
		"2027-02-14": true,  // its working Sunday
		"2026-03-02": false, // a Monday given off by the correction
		"2026-02-23": true,  // a shipped day off, corrected to a working day
	} {
		if got, err := c.IsWorkday(date(day)); err != nil || got != want {
			t.Errorf("%s: %v, %v; want %v", day, got, err, want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"weekday as working day", `[[holidays]]
year = 2027
notice = "x"
work = [2027-03-03]`, "site.toml:4:9: holidays[1].work: 2027-03-03 is a Wednesday, a working day anyway"},
		{"date outside the year", `[[holidays]]
year = 2027
notice = "x"
off = [{ from = 2028-01-01 }]`, "holidays[1].off[1].from: 2028-01-01 is outside 2027"},
		{"period backwards", `[[holidays]]
year = 2027
notice = "x"
off = [{ from = 2027-05-05, to = 2027-05-01 }]`, "holidays[1].off[1].to: 2027-05-05 to 2027-05-01 is not a period of holidays"},
		{"working day inside the days off", `[[holidays]]
year = 2027
notice = "x"
off = [{ name = "劳动节", from = 2027-05-01, to = 2027-05-05 }]
work = [2027-05-01]`, "holidays[1].work: 2027-05-01 is also in the days off (劳动节)"},
		{"missing notice", `[[holidays]]
year = 2027
off = [{ from = 2027-05-01 }]`, "holidays[1].notice: missing required field"},
		{"notice twice", `[[holidays]]
year = 2027
notice = "x"
[[holidays]]
year = 2027
notice = "x"`, "holidays[2].notice: x is listed twice"},
		{"misspelt key", `[[holidays]]
year = 2027
notice = "x"
of = [{ from = 2027-05-01 }]`, "holidays[1].of: unknown field (did you mean off?)"},
		{"date in quotes", `[[holidays]]
year = 2027
notice = "x"
work = ["2027-05-08"]`, `holidays[1].work: entry 1 is "2027-05-08", not a date`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := read(t, tc.text)
			if !strings.Contains(errs.Error(), tc.want) {
				t.Errorf("want %q in\n%v", tc.want, errs)
			}
		})
	}
}

// TestTableAgreesWithTheNotices: the table of days answers as the notices
// do, day by day, for every day from before the first year known to after
// the last, with a gap of a year without a notice: whether a day is a
// working day, the end of limits of several lengths, and the working days
// between two days, errors included.
func TestTableAgreesWithTheNotices(t *testing.T) {
	var notices []Notice
	for _, n := range Shipped() {
		if n.Year != 2020 {
			notices = append(notices, n)
		}
	}
	c := New(notices...)
	known := map[int]bool{}
	for _, n := range notices {
		known[n.Year] = true
	}
	// isWorkday and addWorkdays answer from the notices alone, a day at a time.
	isWorkday := func(d time.Time) (bool, bool) {
		if !known[d.Year()] {
			return false, false
		}
		for _, n := range slices.Backward(notices) {
			if slices.ContainsFunc(n.Work, d.Equal) {
				return true, true
			}
			for _, p := range n.Off {
				if !d.Before(p.From) && !d.After(p.To) {
					return false, true
				}
			}
		}
		return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday, true
	}
	addWorkdays := func(d time.Time, n int) (time.Time, int) {
		for n > 0 {
			d = d.AddDate(0, 0, 1)
			work, ok := isWorkday(d)
			if !ok {
				return time.Time{}, d.Year()
			}
			if work {
				n--
			}
		}
		return d, 0
	}
	yearOf := func(err error) int {
		var ye *YearError
		if errors.As(err, &ye) {
			return ye.Year
		}
		return 0
	}
	first := time.Date(2014, 12, 20, 0, 0, 0, 0, time.UTC)
	last := time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		want, ok := isWorkday(d)
		got, err := c.IsWorkday(d.Add(13 * time.Hour))
		if got != want || (err == nil) != ok {
			t.Fatalf("IsWorkday(%s) = %t, %v; want %t (known year: %t)", d.Format(time.DateOnly), got, err, want, ok)
		}
		for _, n := range []int{0, 1, 7, 15, 60} {
			want, wantYear := addWorkdays(d, n)
			got, err := c.AddWorkdays(d, n)
			if !got.Equal(want) || yearOf(err) != wantYear {
				t.Fatalf("AddWorkdays(%s, %d) = %s, %v; want %s (error for %d)", d.Format(time.DateOnly), n, got, err, want, wantYear)
			}
			if n > 0 && wantYear == 0 {
				if days, err := c.Workdays(d, want); days != n || err != nil {
					t.Fatalf("Workdays(%s, %s) = %d, %v; want %d", d.Format(time.DateOnly), want.Format(time.DateOnly), days, err, n)
				}
			}
		}
	}
}
