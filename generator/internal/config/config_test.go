package config

import (
	"strings"
	"testing"
)

const minimal = `title = "测试区人大代表建议办理公开"
base_url = "https://example.gov.cn/rddbjy"
owner = "测试区人民政府"

[[categories]]
key = "城建交通"
label = "城建交通类"
slug = "chengjian"

[[outcomes]]
key = "A"
label = "已经解决或基本解决"

[[satisfaction]]
key = "满意"
label = "满意"
`

func TestParseMinimal(t *testing.T) {
	s, errs := Parse("site.toml", []byte(minimal))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.BasePath() != "/rddbjy/" || s.Language != "zh-CN" || s.PerPage != 50 {
		t.Errorf("defaults: base %q, language %q, per_page %d", s.BasePath(), s.Language, s.PerPage)
	}
	if c, ok := s.Categories.Lookup("城建交通"); !ok || c.Slug != "chengjian" || c.Label != "城建交通类" {
		t.Errorf("category: %+v", c)
	}
	if o, _ := s.Outcomes.Lookup("A"); o.Slug != "A" {
		t.Errorf("slug defaults to the key, got %q", o.Slug)
	}
	if got := s.AbsURL(s.BasePath() + "feed.xml"); got != "https://example.gov.cn/rddbjy/feed.xml" {
		t.Errorf("AbsURL = %q", got)
	}
}

