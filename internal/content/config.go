package content

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ConfigFile is the site configuration, relative to the site root.
const ConfigFile = "content/_site.yaml"

var (
	configKeys    = []string{"title", "description", "base_url", "notice", "publisher", "editor", "areas", "localities", "contest"}
	editorKeys    = []string{"repo", "branch"}
	publisherKeys = []string{"name", "address", "phone", "email", "responsible", "license"}
	areaKeys      = []string{"slug", "name", "short", "description"}
	localityKeys  = []string{"slug", "kind", "name", "aliases", "valid_from", "valid_to", "merged_into", "note"}
	contestCfg    = []string{"name", "rounds"}
	roundKeys     = []string{"round", "name", "from", "to"}
)

// ParseConfig reads the source of _site.yaml on its own (for tools such as
// `danvan new` that need the taxonomies but not the articles).
func ParseConfig(src []byte) (*Config, Problems) {
	var probs Problems
	clean, ok := cleanSource(src, reporter{file: ConfigFile, list: &probs})
	if !ok {
		return nil, probs
	}
	c := parseConfig(clean, &probs)
	return c, probs
}

// parseConfig reads _site.yaml with the same strict rules as frontmatter.
func parseConfig(src []byte, probs *Problems) *Config {
	rep := reporter{file: ConfigFile, list: probs}
	root, err := decodeYAML(src, 0)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			rep.errorf(se.line, "", "%s", se.msg)
		}
		return nil
	}
	f := fieldReader{rep: rep}
	f.unknownKeys(root, configKeys)
	c := &Config{File: ConfigFile}
	for key, dst := range map[string]*string{"title": &c.Title, "description": &c.Description, "base_url": &c.BaseURL, "notice": &c.Notice} {
		if v := root.m[key]; v != nil {
			*dst, _ = f.str(v, key)
		}
	}
	if c.Title == "" {
		rep.errorf(lineOr(root.m["title"], 1), "title", "thiếu tên trang web (bắt buộc)")
	}
	if why := CheckBaseURL(c.BaseURL); c.BaseURL != "" && why != "" {
		rep.errorf(lineOr(root.m["base_url"], 1), "base_url", "%q không dùng được: %s (được phép: địa chỉ như https://danvan.quangngai.gov.vn/)", c.BaseURL, why)
		c.BaseURL = ""
	}
	if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if v := root.m["publisher"]; v != nil {
		c.Publisher = parsePublisher(v, rep)
	}
	c.Editor = Editor{Branch: "main"}
	if v := root.m["editor"]; v != nil {
		c.Editor = parseEditor(v, rep)
	}
	if v := root.m["areas"]; v != nil {
		c.Areas = parseAreas(v, rep)
	}
	if len(c.Areas) == 0 {
		rep.errorf(lineOr(root.m["areas"], 1), "areas", "cần khai báo ít nhất một lĩnh vực")
	}
	if v := root.m["localities"]; v != nil {
		c.Localities = parseLocalities(v, rep)
	}
	if len(c.Localities) == 0 {
		rep.errorf(lineOr(root.m["localities"], 1), "localities", "cần khai báo ít nhất một địa bàn")
	}
	if v := root.m["contest"]; v != nil {
		c.Contest = parseContest(v, rep)
	}
	return c
}

func parsePublisher(v *value, rep reporter) Publisher {
	f := fieldReader{rep: rep, prefix: "publisher."}
	var p Publisher
	if v.kind != mapValue {
		rep.errorf(v.line, "publisher", "phải là một nhóm trường (%s)", strings.Join(publisherKeys, ", "))
		return p
	}
	f.unknownKeys(v, publisherKeys)
	for key, dst := range map[string]*string{"name": &p.Name, "address": &p.Address, "phone": &p.Phone, "email": &p.Email, "responsible": &p.Responsible, "license": &p.License} {
		if x := v.m[key]; x != nil {
			*dst, _ = f.str(x, key)
		}
	}
	return p
}

// repoRE is a GitHub repository, owner/name.
var repoRE = regexp.MustCompile(`^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$`)

func parseEditor(v *value, rep reporter) Editor {
	f := fieldReader{rep: rep, prefix: "editor."}
	e := Editor{Branch: "main"}
	if v.kind != mapValue {
		rep.errorf(v.line, "editor", "phải là một nhóm trường (repo, branch)")
		return e
	}
	f.unknownKeys(v, editorKeys)
	if x := v.m["repo"]; x != nil {
		if s, ok := f.str(x, "repo"); ok && s != "" {
			if repoRE.MatchString(s) {
				e.Repo = s
			} else {
				rep.errorf(x.line, "editor.repo", "%q không phải tên kho GitHub (được phép: chủ/tên-kho, ví dụ quangngai/danvan)", s)
			}
		}
	}
	if x := v.m["branch"]; x != nil {
		if s, ok := f.str(x, "branch"); ok && s != "" {
			e.Branch = s
		}
	}
	return e
}

