// Package searchtest provides the fixtures the search tests share: a
// synthetic site with planted documents, and writers that collect an
// export in memory or on disk.
package searchtest

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/corpus"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/store"
	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/sitetest"
)

// MapOut collects exported files in memory.
type MapOut fstest.MapFS

// WriteFile stores data under name.
func (m MapOut) WriteFile(name string, data []byte) error {
	m[name] = &fstest.MapFile{Data: data}
	return nil
}

// WriteFileSum is WriteFile with the sum the export gives (static.SumWriter):
// a sum that is not the data's is an error, as the build's output would
// record a wrong sum and later keep a file for bytes it does not hold.
func (m MapOut) WriteFileSum(name string, data []byte, sum [32]byte) error {
	if sha256.Sum256(data) != sum {
		return fmt.Errorf("%s: the sum given is not the sum of its bytes", name)
	}
	return m.WriteFile(name, data)
}

// DirOut writes exported files under a directory.
type DirOut string

// WriteFile writes data to name under the directory.
func (d DirOut) WriteFile(name string, data []byte) error {
	p := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// syllables of the filler text: common words (the rarer syllables of the
// planted documents are left to the decoys).
var syllables = strings.Fields(`dân vận khéo mô hình cán bộ người dân xã phường thôn xóm tổ chức
hội phụ nữ nông dân cựu chiến binh đoàn thanh niên vận động nhân dân cùng làm đường giao thông
nông thôn mới xây dựng kinh tế văn hóa xã hội an ninh trật tự gia đình hộ nghèo giúp đỡ vốn vay
sản xuất chăn nuôi trồng trọt lúa ruộng đất đai đổi mới sức tình làng nghĩa xóm
ngọt cây sữa giảm chi phí nghèo khó hòa thuận thủy lợi kênh mương bê tông
sáng kiến hiệu quả nhiệm vụ kế hoạch năm tháng ngày tuyên truyền họp bàn bàn bạc đồng thuận`)

// Planted are documents each relevance query must rank first.
var Planted = []struct {
	slug, title, body, area, loc string
	year                         int
}{
	{"don-dien-doi-thua", "Dồn điền, đổi thửa ở xã Nghĩa Dũng", "Nông dân Nghĩa Dũng bàn bạc dồn điền đổi thửa, ruộng liền bờ, máy vào tận đồng.", "kinh-te", "nghia-dung", 2018},
	{"tinh-khe-camera", "Tịnh Khê: mắt thần giữ bình yên thôn xóm", "Camera an ninh do người dân Tịnh Khê góp tiền lắp đặt.", "quoc-phong", "tinh-khe", 2019},
	{"hoa-binh-thon", "Thôn Hoà Bình đồng lòng làm đường", "Người dân thôn Hoà Bình hiến đất, góp công làm đường bê tông.", "kinh-te", "nghia-an", 2020},
	{"dan-van-kheo", "Dân vận khéo: từ phong trào đến nếp làm việc", "Phong trào thi đua dân vận khéo lan tỏa khắp các phường xã.", "he-thong", "thanh-pho", 2018},
	{"bo-giong", "Chuyện ở thôn Phú Lộc", "Chi hội trao bò giống cho hộ nghèo, bò giống sinh sản, hộ nghèo thoát nghèo.", "kinh-te", "nghia-an", 2017},
	{"tinh-thuong", "Tịnh Thương: nghĩa tình xóm giềng", "Hàng xóm chia sẻ giúp đỡ nhau lúc khó khăn.", "van-hoa", "tinh-khe", 2019},
}

// Decoys share the planted documents' syllables in a different order.
var Decoys = []struct{ slug, title, body string }{
	{"decoy-dien", "Đổi mới cách làm ở thửa ruộng điền trang", "Giống lúa mới trên ruộng, nuôi bò, đổi đời nhờ thửa đất dồn về."},
	{"decoy-khe", "Cây khế ngọt ở thôn Tịnh Bình", "Tình làng xóm bên khê suối."},
	{"decoy-tinhkhe", "Tình khế quê nhà", "Vị ngọt của quê."},
	{"decoy-giong", "Chuyện ở thôn Phú Thọ", "Giống lúa mới cho năng suất cao; hộ nghèo nuôi thêm bò, giảm nghèo. Bò ăn cỏ, giống ngô tốt."},
	{"decoy-dan", "Dân làng vận chuyển lúa khéo léo", "Người dân vận chuyển lúa về kho, khéo tay đan rổ."},
}

// SynthSite returns a site of n filler articles plus the planted and decoy
// documents, with a locality history: nghia-an and nghia-phu merged into
// an-phu; tinh-khe is current.
func SynthSite(n int, seed uint64) *site.Site {
	r := rand.New(rand.NewPCG(seed, 7))
	locs := map[string]*site.Locality{}
	s := &site.Site{}
	for _, slug := range []string{"an-phu", "nghia-an", "nghia-phu", "nghia-dung", "tinh-khe", "thanh-pho"} {
		l := &site.Locality{Locality: content.Locality{Slug: slug, Name: slug}}
		locs[slug] = l
		s.Localities = append(s.Localities, l)
	}
	locs["nghia-an"].Successor = locs["an-phu"]
	locs["nghia-phu"].Successor = locs["an-phu"]
	areas := []string{"kinh-te", "van-hoa", "quoc-phong", "he-thong"}
	for _, a := range areas {
		s.Areas = append(s.Areas, &site.Area{Area: content.Area{Slug: a, Name: a}})
	}
	locNames := []string{"an-phu", "nghia-an", "nghia-phu", "nghia-dung", "tinh-khe", "thanh-pho"}
	date := time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)
	add := func(slug, title, body, area, loc string, year int) {
		a := &site.Article{Article: &content.Article{Slug: slug, Title: title, Area: area, Locality: loc, Year: year, Date: date,
			Summary: body, Subject: []string{"tap-the", "ca-nhan"}[len(s.Articles)%2]}, URL: "/bai-viet/" + slug + "/", LocalityRef: locs[loc]}
		a.SetBody("", body)
		date = date.AddDate(0, 0, -1)
		s.Articles = append(s.Articles, a)
	}
	text := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = syllables[r.IntN(len(syllables))]
		}
		return strings.Join(w, " ")
	}
	plantAt := map[int]int{}
	for i := range Planted {
		plantAt[(i*7919+13)%(n+len(Planted))] = i + 1
	}
	total := n + len(Planted) + len(Decoys)
	fill := 0
	for i := 0; i < total; i++ {
		if p := plantAt[i]; p > 0 && i < n+len(Planted) {
			d := Planted[p-1]
			add(d.slug, d.title, d.body+" "+text(40), d.area, d.loc, d.year)
			continue
		}
		if i >= n+len(Planted) {
			d := Decoys[i-n-len(Planted)]
			add(d.slug, d.title, d.body+" "+text(40), "kinh-te", "nghia-phu", 2019)
			continue
		}
		fill++
		add(fmt.Sprintf("bai-%04d", fill), strings.ToUpper(text(1)[:1])+text(6)[1:], text(60+r.IntN(200)), areas[r.IntN(len(areas))], locNames[r.IntN(len(locNames))], 2017+r.IntN(4))
	}
	return s
}

