package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
)

// peopleSite is the test site with units and deputies listed.
func peopleSite(t *testing.T) *config.Site {
	t.Helper()
	s, errs := config.Parse("site.toml", []byte(configtest.TOML+`
[[units]]
key = "区住建局"
slug = "zhujianju"

[[units]]
key = "区财政局"
label = "区财政局（区国资办）"

[[units]]
key = "区民政局"
slug = "minzheng"

[[deputies]]
name = "王伟"
key = "王伟（南昌路）"
slug = "wangwei-nanchanglu"

[[deputies]]
name = "王伟"
key = "王伟（武汉路）"
slug = "wangwei-wuhanlu"

[[deputies]]
name = "李明"
`))
	if errs != nil {
		t.Fatal(errs)
	}
	return s
}

func TestPeopleProblems(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string // file → replacements of valid, old then new
		want  string
	}{
		{"a shared name without its key", map[string]string{"a.md": `["郭宇清", "魏莹"]|["王伟"]`},
			`content/suggestions/a.md:6:13: deputies: "王伟" names 2 deputies in site.toml's [[deputies]] (write the key site.toml gives the one meant: "王伟（南昌路）", "王伟（武汉路）")`},
		{"a deputy named twice", map[string]string{"a.md": `"魏莹"]|"魏莹", "郭宇清"]`},
			`content/suggestions/a.md:6:26: deputies: "郭宇清" is named twice`},
		{"a deputy's name with a slash", map[string]string{"a.md": `"魏莹"]|"魏/莹"]`},
			`content/suggestions/a.md:6:20: deputies: "魏/莹" cannot be part of a web address`},
		{"two deputies differing in case", map[string]string{"a.md": `"魏莹"]|"Alim"]`, "b.md": `"魏莹"]|"ALIM"]|"2019-001"|"2019-002"`},
			`content/suggestions/b.md:6:20: deputies: "ALIM" and "Alim" would share one page (ALIM)`},
		{"a unit's label for its key", map[string]string{"a.md": `["区财政局"]|["区财政局（区国资办）"]`},
			`content/suggestions/a.md:10:13: co_units: "区财政局（区国资办）" is the label of a unit site.toml lists (write its key, "区财政局": pages show the label)`},
		{"a unit named as another's slug", map[string]string{"a.md": `["区财政局"]|["zhujianju"]`},
			`content/suggestions/a.md:10:13: co_units: "zhujianju" and "区住建局" would share one page (zhujianju)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := fstest.MapFS{}
			for file, edits := range c.files {
				parts := strings.Split(edits, "|")
				text := valid
				for i := 0; i+1 < len(parts); i += 2 {
					text = strings.Replace(text, parts[i], parts[i+1], 1)
				}
				m["content/suggestions/"+file] = &fstest.MapFile{Data: []byte(text)}
			}
			_, errs := Load(m, peopleSite(t))
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("want an error starting with\n  %s\ngot\n  %v", c.want, errs)
		})
	}
}

func TestPeopleWarnings(t *testing.T) {
	m := fstest.MapFS{
		"content/suggestions/a.md": {Data: []byte(strings.NewReplacer(`"区住建局"`, `"区住健局"`, `["郭宇清", "魏莹"]`, `["王伟（南昌路）", "郭宇清"]`).Replace(valid))},
		"content/suggestions/b.md": {Data: []byte(strings.NewReplacer(`"2019-001"`, `"2019-002"`, `["区财政局"]`, `["区财政局", "市财政局"]`).Replace(valid))},
	}
	site := peopleSite(t)
	all, errs := Load(m, site)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := strings.Join([]string{
		`content/suggestions/a.md:9:13: lead_unit: "区住健局" is not listed in [[units]] (did you mean "区住建局"?) (correct the name, or list it in site.toml's [[units]] if it is another unit)`,
		`content/suggestions/b.md:10:21: co_units: "市财政局" is not listed in [[units]] (did you mean "区财政局"?) (correct the name, or list it in site.toml's [[units]] if it is another unit)`,
		`site.toml:36:1: units: "区民政局" is listed, but no suggestion names it: its page /units/minzheng/ is not made (check the spelling here and in the suggestions' lead_unit and co_units, or remove the entry)`,
		`site.toml:45:1: deputies: "王伟（武汉路）" is listed, but no suggestion names it (check the spelling here and in the suggestions' deputies lists, or remove the entry)`,
		`site.toml:50:1: deputies: "李明" is listed, but no suggestion names it (check the spelling here and in the suggestions' deputies lists, or remove the entry)`,
	}, "\n")
	if got := PeopleWarnings(site, all).Error(); got != want {
		t.Errorf("warnings:\n%s\nwant\n%s", got, want)
	}
}
