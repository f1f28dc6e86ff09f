package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLedger(t *testing.T) {
	data := minimal + `
[ledger]
ignore = ["序号", "备注"]

[ledger.headers]
deputies = ["提案人", "领衔人"]
outcome = ["办理情况"]

[ledger.outcomes]
"甲" = "A"
"A类" = "A"

[ledger.categories]
"城建" = "城建交通"
`
	s, errs := Parse("site.toml", []byte(data))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := Ledger{
		Headers:    map[string][]string{"deputies": {"提案人", "领衔人"}, "outcome": {"办理情况"}},
		Ignore:     []string{"序号", "备注"},
		Categories: []Alias{{"城建", "城建交通"}},
		Outcomes:   []Alias{{"甲", "A"}, {"A类", "A"}}, // in the order written
	}
	if !reflect.DeepEqual(s.Ledger, want) {
		t.Errorf("ledger\n got %+v\nwant %+v", s.Ledger, want)
	}
	plain, _ := Parse("site.toml", []byte(minimal))
	if len(plain.Ledger.Headers) != 0 || plain.Ledger.Ignore != nil || plain.Ledger.Outcomes != nil {
		t.Errorf("no [ledger] gives an empty one, got %+v", plain.Ledger)
	}
}

func TestParseLedgerErrors(t *testing.T) {
	cases := []struct{ name, ledger, want string }{
		{"misspelt key", "[ledger]\nignor = [\"序号\"]", "site.toml:19:1: ledger.ignor: unknown field (did you mean ignore?)"},
		{"misspelt column", "[ledger.headers]\noutcomes = [\"结果\"]", "site.toml:19:1: ledger.headers.outcomes: unknown field (did you mean outcome?)"},
		{"not a list", "[ledger.headers]\ntitle = \"议题\"", `site.toml:19:9: ledger.headers.title: expected a list of texts in [ ], found a single text (write it as title = ["议题"])`},
		{"header twice", "[ledger]\nignore = [\"办理情况\"]\n[ledger.headers]\noutcome = [\"办理情况\"]", `site.toml:21:12: ledger.headers.outcome: "办理情况" is already listed under ignore (give each header text to one column only)`},
		{"alias to no key", "[ledger.outcomes]\n\"甲\" = \"D\"", `site.toml:19:7: ledger.outcomes.甲: "D" is not a key of [[outcomes]] (use one of the keys of [[outcomes]]: "A")`},
		{"alias shadows a key", "[ledger.outcomes]\n\"A\" = \"A\"", `site.toml:19:7: ledger.outcomes.A: "A" is the key of A in [[outcomes]]`},
		{"alias shadows a label", "[ledger.satisfaction]\n\"满意\" = \"满意\"", `site.toml:19:8: ledger.satisfaction.满意: "满意" is the label of 满意 in [[satisfaction]]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// minimal has 17 lines; the ledger starts on line 19 after a blank line.
			_, errs := Parse("site.toml", []byte(minimal+"\n"+c.ledger+"\n"))
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("want an error starting with\n  %s\ngot\n  %v", c.want, errs)
		})
	}
	_, errs := Parse("site.toml", []byte("ledger = 1\n"+minimal))
	if want := "site.toml:1:10: ledger: expected a table, found the number 1"; len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), want) {
		t.Errorf("want %s, got %v", want, errs)
	}
}
