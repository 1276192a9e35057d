// Package cms generates the web editor: Decap CMS served from the site's own
// files under /quan-tri/. Its config.yml is generated from the content
// package's rule tables (content.ArticleRules, PageRules, CrossRules) and
// from content/_site.yaml, so the form requires, restricts and lists exactly
// what the build accepts: areas, localities and contest rounds are select
// lists that cannot drift from the site. admin.js, loaded before the
// vendored Decap bundle (static/quan-tri/decap-cms.js), applies the rules
// between fields that Decap's config cannot express, and drops empty
// optional values before a save.
//
// Layout: one collection lists every article of content/bai-viet/, single
// files and page bundles alike (path '{{slug}}/index' makes Decap list two
// levels); new articles are page bundles, with their images beside
// index.md (media_folder and public_folder ""), which is what the build
// expects of an image written as a bare file name. A single-file article
// stays editable; an image beside it is refused by the editor, as the
// build refuses it. Pages of content/trang/ are a second collection.
//
// Saving goes through the editorial workflow (a branch and a pull request,
// which Netlify builds as a deploy preview and `danvan check --format
// github` annotates). Log-in: the github backend with Netlify as its OAuth
// provider; local_backend is on for decap-server on the editor's own
// machine (Decap uses it only on localhost).
package cms

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/quangngai/danvan/internal/content"
)

// Dir is the URL folder of the editor.
const Dir = "quan-tri"

// Bundle is the vendored Decap CMS script, relative to static/.
const Bundle = Dir + "/decap-cms.js"

// Folders and media, relative to the site root.
const (
	ArticleFolder = content.ArticleDir
	PageFolder    = content.PageDir
	MediaFolder   = "static/images/uploads" // pages' images, under static/
	PublicFolder  = "/images/uploads"
)

//go:embed admin.js
var adminJS []byte

//go:embed admin.css
var adminCSS []byte

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
	Value any    `yaml:"value"`
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
	Min        *int     `yaml:"min,omitempty"`
	Max        *int     `yaml:"max,omitempty"`
	Pattern    []string `yaml:"pattern,omitempty"`
	Collapsed  bool     `yaml:"collapsed,omitempty"`
	Summary    string   `yaml:"summary,omitempty"`
	Fields     []field  `yaml:"fields,omitempty"`
	Field      *field   `yaml:"field,omitempty"`
	ChooseURL  *bool    `yaml:"choose_url,omitempty"`
	// danvan's own key, read by admin.js (Decap keeps a field's unknown
	// keys): the rules between fields whose errors this field shows.
	Checks []string `yaml:"danvan_checks,omitempty"`
}

// round is a contest round's window, for admin.js's "contest-window".
type round struct {
	Round int    `json:"round"`
	From  string `json:"from"`
	To    string `json:"to"`
}

type collection struct {
	Name           string          `yaml:"name"`
	Label          string          `yaml:"label"`
	LabelSingular  string          `yaml:"label_singular"`
	Description    string          `yaml:"description"`
	Folder         string          `yaml:"folder"`
	Path           string          `yaml:"path,omitempty"`
	MediaFolder    *string         `yaml:"media_folder,omitempty"`
	PublicFolder   *string         `yaml:"public_folder,omitempty"`
	Create         bool            `yaml:"create"`
	Slug           string          `yaml:"slug"`
	Extension      string          `yaml:"extension"`
	Format         string          `yaml:"format"`
	IdentifierFld  string          `yaml:"identifier_field"`
	SummaryTmpl    string          `yaml:"summary"`
	SortableFields []string        `yaml:"sortable_fields"`
	ViewFilters    []viewFilter    `yaml:"view_filters,omitempty"`
	ViewGroups     []viewFilter    `yaml:"view_groups,omitempty"`
	Editor         map[string]bool `yaml:"editor"`
	Fields         []field         `yaml:"fields"`
}

type viewFilter struct {
	Label   string `yaml:"label"`
	Field   string `yaml:"field"`
	Pattern any    `yaml:"pattern"`
}

