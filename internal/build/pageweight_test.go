package build

import (
	"context"
	"fmt"
	"github.com/quangngai/danvan/internal/sitetest"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// photo writes a phone-like photo: smooth shapes with sensor noise, which
// compresses about as real photos do (unlike flat colours or pure noise).
func photo(t *testing.T, path string, w, h int, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := r.IntN(24)
			img.Set(x, y, color.RGBA{uint8((x*180/w + n) % 256), uint8((y*160/h + 40 + n) % 256), uint8(((x+y)*90/(w+h) + 60 + n) % 256), 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
}

// TestArticleWithFivePhotosWeight: an article with a cover and five
// photos, seen at 390 px on a 1× screen, downloads at most 400 KB (HTML,
// CSS and the images the browser picks from srcset: the 480 px variants).
func TestArticleWithFivePhotosWeight(t *testing.T) {
	site := sitetest.Copy(t)
	dir := filepath.Join(site, "content/bai-viet/nam-anh")
	os.MkdirAll(dir, 0o755)
	body := "---\ntitle: \"Năm bức ảnh\"\ndate: 2020-03-03\narea: kinh-te\nlocality: nghia-ha\ncover: bia.jpg\ncover_alt: \"Ảnh bìa\"\n---\nMở đầu.\n\n"
	photo(t, filepath.Join(dir, "bia.jpg"), 2000, 1500, 99)
	for i := 1; i <= 5; i++ {
		photo(t, filepath.Join(dir, fmt.Sprintf("anh-%d.jpg", i)), 2000, 1500, uint64(i))
		body += fmt.Sprintf("![Ảnh số %d](anh-%d.jpg)\n\nĐoạn văn.\n\n", i, i)
	}
	os.WriteFile(filepath.Join(dir, "index.md"), []byte(body), 0o644)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), Options{Source: site, Dest: out, CacheDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "bai-viet/nam-anh/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	total := int64(len(page))
	for _, css := range regexp.MustCompile(`href="(/css/[^"]+\.css)"`).FindAllSubmatch(page, -1) {
		fi, err := os.Stat(filepath.Join(out, string(css[1])))
		if err != nil {
			t.Fatal(err)
		}
		total += fi.Size()
	}
	n := 0
	for _, m := range regexp.MustCompile(`srcset="([^"]+)"`).FindAllSubmatch(page, -1) {
		// The 480w candidate is what a 390 px, 1× screen downloads.
		for _, cand := range strings.Split(string(m[1]), ", ") {
			if strings.HasSuffix(cand, " 480w") {
				fi, err := os.Stat(filepath.Join(out, strings.TrimSuffix(cand, " 480w")))
				if err != nil {
					t.Fatal(err)
				}
				total += fi.Size()
				n++
			}
		}
	}
	if n != 6 {
		t.Fatalf("want 6 images with a 480w candidate (cover + 5), got %d", n)
	}
	t.Logf("article with a cover and 5 photos at 390 px: %d KB (HTML %d KB)", total/1024, len(page)/1024)
	if total > 400*1024 {
		t.Errorf("page weight %d KB > 400 KB", total/1024)
	}
}
