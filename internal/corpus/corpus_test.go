package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/testenv"
	"github.com/quangngai/danvan/internal/vi"
)

// template is the repository root: the real site configuration.
const template = "../.."

func generate(t testing.TB, n int, seed int64) (string, Stats) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	st, err := Generate(Options{N: n, Seed: seed, Template: template, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	return out, st
}

// article is one generated file, split.
type article struct {
	path string // relative to the site root
	meta map[string]any
	keys []string
	body string
}

func readArticles(t *testing.T, root string) []article {
	t.Helper()
	var out []article
	err := fs.WalkDir(os.DirFS(root), "content/bai-viet", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			return err
		}
		s := string(src)
		if !strings.HasPrefix(s, "---\n") {
			t.Fatalf("%s: no frontmatter", p)
		}
		fm, body, ok := strings.Cut(s[4:], "\n---\n")
		if !ok {
			t.Fatalf("%s: unterminated frontmatter", p)
		}
		var node yaml.Node
		if err := yaml.Unmarshal([]byte(fm), &node); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		a := article{path: p, body: body, meta: map[string]any{}}
		if err := node.Decode(&a.meta); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for i := 0; i < len(node.Content[0].Content); i += 2 {
			a.keys = append(a.keys, node.Content[0].Content[i].Value)
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func treeHash(t *testing.T, root string) string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	a, _ := generate(t, 60, 7)
	b, _ := generate(t, 60, 7)
	c, _ := generate(t, 60, 8)
	ha, hb, hc := treeHash(t, a), treeHash(t, b), treeHash(t, c)
	if ha != hb {
		t.Errorf("same seed, different trees: %s vs %s", ha, hb)
	}
	if ha == hc {
		t.Errorf("different seeds gave the same tree")
	}
}

func TestCountAndStats(t *testing.T) {
	for _, n := range []int{0, 1, 37} {
		root, st := generate(t, n, 1)
		arts := readArticles(t, root)
		if len(arts) != n || st.Articles != n {
			t.Errorf("N=%d: %d files, stats say %d", n, len(arts), st.Articles)
		}
		var total int64
		files := 0
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				fi, _ := d.Info()
				total += fi.Size()
				files++
			}
			return err
		})
		if int64(st.Bytes) != total || st.Files != files {
			t.Errorf("N=%d: stats %d files %d bytes, disk %d files %d bytes", n, st.Files, st.Bytes, files, total)
		}
		if _, err := os.Stat(filepath.Join(root, "content", "_site.yaml")); err != nil {
			t.Errorf("N=%d: _site.yaml not copied: %v", n, err)
		}
	}
}

// TestCorpus checks one generated corpus of 300 articles in several ways.
func TestCorpus(t *testing.T) {
	root, _ := generate(t, 300, 3)
	t.Run("loads clean", func(t *testing.T) { checkLoads(t, root, 300) })
	t.Run("frontmatter", func(t *testing.T) { checkFrontmatter(t, root) })
	t.Run("bodies", func(t *testing.T) { checkBodies(t, root) })
	t.Run("zipf", func(t *testing.T) { checkZipfRank(t, root) })
}

// checkLoads runs the real loader: no errors and no warnings (a locality
// used outside its validity dates is a warning).
func checkLoads(t *testing.T, root string, n int) {
	c, probs, err := content.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range probs {
		if i == 20 {
			t.Fatalf("… %d problems in all", len(probs))
		}
		t.Errorf("%v", p)
	}
	if c != nil && len(c.Articles) != n {
		t.Errorf("loader saw %d articles, want %d", len(c.Articles), n)
	}
}

