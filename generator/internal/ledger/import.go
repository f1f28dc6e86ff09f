package ledger

import (
	"context"
	"errors"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/parallel"
)

// Import is what importing a ledger does, worked out in full before anything
// is written: Prepare it, show its Summary, then Write it.
type Import struct {
	Source    string   // the sheet read: "台账.xlsx 台账", "台账.csv"
	Encoding  string   // a CSV file's encoding
	HeaderRow int      // the header row, from 1
	Rows      int      // rows read, one per suggestion
	Ignored   []string // columns not read: "备注 (P)"
	Formulas  int      // cells read as their formula's last value

	New       []Change // new files, drafts until their texts are written
	Updated   []Change // files whose front matter changes
	Unchanged int      // rows that change nothing
	Untouched int      // suggestions of the site the ledger does not list

	files []output
}

// Change is what an import does to one suggestion.
type Change struct {
	Number string
	File   string        // path from the site root
	Fields []FieldChange // for an update: each field that changes
}

// FieldChange is one field of an update: outcome B → A.
type FieldChange struct{ Field, Old, New string }

func (c FieldChange) String() string { return c.Field + " " + c.Old + " → " + c.New }

// output is a file the import writes.
type output struct {
	path string // from the site root, with forward slashes
	data []byte
}

// Prepare reads the ledger in book (the worksheet named sheet, or by default
// the one the workbook opens on, else the first with a header row), matches
// its rows to the suggestions of the site in fsys, and works out every file
// to write. Any problem, in the ledger or in a file it would change, is
// returned instead, all of them at once, as a diag.List.
func Prepare(ctx context.Context, fsys fs.FS, site *config.Site, book *Book, sheet string) (*Import, error) {
	// The site's files are read while the ledger is: neither waits.
	type loaded struct {
		all  []*content.Suggestion
		errs diag.List
	}
	siteDone := make(chan loaded, 1)
	go func() {
		all, errs := loadSite(ctx, fsys, site)
		siteDone <- loaded{all, errs}
	}()
	s, l, err := pickSheet(book, site, sheet)
	ld := <-siteDone
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err // not every suggestion was read
	}
	all, loadErrs := ld.all, ld.errs
	im := &Import{Source: s.whereSheet(), Encoding: s.Encoding, HeaderRow: l.header + 1, Ignored: l.ignored}
	var p problems
	rows := matchRows(s, l, site, all, &p, im)
	im.Rows = len(rows)
	checkNew(s, l, rows, all, loadErrs, &p)

	results := make([]rowResult, len(rows))
	byFile := errorsByFile(loadErrs)
	if err := parallel.For(ctx, len(rows), func(i int) error {
		results[i] = planRow(fsys, site, s, l, rows[i], byFile)
		return nil
	}); err != nil {
		return nil, err
	}
	for _, r := range results {
		p.list = append(p.list, r.problems.list...)
	}
	if !p.empty() {
		return nil, p.List()
	}
	for i, r := range results {
		switch {
		case rows[i].sg == nil:
			im.New = append(im.New, r.change)
			im.files = append(im.files, output{r.change.File, r.data})
		case len(r.change.Fields) > 0:
			im.Updated = append(im.Updated, r.change)
			im.files = append(im.files, output{r.change.File, r.data})
		default:
			im.Unchanged++
		}
	}
	im.Untouched = len(all) - (len(rows) - len(im.New))
	return im, nil
}

// pickSheet reads the sheet asked for, or the active one, or the first with
// a header row, and finds its columns.
func pickSheet(book *Book, site *config.Site, name string) (*Sheet, *layout, error) {
	order := []string{name}
	if name == "" {
		order = []string{book.Sheets[book.Active]}
		for i, n := range book.Sheets {
			if i != book.Active {
				order = append(order, n)
			}
		}
	}
	var first diag.List
	for _, n := range order {
		s, err := book.Sheet(n)
		if err != nil {
			return nil, nil, err
		}
		var p problems
		if l := findLayout(s, site, &p); l != nil {
			return s, l, nil
		}
		if first == nil {
			first = p.List()
		}
	}
	return nil, nil, first
}

