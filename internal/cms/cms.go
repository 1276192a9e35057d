// Package cms generates the web editor: Decap CMS served from the site's own
// files under /quan-tri/. Its config.yml is generated from content/_site.yaml,
// so areas, localities and contest rounds are select lists that cannot drift
// from the site, and every field it writes is a key of the frontmatter
// contract (content.ArticleKeys). admin.js, loaded before the vendored Decap
// bundle (static/quan-tri/decap-cms.js), drops empty optional values before
// a save, so an untouched field never reaches the file as "" or {}.
//
// Production uses Netlify Identity and Git Gateway (backend git-gateway).
// local_backend is always on: Decap uses it only when the page is opened on
// localhost or 127.0.0.1, where it talks to `npx decap-server`.
package cms

import (
	_ "embed"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/quangngai/danvan/internal/content"
)

// Dir is the URL folder of the editor.
const Dir = "quan-tri"

// Bundle is the vendored Decap CMS script, relative to static/.
const Bundle = Dir + "/decap-cms.js"

// Collection folders and media, relative to the site root.
const (
	ArticleFolder = "content/bai-viet"
	MediaFolder   = "static/images/uploads"
	PublicFolder  = "/images/uploads"
)

//go:embed admin.js
var adminJS []byte

// Options tune the generated config.
type Options struct {
	// LocalBackend is the decap-server URL (http://127.0.0.1:PORT/api/v1);
	// "" means Decap's default, http://localhost:8081/api/v1.
	LocalBackend string
}

// Config returns config.yml for the site described by cfg.
func Config(cfg *content.Config) ([]byte, error) { return ConfigWith(cfg, Options{}) }

type option struct {
	Label string `yaml:"label"`
	Value string `yaml:"value"`
}

// field is one Decap field; only the keys set are written.
type field struct {
	Label      string   `yaml:"label"`
	Name       string   `yaml:"name"`
	Widget     string   `yaml:"widget"`
	Required   *bool    `yaml:"required,omitempty"`
	Hint       string   `yaml:"hint,omitempty"`
	Default    any      `yaml:"default,omitempty"`
	Options    []option `yaml:"options,omitempty"`
	Format     string   `yaml:"format,omitempty"`
	DateFormat string   `yaml:"date_format,omitempty"`
	TimeFormat *bool    `yaml:"time_format,omitempty"`
	ValueType  string   `yaml:"value_type,omitempty"`
	Min        int      `yaml:"min,omitempty"`
	Max        int      `yaml:"max,omitempty"`
	Pattern    []string `yaml:"pattern,omitempty"`
	Collapsed  bool     `yaml:"collapsed,omitempty"`
	Summary    string   `yaml:"summary,omitempty"`
	Fields     []field  `yaml:"fields,omitempty"`
	AllowAdd   *bool    `yaml:"allow_add,omitempty"`
	ChooseURL  *bool    `yaml:"choose_url,omitempty"`
}

type collection struct {
	Name           string            `yaml:"name"`
	Label          string            `yaml:"label"`
	LabelSingular  string            `yaml:"label_singular"`
	Description    string            `yaml:"description"`
	Folder         string            `yaml:"folder"`
	Create         bool              `yaml:"create"`
	Slug           string            `yaml:"slug"`
	Extension      string            `yaml:"extension"`
	Format         string            `yaml:"format"`
	IdentifierFld  string            `yaml:"identifier_field"`
	SummaryTmpl    string            `yaml:"summary"`
	SortableFields []string          `yaml:"sortable_fields"`
	ViewFilters    []viewFilter      `yaml:"view_filters,omitempty"`
	Editor         map[string]bool   `yaml:"editor"`
	Fields         []field           `yaml:"fields"`
	Meta           map[string]string `yaml:"-"`
}

type viewFilter struct {
	Label   string `yaml:"label"`
	Field   string `yaml:"field"`
	Pattern any    `yaml:"pattern"`
}

type config struct {
	Backend      map[string]string `yaml:"backend"`
	LocalBackend any               `yaml:"local_backend"`
	Locale       string            `yaml:"locale"`
	SiteURL      string            `yaml:"site_url,omitempty"`
	DisplayURL   string            `yaml:"display_url,omitempty"`
	MediaFolder  string            `yaml:"media_folder"`
	PublicFolder string            `yaml:"public_folder"`
	Slug         map[string]any    `yaml:"slug"`
	Collections  []collection      `yaml:"collections"`
}

// no is false, addressable: Decap's fields are required unless told.
var no = false

