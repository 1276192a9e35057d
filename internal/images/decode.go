package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // GIF: the first frame
	_ "image/jpeg" // JPEG
	_ "image/png"  // PNG
	"io"
	"io/fs"
)

// source is a decoded image with what render needs to know about it.
type source struct {
	img         image.Image // as stored, before orientation
	format      string      // "jpeg", "png", "gif"
	orientation int         // EXIF orientation, 1..8
	photo       bool        // encode as JPEG
}

// readFile reads a source, refusing files too large to be a sane image.
func readFile(fsys fs.FS, file string) ([]byte, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("không đọc được tệp ảnh: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("tệp ảnh lớn hơn %d MB: hãy thu nhỏ ảnh trước khi đưa lên", MaxFileSize>>20)
	}
	return data, nil
}

// ErrTooLarge is wrapped by the error for images over MaxPixels.
var ErrTooLarge = errors.New("ảnh quá lớn")

// ErrUnsupported is wrapped by the error for files that are not JPEG, PNG
// or GIF.
var ErrUnsupported = errors.New("định dạng ảnh không hỗ trợ")

// ErrCorrupt is wrapped by the error for damaged or truncated images.
var ErrCorrupt = errors.New("ảnh hỏng")

// decode checks the size from the header, then decodes. Memory stays
// bounded: nothing over MaxPixels is ever decoded.
func decode(data []byte) (*source, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if errors.Is(err, image.ErrFormat) {
		return nil, fmt.Errorf("%w: tệp không phải ảnh JPEG, PNG hay GIF (được phép: .jpg, .png, .gif)", ErrUnsupported)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: không đọc được phần đầu của ảnh (tệp hỏng hoặc bị cắt cụt): %v", ErrCorrupt, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: kích thước %d×%d không hợp lệ", ErrCorrupt, cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxPixels {
		return nil, fmt.Errorf("%w: %d×%d điểm ảnh (%.1f megapixel), tối đa %d megapixel; hãy thu nhỏ ảnh (chiều rộng 3000 px là đủ) rồi đưa lên lại", ErrTooLarge, cfg.Width, cfg.Height, float64(px)/1e6, MaxPixels/1_000_000)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: tệp hỏng hoặc bị cắt cụt (%v); hãy xuất lại ảnh từ máy ảnh hoặc điện thoại", ErrCorrupt, err)
	}
	s := &source{img: img, format: format, orientation: 1}
	switch format {
	case "jpeg":
		s.orientation = exifOrientation(data)
		s.photo = true
	case "png":
		s.photo = photoLike(img, len(data))
	}
	return s, nil
}

// photoLike reports whether a PNG is better published as JPEG: it is
// opaque and compresses poorly (over 1.5 bytes a pixel), as photographs
// do. Screenshots, diagrams and logos compress well or use transparency,
// and stay PNG so their edges stay sharp.
func photoLike(img image.Image, size int) bool {
	if o, ok := img.(interface{ Opaque() bool }); !ok || !o.Opaque() {
		return false
	}
	b := img.Bounds()
	return float64(size) > 1.5*float64(b.Dx()*b.Dy())
}
