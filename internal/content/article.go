package content

import (
	"regexp"
	"slices"
	"strings"
)

// articleKeys are the frontmatter keys of an article, in documentation order.
var articleKeys = []string{
	"title", "date", "area", "locality", "model", "unit", "subject", "year",
	"summary", "author", "cover", "cover_alt", "tags", "award", "contest",
	"slug", "aliases", "draft",
}

var contestKeys = []string{"round", "outlet", "media", "genre", "url", "aired", "duration", "prizes"}

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	durationRE = regexp.MustCompile(`^(\d{1,2}:)?\d{1,2}:\d{2}$`)
)

// parseArticle reads the frontmatter of one article into a. Cross-file
// checks (area, locality, duplicate slugs…) happen later in validate.
func parseArticle(doc *document, a *Article, rep reporter) {
	f := fieldReader{rep: rep}
	m := doc.meta
	f.unknownKeys(m, articleKeys)
	a.Lines = FieldLines{}
	for _, k := range m.keys {
		a.Lines[k] = m.m[k].line
	}
	get := func(k string) *value { return m.m[k] }

	if v := get("title"); v != nil {
		a.Title, _ = f.str(v, "title")
	}
	if a.Title == "" {
		rep.errorf(lineOr(get("title"), m.line), "title", "thiếu tiêu đề bài viết (bắt buộc), ví dụ: title: \"Dồn điền, đổi thửa ở xã Nghĩa Dũng\"")
	}
	if v := get("date"); v != nil {
		a.Date, _ = f.date(v, "date")
	} else {
		rep.errorf(m.line, "date", "thiếu ngày đăng (bắt buộc), ví dụ: date: 2019-06-14")
	}
	if v := get("area"); v != nil {
		a.Area, _ = f.str(v, "area")
	}
	if a.Area == "" && get("area") == nil {
		rep.errorf(m.line, "area", "thiếu lĩnh vực (bắt buộc), ví dụ: area: kinh-te")
	}
	if v := get("locality"); v != nil {
		a.Locality, _ = f.str(v, "locality")
	}
	if a.Locality == "" && get("locality") == nil {
		rep.errorf(m.line, "locality", "thiếu địa bàn (bắt buộc), ví dụ: locality: nghia-dung")
	}
	for key, dst := range map[string]*string{"model": &a.Model, "unit": &a.Unit, "summary": &a.Summary, "author": &a.Author, "cover": &a.Cover, "cover_alt": &a.CoverAlt} {
		if v := get(key); v != nil {
			*dst, _ = f.str(v, key)
		}
	}
	if v := get("subject"); v != nil {
		a.Subject, _ = f.enum(v, "subject", subjectNames)
	}
	if v := get("award"); v != nil {
		a.Award, _ = f.enum(v, "award", awardNames)
	}
	if v := get("year"); v != nil {
		a.Year, _ = f.integer(v, "year", 1990, 2100)
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
		if s, ok := f.str(v, "slug"); ok && s != "" {
			if !slugRE.MatchString(s) {
				rep.errorf(v.line, "slug", "giá trị %q không hợp lệ (được phép: chữ thường không dấu, số và dấu gạch ngang, ví dụ don-dien-doi-thua)", s)
			} else {
				a.Slug = s
			}
		}
	}
	if a.Cover != "" && a.CoverAlt == "" {
		rep.errorf(lineOr(get("cover"), m.line), "cover_alt", "ảnh bìa cần lời mô tả cho người khiếm thị (thêm cover_alt: \"…\")")
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
	f := fieldReader{rep: rep, prefix: "contest."}
	if v.kind != mapValue {
		rep.errorf(v.line, "contest", "phải là một nhóm trường (round, outlet, media, genre…)")
		return nil
	}
	f.unknownKeys(v, contestKeys)
	e := &Entry{}
	if r := v.m["round"]; r != nil {
		e.Round, _ = f.integer(r, "round", 2000, 2100)
	} else {
		rep.errorf(v.line, "contest.round", "thiếu đợt thi (bắt buộc với bài dự thi), ví dụ: round: 2019")
	}
	if x := v.m["outlet"]; x != nil {
		e.Outlet, _ = f.str(x, "outlet")
	}
	if e.Outlet == "" {
		rep.errorf(lineOr(v.m["outlet"], v.line), "contest.outlet", "thiếu cơ quan báo chí đã đăng/phát (bắt buộc với bài dự thi)")
	}
	if x := v.m["media"]; x != nil {
		e.Media, _ = f.enum(x, "media", mediaNames)
	} else {
		rep.errorf(v.line, "contest.media", "thiếu loại hình báo chí (được phép: %s)", listAllowed(mediaNames))
	}
	if x := v.m["genre"]; x != nil {
		e.Genre, _ = f.enum(x, "genre", genreNames)
	} else {
		rep.errorf(v.line, "contest.genre", "thiếu thể loại (được phép: %s)", listAllowed(genreNames))
	}
	if x := v.m["url"]; x != nil {
		if s, ok := f.str(x, "url"); ok && s != "" {
			if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
				rep.errorf(x.line, "contest.url", "địa chỉ %q không hợp lệ (được phép: địa chỉ bắt đầu bằng https:// hoặc http://)", s)
			} else {
				e.URL = s
			}
		}
	}
	if x := v.m["aired"]; x != nil {
		if t, ok := f.date(x, "aired"); ok {
			e.Aired = &t
		}
	}
	if x := v.m["duration"]; x != nil {
		if s, ok := f.str(x, "duration"); ok && s != "" {
			if !durationRE.MatchString(s) {
				rep.errorf(x.line, "contest.duration", "thời lượng %q không hợp lệ (được phép: phút:giây như 12:30, hoặc giờ:phút:giây như 1:05:00)", s)
			} else {
				e.Duration = s
			}
		}
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

// pageKeys are the frontmatter keys of a standalone page.
var pageKeys = []string{"title", "summary", "date", "draft", "weight", "menu", "slug"}

func parsePage(doc *document, p *Page, rep reporter) {
	f := fieldReader{rep: rep}
	m := doc.meta
	f.unknownKeys(m, pageKeys)
	p.Lines = FieldLines{}
	for _, k := range m.keys {
		p.Lines[k] = m.m[k].line
	}
	if v := m.m["title"]; v != nil {
		p.Title, _ = f.str(v, "title")
	}
	if p.Title == "" {
		rep.errorf(lineOr(m.m["title"], m.line), "title", "thiếu tiêu đề trang (bắt buộc)")
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
		p.Weight, _ = f.integer(v, "weight", -1000, 1000)
	}
	if v := m.m["slug"]; v != nil {
		if s, ok := f.str(v, "slug"); ok && s != "" {
			if !slugRE.MatchString(s) {
				rep.errorf(v.line, "slug", "giá trị %q không hợp lệ (được phép: chữ thường không dấu, số và dấu gạch ngang)", s)
			} else {
				p.Slug = s
			}
		}
	}
}