// TestPersonalData: the texts site.toml puts on every page are checked
// like suggestions; the site's own phone and public_contacts are allowed
// in any of their forms.
func TestPersonalData(t *testing.T) {
	src := strings.Replace(minimal, "[[categories]]", `notice = "演示数据，联系人张三 138 1234 5678"
address = "某某路12号 zhangsan＠163．com"
phone = "0379-64823389"
description = "咨询电话（0379）64823389、0379 6482 3390"
public_contacts = ["0379-64823390"]

[[categories]]`, 1)
	src = strings.Replace(src, `label = "满意"`, `label = "满意 QQ：123456789"`, 1)
	_, errs := Parse("site.toml", []byte(src))
	got := errs.Error()
	for _, want := range []string{
		`notice: "138 1234 5678" looks like a mobile phone number`,
		`address: "zhangsan＠163．com" looks like an e-mail address`,
		`satisfaction[1].label: "123456789" looks like a QQ number`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if len(errs) != 3 {
		t.Errorf("%d problems, want 3: the phone and public contacts are allowed:\n%s", len(errs), got)
	}
}

func TestSetBaseURL(t *testing.T) {
	for _, c := range []struct{ flag, path, abs string }{
		{"/jianyi", "/jianyi/", "https://example.gov.cn/jianyi/"},
		{"http://127.0.0.1:8080/", "/", "http://127.0.0.1:8080/"},
	} {
		s, _ := Parse("site.toml", []byte(minimal))
		if err := s.SetBaseURL(c.flag); err != nil {
			t.Fatal(err)
		}
		if s.BasePath() != c.path || s.AbsURL(s.BasePath()) != c.abs {
			t.Errorf("%s: path %q, address %q", c.flag, s.BasePath(), s.AbsURL(s.BasePath()))
		}
	}
	for _, bad := range []string{"example.gov.cn", "//example.gov.cn/x/", "/x/?a=1", "/x/#top", "ftp://example.gov.cn/"} {
		s, _ := Parse("site.toml", []byte(minimal))
		if err := s.SetBaseURL(bad); err == nil {
			t.Errorf("%q is accepted", bad)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, old, new, want string
	}{
		{"unknown key", `owner = `, `ower = `, "site.toml:3:1: ower: unknown field (did you mean owner?)"},
		{"missing title", "title = \"测试区人大代表建议办理公开\"\n", "", "site.toml:1: title: missing required field"},
		{"relative base_url", `base_url = "https://example.gov.cn/rddbjy"`, `base_url = "/rddbjy/"`, "site.toml:2:12: base_url: base_url must be a full address"},
		{"empty enum key", `key = "城建交通"`, `key = ""`, "site.toml:6:7: categories[1].key: must not be empty"},
		{"no outcomes", "[[outcomes]]\nkey = \"A\"\nlabel = \"已经解决或基本解决\"\n", "", "site.toml:1: outcomes: missing: the site needs its outcomes"},
		{"duplicate key", "[[satisfaction]]\nkey = \"满意\"", "[[satisfaction]]\nkey = \"满意\"\nlabel = \"满意\"\n\n[[satisfaction]]\nkey = \"满意\"", `site.toml:19:7: satisfaction[2].key: duplicate key "满意" in [[satisfaction]]`},
		{"bad slug", `slug = "chengjian"`, `slug = "城建"`, `site.toml:8:8: categories[1].slug: "城建" is not a valid slug`},
		{"a key that names the folder above", "[[outcomes]]\nkey = \"A\"", "[[outcomes]]\nkey = \"..\"", `site.toml:11:7: outcomes[1].key: ".." cannot name a page (its folder would be outcomes/../) (add a slug`},
		{"a key that names the section", "[[outcomes]]\nkey = \"A\"", "[[outcomes]]\nkey = \".\"", `site.toml:11:7: outcomes[1].key: "." cannot name a page`},
		{"keys that differ in case", "[[outcomes]]\nkey = \"A\"\nlabel = \"已经解决或基本解决\"", "[[outcomes]]\nkey = \"A\"\nlabel = \"已经解决或基本解决\"\n[[outcomes]]\nkey = \"a\"\nlabel = \"小写\"",
			`site.toml:14:7: outcomes[2].key: "a" names the same page as "A" (compared without case)`},
		{"a long slug", `slug = "chengjian"`, `slug = "` + strings.Repeat("a", 41) + `"`, `site.toml:8:8: categories[1].slug: "aaaa`},
		{"a size limit out of range", `owner = `, "max_suggestion_kb = 0\nowner = ", "site.toml:3:21: max_suggestion_kb: must be between 16 and 16384, found 0"},
		{"unknown enum key", `label = "满意"`, "label = \"满意\"\ncolour = \"red\"", "site.toml:17:1: satisfaction[1].colour: unknown field"},
		{"bad per_page", `owner = `, "per_page = 0\nowner = ", "site.toml:3:12: per_page: must be between 1 and 1000"},
		{"unknown publish key", "label = \"满意\"\n", "label = \"满意\"\n\n[publish]\ntoo = \"/srv/www\"\n", "site.toml:19:1: publish.too: unknown field (did you mean to?)"},
		{"publish not a table", `owner = `, "publish = \"/srv/www\"\nowner = ", "site.toml:3:11: publish: expected a table"},
		{"syntax", `title = "测试区人大代表建议办理公开"`, `title = "测试区人大代表建议办理公开`, "site.toml:1:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(minimal, c.old) {
				t.Fatalf("%q not in minimal", c.old)
			}
			_, errs := Parse("site.toml", []byte(strings.Replace(minimal, c.old, c.new, 1)))
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("want an error starting with\n  %s\ngot\n  %v", c.want, errs)
		})
	}
}

func TestParsePublish(t *testing.T) {
	text := minimal + "\n[publish]\nto = \"sftp://web@www.example.gov.cn/srv/www/rddbjy\"\nkey = \"~/.ssh/id_ed25519\"\n"
	s, errs := Parse("site.toml", []byte(text))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := s.Publish
	if p.To != "sftp://web@www.example.gov.cn/srv/www/rddbjy" || p.Key != "~/.ssh/id_ed25519" || p.KnownHosts != "" || p.ToPos.String() != "site.toml:19:6" {
		t.Errorf("publish: %+v", p)
	}
}

func TestParseWindowsFile(t *testing.T) {
	data := "\ufeff" + strings.ReplaceAll(minimal, "\n", "\r\n")
	s, errs := Parse("site.toml", []byte(data))
	if len(errs) > 0 {
		t.Fatalf("site.toml with BOM and CRLF fails: %v", errs)
	}
	if s.Title != "测试区人大代表建议办理公开" || s.Owner != "测试区人民政府" {
		t.Errorf("title %q, owner %q", s.Title, s.Owner)
	}
}
