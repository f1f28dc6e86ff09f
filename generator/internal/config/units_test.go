package config

import (
	"strings"
	"testing"
)

const people = `
[[units]]
key = "区住建局"
label = "区住房和城乡建设局"
slug = "zhujianju"
contact = "0379-12345"

[[units]]
key = "南昌路街道"
label = "南昌路街道办事处"
slug = "nanchanglu"
parent = "街道办事处"

[[units]]
key = "区财政局"

[[deputies]]
name = "王伟"
key = "王伟（南昌路）"
slug = "wangwei-nanchanglu"
description = "南昌路街道选区"

[[deputies]]
name = "王伟"
key = "王伟（武汉路）"
slug = "wangwei-wuhanlu"
description = "武汉路街道选区"

[[deputies]]
name = "郭宇清"
description = "第一代表团"
`

// site parses text, which has public_contacts as its first line, followed
// by minimal.
func parsePeople(t *testing.T, extra string) (*Site, string) {
	t.Helper()
	text := "public_contacts = [\"0379-12345\"]\n" + minimal + extra
	s, errs := Parse("site.toml", []byte(text))
	return s, errs.Error()
}

func TestUnits(t *testing.T) {
	s, errs := parsePeople(t, people)
	if errs != "" {
		t.Fatal(errs)
	}
	if _, ok := s.Units.Lookup("区住房和城乡建设局"); ok {
		t.Error("Lookup finds a unit by its label")
	}
	if key, ok := s.Units.LabelOf("区住房和城乡建设局"); !ok || key != "区住建局" {
		t.Errorf("LabelOf: %q %v", key, ok)
	}
	if _, ok := s.Units.LabelOf("区住建局"); ok {
		t.Error("LabelOf a key")
	}
	u, ok := s.Units.Lookup("区住建局")
	if !ok || u.Key != "区住建局" || u.Slug != "zhujianju" || u.Contact != "0379-12345" || !u.Listed {
		t.Errorf("lookup: %+v %v", u, ok)
	}
	if u := s.Units.Resolve("区财政局"); u.Label != "区财政局" || u.Slug != "区财政局" || !u.Listed {
		t.Errorf("label and slug default to the key: %+v", u)
	}
	if u := s.Units.Resolve("区民政局"); u.Listed || u.Slug != "区民政局" || u.Label != "区民政局" {
		t.Errorf("an unlisted unit is known by its name: %+v", u)
	}
	if u, _ := s.Units.Lookup("南昌路街道"); u.Parent != "街道办事处" {
		t.Errorf("parent: %+v", u)
	}
	for name, want := range map[string]string{
		"区住健局":      "区住建局", // one character off
		"区住建":       "区住建局", // one left out
		"区住房和城乡建筑局": "区住建局", // a long label, one off
		"区住建局":      "",     // listed
		"区民政局":      "区财政局", // one off, though another unit: the warning says to list it
		"公安涧西分局":    "",     // nothing close
		"市财政局":      "区财政局",
	} {
		if got := s.Units.Closest(name); got != want {
			t.Errorf("Closest(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDeputies(t *testing.T) {
	s, errs := parsePeople(t, people)
	if errs != "" {
		t.Fatal(errs)
	}
	d, amb := s.Deputies.Resolve("王伟（武汉路）")
	if amb != nil || d.Name != "王伟" || d.Slug != "wangwei-wuhanlu" || d.Description != "武汉路街道选区" {
		t.Errorf("by key: %+v %v", d, amb)
	}
	if _, amb := s.Deputies.Resolve("王伟"); strings.Join(amb, " ") != "王伟（南昌路） 王伟（武汉路）" {
		t.Errorf("a shared name is ambiguous: %v", amb)
	}
	if d, _ := s.Deputies.Resolve("郭宇清"); d.Slug != "郭宇清" || d.Description != "第一代表团" || !d.Listed {
		t.Errorf("key and slug default to the name: %+v", d)
	}
	if d, amb := s.Deputies.Resolve("魏莹"); amb != nil || d.Listed || d.Slug != "魏莹" {
		t.Errorf("an unlisted deputy: %+v", d)
	}
}

func TestAttachmentRules(t *testing.T) {
	s, errs := parsePeople(t, "")
	if errs != "" {
		t.Fatal(errs)
	}
	if len(s.Attachments.Types) != 4 || s.Attachments.MaxBytes != 20<<20 {
		t.Errorf("defaults: %d types, %d bytes", len(s.Attachments.Types), s.Attachments.MaxBytes)
	}
	text := "attachment_types = [\"pdf\", \"PNG\"]\nattachment_max_mb = 5\n" + minimal
	s2, list := Parse("site.toml", []byte(text))
	if len(list) > 0 {
		t.Fatal(list)
	}
	if len(s2.Attachments.Types) != 2 || s2.Attachments.Types[0].Name != "PDF" || s2.Attachments.MaxBytes != 5<<20 {
		t.Errorf("set: %+v", s2.Attachments)
	}
}

func TestPeopleErrors(t *testing.T) {
	cases := []struct {
		name, old, new, want string
	}{
		{"unit slug used twice", `slug = "nanchanglu"`, `slug = "zhujianju"`,
			`site.toml:28:8: units[2].slug: slug "zhujianju" is already used by "区住建局" (give each unit its own slug`},
		{"unit listed twice", `key = "区财政局"`, `key = "区住建局"`,
			`site.toml:32:7: units[3].key: "区住建局" is already listed as the key of a unit`},
		{"label of another unit", `key = "区财政局"`, `key = "区住房和城乡建设局"`,
			`site.toml:32:7: units[3].key: "区住房和城乡建设局" is already the label of unit "区住建局"`},
		{"bad unit slug", `slug = "zhujianju"`, `slug = "ZhuJian"`,
			`site.toml:22:8: units[1].slug: "ZhuJian" is not a valid slug`},
		{"unit key with a slash", `key = "区财政局"`, `key = "区委/区政府"`,
			`site.toml:32:7: units[3].key: "区委/区政府" cannot be part of a web address`},
		{"contact not public", `contact = "0379-12345"`, `contact = "0379-99999"`,
			`site.toml:23:11: units[1].contact: "0379-99999" is not listed in public_contacts`},
		{"own parent", `parent = "街道办事处"`, `parent = "南昌路街道"`,
			`site.toml:29:10: units[2].parent: a unit cannot be its own parent`},
		{"misspelt unit field", `parent = "街道办事处"`, `parnet = "街道办事处"`,
			`site.toml:29:1: units[2].parnet: unknown field (did you mean parent?)`},
		{"same name, no keys", `key = "王伟（武汉路）"`, `key = "王伟（南昌路）"`,
			`site.toml:42:7: deputies[2].key: "王伟（南昌路）" is already the key of deputies[1] (two deputies with the same name`},
		{"same name, one slug", `slug = "wangwei-wuhanlu"`, `slug = "wangwei-nanchanglu"`,
			`site.toml:43:8: deputies[2].slug: deputies[1] and this deputy would share the page /deputies/wangwei-nanchanglu/`},
		{"same name, no slugs", "slug = \"wangwei-", "#slug = \"wangwei-",
			`site.toml:41:8: deputies[2].name: deputies[1] and this deputy would share the page /deputies/王伟/ (two deputies with the same name need a slug each`},
		{"long description", `description = "第一代表团"`, `description = "第一代表团，男，汉族，1965年出生，中共党员，现任某某公司董事长兼总经理"`,
			`site.toml:48:15: deputies[3].description: 37 characters is too long for a description (at most 30)`},
		{"deputy without a name", `name = "郭宇清"`, `nom = "郭宇清"`,
			`site.toml:46:1: deputies[3].name: missing required field`},
		{"unknown attachment type", `title = `, "attachment_types = [\"PDF\", \"DOCX\"]\ntitle = ",
			`site.toml:2:28: attachment_types: "DOCX" is not a type attachments may have (the generator can check only these types: "PDF", "OFD", "JPEG", "PNG")`},
		{"attachment limit", `title = `, "attachment_max_mb = 0\ntitle = ",
			`site.toml:2:21: attachment_max_mb: must be between 1 and 1024, found 0`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := "public_contacts = [\"0379-12345\"]\n" + minimal + people
			if !strings.Contains(text, c.old) {
				t.Fatalf("%q not in the file", c.old)
			}
			n := 1
			if strings.HasPrefix(c.new, "#") { // comment out every occurrence
				n = -1
			}
			_, errs := Parse("site.toml", []byte(strings.Replace(text, c.old, c.new, n)))
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("want an error starting with\n  %s\ngot\n  %v", c.want, errs)
		})
	}
}
