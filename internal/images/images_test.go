package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"testing/fstest"
)

var (
	red    = color.RGBA{220, 20, 20, 255}
	green  = color.RGBA{20, 200, 20, 255}
	blue   = color.RGBA{20, 20, 220, 255}
	yellow = color.RGBA{230, 230, 20, 255}
)

// quadrants draws a w×h image with four coloured quadrants TL, TR, BL, BR.
func quadrants(w, h int, q [4]color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := 0
			if x >= w/2 {
				i++
			}
			if y >= h/2 {
				i += 2
			}
			img.SetRGBA(x, y, q[i])
		}
	}
	return img
}

func jpegBytes(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withEXIF inserts an APP1 EXIF segment holding only the Orientation tag
// right after the JPEG's SOI marker.
func withEXIF(jpg []byte, orientation int, bo binary.ByteOrder) []byte {
	tiff := make([]byte, 8+2+12+4)
	if bo == binary.LittleEndian {
		copy(tiff, "II")
	} else {
		copy(tiff, "MM")
	}
	bo.PutUint16(tiff[2:], 42)
	bo.PutUint32(tiff[4:], 8)
	bo.PutUint16(tiff[8:], 1)       // one entry
	bo.PutUint16(tiff[10:], 0x0112) // Orientation
	bo.PutUint16(tiff[12:], 3)      // SHORT
	bo.PutUint32(tiff[14:], 1)      // count
	bo.PutUint16(tiff[18:], uint16(orientation))
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func near(a color.Color, b color.RGBA) bool {
	r, g, bb, _ := a.RGBA()
	d := func(x uint32, y uint8) int { v := int(x>>8) - int(y); return v * v }
	return d(r, b.R)+d(g, b.G)+d(bb, b.B) < 3*40*40
}

// TestOrientation: for each EXIF value, the stored pixels are what a
// camera writes for an upright scene (TL red, TR green, BL blue, BR
// yellow, 48×32); every variant must show the scene upright.
func TestOrientation(t *testing.T) {
	R, G, B, Y := red, green, blue, yellow
	stored := map[int]struct {
		w, h int
		q    [4]color.RGBA
	}{
		1: {48, 32, [4]color.RGBA{R, G, B, Y}},
		2: {48, 32, [4]color.RGBA{G, R, Y, B}}, // mirrored
		3: {48, 32, [4]color.RGBA{Y, B, G, R}}, // rotated 180°
		4: {48, 32, [4]color.RGBA{B, Y, R, G}}, // flipped
		5: {32, 48, [4]color.RGBA{R, B, G, Y}}, // transposed
		6: {32, 48, [4]color.RGBA{G, Y, R, B}}, // needs 90° clockwise
		7: {32, 48, [4]color.RGBA{Y, G, B, R}}, // transverse
		8: {32, 48, [4]color.RGBA{B, R, Y, G}}, // needs 90° counter-clockwise
	}
	for o := 1; o <= 8; o++ {
		for _, bo := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
			s := stored[o]
			data := withEXIF(jpegBytes(t, quadrants(s.w, s.h, s.q), 95), o, bo)
			if got := exifOrientation(data); got != o {
				t.Fatalf("orientation %d (%v): parsed %d", o, bo, got)
			}
			p := New(t.TempDir())
			set, err := p.Process(fstest.MapFS{"a.jpg": {Data: data}}, "a.jpg", true)
			if err != nil {
				t.Fatalf("orientation %d: %v", o, err)
			}
			check := func(v Variant) {
				f, err := os.Open(v.File)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				img, _, err := image.Decode(f)
				if err != nil {
					t.Fatal(err)
				}
				b := img.Bounds()
				if b.Dx() != v.Width || b.Dy() != v.Height {
					t.Errorf("orientation %d: %s is %v, meta says %dx%d", o, v.Suffix, b, v.Width, v.Height)
				}
				w, h := b.Dx(), b.Dy()
				for i, c := range [4]color.RGBA{R, G, B, Y} {
					x, y := w/4, h/4
					if i%2 == 1 {
						x = 3 * w / 4
					}
					if i >= 2 {
						y = 3 * h / 4
					}
					if got := img.At(x, y); !near(got, c) {
						t.Errorf("orientation %d (%v), %s: quadrant %d is %v, want %v", o, bo, v.Suffix, i, got, c)
					}
				}
			}
			if len(set.Variants) != 1 || set.Variants[0].Width != 48 || set.Variants[0].Height != 32 {
				t.Fatalf("orientation %d: variants %+v, want one 48×32", o, set.Variants)
			}
			check(set.Variants[0])
			check(*set.OG)
		}
	}
}

func TestVariantWidths(t *testing.T) {
	for _, c := range []struct {
		w    int
		want []int
	}{{300, []int{300}}, {480, []int{480}}, {800, []int{480, 800}}, {1200, []int{480, 960, 1200}}, {1600, []int{480, 960, 1600}}, {4000, []int{480, 960, 1600}}} {
		got := variantWidths(c.w)
		if len(got) != len(c.want) {
			t.Errorf("%d: %v, want %v", c.w, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%d: %v, want %v", c.w, got, c.want)
			}
		}
	}
}

// TestProcessCache: sizes, names, aspect, the OG crop, and a second
// processor on the same directory decodes nothing.
func TestProcessCache(t *testing.T) {
	dir := t.TempDir()
	data := jpegBytes(t, quadrants(2000, 1500, [4]color.RGBA{red, green, blue, yellow}), 90)
	fsys := fstest.MapFS{"x/anh.jpg": {Data: data}}
	p := New(dir)
	set, err := p.Process(fsys, "x/anh.jpg", true)
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]int{{480, 360}, {960, 720}, {1600, 1200}}
	if len(set.Variants) != 3 {
		t.Fatalf("variants: %+v", set.Variants)
	}
	for i, v := range set.Variants {
		if v.Width != want[i][0] || v.Height != want[i][1] {
			t.Errorf("variant %d: %dx%d, want %v", i, v.Width, v.Height, want[i])
		}
		if len(v.Suffix) != len("-12345678-")+len(strconv.Itoa(v.Width))+4 {
			t.Errorf("suffix %q", v.Suffix)
		}
	}
	if set.OG == nil || set.OG.Width != 1200 || set.OG.Height != 630 {
		t.Errorf("og: %+v", set.OG)
	}
	if st := p.Stats(); st.Processed != 1 || st.Cached != 0 {
		t.Errorf("first run: %+v", st)
	}
	// Same image again in this run, then in a new processor (a new build).
	if _, err := p.Process(fsys, "x/anh.jpg", true); err != nil {
		t.Fatal(err)
	}
	if st := p.Stats(); st.Processed != 1 {
		t.Errorf("same run: %+v", st)
	}
	p2 := New(dir)
	set2, err := p2.Process(fstest.MapFS{"y/copy.jpg": {Data: data}}, "y/copy.jpg", true)
	if err != nil {
		t.Fatal(err)
	}
	if st := p2.Stats(); st.Processed != 0 || st.Cached != 1 {
		t.Errorf("second build: %+v", st)
	}
	if set2.Variants[1].Suffix != set.Variants[1].Suffix {
		t.Errorf("names differ: %s vs %s", set2.Variants[1].Suffix, set.Variants[1].Suffix)
	}
	if set.Pick(960).Width != 960 || set.Pick(100).Width != 480 {
		t.Errorf("pick")
	}
}

