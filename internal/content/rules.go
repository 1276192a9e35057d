package content

import (
	"regexp"
	"strings"
)

// FieldType is the kind of value a frontmatter key holds.
type FieldType int

// Field types.
const (
	TypeText      FieldType = iota // one line of text
	TypeParagraph                  // a few sentences
	TypeDate                       // a calendar day, written NĂM-THÁNG-NGÀY
	TypeInt                        // a whole number between Min and Max
	TypeChoice                     // one code of a closed list (Choices, or Source in _site.yaml)
	TypeList                       // a list of texts
	TypeBool                       // true or false
	TypeGroup                      // a group of keys (contest)
	TypeImage                      // an image file
)

// FieldRule is what the build accepts for one frontmatter key. The
// validator reads its limits here, and the web editor's config (package
// cms) is generated from the same table, so the form cannot accept what the
// build refuses: cms tests check every rule, field by field. Rules between
// keys or files are CrossRules.
type FieldRule struct {
	Key      string            // "title"; "contest.round" for a key of the contest group
	Type     FieldType         // what the value is
	Required bool              // present and not empty (a contest key: when the article has a contest)
	Min, Max int               // TypeInt (and a contest round) bounds, inclusive
	Pattern  string            // the whole value, or each item of a list, must match; RE2 and JavaScript read it alike
	Allowed  string            // what the rule allows, in an editor's words: messages and the form's hints
	Example  string            // a valid value as typed in the file
	Choices  map[string]string // TypeChoice with a fixed list: code → Vietnamese name
	Source   string            // TypeChoice with a list of _site.yaml: "areas", "localities" or "contest.rounds"
	Editor   string            // "" when the web editor enforces the whole rule; else what it cannot, and why
}

// Label is the Vietnamese name of the key (FieldLabel).
func (r FieldRule) Label() string { return FieldLabel(r.Key) }

// Name is the key inside its group: "round" for "contest.round".
func (r FieldRule) Name() string { return r.Key[strings.LastIndexByte(r.Key, '.')+1:] }

// Values returns the codes of a TypeChoice rule with a fixed list, sorted;
// nil otherwise.
func (r FieldRule) Values() []string { return sortedKeys(r.Choices) }

const (
	slugPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`
	// An old URL, in the editor: the plain-ASCII part of what
	// CheckSitePath accepts (segments of letters, digits and its
	// punctuation, dots only between them), which the build checks in
	// full; rules_test checks that this never accepts more.
	aliasPattern    = `^(/|(/[A-Za-z0-9_~+,()'@&=$;-]+(\.[A-Za-z0-9_~+,()'@&=$;-]+)*)+/?)$`
	urlPattern      = `^https?://[^\t\n\v\f\r ]+$`
	durationPattern = `^(\d{1,2}:)?\d{1,2}:\d{2}$`
)

// compiledPatterns holds every pattern of the rule tables, compiled once
// (read-only after init).
var compiledPatterns = func() map[string]*regexp.Regexp {
	m := map[string]*regexp.Regexp{}
	for _, rs := range [][]FieldRule{articleRules, pageRules} {
		for _, r := range rs {
			if r.Pattern != "" {
				m[r.Pattern] = regexp.MustCompile(r.Pattern)
			}
		}
	}
	return m
}()

// slugRE is also the rule of codes in _site.yaml.
var slugRE = regexp.MustCompile(slugPattern)

const slugAllowed = "chữ thường không dấu, số và dấu gạch ngang"

