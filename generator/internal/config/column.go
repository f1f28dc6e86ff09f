package config

import (
	"strings"

	"rdjy.local/portal/generator/internal/tomldoc"
)

// Column describes the portal as a column (栏目) of the government
// website, for the metadata every page carries (ColumnName and the rest,
// read by the supervision platforms).
type Column struct {
	Name        string // column_name, or else title
	Description string // column_description, or else description
	Keywords    string // column_keywords, joined with commas
	Type        string // column_type, such as "建议提案办理结果"
}

func readColumn(t *tomldoc.Table, s *Site) {
	s.Column = Column{
		Name:        t.String("column_name", false, `"人大代表建议办理公开"`),
		Description: t.String("column_description", false, `"公开人大代表建议的办理情况。"`),
		Keywords:    strings.Join(t.Strings("column_keywords", false, `["人大代表建议", "建议办理"]`), ","),
		Type:        t.String("column_type", false, `"建议提案办理结果"`),
	}
	if s.Column.Name == "" {
		s.Column.Name = s.Title
	}
	if s.Column.Description == "" {
		s.Column.Description = s.Description
	}
}

// Host is the host of the published address, such as www.example.gov.cn:
// the page metadata's SiteDomain.
func (s *Site) Host() string { return s.base.Host }
