// Package config reads site.toml: the portal's title, address, the facts a
// Chinese government site shows in its footer, and the three ordered
// enumerations (categories, outcomes, satisfaction) that front matter refers
// to by key. See README.md for every key. It is the first step of the load
// phase (load → check → index → render → write; see package build): every
// other file is read against the site it returns.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/calendar"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/privacy"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// File is the name of the configuration file at the site root.
const File = source.Config

// Site is the validated content of site.toml.
type Site struct {
	Title        string
	Description  string
	Language     string
	Owner        string // 主办单位
	SiteCode     string // 网站标识码
	ICP          string // ICP备案号
	PoliceRecord string // 公安备案号
	Address      string
	Phone        string
	PerPage      int

	// Notice is shown on every page, such as a note that some records are
	// demonstration data. Empty: no notice.
	Notice string

	// ReplyMonths is the legal time limit for a reply, in months from the
	// day a suggestion is assigned (3 unless site.toml says otherwise).
	ReplyMonths int
	// AsOf is the date the statistics are stated as of: a reply overdue
	// on this day is listed as overdue. Zero when site.toml does not set it;
	// the statistics then use the latest date in the content.
	AsOf time.Time
	// AsOfAt is where site.toml writes as_of, with that line, for the
	// check that it is not earlier than the content (AsOfError).
	AsOfAt   diag.Pos
	asOfLine string

	// MaxSuggestionKB is the size a suggestion or report file may have, in
	// KB: big enough for any real text, small enough that one file cannot
	// make a build slow or the search index huge.
	MaxSuggestionKB int

	// PublicContacts are exact strings that look like personal contact
	// details but may be published, such as a department's hotline.
	PublicContacts []string

	Categories   *Enum
	Outcomes     *Enum
	Satisfaction *Enum

	Units       *Units      // [[units]]: handling units with a label, slug, grouping and contact
	Deputies    *Deputies   // [[deputies]]: deputies with a slug or description of their own
	Attachments Attachments // the types and size of files a suggestion may carry

	// Disclosure holds the time limit for publishing replies and where to
	// ask for one that is not published.
	Disclosure Disclosure
	// Calendar knows the working days: the State Council's notices shipped
	// with the generator, and site.toml's [[holidays]] after them.
	Calendar *calendar.Calendar
	// Column is the portal as a column of the government website, for the
	// page metadata.
	Column Column
	// Ledger is how `import` reads the district's spreadsheet ([ledger]).
	Ledger Ledger

	// Furniture is the emblem and the error-report link every page carries.
	Furniture Furniture

	// Publish holds the [publish] settings, so that `publish` alone does
	// the usual thing.
	Publish Publish

	base   *url.URL
	public *privacy.Allowed // PublicContacts and Phone
}

// Public is the set of contact details that may be published: those of
// public_contacts, in any of the forms they may be written in, and the
// site's own phone.
func (s *Site) Public() *privacy.Allowed { return s.public }

// Enum is an ordered list of terms that front matter refers to by key.
type Enum struct {
	Section string // its name in site.toml: "categories"
	Terms   []Term
	index   map[string]int
}

// Term is one entry of an enumeration.
type Term struct {
	Key   string
	Label string
	Slug  string   // the URL path segment of the term's page
	Pos   diag.Pos // where site.toml writes its key

	labelPos   diag.Pos // where the label is written, for problems in it
	labelField string
}

// Lookup returns the term with the given key.
func (e *Enum) Lookup(key string) (Term, bool) {
	i, ok := e.index[key]
	if !ok {
		return Term{}, false
	}
	return e.Terms[i], true
}

// Keys lists the keys in order.
func (e *Enum) Keys() []string {
	keys := make([]string, len(e.Terms))
	for i, t := range e.Terms {
		keys[i] = t.Key
	}
	return keys
}

// KeyList lists the keys for error messages: "A", "B", "C".
func (e *Enum) KeyList() string {
	keys := make([]string, len(e.Terms))
	for i, t := range e.Terms {
		keys[i] = `"` + t.Key + `"`
	}
	return strings.Join(keys, ", ")
}