// ConfigWith is Config with options (tests point local_backend at their
// own decap-server).
func ConfigWith(cfg *content.Config, opts Options) ([]byte, error) {
	if cfg == nil || len(cfg.Areas) == 0 || len(cfg.Localities) == 0 {
		return nil, fmt.Errorf("cms: the site config has no areas or localities")
	}
	var local any = true
	if opts.LocalBackend != "" {
		local = map[string]string{"url": opts.LocalBackend}
	}
	c := config{
		Backend:      map[string]string{"name": "git-gateway", "branch": "main"},
		LocalBackend: local,
		Locale:       "vi",
		SiteURL:      strings.TrimSuffix(cfg.BaseURL, "/"),
		DisplayURL:   strings.TrimSuffix(cfg.BaseURL, "/"),
		MediaFolder:  MediaFolder,
		PublicFolder: PublicFolder,
		// clean_accents maps every Vietnamese letter, đ included, to ASCII
		// ("Đồng" → "dong"); danvan derives the URL from the file name.
		Slug: map[string]any{"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"},
		Collections: []collection{{
			Name:           "bai-viet",
			Label:          "Bài viết",
			LabelSingular:  "bài viết",
			Description:    "Mô hình, tấm gương “Dân vận khéo”. Mỗi bài là một tệp Markdown trong " + ArticleFolder + "/; bài lưu ở đây được kiểm tra bằng danvan check như bài gửi qua git.",
			Folder:         ArticleFolder,
			Create:         true,
			Slug:           "{{slug}}",
			Extension:      "md",
			Format:         "frontmatter",
			IdentifierFld:  "title",
			SummaryTmpl:    "{{title}} ({{date}})",
			SortableFields: []string{"date", "title", "area", "locality"},
			Editor:         map[string]bool{"preview": false},
			Fields:         fields(cfg),
		}},
	}
	out, err := yaml.Marshal(&c)
	if err != nil {
		return nil, err
	}
	head := "# Generated by danvan from content/_site.yaml (internal/cms). Do not edit:\n# change _site.yaml and rebuild.\n"
	return append([]byte(head), out...), nil
}

func fields(cfg *content.Config) []field {
	str := func(name, label, hint string) field {
		return field{Label: label, Name: name, Widget: "string", Required: &no, Hint: hint}
	}
	sel := func(name, label, hint string, opts []option, required bool) field {
		return field{Label: label, Name: name, Widget: "select", Required: &required, Hint: hint, Options: opts}
	}
	enum := func(key string, name func(string) string) []option {
		var out []option
		for _, v := range content.EnumValues(key) {
			out = append(out, option{Label: name(v), Value: v})
		}
		return out
	}
	date := func(name, label, hint string, required bool) field {
		f := field{Label: label, Name: name, Widget: "datetime", Required: &required, Hint: hint,
			Format: "YYYY-MM-DD", DateFormat: "DD/MM/YYYY", TimeFormat: &no}
		if required {
			f.Default = "{{now}}"
		}
		return f
	}
	list := func(name, label, hint string) field {
		return field{Label: label, Name: name, Widget: "list", Required: &no, Hint: hint}
	}
	var areas []option
	for _, a := range cfg.Areas {
		areas = append(areas, option{Label: a.Name, Value: a.Slug})
	}
	var localities []option
	for _, l := range cfg.Localities {
		localities = append(localities, option{Label: LocalityLabel(l), Value: l.Slug})
	}
	var rounds []option
	for _, r := range cfg.Contest.Rounds {
		label := r.Name
		if label == "" {
			label = "Đợt " + strconv.Itoa(r.Round)
		}
		rounds = append(rounds, option{Label: label, Value: strconv.Itoa(r.Round)})
	}
	contest := field{
		Label: "Dự thi báo chí", Name: "contest", Widget: "object", Required: &no, Collapsed: true,
		Hint:    "Chỉ điền khi bài là tác phẩm dự thi báo chí; khi đã điền thì cần đợt, cơ quan báo chí, loại hình và thể loại.",
		Summary: "{{fields.round}} — {{fields.outlet}}",
		Fields: []field{
			sel("round", "Đợt thi", "", rounds, false),
			str("outlet", "Cơ quan báo chí đã đăng, phát", ""),
			sel("media", "Loại hình", "", enum("contest.media", content.MediaName), false),
			sel("genre", "Thể loại", "", enum("contest.genre", content.GenreName), false),
			str("url", "Địa chỉ bản gốc", "Bắt đầu bằng https:// hoặc http://"),
			date("aired", "Ngày đăng, phát lần đầu", "", false),
			{Label: "Thời lượng", Name: "duration", Widget: "string", Required: &no,
				Hint:    "Phút:giây như 12:30, hoặc giờ:phút:giây như 1:05:00",
				Pattern: []string{`^((\d{1,2}:)?\d{1,2}:\d{2})?$`, "Dạng phút:giây, ví dụ 12:30"}},
			list("prizes", "Giải đã đạt ở nơi khác", ""),
		},
	}
	return []field{
		{Label: "Tiêu đề", Name: "title", Widget: "string"},
		date("date", "Ngày đăng", "", true),
		sel("area", "Lĩnh vực", "", areas, true),
		sel("locality", "Địa bàn", "Phường, xã của mô hình; đơn vị đã sáp nhập còn trong danh sách cho bài viết cũ.", localities, true),
		str("model", "Tên mô hình", ""),
		str("unit", "Đơn vị thực hiện", ""),
		sel("subject", "Loại", "", enum("subject", content.SubjectName), false),
		{Label: "Năm đăng ký mô hình", Name: "year", Widget: "number", Required: &no, ValueType: "int", Min: 1990, Max: 2100},
		{Label: "Tóm tắt", Name: "summary", Widget: "text", Required: &no, Hint: "Một, hai câu; bỏ trống thì lấy đoạn đầu bài."},
		str("author", "Tác giả", ""),
		{Label: "Ảnh bìa", Name: "cover", Widget: "image", Required: &no, ChooseURL: &no},
		str("cover_alt", "Mô tả ảnh bìa", "Bắt buộc khi có ảnh bìa: tả ảnh cho người khiếm thị."),
		list("tags", "Từ khóa", "Cách nhau bằng dấu phẩy."),
		sel("award", "Khen thưởng", "", enum("award", content.AwardName), false),
		contest,
		{Label: "Đường dẫn (slug)", Name: "slug", Widget: "string", Required: &no,
			Hint:    "Thường để trống: đường dẫn lấy từ tên tệp. Chỉ chữ thường không dấu, số và gạch ngang.",
			Pattern: []string{`^([a-z0-9]+(-[a-z0-9]+)*)?$`, "Chỉ chữ thường không dấu, số và dấu gạch ngang"}},
		list("aliases", "Đường dẫn cũ", "Đường dẫn cũ chuyển về bài này, ví dụ /bai-viet/ten-cu/"),
		{Label: "Bài nháp", Name: "draft", Widget: "boolean", Required: &no, Default: false,
			Hint: "Bài nháp không hiện trên trang công khai."},
		{Label: "Nội dung", Name: "body", Widget: "markdown"},
	}
}