// articleRules are the frontmatter keys of an article, in documentation
// order; a group's keys follow the group.
var articleRules = []FieldRule{
	{Key: "title", Type: TypeText, Required: true, Example: `"Dồn điền, đổi thửa ở xã Nghĩa Dũng"`},
	{Key: "date", Type: TypeDate, Required: true, Example: "2019-06-14"},
	{Key: "lastmod", Type: TypeDate, Example: "2020-03-02"},
	{Key: "area", Type: TypeChoice, Required: true, Source: "areas", Example: "kinh-te"},
	{Key: "locality", Type: TypeChoice, Required: true, Source: "localities", Example: "nghia-dung"},
	{Key: "model", Type: TypeText, Example: `"Dồn điền, đổi thửa gắn với xây dựng nông thôn mới"`},
	{Key: "unit", Type: TypeText, Example: `"Hội Nông dân xã Nghĩa Dũng"`},
	{Key: "subject", Type: TypeChoice, Choices: subjectNames, Example: SubjectCollective},
	{Key: "year", Type: TypeInt, Min: 1990, Max: 2100, Example: "2019"},
	{Key: "summary", Type: TypeParagraph, Example: `"Một, hai câu tóm tắt."`},
	{Key: "author", Type: TypeText, Example: `"Nguyễn Thị Hoa"`},
	{Key: "cover", Type: TypeImage, Allowed: "tên tệp ảnh nằm cạnh index.md (bài dạng thư mục), hoặc /images/... trong static/", Example: "anh-bia.jpg"},
	{Key: "cover_alt", Type: TypeText, Example: `"Cánh đồng sau dồn điền"`},
	{Key: "tags", Type: TypeList, Example: `["nông nghiệp", "dồn điền"]`},
	{Key: "award", Type: TypeChoice, Choices: awardNames, Example: AwardCity},
	{Key: "contest", Type: TypeGroup},
	{Key: "contest.round", Type: TypeChoice, Required: true, Source: "contest.rounds", Min: 2000, Max: 2100, Example: "2019"},
	{Key: "contest.outlet", Type: TypeText, Required: true, Example: `"Đài Truyền thanh - Truyền hình thành phố Quảng Ngãi"`},
	{Key: "contest.media", Type: TypeChoice, Required: true, Choices: mediaNames, Example: "phat-thanh"},
	{Key: "contest.genre", Type: TypeChoice, Required: true, Choices: genreNames, Example: "phong-su"},
	{Key: "contest.url", Type: TypeText, Pattern: urlPattern, Allowed: "địa chỉ bắt đầu bằng https:// hoặc http://", Example: `"https://baoquangngai.vn/..."`},
	{Key: "contest.aired", Type: TypeDate, Example: "2019-06-20"},
	{Key: "contest.duration", Type: TypeText, Pattern: durationPattern, Allowed: "phút:giây như 12:30, hoặc giờ:phút:giây như 1:05:00", Example: `"12:30"`},
	{Key: "contest.prizes", Type: TypeList, Example: `["Giải B báo chí tỉnh 2019"]`},
	{Key: "slug", Type: TypeText, Pattern: slugPattern, Allowed: slugAllowed, Example: "don-dien-doi-thua"},
	{Key: "aliases", Type: TypeList, Pattern: aliasPattern, Allowed: "đường dẫn cũ trong trang này, bắt đầu bằng /, gồm chữ không dấu, số, dấu gạch ngang, dấu chấm và /", Example: "[/bai-viet/ten-cu/]"},
	{Key: "draft", Type: TypeBool, Example: "false"},
}

// pageRules are the frontmatter keys of a standalone page (content/trang/).
var pageRules = []FieldRule{
	{Key: "title", Type: TypeText, Required: true, Example: `"Giới thiệu"`},
	{Key: "summary", Type: TypeParagraph, Example: `"Một câu giới thiệu trang."`},
	{Key: "date", Type: TypeDate, Example: "2019-06-14"},
	{Key: "draft", Type: TypeBool, Example: "false"},
	{Key: "weight", Type: TypeInt, Min: -1000, Max: 1000, Example: "10"},
	{Key: "menu", Type: TypeBool, Example: "true"},
	{Key: "slug", Type: TypeText, Pattern: slugPattern, Allowed: slugAllowed, Example: "gioi-thieu"},
}

// ArticleRules returns the rules of an article's frontmatter keys, in
// documentation order.
func ArticleRules() []FieldRule { return append([]FieldRule(nil), articleRules...) }

