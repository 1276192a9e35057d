package cms_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/quangngai/danvan/internal/cms"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/sitetest"
)

// decapField is a field of the generated config, as Decap reads it.
type decapField struct {
	Label      string
	Name       string
	Widget     string
	Required   *bool
	Hint       string
	Options    []struct{ Label, Value string }
	Format     string
	TimeFormat *bool  `yaml:"time_format"`
	ValueType  string `yaml:"value_type"`
	Min, Max   *int
	Pattern    []string
	Fields     []decapField
	Field      *decapField
	ChooseURL  *bool    `yaml:"choose_url"`
	Checks     []string `yaml:"danvan_checks"`
}

type decapConfig struct {
	Backend      map[string]any
	LocalBackend bool   `yaml:"local_backend"`
	PublishMode  string `yaml:"publish_mode"`
	MediaFolder  string `yaml:"media_folder"`
	PublicFolder string `yaml:"public_folder"`
	Slug         map[string]any
	Collections  []struct {
		Name, Folder, Path string
		MediaFolder        *string `yaml:"media_folder"`
		PublicFolder       *string `yaml:"public_folder"`
		Create             bool
		Fields             []decapField
	}
}

func siteConfig(t *testing.T) *content.Config {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(t), content.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	cfg, probs := content.ParseConfig(src)
	if cfg == nil || probs.HasErrors() {
		t.Fatalf("_site.yaml: %v", probs)
	}
	return cfg
}