func mapItems(v *value, rep reporter, field string) []*value {
	if v.kind != listValue {
		rep.errorf(v.line, field, "phải là một danh sách")
		return nil
	}
	var out []*value
	for _, it := range v.items {
		if it.kind != mapValue {
			rep.errorf(it.line, field, "mỗi mục phải là một nhóm trường")
			continue
		}
		out = append(out, it)
	}
	return out
}

func parseAreas(v *value, rep reporter) []Area {
	var out []Area
	seen := map[string]bool{}
	for _, it := range mapItems(v, rep, "areas") {
		f := fieldReader{rep: rep, prefix: "areas."}
		f.unknownKeys(it, areaKeys)
		var a Area
		for key, dst := range map[string]*string{"slug": &a.Slug, "name": &a.Name, "short": &a.Short, "description": &a.Description} {
			if x := it.m[key]; x != nil {
				*dst, _ = f.str(x, key)
			}
		}
		switch {
		case !slugRE.MatchString(a.Slug):
			rep.errorf(it.line, "areas.slug", "mã lĩnh vực %q không hợp lệ (được phép: chữ thường không dấu, số và gạch ngang)", a.Slug)
			continue
		case seen[a.Slug]:
			rep.errorf(it.line, "areas.slug", "mã lĩnh vực %q bị trùng", a.Slug)
			continue
		case a.Name == "":
			rep.errorf(it.line, "areas.name", "lĩnh vực %q thiếu tên", a.Slug)
		}
		if a.Short == "" {
			a.Short = a.Name
		}
		seen[a.Slug] = true
		out = append(out, a)
	}
	return out
}

func parseLocalities(v *value, rep reporter) []Locality {
	var out []Locality
	for _, it := range mapItems(v, rep, "localities") {
		f := fieldReader{rep: rep, prefix: "localities."}
		f.unknownKeys(it, localityKeys)
		l := Locality{Line: it.line, Lines: FieldLines{}}
		for _, k := range it.keys {
			l.Lines[k] = it.m[k].line
		}
		for key, dst := range map[string]*string{"slug": &l.Slug, "kind": &l.Kind, "name": &l.Name, "merged_into": &l.MergedInto, "note": &l.Note} {
			if x := it.m[key]; x != nil {
				*dst, _ = f.str(x, key)
			}
		}
		if x := it.m["aliases"]; x != nil {
			l.Aliases = f.strList(x, "aliases")
		}
		for key, dst := range map[string]**time.Time{"valid_from": &l.ValidFrom, "valid_to": &l.ValidTo} {
			if x := it.m[key]; x != nil {
				if t, ok := f.date(x, key); ok {
					*dst = &t
				}
			}
		}
		if !slugRE.MatchString(l.Slug) {
			rep.errorf(it.line, "localities.slug", "mã địa bàn %q không hợp lệ (được phép: chữ thường không dấu, số và gạch ngang)", l.Slug)
			continue
		}
		if _, ok := kindNames[l.Kind]; !ok {
			rep.errorf(lineOr(it.m["kind"], it.line), "localities.kind", "loại đơn vị %q của %q không hợp lệ (được phép: %s)", l.Kind, l.Slug, listAllowed(kindNames))
		}
		if l.Name == "" {
			rep.errorf(it.line, "localities.name", "địa bàn %q thiếu tên", l.Slug)
		}
		out = append(out, l)
	}
	// Cross-checks: unique slugs and aliases, successors exist, no cycles.
	known := map[string]bool{}
	for _, l := range out {
		if known[l.Slug] {
			rep.errorf(l.Line, "localities.slug", "mã địa bàn %q bị trùng", l.Slug)
		}
		known[l.Slug] = true
	}
	for _, l := range out {
		for _, a := range l.Aliases {
			if known[a] {
				rep.errorf(l.Line, "localities.aliases", "tên gọi khác %q của %q trùng với một mã địa bàn khác", a, l.Slug)
			}
			known[a] = true
		}
		if l.MergedInto != "" && !containsSlug(out, l.MergedInto) {
			rep.errorf(lineOr1(l.Lines["merged_into"]), "localities.merged_into", "%q sáp nhập vào %q nhưng địa bàn này chưa được khai báo", l.Slug, l.MergedInto)
		}
		if l.ValidFrom != nil && l.ValidTo != nil && l.ValidTo.Before(*l.ValidFrom) {
			rep.errorf(l.Line, "localities.valid_to", "ngày kết thúc của %q trước ngày bắt đầu", l.Slug)
		}
	}
	checkMergeChains(out, rep)
	return out
}