// loadSite reads every suggestion of the site, drafts included, with the
// problems check finds in them. A site without its folder has none yet.
func loadSite(ctx context.Context, fsys fs.FS, site *config.Site) ([]*content.Suggestion, diag.List) {
	if _, err := fs.Stat(fsys, content.Dir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return content.LoadSetContext(ctx, fsys, site).Suggestions()
}

func errorsByFile(errs diag.List) map[string]diag.List {
	m := map[string]diag.List{}
	for _, e := range errs {
		m[e.Pos.File] = append(m[e.Pos.File], e)
	}
	return m
}

// row is a ledger row with the suggestion it updates (nil for a new one).
type row struct {
	*entry
	sg *content.Suggestion
}

// matchRows reads every row below the header and finds its suggestion.
// Numbers compare without case, as check compares them.
func matchRows(s *Sheet, l *layout, site *config.Site, all []*content.Suggestion, p *problems, im *Import) []row {
	byNumber := map[string][]*content.Suggestion{}
	for _, sg := range all {
		k := strings.ToLower(sg.Number)
		byNumber[k] = append(byNumber[k], sg)
	}
	seen := map[string]int{} // number → the row that has it first
	var rows []row
	numCol := l.col[colNumber]
	for r := l.header + 1; r < len(s.rows); r++ {
		if blankRow(s, l, r) {
			continue
		}
		for c := range columns {
			if n := s.notes[cell{r, l.col[c]}]; l.has(c) && n == formulaCached {
				im.Formulas++
			}
		}
		e := readEntry(s, l, site, r, p)
		if e.number == "" {
			if !e.bad["number"] {
				p.add(r, numCol, s.Where(r, numCol), l.text[colNumber], "a row without a number",
					"give it its number (such as 2019-001), or delete the row if it is not a suggestion")
			}
			continue
		}
		if !content.ValidNumber(e.number) {
			p.add(r, numCol, s.Where(r, numCol), l.text[colNumber], strconv.Quote(e.number)+" is not a suggestion number: numbers have only digits, Latin letters and - (2019-001), and become page addresses",
				"correct the number, or delete the row if it is not a suggestion (a total, a note)")
			continue
		}
		k := strings.ToLower(e.number)
		if first, dup := seen[k]; dup {
			p.add(r, numCol, s.Where(r, numCol), l.text[colNumber], "number "+strconv.Quote(e.number)+" is already in "+s.rowName(first),
				"every suggestion has one row; delete or renumber one of the two")
			continue
		}
		seen[k] = r
		sgs := byNumber[k]
		switch {
		case len(sgs) > 1:
			p.add(r, numCol, s.Where(r, numCol), l.text[colNumber], "number "+strconv.Quote(e.number)+" is used by two files: "+sgs[0].File+" and "+sgs[1].File,
				"renumber or remove one of the files first (check reports it too)")
			continue
		case len(sgs) == 1 && sgs[0].Number != e.number:
			p.add(r, numCol, s.Where(r, numCol), l.text[colNumber], "found "+strconv.Quote(e.number)+", but "+sgs[0].File+" is numbered "+strconv.Quote(sgs[0].Number)+": numbers are compared without case",
				"write the number as "+strconv.Quote(sgs[0].Number))
			continue
		case len(sgs) == 1:
			rows = append(rows, row{entry: e, sg: sgs[0]})
		default:
			rows = append(rows, row{entry: e})
		}
	}
	return rows
}

// blankRow reports whether row r has nothing in the ledger's columns.
func blankRow(s *Sheet, l *layout, r int) bool {
	for c := range columns {
		if l.has(c) && !isBlank(s.get(r, l.col[c])) {
			return false
		}
	}
	return true
}

// rowName names a row for a message: "row 12" of a workbook, "line 12" of
// a CSV file.
func (s *Sheet) rowName(r int) string {
	if s.csv != nil && r < len(s.csv) && len(s.csv[r]) > 0 {
		return "line " + strconv.Itoa(int(s.csv[r][0].line))
	}
	return "row " + strconv.Itoa(r+1)
}

// required are the fields check requires that a new suggestion can only get
// from the ledger.
var required = []int{colTitle, colDeputies, colCategory, colLeadUnit}

// checkNew reports what stops new suggestions from being written: a column
// they need that the ledger lacks (once), and files of the site whose
// number cannot be read, since a new number might be theirs.
func checkNew(s *Sheet, l *layout, rows []row, all []*content.Suggestion, loadErrs diag.List, p *problems) {
	n := 0
	for _, r := range rows {
		if r.sg == nil {
			n++
		}
	}
	if n == 0 {
		return
	}
	var missing []string
	for _, c := range required {
		if !l.has(c) {
			missing = append(missing, columns[c].headers[0])
		}
	}
	if len(missing) > 0 {
		p.add(l.header, -1, s.whereRow(l.header), "", "new suggestions ("+count(n, "row")+") need the columns "+strings.Join(missing, ", ")+", which the ledger does not have",
			"add the columns, or remove the rows of numbers the site does not have")
	}
	read := map[string]bool{}
	for _, sg := range all {
		read[sg.File] = true
	}
	for _, e := range loadErrs {
		if !read[e.Pos.File] && strings.HasSuffix(e.Pos.File, ".md") {
			read[e.Pos.File] = true
			c := *e
			c.Msg += "; import cannot tell whether the ledger's new numbers are this file's"
			p.addFile(&c)
		}
	}
}

// rowResult is what one row does.
type rowResult struct {
	change   Change
	data     []byte
	problems problems
}

// planRow works out the file one row writes, and checks that file with
// content.Parse, the rules of check.
func planRow(fsys fs.FS, site *config.Site, s *Sheet, l *layout, r row, byFile map[string]diag.List) rowResult {
	var res rowResult
	p := &res.problems
	if r.sg == nil {
		return planNew(fsys, site, s, l, r)
	}
	res.change = Change{Number: r.sg.Number, File: r.sg.File}
	want := r.values(r.sg.Deputies)
	var edits []edit
	for _, f := range fmFields {
		to, carried := want[f.name]
		if !carried {
			continue
		}
		cur := current(r.sg, f.name)
		if cur.equal(f.kind, to) {
			continue
		}
		edits = append(edits, edit{f.name, f.kind, to})
		res.change.Fields = append(res.change.Fields, FieldChange{f.name, cur.show(f.kind), to.show(f.kind)})
	}
	errs := byFile[r.sg.File]
	if len(edits) == 0 && len(errs) == 0 {
		return res // nothing to write, nothing wrong: the file need not be read
	}
	data, err := fs.ReadFile(fsys, r.sg.File)
	if err != nil {
		p.addFile(&diag.Error{Pos: diag.Pos{File: r.sg.File}, Msg: "cannot read: " + err.Error()})
		return res
	}
	doc, err := parseFront(data)
	if err != nil {
		if len(errs) == 0 {
			p.addFile(&diag.Error{Pos: diag.Pos{File: r.sg.File, Line: 1}, Msg: "cannot be edited: " + err.Error()})
		}
		for _, e := range errs {
			p.addFile(withRow(e, s, r.row))
		}
		return res
	}
	if len(edits) > 0 {
		res.data = doc.apply(edits)
		doc, _ = parseFront(res.data)
		_, errs = content.Parse(r.sg.File, res.data, site)
	}
	mapErrors(s, l, r, doc, errs, p)
	return res
}

// planNew writes the file of a new suggestion: its front matter in the
// content model's order, draft = true, and the headings for its texts.
func planNew(fsys fs.FS, site *config.Site, s *Sheet, l *layout, r row) rowResult {
	var res rowResult
	want := r.values(nil)
	y := r.year
	if y == 0 {
		y = yearOf(r.number, r.date[colAssigned])
	}
	if y == 0 {
		sc := l.col[colNumber]
		res.problems.add(r.row, sc, s.Where(r.row, sc), l.text[colNumber], "no year for new suggestion "+strconv.Quote(r.number),
			"add a 办理年度 column, or write the number with its year (2019-017)")
		return res
	}
	want["year"] = value{num: y}
	want["number"] = value{str: r.number}
	want["draft"] = value{yes: true}
	file := content.Dir + "/" + strconv.Itoa(y) + "/" + r.number + ".md"
	res.change = Change{Number: r.number, File: file}
	if _, err := fs.Stat(fsys, file); err == nil {
		sc := l.col[colNumber]
		res.problems.add(r.row, sc, s.Where(r.row, sc), l.text[colNumber], "new suggestion "+strconv.Quote(r.number)+" would be written to "+file+", which exists and holds another number",
			"rename that file, or correct the number in the ledger")
		return res
	}
	var b strings.Builder
	b.WriteString("+++\n")
	for _, f := range fmFields {
		v, ok := want[f.name]
		if !ok || (v.absent(f.kind) && f.kind != fkBool && !isRequired(f.name)) {
			continue
		}
		b.WriteString(f.name + " = " + v.toml(f.kind) + "\n")
	}
	b.WriteString("+++\n\n## 建议内容\n\n## 办理答复\n")
	res.data = []byte(b.String())
	doc, _ := parseFront(res.data)
	_, errs := content.Parse(file, res.data, site)
	mapErrors(s, l, r, doc, errs, &res.problems)
	return res
}

func isRequired(field string) bool {
	switch field {
	case "title", "deputies", "category", "lead_unit":
		return true
	}
	return false
}

// yearOf takes a new suggestion's year from its number (2019-017) or else
// from the day it was assigned.
func yearOf(number string, assigned time.Time) int {
	if len(number) >= 4 {
		if y, err := strconv.Atoi(number[:4]); err == nil && y >= 1949 && y <= 2100 && (len(number) == 4 || number[4] < '0' || number[4] > '9') {
			return y
		}
	}
	if !assigned.IsZero() {
		return assigned.Year()
	}
	return 0
}

// current is a suggestion's present value of a field.
func current(sg *content.Suggestion, field string) value {
	switch field {
	case "title":
		return value{str: sg.Title}
	case "year":
		return value{num: sg.Year}
	case "session":
		return value{str: sg.Session}
	case "deputies":
		return value{list: sg.Deputies}
	case "category":
		return value{str: sg.Category}
	case "key":
		return value{yes: sg.Key}
	case "lead_unit":
		return value{str: sg.LeadUnit}
	case "co_units":
		return value{list: sg.CoUnits}
	case "assigned":
		return value{date: sg.Assigned}
	case "replied":
		return value{date: sg.Replied}
	case "met":
		return value{yes: sg.Met}
	case "outcome":
		return value{str: sg.Outcome}
	case "satisfaction":
		return value{str: sg.Satisfaction}
	case "published":
		return value{date: sg.Published}
	case "disclosure":
		return value{str: string(sg.Disclosure)} // 全文 when the file leaves it out
	case "disclosure_reason":
		return value{str: sg.DisclosureReason}
	}
	return value{}
}

// mapErrors reports check's problems with the file a row writes: at the
// ledger's cell when the field comes from the ledger, else at the file's
// line, naming the row.
func mapErrors(s *Sheet, l *layout, r row, doc *frontDoc, errs diag.List, p *problems) {
	for _, e := range errs {
		field := e.Field
		if i := strings.IndexAny(field, ".["); i >= 0 {
			field = field[:i]
		}
		if field == "" && doc != nil && e.Pos.Line > 0 {
			field = doc.fieldAt(e.Pos.Line) // personal data: the line tells
		}
		if e.Msg == "a replied suggestion needs its outcome" && l.has(colOutcome) {
			field = "outcome"
		}
		if r.bad[field] {
			continue // already reported at its cell
		}
		if r.sg == nil && isRequired(field) && ledgerColumn(l, r, field) < 0 && !l.hasField(field) {
			continue // the missing column is reported once
		}
		c := ledgerColumn(l, r, field)
		if c < 0 {
			p.addFile(withRow(e, s, r.row))
			continue
		}
		sc := l.col[c]
		p.add(r.row, sc, s.Where(r.row, sc), l.text[c], e.Msg, ledgerHint(e, c))
	}
}

// ledgerColumn is the ledger column a front-matter field came from, or -1.
func ledgerColumn(l *layout, r row, field string) int {
	switch {
	case field == "deputies" && l.has(colDeputies):
		return colDeputies
	case field == "deputies" && l.has(colCoDeputies):
		return colCoDeputies
	case field == "year" && r.sg == nil && r.year == 0:
		return colNumber // a new suggestion's year comes from its number
	case field == "number":
		return colNumber
	}
	for c := range columns {
		if columns[c].field == field && c != colCoDeputies && l.has(c) && r.has[c] {
			return c
		}
	}
	return -1
}

// ledgerHint rewords check's advice, written for front matter, for a cell.
func ledgerHint(e *diag.Error, c int) string {
	switch e.Msg {
	case "a replied suggestion needs its outcome", "a replied suggestion needs its outcome; it is empty":
		return "fill in 办理结果"
	case "an outcome without a reply date":
		return "fill in 答复日期, or clear 办理结果"
	case "deputies' feedback without a reply date":
		return "fill in 答复日期, or clear " + columns[colSatisfaction].headers[0]
	}
	if strings.Contains(e.Hint, " = ") {
		return "correct the " + columns[c].headers[0] + " cell"
	}
	return e.Hint
}

// withRow is a problem in a content file, saying which row of the ledger
// holds the file's suggestion.
func withRow(e *diag.Error, s *Sheet, r int) *diag.Error {
	c := *e
	c.Msg += " — the suggestion of " + s.rowName(r) + " of " + s.whereSheet()
	return &c
}
