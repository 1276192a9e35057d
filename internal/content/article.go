package content

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// missing reports a required key that is absent or empty, with the line
// to add.
func (f fieldReader) missing(line int, key string) {
	r := rule(f.rules, f.name(key))
	f.rep.errorf(line, r.Key, "thiếu %s (bắt buộc); thêm dòng: %s: %s", r.Label(), key, r.Example)
}

// text reads a text key with a pattern (rule.Pattern), or without.
func (f fieldReader) text(v *value, key string) string {
	s, ok := f.str(v, key)
	if !ok || s == "" {
		return ""
	}
	r := rule(f.rules, f.name(key))
	if r.Pattern != "" && !patternOf(r).MatchString(s) {
		f.rep.errorf(v.line, r.Key, "%q không hợp lệ (được phép: %s, ví dụ: %s: %s)", s, r.Allowed, key, r.Example)
		return ""
	}
	return s
}

// parseArticle reads the frontmatter of one article into a. Cross-file
// checks (area, locality, duplicate slugs…) happen later in validate.
func parseArticle(doc *document, a *Article, rep reporter) {
	f := fieldReader{rep: rep, rules: articleRules}
	m := doc.meta
	f.unknownKeys(m, articleKeys)
	a.Lines = FieldLines{}
	for _, k := range m.keys {
		a.Lines[k] = m.m[k].line
	}
	get := func(k string) *value { return m.m[k] }

	titleOK := true
	if v := get("title"); v != nil {
		a.Title, titleOK = f.str(v, "title")
	}
	if a.Title == "" && titleOK {
		f.missing(lineOr(get("title"), m.line), "title")
	}
	if v := get("date"); v != nil {
		a.Date, _ = f.date(v, "date")
	} else {
		f.missing(m.line, "date")
	}
	if v := get("lastmod"); v != nil {
		if t, ok := f.date(v, "lastmod"); ok {
			a.LastMod = t
		}
	}
	for _, k := range []struct {
		key string
		dst *string
	}{{"area", &a.Area}, {"locality", &a.Locality}} {
		v := get(k.key)
		ok := true
		if v != nil {
			*k.dst, ok = f.str(v, k.key)
		}
		if *k.dst == "" && ok {
			f.missing(lineOr(v, m.line), k.key)
		}
	}
	for _, k := range []struct {
		key string
		dst *string
	}{{"model", &a.Model}, {"unit", &a.Unit}, {"summary", &a.Summary}, {"author", &a.Author}, {"cover", &a.Cover}, {"cover_alt", &a.CoverAlt}} {
		if v := get(k.key); v != nil {
			*k.dst, _ = f.str(v, k.key)
		}
	}
	if v := get("subject"); v != nil {
		a.Subject, _ = f.enum(v, "subject", subjectNames)
	}
	if v := get("award"); v != nil {
		a.Award, _ = f.enum(v, "award", awardNames)
	}
	if v := get("year"); v != nil {
		r := rule(articleRules, "year")
		a.Year, _ = f.integer(v, "year", r.Min, r.Max)
	}
	if v := get("tags"); v != nil {
		a.Tags = f.strList(v, "tags")
	}
	if v := get("aliases"); v != nil {
		parseAliases(f, v, a)
	}
	if v := get("draft"); v != nil {
		a.Draft = f.boolean(v, "draft")
	}
	if v := get("slug"); v != nil {
		if s := f.text(v, "slug"); s != "" {
			a.Slug = s
		}
	}
	if a.Cover != "" && a.CoverAlt == "" {
		rep.errorf(lineOr(get("cover_alt"), lineOr(get("cover"), m.line)), "cover_alt", "có ảnh bìa thì cần mô tả ảnh bìa cho người khiếm thị (tả điều ảnh cho thấy, một câu); thêm dòng: cover_alt: %s", rule(articleRules, "cover_alt").Example)
	}
	if !a.LastMod.IsZero() && !a.Date.IsZero() && a.LastMod.Format(time.DateOnly) < a.Date.Format(time.DateOnly) {
		rep.errorf(get("lastmod").line, "lastmod", "ngày cập nhật %s trước ngày đăng %s: ngày cập nhật là ngày sửa bài sau khi đăng; sửa lại hoặc xóa dòng lastmod", showDate(a.LastMod), showDate(a.Date))
	}
	if v := get("contest"); v != nil {
		a.Contest = parseEntry(v, rep)
	}
}