// checkMergeChains rejects a merge history that loops or is longer than
// MaxMergeChain units, so that every later walk up a history (which stops
// at that bound) sees all of it.
func checkMergeChains(ls []Locality, rep reporter) {
	next := make(map[string]string, len(ls))
	for _, l := range ls {
		next[l.Slug] = l.MergedInto
	}
	for _, l := range ls {
		seen := map[string]bool{l.Slug: true}
		n := 1
		for cur := l.MergedInto; cur != ""; cur = next[cur] {
			if seen[cur] {
				rep.errorf(l.Line, "localities.merged_into", "chuỗi sáp nhập của %q bị vòng lặp", l.Slug)
				break
			}
			seen[cur] = true
			if n++; n > MaxMergeChain {
				rep.errorf(l.Line, "localities.merged_into", "chuỗi sáp nhập của %q dài quá %d đơn vị (được phép: tối đa %d lần sáp nhập nối tiếp)", l.Slug, MaxMergeChain, MaxMergeChain-1)
				break
			}
		}
	}
}

func containsSlug(ls []Locality, slug string) bool {
	for _, l := range ls {
		if l.Slug == slug {
			return true
		}
	}
	return false
}

func parseContest(v *value, rep reporter) Contest {
	f := fieldReader{rep: rep, prefix: "contest."}
	var c Contest
	if v.kind != mapValue {
		rep.errorf(v.line, "contest", "phải là một nhóm trường (name, rounds)")
		return c
	}
	f.unknownKeys(v, contestCfg)
	if x := v.m["name"]; x != nil {
		c.Name, _ = f.str(x, "name")
	}
	if x := v.m["rounds"]; x != nil {
		seen := map[int]bool{}
		for _, it := range mapItems(x, rep, "contest.rounds") {
			rf := fieldReader{rep: rep, prefix: "contest.rounds."}
			rf.unknownKeys(it, roundKeys)
			r := Round{Line: it.line}
			ok := true
			if y := it.m["round"]; y != nil {
				r.Round, ok = rf.integer(y, "round", 2000, 2100)
			} else {
				rep.errorf(it.line, "contest.rounds.round", "thiếu số đợt (năm)")
				ok = false
			}
			if y := it.m["name"]; y != nil {
				r.Name, _ = rf.str(y, "name")
			}
			if r.Name == "" {
				r.Name = fmt.Sprintf("Đợt %d", r.Round)
			}
			for key, dst := range map[string]*time.Time{"from": &r.From, "to": &r.To} {
				if y := it.m[key]; y != nil {
					if t, good := rf.date(y, key); good {
						*dst = t
					} else {
						ok = false
					}
				} else {
					rep.errorf(it.line, "contest.rounds."+key, "đợt %d thiếu ngày %s", r.Round, map[string]string{"from": "bắt đầu", "to": "kết thúc"}[key])
					ok = false
				}
			}
			if ok && r.To.Before(r.From) {
				rep.errorf(it.line, "contest.rounds.to", "đợt %d kết thúc trước khi bắt đầu", r.Round)
			}
			if seen[r.Round] {
				rep.errorf(it.line, "contest.rounds.round", "đợt %d bị khai báo hai lần", r.Round)
				continue
			}
			seen[r.Round] = true
			if ok {
				c.Rounds = append(c.Rounds, r)
			}
		}
	}
	return c
}

// Area returns the area with the given slug.
func (c *Config) Area(slug string) (Area, bool) {
	for _, a := range c.Areas {
		if a.Slug == slug {
			return a, true
		}
	}
	return Area{}, false
}

// Locality returns the locality with the given slug or alias.
func (c *Config) Locality(slug string) (Locality, bool) {
	for _, l := range c.Localities {
		if l.Slug == slug {
			return l, true
		}
	}
	for _, l := range c.Localities {
		for _, a := range l.Aliases {
			if a == slug {
				return l, true
			}
		}
	}
	return Locality{}, false
}

// Round returns the contest round with the given number.
func (c *Config) Round(n int) (Round, bool) {
	for _, r := range c.Contest.Rounds {
		if r.Round == n {
			return r, true
		}
	}
	return Round{}, false
}

// ValidOn reports whether the unit existed on day t.
func (l Locality) ValidOn(t time.Time) bool {
	d := t.Format("2006-01-02")
	if l.ValidFrom != nil && d < l.ValidFrom.Format("2006-01-02") {
		return false
	}
	if l.ValidTo != nil && d > l.ValidTo.Format("2006-01-02") {
		return false
	}
	return true
}