type config struct {
	Backend      backend        `yaml:"backend"`
	LocalBackend any            `yaml:"local_backend"`
	PublishMode  string         `yaml:"publish_mode"`
	Locale       string         `yaml:"locale"`
	SiteURL      string         `yaml:"site_url,omitempty"`
	DisplayURL   string         `yaml:"display_url,omitempty"`
	ShowPreview  bool           `yaml:"show_preview_links"`
	MediaFolder  string         `yaml:"media_folder"`
	PublicFolder string         `yaml:"public_folder"`
	Slug         map[string]any `yaml:"slug"`
	Collections  []collection   `yaml:"collections"`
}

// backend is Decap's github backend with Netlify as the OAuth provider
// (its defaults base_url https://api.netlify.com and auth_endpoint auth,
// written out so the set-up is readable from the config).
type backend struct {
	Name           string            `yaml:"name"`
	Repo           string            `yaml:"repo,omitempty"`
	Branch         string            `yaml:"branch"`
	BaseURL        string            `yaml:"base_url"`
	AuthEndpoint   string            `yaml:"auth_endpoint"`
	CommitMessages map[string]string `yaml:"commit_messages"`
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
	beside := ""
	c := config{
		Backend: backend{
			Name: "github", Repo: cfg.Editor.Repo, Branch: cfg.Editor.Branch,
			BaseURL: "https://api.netlify.com", AuthEndpoint: "auth",
			CommitMessages: map[string]string{
				"create":      "Thêm {{collection}} “{{slug}}”",
				"update":      "Sửa {{collection}} “{{slug}}”",
				"delete":      "Xóa {{collection}} “{{slug}}”",
				"uploadMedia": "Tải lên “{{path}}”",
				"deleteMedia": "Xóa “{{path}}”",
			},
		},
		LocalBackend: local,
		PublishMode:  "editorial_workflow",
		Locale:       "vi",
		SiteURL:      strings.TrimSuffix(cfg.BaseURL, "/"),
		DisplayURL:   strings.TrimSuffix(cfg.BaseURL, "/"),
		ShowPreview:  true,
		MediaFolder:  MediaFolder,
		PublicFolder: PublicFolder,
		// clean_accents maps every Vietnamese letter, đ included, to ASCII
		// ("Đồng" → "dong"); danvan derives the URL from the file name.
		Slug: map[string]any{"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"},
		Collections: []collection{{
			Name:           "bai-viet",
			Label:          "Bài viết",
			LabelSingular:  "bài viết",
			Description:    "Mô hình, tấm gương “Dân vận khéo”. Bài mới là một thư mục trong " + ArticleFolder + "/ với ảnh nằm cạnh bài. Bấm “Lưu” tạo bản nháp để duyệt; bản nháp được kiểm tra bằng danvan check và có bản xem trước trước khi đăng.",
			Folder:         ArticleFolder,
			Path:           "{{slug}}/index",
			MediaFolder:    &beside,
			PublicFolder:   &beside,
			Create:         true,
			Slug:           "{{slug}}",
			Extension:      "md",
			Format:         "frontmatter",
			IdentifierFld:  "title",
			SummaryTmpl:    "{{title}} — {{date | date('DD/MM/YYYY')}}",
			SortableFields: []string{"date", "title", "area", "locality"},
			ViewFilters: []viewFilter{
				{Label: "Bài nháp", Field: "draft", Pattern: true},
				{Label: "Bài dự thi báo chí", Field: "contest.round", Pattern: `\d`},
			},
			ViewGroups: []viewFilter{{Label: "Năm đăng", Field: "date", Pattern: `\d{4}`}},
			Editor:     map[string]bool{"preview": false},
			Fields:     append(fields(content.ArticleRules(), articleChecks, cfg, ""), bodyField("Nội dung", checksOf(articleChecks, "body"))),
		}, {
			Name:           "trang",
			Label:          "Trang riêng",
			LabelSingular:  "trang",
			Description:    "Trang giới thiệu, thể lệ… trong " + PageFolder + "/; ảnh nằm trong " + MediaFolder + "/.",
			Folder:         PageFolder,
			Create:         true,
			Slug:           "{{slug}}",
			Extension:      "md",
			Format:         "frontmatter",
			IdentifierFld:  "title",
			SummaryTmpl:    "{{title}}",
			SortableFields: []string{"title", "weight"},
			Editor:         map[string]bool{"preview": false},
			Fields:         append(fields(content.PageRules(), nil, cfg, ""), bodyField("Nội dung", nil)),
		}},
	}
	out, err := yaml.Marshal(&c)
	if err != nil {
		return nil, err
	}
	head := "# Generated by danvan from content/_site.yaml and the content rules (internal/cms). Do not edit:\n# change _site.yaml and rebuild.\n"
	return append([]byte(head), out...), nil
}

