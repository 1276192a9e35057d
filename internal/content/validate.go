package content

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// validate runs the checks that need the whole content: taxonomies,
// duplicate slugs, contest rounds and covers.
func validate(fsys fs.FS, c *Content, probs *Problems) {
	cfg := c.Config
	slugs := map[string]*Article{}
	contestURLs := map[string]*Article{}
	for _, a := range c.Articles {
		if a.Invalid {
			continue // its file could not be read; its problem is reported
		}
		rep := reporter{file: a.Path, list: probs}
		if a.Area != "" {
			if _, ok := cfg.Area(a.Area); !ok {
				rep.errorf(a.Lines["area"], "area", "%s", unknownArea(cfg, a.Area))
				a.Area = ""
			}
		}
		if a.Locality != "" {
			if l, ok := cfg.Locality(a.Locality); !ok {
				rep.errorf(a.Lines["locality"], "locality", "%s", unknownLocality(cfg, a.Locality, a.Date))
				a.Locality = ""
			} else {
				a.Locality = l.Slug
				if !a.Date.IsZero() && !l.ValidOn(a.Date) {
					rep.warnf(a.Lines["locality"], "locality", "%s không còn hoặc chưa tồn tại vào ngày đăng %s%s", l.FullName(), showDate(a.Date), validity(cfg, l))
				}
			}
		}
		if prev, dup := slugs[a.Slug]; dup && a.Slug != "" {
			rep.errorf(lineOr1(a.Lines["slug"]), "slug", "đường dẫn /bai-viet/%s/ đã được dùng cho %s: mỗi bài cần một đường dẫn riêng; đổi tên tệp, hoặc thêm dòng slug: %s-2", a.Slug, prev.Path, a.Slug)
		} else {
			slugs[a.Slug] = a
		}
		if e := a.Contest; e != nil && e.Round != 0 {
			if r, ok := cfg.Round(e.Round); !ok {
				rep.errorf(a.Lines["contest"], "contest.round", "đợt thi %d không có trong content/_site.yaml (được phép: %s)", e.Round, roundList(cfg))
			} else if d := a.Date.Format("2006-01-02"); !a.Date.IsZero() && (d < r.From.Format("2006-01-02") || d > r.To.Format("2006-01-02")) {
				// Calendar days as written, whatever the time zone of the date.
				rep.errorf(a.Lines["date"], "date", "bài dự thi đợt %d phải đăng trong thời gian của đợt, từ %s đến %s, nhưng ngày đăng là %s: sửa ngày đăng, hoặc chọn đúng đợt thi", r.Round, showDate(r.From), showDate(r.To), showDate(a.Date))
			}
			if e.URL != "" {
				key := strings.TrimSuffix(strings.ToLower(e.URL), "/")
				if prev, dup := contestURLs[key]; dup {
					rep.errorf(a.Lines["contest"], "contest.url", "tác phẩm gốc %s đã được gửi dự thi trong %s (mỗi tác phẩm chỉ dự thi một lần)", e.URL, prev.Path)
				} else {
					contestURLs[key] = a
				}
			}
		}
		if a.Cover != "" {
			checkCover(fsys, a, rep)
		}
	}
	pageSlugs := map[string]string{}
	for _, p := range c.Pages {
		if prev, dup := pageSlugs[p.Slug]; dup {
			reporter{file: p.Path, list: probs}.errorf(1, "slug", "đường dẫn /%s/ đã được dùng cho %s: đổi tên tệp, hoặc thêm dòng slug: %s-2", p.Slug, prev, p.Slug)
		}
		pageSlugs[p.Slug] = p.Path
	}
}

func lineOr1(l int) int {
	if l == 0 {
		return 1
	}
	return l
}