func checkFrontmatter(t *testing.T, root string) {
	src, err := os.ReadFile(filepath.Join(root, "content", "_site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := parseSite(src)
	if err != nil {
		t.Fatal(err)
	}
	locs := map[string]locality{}
	for _, l := range sc.Localities {
		locs[l.Slug] = l
	}
	areas := map[string]bool{}
	for _, a := range sc.Areas {
		areas[a] = true
	}
	allowed := map[string]bool{}
	for _, k := range strings.Fields("title date area locality model unit subject year summary author cover cover_alt tags award contest slug aliases draft") {
		allowed[k] = true
	}
	required := strings.Fields("title date area locality model unit subject year author tags draft")
	media := map[string]bool{"bao-in": true, "bao-dien-tu": true, "phat-thanh": true, "truyen-hinh": true}
	genre := map[string]bool{}
	for _, g := range strings.Fields("phong-su ky-su ghi-chep phan-anh binh-luan tin phim-tai-lieu anh") {
		genre[g] = true
	}
	urls := map[string]bool{}
	slugs := map[string]bool{}
	var summaries, collective, contests, awards int
	arts := readArticles(t, root)
	for _, a := range arts {
		m := a.meta
		for _, k := range a.keys {
			if !allowed[k] {
				t.Errorf("%s: unknown key %q", a.path, k)
			}
		}
		for _, k := range required {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: missing %q", a.path, k)
			}
		}
		title, _ := m["title"].(string)
		if n := countWords(title); n < 6 || n > 12 || title != upperFirst(title) {
			t.Errorf("%s: title %q has %d words or is not capitalised", a.path, title, n)
		}
		d, err := day(anyString(m["date"]))
		if err != nil || d < firstDay || d > lastDay {
			t.Errorf("%s: date %v out of range", a.path, m["date"])
		}
		if y, _ := m["year"].(int); y == 0 || anyString(y) != d[:4] {
			t.Errorf("%s: year %v is not the year of %s", a.path, m["year"], d)
		}
		if !areas[anyString(m["area"])] {
			t.Errorf("%s: area %v", a.path, m["area"])
		}
		l, ok := locs[anyString(m["locality"])]
		if !ok || !l.validOn(d) {
			t.Errorf("%s: locality %v not valid on %s", a.path, m["locality"], d)
		}
		switch m["subject"] {
		case "tap-the":
			collective++
		case "ca-nhan":
		default:
			t.Errorf("%s: subject %v", a.path, m["subject"])
		}
		if _, ok := m["summary"]; ok {
			summaries++
		}
		if aw, ok := m["award"]; ok {
			awards++
			if aw != "giay-khen" && aw != "bang-khen" {
				t.Errorf("%s: award %v", a.path, aw)
			}
		}
		if tags, _ := m["tags"].([]any); len(tags) < 1 || len(tags) > 4 {
			t.Errorf("%s: %d tags", a.path, len(tags))
		}
		if author := anyString(m["author"]); len(strings.Fields(author)) != 3 {
			t.Errorf("%s: author %q is not họ + đệm + tên", a.path, author)
		}
		if m["draft"] != false {
			t.Errorf("%s: draft %v", a.path, m["draft"])
		}
		if c, ok := m["contest"].(map[string]any); ok {
			contests++
			r, _ := c["round"].(int)
			in := false
			for _, rd := range sc.Rounds {
				if rd.Round == r && rd.contains(d) {
					in = true
				}
			}
			if !in {
				t.Errorf("%s: contest round %v does not contain %s", a.path, c["round"], d)
			}
			if !media[anyString(c["media"])] || !genre[anyString(c["genre"])] || anyString(c["outlet"]) == "" {
				t.Errorf("%s: bad contest entry %v", a.path, c)
			}
			u := anyString(c["url"])
			if urls[u] || !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: contest url %q duplicate or not https", a.path, u)
			}
			urls[u] = true
		}
		base := strings.TrimSuffix(path.Base(a.path), ".md")
		if vi.Slug(base) != base || slugs[base] {
			t.Errorf("%s: file name is not a unique slug", a.path)
		}
		slugs[base] = true
	}
	n := len(arts)
	between := func(name string, got int, lo, hi float64) {
		if f := float64(got) / float64(n); f < lo || f > hi {
			t.Errorf("%s: %d of %d (%.2f), want %.2f–%.2f", name, got, n, f, lo, hi)
		}
	}
	between("summaries", summaries, 0.70, 0.90)
	between("tap-the", collective, 0.50, 0.70)
	between("awards", awards, 0.04, 0.17)
	between("contest entries", contests, 0.005, 0.07)
}

func anyString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case time.Time:
		return v.Format("2006-01-02")
	}
	return ""
}

