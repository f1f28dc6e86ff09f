package stats

import (
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
)

// The shares printed in the 2019 report on 133 suggestions.
func TestPercentMatchesTheReport(t *testing.T) {
	for _, c := range []struct {
		part, whole int
		want        string
	}{
		{46, 133, "34.6%"}, {15, 133, "11.3%"}, {16, 133, "12%"}, {29, 133, "21.8%"},
		{17, 133, "12.8%"}, {10, 133, "7.5%"}, {82, 133, "61.7%"}, {30, 133, "22.6%"},
		{21, 133, "15.8%"}, {133, 133, "100%"}, {0, 7, "0%"}, {1, 0, "—"},
	} {
		if got := Percent(c.part, c.whole); got != c.want {
			t.Errorf("Percent(%d, %d) = %s, want %s", c.part, c.whole, got, c.want)
		}
	}
}

func TestCompute(t *testing.T) {
	site, errs := config.Parse("site.toml", []byte(`title = "t"
base_url = "https://example.gov.cn/"
owner = "o"
[[categories]]
key = "城建交通"
label = "城建交通类"
[[categories]]
key = "财政经济"
label = "财政经济类"
[[outcomes]]
key = "A"
label = "a"
[[outcomes]]
key = "B"
label = "b"
[[satisfaction]]
key = "满意"
label = "满意"
`))
	if errs != nil {
		t.Fatal(errs)
	}
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