// Analyze analyses every article of s (analysis.AnalyzeSite), failing tb
// on an error.
func Analyze(tb testing.TB, s *site.Site) []*analysis.Doc {
	tb.Helper()
	docs, err := analysis.AnalyzeSite(s)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// ExportFS exports s into memory, through a bleve index in memory as
// builds do.
func ExportFS(t testing.TB, s *site.Site) fs.FS {
	t.Helper()
	out := MapOut{}
	docs, err := analysis.AnalyzeSite(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.ExportDocs(s, docs, out); err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS(out)
}

// CorpusRoot is the root of a realistic site: $DANVAN_CORPUS (e.g. a
// gencorpus output of 10,000 articles) when it is set, else n articles
// generated from the repository's site (seed 1), so the check or the
// measurement always runs.
func CorpusRoot(tb testing.TB, n int) string {
	tb.Helper()
	if root := os.Getenv("DANVAN_CORPUS"); root != "" {
		return root
	}
	root := filepath.Join(tb.TempDir(), "corpus")
	if _, err := corpus.Generate(corpus.Options{N: n, Seed: 1, Template: sitetest.RepoRoot(tb), Out: root}); err != nil {
		tb.Fatal(err)
	}
	return root
}

// CorpusSite prepares the site at CorpusRoot(tb, n).
func CorpusSite(tb testing.TB, n int) *build.Result {
	tb.Helper()
	root := CorpusRoot(tb, n)
	fsys, err := build.OpenSite(root)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { fsys.Close() })
	res, err := build.Prepare(fsys, build.Options{Source: root})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// FoldCase is one golden vector of the Vietnamese folding
// (internal/vi/testdata/fold.json).
type FoldCase struct {
	In    string   `json:"in"`
	Fold  string   `json:"fold"`
	Exact string   `json:"exact,omitempty"`
	Words []string `json:"words,omitempty"`
}

// GoldenFold reads the golden folding vectors.
func GoldenFold(t testing.TB) []FoldCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sitetest.RepoRoot(t), "internal", "vi", "testdata", "fold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cs []FoldCase
	if err := json.Unmarshal(data, &cs); err != nil {
		t.Fatal(err)
	}
	return cs
}