// PageRules returns the rules of a standalone page's frontmatter keys.
func PageRules() []FieldRule { return append([]FieldRule(nil), pageRules...) }

// rule returns the rule of key in rules; it panics on a key not in the
// table, which is a programming error caught by every test.
func rule(rules []FieldRule, key string) FieldRule {
	for _, r := range rules {
		if r.Key == key {
			return r
		}
	}
	panic("content: no rule for " + key)
}

// keysOf returns the keys of a group ("" for the top level), in order.
func keysOf(rules []FieldRule, group string) []string {
	var out []string
	for _, r := range rules {
		g, name := "", r.Key
		if i := strings.LastIndexByte(r.Key, '.'); i >= 0 {
			g, name = r.Key[:i], r.Key[i+1:]
		}
		if g == group {
			out = append(out, name)
		}
	}
	return out
}

var (
	articleKeys = keysOf(articleRules, "")
	contestKeys = keysOf(articleRules, "contest")
	pageKeys    = keysOf(pageRules, "")
)

// CrossRule is a rule between keys or files. validate.go applies it; the
// web editor applies what it can, as Editor says.
type CrossRule struct {
	Name   string // identifier; the editor's script (internal/cms/admin.js) names its check after it
	Rule   string // the rule, in Vietnamese
	Editor string // how the editor applies it: EditorCheck, EditorHint or EditorNone
	Why    string // for EditorNone: why the editor cannot
}

// How the web editor applies a CrossRule.
const (
	EditorCheck = "check" // admin.js refuses the save, with the build's message
	EditorHint  = "hint"  // the form says it next to the field; the build still checks
	EditorNone  = "none"  // only the build checks it (see Why)
)

var crossRules = []CrossRule{
	{Name: "cover-alt", Editor: EditorCheck, Rule: "có ảnh bìa thì phải có mô tả ảnh bìa"},
	{Name: "single-file-image", Editor: EditorCheck, Rule: "bài dạng một tệp chỉ dùng ảnh trong static/ (/images/...); ảnh nằm cạnh bài chỉ dùng được ở bài dạng thư mục"},
	{Name: "contest-complete", Editor: EditorCheck, Rule: "bài dự thi cần đủ các trường bắt buộc của nhóm dự thi (Decap bắt điền các trường bắt buộc của một nhóm cả khi nhóm để trống, nên chúng được kiểm tra ở đây)"},
	{Name: "contest-window", Editor: EditorCheck, Rule: "bài dự thi phải đăng trong thời gian của đợt thi"},
	{Name: "lastmod-after-date", Editor: EditorCheck, Rule: "ngày cập nhật không được trước ngày đăng"},
	{Name: "locality-on-date", Editor: EditorHint, Rule: "địa bàn phải còn tồn tại vào ngày đăng (cảnh báo)"},
	{Name: "unique-slug", Editor: EditorNone, Rule: "mỗi bài một đường dẫn riêng", Why: "Decap tự thêm -1, -2… vào tên tệp của bài mới khi trùng, nhưng không đọc trường đường dẫn (slug) của các bài khác"},
	{Name: "reserved-slug", Editor: EditorNone, Rule: "đường dẫn /bai-viet/trang/ dành cho các trang của danh sách bài", Why: "mẫu (pattern) của Decap là biểu thức chính quy chung cho Go và JavaScript, không loại trừ được một từ nếu không có lookahead"},
	{Name: "unique-contest-url", Editor: EditorNone, Rule: "mỗi tác phẩm gốc chỉ dự thi một lần", Why: "cần đọc mọi bài khác; Decap chỉ kiểm tra từng bài"},
	{Name: "links-and-images", Editor: EditorNone, Rule: "liên kết tới bài khác và ảnh trong bài phải có thật", Why: "Decap không dựng Markdown như danvan; bản xem trước (deploy preview) và danvan check trên pull request báo lỗi này"},
}

// CrossRules returns the rules between keys or files.
func CrossRules() []CrossRule { return append([]CrossRule(nil), crossRules...) }