// parseAliases keeps the old addresses that are safe site paths
// (CheckSitePath) and reports the others on their own line: only checked
// values ever reach _redirects. Collisions with pages and between
// articles are checked by the site, which knows every URL.
func parseAliases(f fieldReader, v *value, a *Article) {
	items := []*value{v}
	switch v.kind {
	case listValue:
		items = v.items
	case mapValue:
		f.rep.errorf(v.line, "aliases", "phải là một danh sách đường dẫn, ví dụ [/bai-viet/ten-cu/]")
		return
	}
	for _, it := range items {
		if it.kind != scalarValue {
			f.rep.errorf(it.line, "aliases", "mỗi mục phải là một đường dẫn, ví dụ /bai-viet/ten-cu/")
			continue
		}
		al := strings.TrimSpace(it.str)
		if it.tag == "null" || al == "" {
			continue
		}
		if why := CheckSitePath(al); why != "" {
			f.rep.errorf(it.line, "aliases", "%q không dùng được: %s; sửa thành đường dẫn cũ của bài trên trang này (được phép: bắt đầu bằng /, gồm chữ, số, dấu gạch ngang, dấu chấm, dấu gạch dưới và /, không có khoảng trắng; ví dụ /bai-viet/ten-cu/)", al, why)
			continue
		}
		a.Aliases = append(a.Aliases, al)
		a.AliasLines = append(a.AliasLines, it.line)
	}
}

func parseEntry(v *value, rep reporter) *Entry {
	f := fieldReader{rep: rep, prefix: "contest.", rules: articleRules}
	if v.kind != mapValue {
		rep.errorf(v.line, "contest", "phải là một nhóm trường viết thụt vào bên dưới dòng contest: (round, outlet, media, genre…)")
		return nil
	}
	f.unknownKeys(v, contestKeys)
	e := &Entry{}
	if r := v.m["round"]; r != nil {
		rr := rule(articleRules, "contest.round")
		e.Round, _ = f.integer(r, "round", rr.Min, rr.Max)
	} else {
		f.missing(v.line, "round")
	}
	if x := v.m["outlet"]; x != nil {
		e.Outlet, _ = f.str(x, "outlet")
	}
	if e.Outlet == "" {
		f.missing(lineOr(v.m["outlet"], v.line), "outlet")
	}
	for _, k := range []struct {
		key string
		dst *string
	}{{"media", &e.Media}, {"genre", &e.Genre}} {
		r := rule(articleRules, "contest."+k.key)
		if x := v.m[k.key]; x != nil {
			*k.dst, _ = f.enum(x, k.key, r.Choices)
		} else {
			rep.errorf(v.line, r.Key, "thiếu %s (bắt buộc với bài dự thi); thêm dòng: %s: %s (được phép: %s)", r.Label(), k.key, r.Example, listAllowed(r.Choices))
		}
	}
	if x := v.m["url"]; x != nil {
		e.URL = f.text(x, "url")
	}
	if x := v.m["aired"]; x != nil {
		if t, ok := f.date(x, "aired"); ok {
			e.Aired = &t
		}
	}
	if x := v.m["duration"]; x != nil {
		e.Duration = f.text(x, "duration")
	}
	if x := v.m["prizes"]; x != nil {
		e.Prizes = f.strList(x, "prizes")
	}
	return e
}

func lineOr(v *value, def int) int {
	if v != nil {
		return v.line
	}
	return def
}

// ArticleFields lists the frontmatter keys of an article and of its
// contest entry. They are code for editors, never words for readers: the
// style gate (internal/qa) keeps them off public pages.
func ArticleFields() []string { return append(slices.Clone(articleKeys), contestKeys...) }

func parsePage(doc *document, p *Page, rep reporter) {
	f := fieldReader{rep: rep, rules: pageRules}
	m := doc.meta
	f.unknownKeys(m, pageKeys)
	p.Lines = FieldLines{}
	for _, k := range m.keys {
		p.Lines[k] = m.m[k].line
	}
	titleOK := true
	if v := m.m["title"]; v != nil {
		p.Title, titleOK = f.str(v, "title")
	}
	if p.Title == "" && titleOK {
		f.missing(lineOr(m.m["title"], m.line), "title")
	}
	if v := m.m["summary"]; v != nil {
		p.Summary, _ = f.str(v, "summary")
	}
	if v := m.m["date"]; v != nil {
		p.Date, _ = f.date(v, "date")
	}
	if v := m.m["draft"]; v != nil {
		p.Draft = f.boolean(v, "draft")
	}
	if v := m.m["menu"]; v != nil {
		p.Menu = f.boolean(v, "menu")
	}
	if v := m.m["weight"]; v != nil {
		r := rule(pageRules, "weight")
		p.Weight, _ = f.integer(v, "weight", r.Min, r.Max)
	}
	if v := m.m["slug"]; v != nil {
		if s := f.text(v, "slug"); s != "" {
			p.Slug = s
		}
	}
}

// patternOf returns the compiled pattern of a rule.
func patternOf(r FieldRule) *regexp.Regexp { return compiledPatterns[r.Pattern] }