func generated(t *testing.T, cfg *content.Config) decapConfig {
	t.Helper()
	out, err := cms.Config(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var c decapConfig
	if err := yaml.Unmarshal(out, &c); err != nil {
		t.Fatalf("config.yml does not parse: %v\n%s", err, out)
	}
	return c
}

// The editor saves through the editorial workflow on GitHub, logging in
// with Netlify as the OAuth provider; new articles are page bundles with
// their images beside them; pages are a collection too.
func TestConfigBackendAndLayout(t *testing.T) {
	cfg := siteConfig(t)
	c := generated(t, cfg)
	b := c.Backend
	if b["name"] != "github" || b["repo"] != cfg.Editor.Repo || b["repo"] == "" || b["branch"] != "main" || b["base_url"] != "https://api.netlify.com" || b["auth_endpoint"] != "auth" {
		t.Errorf("backend %v", b)
	}
	if !c.LocalBackend || c.PublishMode != "editorial_workflow" {
		t.Errorf("local_backend %v, publish_mode %q", c.LocalBackend, c.PublishMode)
	}
	if c.Slug["clean_accents"] != true || c.Slug["encoding"] != "ascii" {
		t.Errorf("slug %v", c.Slug)
	}
	if len(c.Collections) != 2 {
		t.Fatalf("collections: %+v", c.Collections)
	}
	a, p := c.Collections[0], c.Collections[1]
	if a.Name != "bai-viet" || a.Folder != content.ArticleDir || a.Path != "{{slug}}/index" || !a.Create {
		t.Errorf("articles: %+v", a)
	}
	if a.MediaFolder == nil || *a.MediaFolder != "" || a.PublicFolder == nil || *a.PublicFolder != "" {
		t.Errorf("articles' images must be beside the entry (media_folder and public_folder \"\")")
	}
	if p.Name != "trang" || p.Folder != content.PageDir || p.Path != "" {
		t.Errorf("pages: %+v", p)
	}
	if c.MediaFolder != "static/images/uploads" || c.PublicFolder != "/images/uploads" {
		t.Errorf("pages' media %q → %q", c.MediaFolder, c.PublicFolder)
	}
}

// Every rule the build applies to a key has its counterpart in the editor,
// field by field; every rule between keys or files is applied by the
// editor's script, shown as a hint, or listed with why the editor cannot
// apply it. The log lists them all.
func TestConfigEnforcesContentRules(t *testing.T) {
	cfg := siteConfig(t)
	c := generated(t, cfg)
	adminJS, err := os.ReadFile("admin.js")
	if err != nil {
		t.Fatal(err)
	}
	var checked []string // names of the checks the config asks for
	for i, rules := range [][]content.FieldRule{content.ArticleRules(), content.PageRules()} {
		coll := c.Collections[i]
		byKey := map[string]*decapField{}
		var walk func(prefix string, fs []decapField)
		walk = func(prefix string, fs []decapField) {
			for j := range fs {
				f := &fs[j]
				byKey[prefix+f.Name] = f
				checked = append(checked, f.Checks...)
				walk(prefix+f.Name+".", f.Fields)
			}
		}
		walk("", coll.Fields)
		keys := map[string]bool{"body": true}
		for _, r := range rules {
			keys[r.Key] = true
			f := byKey[r.Key]
			if f == nil {
				t.Errorf("%s: rule %s has no field in the editor", coll.Name, r.Key)
				continue
			}
			how := ruleCounterpart(t, cfg, r, f, byKey)
			t.Logf("%s %-17s %s", coll.Name, r.Key, how)
		}
		for k := range byKey {
			if !keys[k] {
				t.Errorf("%s: the editor writes %q, which is no key of the content rules: the build would refuse it", coll.Name, k)
			}
		}
	}
	for _, x := range content.CrossRules() {
		switch x.Editor {
		case content.EditorCheck:
			if !slices.Contains(checked, x.Name) {
				t.Errorf("cross rule %s: no field of the config shows its check", x.Name)
			}
			if !strings.Contains(string(adminJS), `"`+x.Name+`": function`) {
				t.Errorf("cross rule %s: admin.js has no check of that name", x.Name)
			}
			t.Logf("rule %-19s checked by admin.js: %s", x.Name, x.Rule)
		case content.EditorHint:
			if x.Name != "locality-on-date" {
				t.Errorf("cross rule %s: this test does not know where its hint is", x.Name)
			}
			t.Logf("rule %-19s a hint in the form: %s", x.Name, x.Rule)
		case content.EditorNone:
			if x.Why == "" {
				t.Errorf("cross rule %s: the editor cannot apply it, but no reason is given", x.Name)
			}
			t.Logf("rule %-19s NOT EXPRESSIBLE in the editor (%s): %s", x.Name, x.Why, x.Rule)
		default:
			t.Errorf("cross rule %s: unknown editor mode %q", x.Name, x.Editor)
		}
	}
	// The hint of locality-on-date: each unit's period in its label.
	loc := c.Collections[0].Fields[slices.IndexFunc(c.Collections[0].Fields, func(f decapField) bool { return f.Name == "locality" })]
	for i, l := range cfg.Localities {
		if p := content.LocalityPeriod(l); p != "" && !strings.Contains(loc.Options[i].Label, p) {
			t.Errorf("locality %s: label %q does not say its period %q", l.Slug, loc.Options[i].Label, p)
		}
	}
}

// ruleCounterpart checks the field of one rule and says how the editor
// applies it.
func ruleCounterpart(t *testing.T, cfg *content.Config, r content.FieldRule, f *decapField, byKey map[string]*decapField) string {
	t.Helper()
	var how []string
	widget := strings.TrimPrefix(f.Widget, "danvan-") // danvan's widgets add checks to Decap's
	group := ""
	if i := strings.LastIndexByte(r.Key, '.'); i >= 0 {
		group = r.Key[:i]
	}
	required := f.Required == nil || *f.Required
	switch {
	case r.Required && group != "":
		// Decap requires a group's required keys even when the group is
		// empty: the group's check requires them when it is filled in.
		if g := byKey[group]; g == nil || !slices.Contains(g.Checks, "contest-complete") {
			t.Errorf("%s: required in its group, but the group has no contest-complete check", r.Key)
		}
		if required {
			t.Errorf("%s: marked required in Decap, which would refuse every article without a contest", r.Key)
		}
		how = append(how, "bắt buộc khi có nhóm (admin.js contest-complete)")
	case r.Required != required:
		t.Errorf("%s: required %v in the rules, %v in the editor", r.Key, r.Required, required)
	case r.Required:
		how = append(how, "bắt buộc")
	}
	want := map[content.FieldType]string{
		content.TypeText: "string", content.TypeParagraph: "text", content.TypeDate: "datetime", content.TypeInt: "number",
		content.TypeChoice: "select", content.TypeList: "list", content.TypeBool: "boolean", content.TypeGroup: "object", content.TypeImage: "image",
	}[r.Type]
	if widget != want {
		t.Errorf("%s: widget %q, want %q", r.Key, f.Widget, want)
	}
	how = append(how, "widget "+f.Widget)
	switch r.Type {
	case content.TypeText:
		if r.Pattern != "" {
			if len(f.Pattern) != 2 || f.Pattern[0] != r.Pattern {
				t.Errorf("%s: pattern %q, want %q", r.Key, f.Pattern, r.Pattern)
			}
			how = append(how, "mẫu "+r.Pattern)
		}
	case content.TypeList:
		if r.Pattern != "" {
			if f.Field == nil || len(f.Field.Pattern) != 2 || f.Field.Pattern[0] != r.Pattern {
				t.Errorf("%s: each item needs the pattern %q", r.Key, r.Pattern)
			}
			how = append(how, "mẫu cho mỗi mục "+r.Pattern)
		}
	case content.TypeDate:
		if f.Format != "YYYY-MM-DD" || f.TimeFormat == nil || *f.TimeFormat {
			t.Errorf("%s: dates are written YYYY-MM-DD without a time (format %q)", r.Key, f.Format)
		}
		how = append(how, "NĂM-THÁNG-NGÀY")
	case content.TypeInt:
		if f.ValueType != "int" || f.Min == nil || f.Max == nil || *f.Min != r.Min || *f.Max != r.Max {
			t.Errorf("%s: want a whole number in %d..%d", r.Key, r.Min, r.Max)
		}
		how = append(how, "số nguyên "+strconv.Itoa(r.Min)+"–"+strconv.Itoa(r.Max))
	case content.TypeChoice:
		var got, wantVals []string
		for _, o := range f.Options {
			got = append(got, o.Value)
		}
		switch r.Source {
		case "areas":
			for _, a := range cfg.Areas {
				wantVals = append(wantVals, a.Slug)
			}
		case "localities":
			for _, l := range cfg.Localities {
				wantVals = append(wantVals, l.Slug)
			}
		case "contest.rounds":
			for _, x := range cfg.Contest.Rounds {
				wantVals = append(wantVals, strconv.Itoa(x.Round))
				if x.Round < r.Min || x.Round > r.Max {
					t.Errorf("%s: round %d outside the rule's %d..%d", r.Key, x.Round, r.Min, r.Max)
				}
			}
			for i, o := range f.Options {
				x := cfg.Contest.Rounds[i]
				if !strings.Contains(o.Label, x.From.Format("02/01/2006")) || !strings.Contains(o.Label, x.To.Format("02/01/2006")) {
					t.Errorf("%s: option %q does not say the round's window (the hint for contest dates)", r.Key, o.Label)
				}
			}
		default:
			wantVals = r.Values()
		}
		if !slices.Equal(got, wantVals) {
			t.Errorf("%s: options %v, want %v", r.Key, got, wantVals)
		}
		how = append(how, "chọn trong "+strconv.Itoa(len(got))+" giá trị")
	case content.TypeImage:
		if f.ChooseURL == nil || *f.ChooseURL {
			t.Errorf("%s: an image from another site is refused by the build: choose_url must be false", r.Key)
		}
	}
	return strings.Join(how, ", ")
}

// The patterns are read alike by Go and by the browser (checked there by
// checks_test.go): only RE2 syntax that JavaScript shares.
func TestPatternsArePortable(t *testing.T) {
	js := regexp.MustCompile(`\(\?[^:]|\\[pPzAQEC]|\[\[:`)
	for _, r := range append(content.ArticleRules(), content.PageRules()...) {
		if r.Pattern != "" && js.MatchString(r.Pattern) {
			t.Errorf("%s: pattern %q uses syntax JavaScript reads differently", r.Key, r.Pattern)
		}
	}
}

func TestLocalityLabel(t *testing.T) {
	cfg := siteConfig(t)
	l, ok := cfg.Locality("tran-phu")
	if !ok {
		t.Fatal("the sample site's content/_site.yaml has no tran-phu any more: pick another unit with an end date for this test")
	}
	if got, want := cms.LocalityLabel(l), "Phường Trần Phú (đến 30/06/2025)"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}