// LocalityLabel is the select label of a locality: its full name and, for a
// unit that no longer or did not yet exist, its period.
func LocalityLabel(l content.Locality) string {
	s := l.FullName()
	if r, n := utf8.DecodeRuneInString(s); n > 0 {
		s = string(unicode.ToUpper(r)) + s[n:]
	}
	switch {
	case l.ValidFrom != nil && l.ValidTo != nil:
		s += fmt.Sprintf(" (%s–%s)", l.ValidFrom.Format("02/01/2006"), l.ValidTo.Format("02/01/2006"))
	case l.ValidTo != nil:
		s += " (đến " + l.ValidTo.Format("02/01/2006") + ")"
	case l.ValidFrom != nil:
		s += " (từ " + l.ValidFrom.Format("02/01/2006") + ")"
	}
	return s
}

var indexTmpl = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Quản trị nội dung — {{.Title}}</title>
<link rel="cms-config-url" type="text/yaml" href="/{{.Dir}}/config.yml">
<script src="/{{.Dir}}/admin.js"></script>
<script src="{{.Bundle}}"></script>
</head>
<body>
<noscript><p>Trình soạn bài cần JavaScript. Có thể sửa bài trực tiếp trong kho git (thư mục content/bai-viet/).</p></noscript>
</body>
</html>
`))

// Output is where the editor's files are written (render.Output).
type Output interface {
	WriteFile(name string, data []byte) error
}

// Write writes /quan-tri/index.html, config.yml and admin.js. bundleURL is
// the URL of the vendored Decap script (fingerprinted by the asset
// pipeline); "" writes nothing, for a site without static/quan-tri/.
func Write(cfg *content.Config, bundleURL string, out Output) error {
	if bundleURL == "" {
		return nil
	}
	conf, err := Config(cfg)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := indexTmpl.Execute(&b, map[string]string{"Title": cfg.Title, "Dir": Dir, "Bundle": bundleURL}); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"/" + Dir + "/index.html": []byte(b.String()),
		"/" + Dir + "/config.yml": conf,
		"/" + Dir + "/admin.js":   adminJS,
	} {
		if err := out.WriteFile(name, data); err != nil {
			return err
		}
	}
	return nil
}
