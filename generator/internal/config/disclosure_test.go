package config

import (
	"strings"
	"testing"
	"time"
)

func TestDisclosureDefaults(t *testing.T) {
	s, errs := Parse("site.toml", []byte(minimal))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := s.Disclosure
	if d.LimitWorkdays != 20 || d.LimitStrict || d.RequestOffice != "测试区人民政府" {
		t.Errorf("defaults: %+v", d)
	}
	if c := s.Column; c.Name != s.Title || c.Keywords != "" || s.Host() != "example.gov.cn" {
		t.Errorf("column defaults %+v, host %q", c, s.Host())
	}
	if years := s.Calendar.Years(); years[0] != 2015 {
		t.Errorf("the shipped calendar starts in %d", years[0])
	}
}

func TestDisclosureSettings(t *testing.T) {
	s, errs := Parse("site.toml", []byte(`publish_limit_workdays = 15
publish_limit_strict = true
request_office = "测试区人民政府办公室"
request_address = "测试路1号"
column_keywords = ["人大代表建议", "建议办理"]
column_type = "建议提案办理结果"
`+minimal+`
[[holidays]]
year = 2027
notice = "国办发明电〔2026〕9号"
off = [{ name = "元旦", from = 2027-01-01 }]
`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	d := s.Disclosure
	if d.LimitWorkdays != 15 || !d.LimitStrict || d.RequestOffice != "测试区人民政府办公室" || d.RequestAddress != "测试路1号" {
		t.Errorf("settings: %+v", d)
	}
	if c := s.Column; c.Keywords != "人大代表建议,建议办理" || c.Type != "建议提案办理结果" {
		t.Errorf("column: %+v", c)
	}
	if work, err := s.Calendar.IsWorkday(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil || work {
		t.Errorf("2027-01-01 from [[holidays]]: working %v, %v", work, err)
	}
}

func TestDisclosureErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"publish_limit_workdays = 0\n", "site.toml:1:26: publish_limit_workdays: must be between 1 and 60, found 0"},
		{"publish_limit_strict = \"yes\"\n", "publish_limit_strict: expected true or false"},
		{"[[holidays]]\nyear = 2027\nnotice = \"x\"\nwork = [2027-03-03]\n", "holidays[1].work: 2027-03-03 is a Wednesday, a working day anyway"},
	} {
		text := c.text
		if strings.HasPrefix(text, "[[") {
			text = minimal + text
		} else {
			text += minimal
		}
		_, errs := Parse("site.toml", []byte(text))
		if !strings.Contains(errs.Error(), c.want) {
			t.Errorf("want %q in\n%v", c.want, errs)
		}
	}
}