// checkCover accepts a file of the bundle or a path under static/.
func checkCover(fsys fs.FS, a *Article, rep reporter) {
	line := a.Lines["cover"]
	if strings.Contains(a.Cover, "://") {
		rep.errorf(line, "cover", "ảnh bìa %q phải là tệp của trang web, không phải địa chỉ bên ngoài (được phép: tên tệp cạnh index.md, hoặc /images/... trong static/)", a.Cover)
		a.Cover = ""
		return
	}
	if strings.HasPrefix(a.Cover, "/") {
		p := path.Clean("static" + a.Cover)
		if !strings.HasPrefix(p, "static/") || !fs.ValidPath(p) {
			rep.errorf(line, "cover", "đường dẫn ảnh bìa %q đi ra ngoài thư mục của trang web", a.Cover)
			a.Cover = ""
			return
		}
		if _, err := fs.Stat(fsys, p); err != nil {
			rep.errorf(line, "cover", "không tìm thấy ảnh bìa %q (tìm ở %s)", a.Cover, p)
			a.Cover = ""
		}
		return
	}
	if a.Dir == "" {
		rep.errorf(line, "cover", "ảnh bìa %q: bài dạng một tệp chỉ dùng được ảnh trong static/ (viết /images/ten-anh.jpg); muốn để ảnh cạnh bài, hãy chuyển bài thành thư mục <slug>/index.md", a.Cover)
		a.Cover = ""
		return
	}
	p := path.Join(a.Dir, a.Cover)
	if !strings.HasPrefix(p, a.Dir+"/") || strings.Contains(strings.TrimPrefix(p, a.Dir+"/"), "/..") {
		rep.errorf(line, "cover", "đường dẫn ảnh bìa %q đi ra ngoài thư mục của bài viết", a.Cover)
		a.Cover = ""
		return
	}
	if _, err := fs.Stat(fsys, p); err != nil {
		rep.errorf(line, "cover", "không tìm thấy ảnh bìa %q cạnh %s", a.Cover, a.Path)
		a.Cover = ""
	}
}

// unknownArea explains an area that is not a code of _site.yaml: a name
// gets its code, a typo the closest code.
func unknownArea(cfg *Config, v string) string {
	codes := make([]string, len(cfg.Areas))
	names := map[string]string{}
	allowed := make([]string, len(cfg.Areas))
	for i, a := range cfg.Areas {
		codes[i] = a.Slug
		names[a.Slug] = a.Name
		allowed[i] = a.Slug + " (" + a.Name + ")"
	}
	msg := fmt.Sprintf("%q không có trong danh sách lĩnh vực của content/_site.yaml", v)
	c := suggestCode(v, codes, func(code string) []string {
		a, _ := cfg.Area(code)
		return []string{a.Name, a.Short}
	})
	if c != "" {
		if !slugRE.MatchString(v) {
			msg = fmt.Sprintf("%q là tên lĩnh vực; ở đây cần mã", v)
		}
		msg += fmt.Sprintf(" — ý bạn là %s (%s)? Sửa thành: area: %s", c, names[c], c)
	}
	return msg + " (được phép: " + strings.Join(allowed, ", ") + ")"
}

// unknownLocality explains a locality that is not a code of _site.yaml:
// a name (with or without its kind, diacritics) gets the code of the unit
// that existed on the article's date, a typo the closest code.
func unknownLocality(cfg *Config, v string, date time.Time) string {
	msg := fmt.Sprintf("%q không có trong danh sách địa bàn của content/_site.yaml", v)
	if len(localityByName(cfg, v)) > 0 {
		msg = fmt.Sprintf("%q là tên địa bàn; ở đây cần mã", v)
	}
	if code, note := suggestLocality(cfg, v, date); code != "" {
		l, _ := cfg.Locality(code)
		what := l.FullName()
		if p := LocalityPeriod(l); p != "" {
			what += ", " + p
		}
		msg += fmt.Sprintf(" — ý bạn là %s (%s)? Sửa thành: locality: %s%s", code, what, code, note)
	}
	return msg + " (được phép: mã của một phường, xã trong content/_site.yaml, ví dụ nghia-dung)"
}

func validity(cfg *Config, l Locality) string {
	var b strings.Builder
	if l.ValidFrom != nil {
		b.WriteString("; có từ ngày " + showDate(*l.ValidFrom))
	}
	if l.ValidTo != nil {
		b.WriteString("; đến hết ngày " + showDate(*l.ValidTo))
	}
	if l.MergedInto != "" {
		if s, ok := cfg.Locality(l.MergedInto); ok {
			b.WriteString("; sau đó thuộc " + s.FullName() + " (" + s.Slug + ")")
		}
	}
	return b.String()
}

func roundList(cfg *Config) string {
	if len(cfg.Contest.Rounds) == 0 {
		return "chưa có đợt nào"
	}
	parts := make([]string, len(cfg.Contest.Rounds))
	for i, r := range cfg.Contest.Rounds {
		parts[i] = r.Name + " (" + strconv.Itoa(r.Round) + ")"
	}
	return strings.Join(parts, ", ")
}
