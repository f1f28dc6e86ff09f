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