// HugePNG returns a PNG signature and IHDR for w×h pixels and nothing
// else: DecodeConfig reads it, decoding would need gigabytes.
func HugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestBadImages(t *testing.T) {
	good := jpegBytes(t, quadrants(64, 48, [4]color.RGBA{red, green, blue, yellow}), 90)
	bmp := append([]byte("BM"), make([]byte, 60)...)
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"truncated.jpg", good[:len(good)/2], ErrCorrupt},
		{"header-only.jpg", good[:20], ErrCorrupt},
		{"huge.png", HugePNG(8000, 6250), ErrTooLarge},
		{"text.jpg", []byte("đây không phải ảnh\n"), ErrUnsupported},
		{"anh.bmp", bmp, ErrUnsupported},
	}
	for _, c := range cases {
		p := New(t.TempDir())
		_, err := p.Process(fstest.MapFS{c.name: {Data: c.data}}, c.name, false)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if p.Stats().Processed != 0 {
			t.Errorf("%s counted as processed", c.name)
		}
	}
}

// TestPNG: a diagram with transparency stays PNG; a photo-like opaque PNG
// becomes JPEG.
func TestPNG(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 100, 80))
	img.Set(10, 10, color.NRGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	set, err := New(t.TempDir()).Process(fstest.MapFS{"so-do.png": {Data: buf.Bytes()}}, "so-do.png", false)
	if err != nil {
		t.Fatal(err)
	}
	if s := set.Variants[0].Suffix; s[len(s)-4:] != ".png" {
		t.Errorf("diagram became %s", s)
	}
	noise := image.NewRGBA(image.Rect(0, 0, 100, 80))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = byte(rng.Uint32())
		if i%4 == 3 {
			noise.Pix[i] = 255
		}
	}
	buf.Reset()
	_ = png.Encode(&buf, noise)
	set, err = New(t.TempDir()).Process(fstest.MapFS{"anh.png": {Data: buf.Bytes()}}, "anh.png", false)
	if err != nil {
		t.Fatal(err)
	}
	if s := set.Variants[0].Suffix; s[len(s)-4:] != ".jpg" {
		t.Errorf("photo-like PNG became %s", s)
	}
}
