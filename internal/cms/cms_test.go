package cms_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/quangngai/danvan/internal/cms"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/qa"
)

type decapField struct {
	Name    string
	Widget  string
	Options []struct{ Label, Value string }
	Fields  []decapField
}

// The generated config names only keys of the frontmatter contract, and its
// select lists are exactly what _site.yaml and the content package allow.
func TestConfigFollowsSiteAndContract(t *testing.T) {
	root, err := qa.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, content.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	cfg, probs := content.ParseConfig(src)
	if cfg == nil || probs.HasErrors() {
		t.Fatalf("_site.yaml: %v", probs)
	}
	out, err := cms.Config(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Backend      map[string]string
		LocalBackend bool   `yaml:"local_backend"`
		MediaFolder  string `yaml:"media_folder"`
		PublicFolder string `yaml:"public_folder"`
		Slug         map[string]any
		Collections  []struct {
			Name, Folder string
			Create       bool
			Fields       []decapField
		}
	}
	if err := yaml.Unmarshal(out, &c); err != nil {
		t.Fatalf("config.yml does not parse: %v\n%s", err, out)
	}
	if c.Backend["name"] != "git-gateway" || c.Backend["branch"] != "main" || !c.LocalBackend {
		t.Errorf("backend %v, local_backend %v", c.Backend, c.LocalBackend)
	}
	if c.MediaFolder != "static/images/uploads" || c.PublicFolder != "/images/uploads" {
		t.Errorf("media %q → %q", c.MediaFolder, c.PublicFolder)
	}
	if c.Slug["clean_accents"] != true || c.Slug["encoding"] != "ascii" {
		t.Errorf("slug %v", c.Slug)
	}
	if len(c.Collections) != 1 || c.Collections[0].Folder != "content/bai-viet" || !c.Collections[0].Create {
		t.Fatalf("collections %+v", c.Collections)
	}
	byName := map[string]decapField{}
	for _, f := range c.Collections[0].Fields {
		byName[f.Name] = f
		if f.Name != "body" && !slices.Contains(content.ArticleKeys(), f.Name) {
			t.Errorf("field %q is not a frontmatter key: the loader would reject it", f.Name)
		}
	}
	for _, k := range content.ArticleKeys() {
		if _, ok := byName[k]; !ok {
			t.Errorf("frontmatter key %q has no field in the editor", k)
		}
	}
	contest := map[string]decapField{}
	for _, f := range byName["contest"].Fields {
		contest[f.Name] = f
		if !slices.Contains(content.ContestKeys(), f.Name) {
			t.Errorf("contest field %q is not a contest key", f.Name)
		}
	}
	values := func(f decapField) []string {
		var v []string
		for _, o := range f.Options {
			v = append(v, o.Value)
		}
		return v
	}
	var areas, localities []string
	for _, a := range cfg.Areas {
		areas = append(areas, a.Slug)
	}
	for _, l := range cfg.Localities {
		localities = append(localities, l.Slug)
	}
	for name, want := range map[string][]string{
		"area": areas, "locality": localities,
		"subject": content.EnumValues("subject"), "award": content.EnumValues("award"),
	} {
		if got := values(byName[name]); byName[name].Widget != "select" || !slices.Equal(got, want) {
			t.Errorf("%s: widget %q, options %v, want select of %v", name, byName[name].Widget, got, want)
		}
	}
	for name, want := range map[string][]string{"media": content.EnumValues("contest.media"), "genre": content.EnumValues("contest.genre")} {
		if got := values(contest[name]); !slices.Equal(got, want) {
			t.Errorf("contest.%s options %v, want %v", name, got, want)
		}
	}
	if len(cfg.Contest.Rounds) > 0 && len(contest["round"].Options) != len(cfg.Contest.Rounds) {
		t.Errorf("contest rounds %v", contest["round"].Options)
	}
	for name, widget := range map[string]string{"date": "datetime", "year": "number", "tags": "list", "aliases": "list", "contest": "object", "draft": "boolean", "body": "markdown", "cover": "image"} {
		if byName[name].Widget != widget {
			t.Errorf("%s: widget %q, want %q", name, byName[name].Widget, widget)
		}
	}
	if !strings.Contains(string(out), "format: YYYY-MM-DD") {
		t.Error("dates must be written as YYYY-MM-DD")
	}
}

func TestLocalityLabel(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", content.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := content.ParseConfig(src)
	l, ok := cfg.Locality("tran-phu")
	if !ok {
		t.Fatal("the sample site's content/_site.yaml has no tran-phu any more: pick another unit with an end date for this test")
	}
	if got, want := cms.LocalityLabel(l), "Phường Trần Phú (đến 30/06/2025)"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}