// Load reads and validates site.toml from the site root.
func Load(fsys fs.FS) (*Site, diag.List) {
	data, err := source.ReadFile(fsys, File)
	if err != nil {
		var errs diag.List
		msg := "cannot read: " + source.Cause(err)
		if errors.Is(err, fs.ErrNotExist) {
			msg = "missing: the site root must hold site.toml"
		}
		errs.Add(diag.Pos{File: File}, "", msg, "run the command from the site's folder or pass -source DIR")
		return nil, errs
	}
	return Parse(File, data)
}

// Parse decodes and validates the text of site.toml named file.
func Parse(file string, data []byte) (s *Site, errs diag.List) {
	defer func() {
		if v := recover(); v != nil {
			s, errs = nil, diag.List{diag.Panicked(file, v)}
		}
	}()
	// The encoding is checked before anything else: nothing in a file
	// that is not UTF-8 can be read as meant.
	data, errs = source.Text(file, data)
	if data == nil && len(errs) > 0 {
		return nil, errs
	}
	s, more := parse(file, data)
	errs = append(errs, more...)
	errs.Sort()
	errs.AttachSource(file, data)
	return s, errs
}

func parse(file string, data []byte) (*Site, diag.List) {
	var errs diag.List
	t := tomldoc.Parse(file, data, 1, &errs)
	if t == nil {
		return nil, errs
	}
	s := &Site{
		Title:          t.String("title", true, `"某某区人大代表建议办理公开"`),
		Description:    t.String("description", false, `"…"`),
		Language:       t.String("language", false, `"zh-CN"`),
		Owner:          t.String("owner", true, `"某某区人民政府"`),
		SiteCode:       t.String("site_code", false, `"4103050003"`),
		ICP:            t.String("icp", false, `"豫ICP备00000000号"`),
		PoliceRecord:   t.String("police_record", false, `"豫公网安备 41030502000000号"`),
		Address:        t.String("address", false, `"某某路12号"`),
		Phone:          t.String("phone", false, `"0379-64823389"`),
		PublicContacts: t.Strings("public_contacts", false, `["0379-64823389"]`),
	}
	s.PerPage, _ = t.Int("per_page", false, "50")
	s.Notice = t.String("notice", false, `"本网站部分建议为演示数据。"`)
	s.ReplyMonths, _ = t.Int("reply_limit_months", false, "3")
	if t.Has("reply_limit_months") && (s.ReplyMonths < 1 || s.ReplyMonths > 24) {
		t.Errorf("reply_limit_months", "the law gives three months; use a number from 1 to 24", "must be between 1 and 24, found %d", s.ReplyMonths)
	}
	if s.ReplyMonths <= 0 {
		s.ReplyMonths = 3
	}
	s.AsOf, _ = t.Date("as_of", false)
	if t.Has("as_of") {
		s.AsOfAt = t.ValuePos("as_of")
		s.asOfLine = sourceLine(data, s.AsOfAt.Line)
	}
	s.MaxSuggestionKB, _ = t.Int("max_suggestion_kb", false, "1024")
	if t.Has("max_suggestion_kb") && (s.MaxSuggestionKB < 16 || s.MaxSuggestionKB > 16384) {
		t.Errorf("max_suggestion_kb", "the default, 1024 (1 MB), fits any real suggestion; use a number from 16 to 16384", "must be between 16 and 16384, found %d", s.MaxSuggestionKB)
	}
	if s.MaxSuggestionKB <= 0 {
		s.MaxSuggestionKB = 1024
	}
	if s.Language == "" {
		s.Language = "zh-CN"
	}
	if t.Has("per_page") && (s.PerPage < 1 || s.PerPage > 1000) {
		t.Errorf("per_page", "use a number from 1 to 1000", "must be between 1 and 1000, found %d", s.PerPage)
	}
	if s.PerPage <= 0 {
		s.PerPage = 50
	}
	base := t.String("base_url", true, `"https://www.example.gov.cn/rddbjy/"`)
	if base != "" {
		u, err := parseBase(base)
		if err != nil {
			t.Errorf("base_url", `write the full address, such as "https://www.example.gov.cn/rddbjy/"`, "%s", err.Error())
		}
		s.base = u
	}
	s.Publish = readPublish(t)
	s.Furniture = readFurniture(t, data)
	s.Categories = readEnum(t, "categories")
	s.Outcomes = readEnum(t, "outcomes")
	s.Satisfaction = readEnum(t, "satisfaction")
	s.Units = readUnits(t, s.PublicContacts)
	s.Deputies = readDeputies(t)
	s.Attachments = readAttachments(t)
	readDisclosure(t, s)
	readColumn(t, s)
	s.Ledger = readLedger(t, s)
	s.public = privacy.Allow(append([]string{s.Phone}, s.PublicContacts...)...)
	s.checkPersonalData(data, t, &errs)
	t.CheckUnknown()
	errs.Sort()
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// AsOfError is a problem with as_of that only the content shows, at
// the place site.toml writes it.
func (s *Site) AsOfError(msg, hint string) *diag.Error {
	return &diag.Error{Pos: s.AsOfAt, Field: "as_of", Msg: msg, Hint: hint, Text: s.asOfLine}
}

// sourceLine is line n (from 1) of data without its line ending, or "".
func sourceLine(data []byte, n int) string {
	text := string(data)
	for i := 1; i < n; i++ {
		var ok bool
		if _, text, ok = strings.Cut(text, "\n"); !ok {
			return ""
		}
	}
	line, _, _ := strings.Cut(text, "\n")
	return strings.TrimRight(line, "\r")
}

// checkPersonalData reports contact details in the texts site.toml puts on
// every page (the notice, the footer, the labels), except the site's own
// phone and public_contacts.
func (s *Site) checkPersonalData(data []byte, t *tomldoc.Table, errs *diag.List) {
	text := map[string]string{
		"title": s.Title, "description": s.Description, "owner": s.Owner, "site_code": s.SiteCode,
		"icp": s.ICP, "police_record": s.PoliceRecord, "address": s.Address, "notice": s.Notice,
	}
	for _, key := range []string{"title", "description", "owner", "site_code", "icp", "police_record", "address", "notice"} {
		privacy.CheckField(data, t.ValuePos(key), key, text[key], s.public, errs)
	}
	for _, e := range []*Enum{s.Categories, s.Outcomes, s.Satisfaction} {
		for _, term := range e.Terms {
			privacy.CheckField(data, term.labelPos, term.labelField, term.Label, s.public, errs)
		}
	}
	// Deputies' descriptions and units' labels are published too; each is
	// found from where its entry starts.
	for _, d := range s.Deputies.List() {
		privacy.CheckField(data, d.Pos, "deputies.name", d.Name, s.public, errs)
		privacy.CheckField(data, d.Pos, "deputies.description", d.Description, s.public, errs)
	}
	for _, u := range s.Units.List() {
		privacy.CheckField(data, u.Pos, "units.label", u.Label, s.public, errs)
		privacy.CheckField(data, u.Pos, "units.parent", u.Parent, s.public, errs)
	}
}

// MaxSlug is the length of a slug, in characters: it names a folder.
const MaxSlug = 40

// Publish is the [publish] table: where `publish` puts the site, and how it
// logs in. Paths are as written (publish resolves them against the site
// root, and ~/ against the home folder).
type Publish struct {
	To         string   // the target: a folder, sftp://user@host/path, or package:FILE.zip
	Key        string   // a private key file for SFTP; empty: ssh-agent
	KnownHosts string   // the known hosts file; empty: ~/.ssh/known_hosts
	ToPos      diag.Pos // where to is written, for errors about it
}

func readPublish(t *tomldoc.Table) Publish {
	if !t.Has("publish") {
		return Publish{}
	}
	pt := t.Table("publish", `to = "sftp://webmaster@www.example.gov.cn/srv/www/rddbjy"`)
	p := Publish{
		To:         pt.String("to", false, `"sftp://webmaster@www.example.gov.cn/srv/www/rddbjy"`),
		Key:        pt.String("key", false, `"~/.ssh/id_ed25519"`),
		KnownHosts: pt.String("known_hosts", false, `"~/.ssh/known_hosts"`),
		ToPos:      pt.ValuePos("to"),
	}
	pt.CheckUnknown()
	return p
}

var slugPattern = regexp.MustCompile(`^[0-9a-z][0-9a-z-]*$`)

func readEnum(t *tomldoc.Table, key string) *Enum {
	e := &Enum{Section: key, index: map[string]int{}}
	entries := t.Tables(key)
	if len(entries) == 0 && !t.Has(key) {
		t.Errorf(key, "add at least one [["+key+"]] entry with key and label", "missing: the site needs its %s", key)
	}
	slugs := map[string]string{}
	for _, et := range entries {
		term := Term{
			Key:   et.String("key", true, `"…"`),
			Label: et.String("label", true, `"…"`),
			Slug:  et.String("slug", false, `"chengjian"`),
			Pos:   et.ValuePos("key"),

			labelPos:   et.ValuePos("label"),
			labelField: et.Field("label"),
		}
		et.CheckUnknown()
		if term.Key == "" {
			continue
		}
		if strings.ContainsAny(term.Key, "/\\?#%\"'<>") {
			et.Errorf("key", "use letters, digits or Chinese characters", "%q contains a character that cannot be part of a web address", term.Key)
			continue
		}
		if _, dup := e.index[term.Key]; dup {
			et.Errorf("key", "each key may appear once; remove or rename one entry", "duplicate key %q in [[%s]]", term.Key, key)
			continue
		}
		switch {
		case term.Slug == "" && strings.Contains(term.Key, "."):
			// The key names the page: ".." would be the folder above.
			et.Errorf("key", "add a slug, such as slug = \"chengjian\", to name its page", "%q cannot name a page (its folder would be %s/%s/)", term.Key, key, term.Key)
			continue
		case term.Slug == "":
			term.Slug = term.Key
		case !slugPattern.MatchString(term.Slug):
			et.Errorf("slug", "use lower-case letters, digits and -, such as \"chengjian\"", "%q is not a valid slug", term.Slug)
		}
		if n := utf8.RuneCountInString(term.Slug); n > MaxSlug {
			field := "slug"
			if !et.Has("slug") {
				field = "key"
			}
			et.Errorf(field, fmt.Sprintf("use at most %d characters, or add a short slug", MaxSlug), "%q is too long to name a page (%d characters)", term.Slug, n)
		}
		// Compared without case: Windows and macOS, where webmasters
		// preview, have one folder for A and a.
		folded := strings.ToLower(term.Slug)
		if other, dup := slugs[folded]; dup {
			field := "slug"
			if !et.Has("slug") {
				field = "key"
			}
			et.Errorf(field, "give each entry its own slug", "%q names the same page as %q (compared without case)", term.Slug, other)
		}
		slugs[folded] = term.Key
		e.index[term.Key] = len(e.Terms)
		e.Terms = append(e.Terms, term)
	}
	return e
}

func parseBase(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("base_url must be a full address starting with https:// or http://, found " + `"` + s + `"`)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("base_url must not have ? or # parts")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u, nil
}

// CheckBaseURL reports whether v can replace base_url: a full http(s)
// address, or a path such as /rddbjy/.
func CheckBaseURL(v string) error {
	if !strings.HasPrefix(v, "/") {
		_, err := parseBase(v)
		return err
	}
	u, err := url.Parse(v)
	if err != nil || strings.HasPrefix(v, "//") || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(v, " \t") {
		return errors.New("a base path must look like /rddbjy/, found \"" + v + "\"")
	}
	return nil
}

// SetBaseURL overrides base_url (the -base-url flag). A full address
// replaces it; a path such as /rddbjy/ keeps the configured host.
func (s *Site) SetBaseURL(v string) error {
	if err := CheckBaseURL(v); err != nil {
		return err
	}
	if !strings.HasPrefix(v, "/") {
		s.base, _ = parseBase(v)
		return nil
	}
	u := *s.base
	u.Path = v
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	s.base = &u
	return nil
}

// BasePath is the path the site is served under, always ending in "/".
func (s *Site) BasePath() string { return s.base.Path }

// AbsURL turns a site path ("/suggestions/2019-001/"; already escaped) into a
// full address for the sitemap and the feed.
func (s *Site) AbsURL(path string) string {
	return s.base.Scheme + "://" + s.base.Host + path
}