func checkBodies(t *testing.T, root string) {
	linkRE := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	wordsRE := regexp.MustCompile(`\p{L}+`)
	numberedRE := regexp.MustCompile(`^\d+\. `)
	arts := readArticles(t, root)
	withDan, withTable, withList, withLinks, links := 0, 0, 0, 0, 0
	for _, a := range arts {
		b := a.body
		if !norm.NFC.IsNormalString(b) {
			t.Errorf("%s: body is not NFC", a.path)
		}
		if n := countWords(b); n < minWords || n > maxWords {
			t.Errorf("%s: %d words", a.path, n)
		}
		if !strings.Contains(b, "\n## ") {
			t.Errorf("%s: no ## heading", a.path)
		}
		if strings.ContainsAny(b, "<>") || strings.Contains(b, "![") {
			t.Errorf("%s: raw HTML or image", a.path)
		}
		if strings.Contains(b, "\n| ---") {
			withTable++
		}
		if strings.Contains(b, "\n- ") || strings.Contains(b, "\n1. ") {
			withList++
		}
		for _, line := range strings.Split(b, "\n") {
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") || strings.HasPrefix(line, "- ") || numberedRE.MatchString(line) {
				continue
			}
			first := strings.TrimLeft(line, "*“")
			if first != upperFirst(first) || !strings.HasSuffix(strings.TrimRight(line, "*"), ".") {
				t.Errorf("%s: paragraph not capitalised or not ended with a period: %.60q", a.path, line)
				break
			}
		}
		found := false
		for _, w := range wordsRE.FindAllString(b, -1) {
			if strings.ToLower(w) == "dân" {
				found = true
				break
			}
		}
		if found {
			withDan++
		}
		ms := linkRE.FindAllStringSubmatch(b, -1)
		if len(ms) > 0 {
			withLinks++
		}
		for _, m := range ms {
			links++
			target := path.Join(path.Dir(a.path), m[1])
			if !strings.HasSuffix(target, ".md") || !strings.HasPrefix(target, "content/bai-viet/") {
				t.Errorf("%s: link %q is not to an article", a.path, m[1])
			} else if _, err := os.Stat(filepath.Join(root, target)); err != nil {
				t.Errorf("%s: link %q: %v", a.path, m[1], err)
			}
		}
	}
	n := len(arts)
	if withDan*10 <= n*9 {
		t.Errorf("Zipf: the top word appears in %d of %d documents, want > 90%%", withDan, n)
	}
	if withTable == 0 || withList == 0 || withLinks == 0 {
		t.Errorf("tables in %d, lists in %d, links in %d of %d articles: want some of each", withTable, withList, withLinks, n)
	}
	t.Logf("%d articles: tables %d, lists %d, links %d (%d articles)", n, withTable, withList, links, withLinks)
}

// checkZipfRank checks the shape of the word distribution: the most
// frequent syllable is "dân", and frequency falls with rank.
func checkZipfRank(t *testing.T, root string) {
	wordsRE := regexp.MustCompile(`\p{L}+`)
	counts := map[string]int{}
	for _, a := range readArticles(t, root) {
		for _, w := range wordsRE.FindAllString(a.body, -1) {
			counts[strings.ToLower(w)]++
		}
	}
	type wc struct {
		w string
		c int
	}
	var ws []wc
	for w, c := range counts {
		ws = append(ws, wc{w, c})
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].c > ws[j].c || ws[i].c == ws[j].c && ws[i].w < ws[j].w })
	if ws[0].w != "dân" {
		t.Errorf("most frequent syllable is %q, want dân (top 5: %v)", ws[0].w, ws[:5])
	}
	if len(ws) < 1000 {
		t.Errorf("only %d distinct syllables", len(ws))
	}
	// Rank 10 should be several times as frequent as rank 100.
	if ws[9].c < 3*ws[99].c {
		t.Errorf("flat distribution: rank 10 %d, rank 100 %d", ws[9].c, ws[99].c)
	}
}

func TestVocabulary(t *testing.T) {
	lx := newLexicon()
	if len(lx.vocab) < 1500 {
		t.Errorf("vocabulary has %d entries, want ~2000", len(lx.vocab))
	}
	for _, w := range lx.vocab {
		if !norm.NFC.IsNormalString(w) || strings.ContainsAny(w, "*_[]()<>|#") {
			t.Errorf("bad entry %q", w)
		}
	}
	for _, area := range []string{"kinh-te", "van-hoa-xa-hoi", "quoc-phong-an-ninh", "he-thong-chinh-tri", "co-quan-nha-nuoc"} {
		if len(lx.models[area]) < 5 || len(lx.tags[area]) < 3 || len(lx.units[area]) < 3 {
			t.Errorf("area %s: too few models, tags or units", area)
		}
	}
	for _, md := range []string{"bao-in", "bao-dien-tu", "phat-thanh", "truyen-hinh"} {
		if len(lx.outlets[md]) == 0 {
			t.Errorf("no outlets for %s", md)
		}
	}
}

