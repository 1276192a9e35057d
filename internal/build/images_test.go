package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"github.com/quangngai/danvan/internal/sitetest"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestImagesResponsive: Markdown images and covers become hashed, resized
// variants with srcset, sizes and dimensions; originals are not published;
// a second build with the same cache processes nothing.
func TestImagesResponsive(t *testing.T) {
	site, cache := sitetest.Copy(t), t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	st, err := Run(context.Background(), Options{Source: site, Dest: out, CacheDir: cache, BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Images.Processed == 0 || st.Images.Cached != 0 {
		t.Fatalf("first build: %+v", st.Images)
	}
	dir := filepath.Join(out, "bai-viet", "don-dien-doi-thua-nghia-dung")
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	imgs := regexp.MustCompile(`<img [^>]*>`).FindAllString(string(page), -1)
	if len(imgs) < 2 {
		t.Fatalf("images: %q", imgs)
	}
	// Variants are content-addressed under /anh/ (site.ImageDir).
	variant := `/anh/[0-9a-f]{8}/ruong-lua-`
	body := imgs[1]
	for _, want := range []string{
		`src="` + variant + `960\.jpg"`,
		`srcset="` + variant + `480\.jpg 480w, ` + variant + `960\.jpg 960w, ` + variant + `1200\.jpg 1200w"`,
		`sizes="\(min-width: 48rem\) 42rem, 100vw"`,
		`width="1200" height="800"`,
		`decoding="async"`,
	} {
		if !regexp.MustCompile(want).MatchString(body) {
			t.Errorf("body image %s\nlacks %s", body, want)
		}
	}
	cover := imgs[0]
	for _, want := range []string{`srcset="[^"]*/anh/[0-9a-f]{8}/anh-bia-480\.jpg 480w`, `sizes="`, `width="1200" height="800"`} {
		if !regexp.MustCompile(want).MatchString(cover) {
			t.Errorf("cover %s\nlacks %s", cover, want)
		}
	}
	ogURL := regexp.MustCompile(`<meta property="og:image" content="https://example.org(/anh/[0-9a-f]{8}/anh-bia-1200x630\.jpg)">`).FindSubmatch(page)
	if ogURL == nil {
		t.Fatal("og:image is not the 1200×630 crop")
	}
	for _, orig := range []string{"anh-bia.jpg", "ruong-lua.jpg"} {
		if _, err := os.Stat(filepath.Join(dir, orig)); err == nil {
			t.Errorf("original %s published", orig)
		}
	}
	if w, h := jpegSize(t, filepath.Join(out, filepath.FromSlash(string(ogURL[1])))); w != 1200 || h != 630 {
		t.Errorf("og crop is %d×%d", w, h)
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	// Cards show the small variant, with the others for wide or dense screens.
	if !regexp.MustCompile(`<img class="card-thumb" src="/anh/[0-9a-f]{8}/anh-bia-480\.jpg" srcset="[^"]*-480\.jpg 480w, [^"]+" sizes="[^"]+" alt="" width="480" height="320"( loading="lazy")? decoding="async">`).Match(home) {
		t.Error("home page cards have no thumbnail")
	}

	touchArticle(site) // unchanged inputs would make the second build do nothing at all
	st2, err := Run(context.Background(), Options{Source: site, Dest: out, CacheDir: cache, BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	if st2.Images.Processed != 0 || st2.Images.Cached != st.Images.Processed {
		t.Errorf("second build: %+v, first %+v", st2.Images, st.Images)
	}
}

func jpegSize(t *testing.T, file string) (int, int) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := jpeg.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Width, cfg.Height
}

// hugePNG is a PNG signature and header claiming w×h pixels, without data.
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := make([]byte, 4+13)
	copy(chunk, "IHDR")
	binary.BigEndian.PutUint32(chunk[4:], w)
	binary.BigEndian.PutUint32(chunk[8:], h)
	chunk[12], chunk[13] = 8, 2
	_ = binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// TestBadImages: each broken image is a file:line error naming it, and
// the previous output stays exactly as it was.
func TestBadImages(t *testing.T) {
	site, cache := sitetest.Copy(t), t.TempDir()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if _, err := Run(context.Background(), Options{Source: site, Dest: out, CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, out)
	var good bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	img.Set(0, 0, color.White)
	if err := jpeg.Encode(&good, img, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file, ref string
		data            []byte
		want            string
	}{
		{"truncated", "cat-cut.jpg", "cat-cut.jpg", good.Bytes()[:good.Len()/2], "hỏng"},
		{"50 megapixel", "rat-lon.png", "rat-lon.png", hugePNG(8000, 6250), "50.0 megapixel"},
		{"text named .jpg", "van-ban.jpg", "van-ban.jpg", []byte("không phải ảnh"), "không hỗ trợ"},
		{"bmp", "anh.bmp", "anh.bmp", append([]byte("BM"), make([]byte, 64)...), "không hỗ trợ"},
		{"outside the site", "", "../../../../etc/passwd.jpg", nil, "đi ra ngoài"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bundle := filepath.Join(site, "content", "bai-viet", "zz-anh-hong")
			if err := os.MkdirAll(bundle, 0o755); err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(bundle)
			if c.file != "" {
				if err := os.WriteFile(filepath.Join(bundle, c.file), c.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			md := "---\ntitle: \"Ảnh hỏng\"\ndate: 2019-01-02\narea: kinh-te\nlocality: nghia-dung\n---\n\nMở đầu.\n\n![Một tấm ảnh](" + c.ref + ")\n"
			if err := os.WriteFile(filepath.Join(bundle, "index.md"), []byte(md), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Run(context.Background(), Options{Source: site, Dest: out, CacheDir: cache})
			var ce *ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("want a content error, got %v", err)
			}
			msg := ce.Error()
			loc := "content/bai-viet/zz-anh-hong/index.md:10:"
			if !strings.Contains(msg, loc) || !strings.Contains(msg, c.ref) || !strings.Contains(msg, c.want) {
				t.Errorf("error should name %s, %q and say %q:\n%s", loc, c.ref, c.want, msg)
			}
			if treeHash(t, out) != before {
				t.Error("the previous output changed")
			}
			left, _ := filepath.Glob(filepath.Join(parent, ".public.tmp-*"))
			if len(left) > 0 {
				t.Errorf("temporary output left: %v", left)
			}
		})
	}
}