// hints are what the form says under a field, beyond what its rule allows.
var hints = map[string]string{
	"date":           "Ngày đăng bài lần đầu.",
	"lastmod":        "Chỉ điền khi sửa nội dung bài sau khi đã đăng: trang ghi “Cập nhật lần cuối” ngày này.",
	"locality":       "Phường, xã của mô hình vào ngày đăng; đơn vị đã sáp nhập còn trong danh sách (kèm thời gian tồn tại) cho bài viết cũ.",
	"summary":        "Một, hai câu; bỏ trống thì lấy đoạn đầu bài.",
	"cover":          "Tải ảnh lên: ảnh được lưu cạnh bài. Bài cũ dạng một tệp (không có thư mục riêng) chỉ dùng được ảnh có sẵn trong thư mục /images/ của trang.",
	"cover_alt":      "Bắt buộc khi có ảnh bìa: tả điều ảnh cho thấy, cho người khiếm thị.",
	"tags":           "Cách nhau bằng dấu phẩy.",
	"contest":        "Chỉ điền khi bài là tác phẩm dự thi báo chí; khi đã điền thì cần đợt, cơ quan báo chí, loại hình và thể loại.",
	"contest.url":    "Nếu tác phẩm đã đăng, phát ở nơi khác.",
	"slug":           "Thường để trống: đường dẫn lấy từ tên tệp.",
	"aliases":        "Đường dẫn cũ chuyển về bài này, ví dụ /bai-viet/ten-cu/",
	"draft":          "Bài nháp không hiện trên trang công khai.",
	"weight":         "Số nhỏ đứng trước trong trình đơn.",
	"menu":           "Hiện trang này trên trình đơn chính.",
	"contest.prizes": "Giải đã đạt ở nơi khác, nếu có.",
}

// articleChecks are the article fields that show the error of each
// CrossRule the editor applies (content.EditorCheck); admin.js runs the
// check. Pages have none.
var articleChecks = map[string][]string{
	"contest-complete":   {"contest"},
	"cover-alt":          {"cover_alt"},
	"single-file-image":  {"cover", "body"},
	"contest-window":     {"date"},
	"lastmod-after-date": {"lastmod"},
}

