package config

import (
	"strings"

	"rdjy.local/portal/generator/internal/tomldoc"
)

// LedgerColumns are the columns of the ledger (台账) that `import` reads
// and `export` writes, by the names [ledger.headers] uses. Package ledger
// says what each one holds.
var LedgerColumns = []string{
	"number", "title", "year", "session", "deputies", "co_deputies", "category", "key",
	"lead_unit", "co_units", "assigned", "replied", "met", "outcome", "satisfaction",
	"published", "disclosure", "disclosure_reason",
}

// Ledger is the [ledger] table of site.toml: what a district's own
// spreadsheet writes beyond the headers and values `import` knows.
//
//	[ledger]
//	ignore = ["序号", "备注"]          # columns skipped without a word
//	[ledger.headers]                  # more header texts per column
//	deputies = ["提案人"]
//	[ledger.outcomes]                 # words for an outcome key
//	"甲" = "A"
type Ledger struct {
	Headers map[string][]string // column name → header texts
	Ignore  []string            // header texts of columns to skip

	// What the ledger writes for a category, outcome or satisfaction
	// level, in site.toml's order: each Text stands for Key.
	Categories, Outcomes, Satisfaction []Alias
}

// Alias is a word of the ledger standing for a key of site.toml.
type Alias struct{ Text, Key string }

func readLedger(t *tomldoc.Table, s *Site) Ledger {
	l := Ledger{Headers: map[string][]string{}}
	lt := t.Sub("ledger")
	if lt == nil {
		return l
	}
	l.Ignore = lt.Strings("ignore", false, `["序号", "备注"]`)
	owner := map[string]string{} // header text → the column it belongs to
	for _, h := range l.Ignore {
		owner[h] = "ignore"
	}
	if ht := lt.Sub("headers"); ht != nil {
		for _, col := range LedgerColumns {
			texts := ht.Strings(col, false, `["…"]`)
			for i, h := range texts {
				if o, dup := owner[h]; dup {
					ht.EntryErrorf(col, i, "give each header text to one column only", "%q is already listed under %s", h, o)
					continue
				}
				owner[h] = col
			}
			if len(texts) > 0 {
				l.Headers[col] = texts
			}
		}
		ht.CheckUnknown()
	}
	l.Categories = readAliases(lt, "categories", s.Categories)
	l.Outcomes = readAliases(lt, "outcomes", s.Outcomes)
	l.Satisfaction = readAliases(lt, "satisfaction", s.Satisfaction)
	lt.CheckUnknown()
	return l
}

// readAliases reads [ledger.<section>]: "word" = "key" lines.
func readAliases(lt *tomldoc.Table, section string, e *Enum) []Alias {
	at := lt.Sub(section)
	if at == nil || e == nil {
		return nil
	}
	taken := map[string]string{} // words that already name a term
	for _, term := range e.Terms {
		taken[term.Key] = "the key of " + term.Key
		taken[term.Label] = "the label of " + term.Key
	}
	var out []Alias
	for _, word := range at.Keys() {
		key := at.String(word, true, `"`+firstTerm(e)+`"`)
		switch _, ok := e.Lookup(key); {
		case key == "":
		case !ok:
			at.Errorf(word, "use one of the keys of [["+section+"]]: "+e.KeyList(), "%q is not a key of [[%s]]", key, section)
		case strings.TrimSpace(word) == "":
			at.Errorf(word, `write the ledger's word between the quotes, such as "甲" = "A"`, "the word must not be empty")
		case taken[word] != "":
			at.Errorf(word, "remove this line: the word is read already", "%q is %s in [[%s]]", word, taken[word], section)
		default:
			out = append(out, Alias{Text: word, Key: key})
		}
	}
	return out
}

func firstTerm(e *Enum) string {
	if len(e.Terms) == 0 {
		return "…"
	}
	return e.Terms[0].Key
}