func TestFolders(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(template, "content", "_site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := parseSite(src)
	if err != nil {
		t.Fatal(err)
	}
	pl := newPlanner(newLexicon(), sc, rand.New(rand.NewPCG(1, 2)))
	for _, c := range []struct {
		n, total int
		dir      string
	}{
		{1, 1000, "content/bai-viet"},
		{1000, 1000, "content/bai-viet"},
		{1, 2500, "content/bai-viet/000"},
		{1000, 2500, "content/bai-viet/000"},
		{1001, 2500, "content/bai-viet/001"},
		{2500, 2500, "content/bai-viet/002"},
	} {
		a, err := pl.plan(c.n, c.total)
		if err != nil {
			t.Fatal(err)
		}
		if a.dir != c.dir {
			t.Errorf("article %d of %d in %s, want %s", c.n, c.total, a.dir, c.dir)
		}
	}
	for _, c := range []struct{ from, to, want string }{
		{"content/bai-viet", "content/bai-viet", "x.md"},
		{"content/bai-viet/003", "content/bai-viet/003", "x.md"},
		{"content/bai-viet/003", "content/bai-viet/007", "../007/x.md"},
	} {
		if got := relLink(c.from, c.to, "x.md"); got != c.want {
			t.Errorf("relLink(%s, %s) = %s, want %s", c.from, c.to, got, c.want)
		}
		if got := path.Join(c.from, relLink(c.from, c.to, "x.md")); got != c.to+"/x.md" {
			t.Errorf("relLink(%s, %s) resolves to %s", c.from, c.to, got)
		}
	}
}

func TestOutDir(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(out, "important.txt")
	if err := os.WriteFile(keep, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(Options{N: 3, Seed: 1, Template: template, Out: out}); err == nil {
		t.Fatal("wrote into a non-empty folder without a marker")
	}
	if _, err := os.Stat(keep); err != nil {
		t.Fatal("foreign file was touched")
	}
	if err := os.Remove(keep); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(Options{N: 5, Seed: 1, Template: template, Out: out}); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "content", "bai-viet", "stale.md")
	if err := os.WriteFile(stale, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(Options{N: 2, Seed: 1, Template: template, Out: out}); err != nil {
		t.Fatalf("rerun over a marked corpus: %v", err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale file survived the rewrite")
	}
	if _, err := Generate(Options{N: 2, Seed: 1, Template: template, Out: template}); err == nil {
		t.Error("accepted the template as output")
	}
}

func TestQuote(t *testing.T) {
	for _, s := range []string{`plain`, `có "ngoặc" và \ gạch`, "tab\tand\nnewline", "“Dân vận khéo”: no, yes, 2019"} {
		var m map[string]string
		if err := yaml.Unmarshal([]byte("k: "+quote(s)), &m); err != nil || m["k"] != s {
			t.Errorf("quote(%q) round-trips to %q (%v)", s, m["k"], err)
		}
	}
}

func BenchmarkGenerate1k(b *testing.B) {
	dir := b.TempDir()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(dir, "site"+strconv.Itoa(i))
		st, err := Generate(Options{N: 1000, Seed: 1, Template: template, Out: out})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(st.ArticleBytes)
	}
}

// RefreshTemplate brings a reused corpus's layouts, static files, pages
// and site settings up to the template's, removes files the template no
// longer has, keeps the articles, and refuses a folder that is no corpus.
func TestRefreshTemplate(t *testing.T) {
	out, _ := generate(t, 3, 1)
	articles := func() []string {
		es, err := os.ReadDir(filepath.Join(out, filepath.FromSlash(articleRoot)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		return names
	}
	before := articles()
	layout := filepath.Join(out, "layouts", "base.html")
	stale := filepath.Join(out, "static", "cu.css")
	for _, p := range []string{layout, stale, filepath.Join(out, "content", "_site.yaml")} {
		if err := os.WriteFile(p, []byte("cũ"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := RefreshTemplate(template, out); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"layouts/base.html", "content/_site.yaml"} {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		want, err2 := os.ReadFile(filepath.Join(template, filepath.FromSlash(rel)))
		if err != nil || err2 != nil || string(got) != string(want) {
			t.Errorf("%s not refreshed from the template (%v, %v)", rel, err, err2)
		}
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a static file the template does not have is still there: %v", err)
	}
	if after := articles(); !slices.Equal(after, before) {
		t.Errorf("articles changed: %v, were %v", after, before)
	}
	if err := RefreshTemplate(template, t.TempDir()); err == nil {
		t.Error("a folder without the corpus marker was refreshed")
	}
}

// Commit gives a corpus a history: its frame, then the articles a few at a
// time, a day apart; the working tree is clean afterwards, and the same
// corpus gets the same commits.
func TestCommitHistory(t *testing.T) {
	testenv.NeedCommand(t, "git", "apt-get install git")
	heads := map[string]bool{}
	for range 2 {
		root, st := generate(t, 23, 7)
		if err := Commit(root, 5); err != nil {
			t.Fatal(err)
		}
		git := func(args ...string) string {
			out, err := exec.Command("git", append([]string{"-C", root}, args...)...).Output()
			if err != nil {
				t.Fatalf("git %v: %v", args, err)
			}
			return strings.TrimSpace(string(out))
		}
		if n := git("rev-list", "--count", "HEAD"); n != "6" {
			t.Errorf("%s commits for %d articles, 5 a commit, want 6 (the frame, then 5 of articles)", n, st.Articles)
		}
		if s := git("status", "--porcelain"); s != "" {
			t.Errorf("working tree not clean:\n%s", s)
		}
		if last := git("log", "-1", "--format=%cs %s"); last != "2018-01-07 Thêm 3 bài" {
			t.Errorf("last commit %q, want 2018-01-07 Thêm 3 bài", last)
		}
		heads[git("rev-parse", "HEAD")] = true
	}
	if len(heads) != 1 {
		t.Errorf("the same corpus got different commits: %v", heads)
	}
}
