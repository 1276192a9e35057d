package build

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/images"
	"github.com/quangngai/danvan/internal/sitetest"
)

// edit changes one input of a site copy in place.
type edit struct {
	name    string
	change  func(t *testing.T, site string)
	baseURL string // build with this base URL from this step on, if set
	// rendered, when not nil, is the most HTML pages the warm build may
	// render: it proves the page cache keeps what the edit did not touch.
	rendered *int
	// keyed, when not nil, is the most pages the warm build may key: an
	// edit of an article's display keys only the pages that read it
	// (pagedeps.go). keyedAll says the edit changes the graph: every
	// page is keyed.
	keyed    *int
	keyedAll bool
}

func atMost(n int) *int { return &n }

// replaceIn replaces the first old in a file of the site.
func replaceIn(t *testing.T, site, file, old, new string) {
	t.Helper()
	p := filepath.Join(site, file)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// smallJPEG is a 300×200 image, unlike the sample's 1200×800 photos.
func smallJPEG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for x := 0; x < 300; x++ {
		for y := 0; y < 200; y++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Every warm build (caches and output of the previous build kept) writes
// exactly the tree a build from scratch writes, after each kind of edit.
func TestWarmBuildEqualsBuildFromScratch(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	edits := []edit{
		{name: "nothing", change: func(*testing.T, string) {}, rendered: atMost(0)},
		{name: "article body", change: func(t *testing.T, site string) {
			// It has a summary of its own: only its page shows the body.
			replaceIn(t, site, "content/bai-viet/to-hoa-giai-nghia-lo.md", "\n---\n", "\n---\nMột câu mới ở đầu bài.\n\n")
		}, rendered: atMost(1), keyed: atMost(30)},
		{name: "article title and body", change: func(t *testing.T, site string) {
			// This article is in other articles' related lists and links.
			replaceIn(t, site, "content/bai-viet/tinh-khe-camera-an-ninh.md", `title: "`, `title: "Đã sửa: `)
			replaceIn(t, site, "content/bai-viet/tinh-khe-camera-an-ninh.md", "\n---\n", "\n---\nMột đoạn mở đầu mới.\n\n")
		}, keyed: atMost(40)},
		{name: "article date", change: func(t *testing.T, site string) {
			replaceIn(t, site, "content/bai-viet/to-hoa-giai-nghia-lo.md", "date: 2019-09-18", "date: 2021-02-03")
		}, keyedAll: true},
		{name: "article area", change: func(t *testing.T, site string) {
			replaceIn(t, site, "content/bai-viet/to-hoa-giai-nghia-lo.md", "area: quoc-phong-an-ninh", "area: van-hoa-xa-hoi")
		}},
		{name: "article locality", change: func(t *testing.T, site string) {
			replaceIn(t, site, "content/bai-viet/to-hoa-giai-nghia-lo.md", "locality: nghia-lo", "locality: tinh-khe")
		}},
		{name: "article tags", change: func(t *testing.T, site string) {
			replaceIn(t, site, "content/bai-viet/to-hoa-giai-nghia-lo.md", `tags: ["hòa giải", "pháp luật", "khu dân cư"]`, `tags: ["camera", "an ninh trật tự"]`)
		}, keyedAll: true},
		{name: "article summary", change: func(t *testing.T, site string) {
			replaceIn(t, site, "content/bai-viet/to-hoa-giai-nghia-lo.md", `summary: "Trong hai năm,`, `summary: "Sau hai năm,`)
		}, keyed: atMost(40)},
		{name: "bundle image", change: func(t *testing.T, site string) {
			if err := os.WriteFile(filepath.Join(site, "content/bai-viet/don-dien-doi-thua-nghia-dung/ruong-lua.jpg"), smallJPEG(t), 0o644); err != nil {
				t.Fatal(err)
			}
		}, keyedAll: true},
		{name: "layout", change: func(t *testing.T, site string) {
			replaceIn(t, site, "layouts/partials/footer.html", "<footer", "<!-- chân trang đã sửa -->\n<footer")
		}},
		{name: "locality name", change: func(t *testing.T, site string) {
			replaceIn(t, site, "content/_site.yaml", `name: "Lê Hồng Phong"`, `name: "Lê Hồng Phong Mới"`)
		}, keyedAll: true},
		{name: "site notice (_site.yaml)", change: func(t *testing.T, site string) {
			replaceIn(t, site, "content/_site.yaml", `notice: "Bài viết trên trang`, `notice: "Lưu ý: bài viết trên trang`)
		}},
		{name: "stylesheet", change: func(t *testing.T, site string) {
			f, err := os.OpenFile(filepath.Join(site, "static/css/app.css"), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("\n.da-sua { color: red; }\n")
			f.Close()
		}},
		{name: "new static file", change: func(t *testing.T, site string) {
			if err := os.WriteFile(filepath.Join(site, "static/ghi-chu.txt"), []byte("tệp tĩnh mới\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "base URL", baseURL: "https://xem-truoc.example.org/", change: func(*testing.T, string) {}},
		{name: "new article", change: func(t *testing.T, site string) {
			src := "---\ntitle: \"Bài mới ở Nghĩa Dũng\"\ndate: 2024-05-06\narea: kinh-te\nlocality: nghia-dung\ntags: [\"nông nghiệp\"]\n---\nNội dung bài mới, nhắc tới [camera an ninh](tinh-khe-camera-an-ninh.md).\n"
			if err := os.WriteFile(filepath.Join(site, "content/bai-viet/bai-moi.md"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "deleted article", change: func(t *testing.T, site string) {
			if err := os.Remove(filepath.Join(site, "content/bai-viet/bai-moi.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "nothing again", change: func(*testing.T, string) {}, rendered: atMost(0)},
	}
	// Builds from scratch have empty caches of their own, but share one
	// image cache: processing the sample's photos again for each would
	// make this test slow, and images are not what it checks.
	scratchImages := images.New(t.TempDir())
	baseURL := ""
	buildInto(t, site, dest, cache, nil) // the first build: every later one is warm
	for _, e := range edits {
		e.change(t, site)
		if e.baseURL != "" {
			baseURL = e.baseURL
		}
		warm, err := Run(context.Background(), Options{Source: site, Dest: dest, CacheDir: cache, BaseURL: baseURL})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		scratch := filepath.Join(t.TempDir(), "public")
		if _, err := Run(context.Background(), Options{Source: site, Dest: scratch, CacheDir: t.TempDir(), BaseURL: baseURL, State: &State{Images: scratchImages}}); err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		if diff := treeDiff(t, dest, scratch); diff != "" {
			t.Errorf("after %q the warm build differs from a build from scratch: %s", e.name, diff)
		}
		if e.keyed != nil && warm.Keyed > *e.keyed {
			t.Errorf("after %q the warm build keyed %d of %d pages, want at most %d (the pages that show the article, and the report's)", e.name, warm.Keyed, warm.Pages, *e.keyed)
		}
		if e.keyedAll && warm.Keyed != warm.Pages {
			t.Errorf("after %q the warm build keyed %d of %d pages: the site's graph changed, every page must be keyed", e.name, warm.Keyed, warm.Pages)
		}
		if warm.Reused == 0 {
			t.Errorf("after %q nothing was reused", e.name)
		}
		if e.rendered != nil && warm.Rendered > *e.rendered {
			t.Errorf("after %q the warm build rendered %d of %d pages, want at most %d", e.name, warm.Rendered, warm.Pages, *e.rendered)
		}
	}
}

// treeDiff names the first files that differ between two trees, or "".
func treeDiff(t *testing.T, a, b string) string {
	t.Helper()
	files := func(root string) map[string][]byte {
		m := map[string][]byte{}
		filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				rel, _ := filepath.Rel(root, p)
				m[rel], _ = os.ReadFile(p)
			}
			return nil
		})
		return m
	}
	fa, fb := files(a), files(b)
	var diffs []string
	for n, d := range fa {
		if e, ok := fb[n]; !ok {
			diffs = append(diffs, n+" (only in the warm build)")
		} else if !bytes.Equal(d, e) {
			diffs = append(diffs, n)
		}
	}
	for n := range fb {
		if _, ok := fa[n]; !ok {
			diffs = append(diffs, n+" (missing from the warm build)")
		}
	}
	if len(diffs) > 5 {
		diffs = append(diffs[:5], "…")
	}
	return strings.Join(diffs, ", ")
}

// Corrupt saved caches (parsed content, rendered Markdown) are warnings:
// the build goes on from scratch for what they held, with the same output.
func TestCorruptCachesAreWarnings(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	want := treeHash(t, dest)
	shards, _ := filepath.Glob(filepath.Join(cache, "build", "markdown-*.bin"))
	if len(shards) == 0 {
		t.Fatal("no Markdown cache written")
	}
	for _, f := range append(shards, filepath.Join(cache, "build", contentCacheFile)) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, data[:len(data)/3], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var log bytes.Buffer
	forgetInputs(t, cache)
	buildInto(t, site, dest, cache, &log)
	if !strings.Contains(log.String(), "cảnh báo: bộ đệm nội dung "+filepath.Join(cache, "build", contentCacheFile)+" bị hỏng") || !strings.Contains(log.String(), "bộ đệm Markdown") {
		t.Errorf("no warnings about the corrupt caches: %q", log.String())
	}
	if treeHash(t, dest) != want {
		t.Error("output differs after corrupt caches")
	}
	// The next build has good caches again: no warning.
	log.Reset()
	forgetInputs(t, cache)
	buildInto(t, site, dest, cache, &log)
	if strings.Contains(log.String(), "cảnh báo") {
		t.Errorf("warnings with repaired caches: %q", log.String())
	}
}

// forgetInputs makes the next build read its caches: with the record of
// the last build's inputs gone, an unchanged site is built again (warm)
// instead of being left as it is.
func forgetInputs(t *testing.T, cache string) {
	t.Helper()
	if err := os.Remove(filepath.Join(cache, "build", inputsFile)); err != nil {
		t.Fatal(err)
	}
}

// The caches of the gob layout (content.gob, output.gob, pages.gob) are
// deleted once the new ones are saved: a deploy cache would otherwise keep
// them for ever.
func TestOldCacheFilesRemoved(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	if err := os.MkdirAll(filepath.Join(cache, "build"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"content.gob", "output.gob", "pages.gob"} {
		if err := os.WriteFile(filepath.Join(cache, "build", f), []byte("gob"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	buildInto(t, site, dest, cache, nil)
	for _, f := range []string{"content.gob", "output.gob", "pages.gob"} {
		if _, err := os.Stat(filepath.Join(cache, "build", f)); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", f, err)
		}
	}
	for _, f := range []string{contentCacheFile, manifestFile, pageCacheFile} {
		if _, err := os.Stat(filepath.Join(cache, "build", f)); err != nil {
			t.Errorf("%s not saved: %v", f, err)
		}
	}
}

// A body damaged in the saved Markdown cache (its bytes, which the cache
// file's checksum does not cover) is found when a page reads it: the
// build drops that part of the cache, says so, and builds again, once for
// each such body, and the output is a build from scratch's.
func TestDamagedBodyIsRenderedAgain(t *testing.T) {
	site := sitetest.Copy(t)
	dest, cache := filepath.Join(t.TempDir(), "public"), t.TempDir()
	buildInto(t, site, dest, cache, nil)
	damaged := map[string][]byte{ // two articles, each by the start of its HTML only
		"content/bai-viet/to-hoa-giai-nghia-lo.md":    []byte("<p>Một buổi tối cuối tháng Tám"),
		"content/bai-viet/tinh-khe-camera-an-ninh.md": []byte("<p>Trong phòng trực của Công an xã Tịnh Khê"),
	}
	shards, _ := filepath.Glob(filepath.Join(cache, "build", "markdown-*.bin"))
	for file, body := range damaged {
		found := 0
		for _, f := range shards {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if i := bytes.Index(data, body); i >= 0 {
				data[i+4] ^= 0x01 // the first letter of the text
				if err := os.WriteFile(f, data, 0o644); err != nil {
					t.Fatal(err)
				}
				found++
			}
		}
		if found != 1 {
			t.Fatalf("the body of %s is in %d shards, want 1", file, found)
		}
		// A new title: the page is rendered again, from the cached body.
		replaceIn(t, site, file, `title: "`, `title: "Đã sửa: `)
	}
	var log bytes.Buffer
	buildInto(t, site, dest, cache, &log)
	for file, body := range damaged {
		want := "cảnh báo: bộ đệm Markdown bị hỏng: phần đã dựng của " + file + " không khớp mã kiểm tra: bỏ phần đó của bộ đệm và dựng lại"
		if !strings.Contains(log.String(), want) {
			t.Errorf("log %q, want %q", log.String(), want)
		}
		page, err := os.ReadFile(filepath.Join(dest, "bai-viet", strings.TrimSuffix(filepath.Base(file), ".md"), "index.html"))
		if err != nil || !bytes.Contains(page, body) {
			t.Errorf("the page of %s lost its body: %v", file, err)
		}
	}
	if got := fromScratch(t, site); treeHash(t, dest) != got {
		t.Error("the output differs from a build from scratch")
	}
}