// checksOf returns the checks whose errors a field shows, sorted.
func checksOf(checks map[string][]string, key string) []string {
	var out []string
	for name, keys := range checks {
		if slices.Contains(keys, key) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// fields turns rules into Decap fields: the rules of group ("" for the
// top level, "contest" for its keys), in order.
func fields(rules []content.FieldRule, checks map[string][]string, cfg *content.Config, group string) []field {
	var out []field
	for _, r := range rules {
		g := ""
		if i := strings.LastIndexByte(r.Key, '.'); i >= 0 {
			g = r.Key[:i]
		}
		if g != group {
			continue
		}
		// A group's required keys are required only when the group is
		// filled in; Decap would require them always, so the group's
		// check ("contest-complete") requires them instead.
		required := r.Required && g == ""
		f := field{Label: capitalize(r.Label()), Name: r.Name(), Required: &required, Hint: hint(r)}
		f.Checks = checksOf(checks, r.Key)
		switch r.Type {
		case content.TypeText:
			f.Widget = "string"
			if r.Pattern != "" {
				f.Pattern = []string{r.Pattern, "Được phép: " + r.Allowed}
			}
		case content.TypeParagraph:
			f.Widget = "text"
		case content.TypeDate:
			f.Widget, f.Format, f.DateFormat, f.TimeFormat = "datetime", "YYYY-MM-DD", "DD/MM/YYYY", &no
			if r.Required {
				f.Default = "{{now}}"
			}
		case content.TypeInt:
			f.Widget, f.ValueType, f.Min, f.Max = "number", "int", &r.Min, &r.Max
		case content.TypeChoice:
			f.Widget, f.Options = "select", choices(r, cfg)
		case content.TypeList:
			f.Widget = "list"
			if r.Pattern != "" {
				f.Field = &field{Label: capitalize(r.Label()), Name: "item", Widget: "string", Pattern: []string{r.Pattern, "Được phép: " + r.Allowed}}
			}
		case content.TypeBool:
			f.Widget, f.Default = "boolean", false
		case content.TypeGroup:
			f.Widget, f.Collapsed = "object", true
			f.Fields = fields(rules, checks, cfg, r.Key)
			if r.Key == "contest" {
				f.Summary = "{{fields.round}} — {{fields.outlet}}"
			}
		case content.TypeImage:
			f.Widget, f.ChooseURL = "image", &no
		}
		if len(f.Checks) > 0 {
			f.Widget = "danvan-" + f.Widget // admin.js: the same widget, with the checks
		}
		out = append(out, f)
	}
	return out
}

// bodyField is the Markdown after the frontmatter.
func bodyField(label string, checks []string) field {
	f := field{Label: label, Name: "body", Widget: "markdown", Required: &no, Checks: checks,
		Hint: "Liên kết tới bài khác bằng tên tệp, ví dụ [xem thêm](ten-bai.md); ảnh luôn có lời mô tả."}
	if len(checks) > 0 {
		f.Widget = "danvan-markdown"
	}
	return f
}

func hint(r content.FieldRule) string {
	h, ok := hints[r.Key]
	if !ok && r.Allowed != "" && r.Pattern == "" { // a pattern's own message says it

		h = strings.TrimSpace(h + " Được phép: " + r.Allowed + ".")
	}
	return h
}

// choices are the options of a select: a fixed list of the rule, or a
// list of _site.yaml.
func choices(r content.FieldRule, cfg *content.Config) []option {
	var out []option
	switch r.Source {
	case "areas":
		for _, a := range cfg.Areas {
			out = append(out, option{Label: a.Name, Value: a.Slug})
		}
	case "localities":
		for _, l := range cfg.Localities {
			out = append(out, option{Label: LocalityLabel(l), Value: l.Slug})
		}
	case "contest.rounds":
		for _, x := range cfg.Contest.Rounds {
			out = append(out, option{Label: roundLabel(x), Value: x.Round})
		}
	default:
		for _, v := range r.Values() {
			out = append(out, option{Label: r.Choices[v], Value: v})
		}
	}
	return out
}

// roundLabel names a round with its window: the hint that its entries
// must be published within it.
func roundLabel(r content.Round) string {
	name := r.Name
	if name == "" {
		name = "Đợt " + strconv.Itoa(r.Round)
	}
	return fmt.Sprintf("%s (đăng từ %s đến %s)", name, r.From.Format("02/01/2006"), r.To.Format("02/01/2006"))
}

// roundsJSON is the contest rounds' windows for admin.js.
func roundsJSON(cfg *content.Config) (string, error) {
	out := []round{}
	for _, r := range cfg.Contest.Rounds {
		out = append(out, round{Round: r.Round, From: r.From.Format(time.DateOnly), To: r.To.Format(time.DateOnly)})
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// LocalityLabel is the select label of a locality: its full name and, for a
// unit that no longer or did not yet exist, its period.
func LocalityLabel(l content.Locality) string {
	s := capitalize(l.FullName())
	if p := content.LocalityPeriod(l); p != "" {
		s += " (" + p + ")"
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
<link rel="stylesheet" href="/{{.Dir}}/admin.css">
<script src="/{{.Dir}}/admin.js" data-repo="{{.Repo}}" data-rounds="{{.Rounds}}"></script>
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

// Write writes /quan-tri/index.html, config.yml, admin.js and admin.css. bundleURL is
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
	rounds, err := roundsJSON(cfg)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := indexTmpl.Execute(&b, map[string]string{"Title": cfg.Title, "Dir": Dir, "Bundle": bundleURL, "Repo": cfg.Editor.Repo, "Rounds": rounds}); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"/" + Dir + "/index.html": []byte(b.String()),
		"/" + Dir + "/config.yml": conf,
		"/" + Dir + "/admin.js":   adminJS,
		"/" + Dir + "/admin.css":  adminCSS,
	} {
		if err := out.WriteFile(name, data); err != nil {
			return err
		}
	}
	return nil
}
