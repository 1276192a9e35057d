package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"strconv"
)

// render makes every variant of src: each width scaled from the next
// larger one, then turned upright and encoded. hash goes in the names.
func render(src *source, hash string, og bool) ([]encoded, error) {
	b := src.img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	swap := src.orientation >= 5
	ow, oh := sw, sh
	if swap {
		ow, oh = sh, sw
	}
	ext := ".png"
	if src.photo {
		ext = ".jpg"
	}
	widths := variantWidths(ow)
	outs := make([]encoded, len(widths))
	prev := src.img
	// Shrink by the largest whole factor first (box average), so the
	// bicubic pass that follows reduces by less than 2×.
	if top := widths[len(widths)-1]; top > 0 {
		tw := top
		if swap {
			tw = rounded(oh, top, ow)
		}
		if f := sw / tw; f >= 2 {
			prev = boxShrink(src.img, f)
		}
	}
	var largest *image.RGBA
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		h := rounded(oh, w, ow)
		rw, rh := w, h
		if swap {
			rw, rh = h, w
		}
		raw := scaled(prev, rw, rh)
		prev = raw
		up := orient(raw, src.orientation)
		if largest == nil {
			largest = up
		}
		data, err := encode(up, src.photo)
		if err != nil {
			return nil, err
		}
		outs[i] = encoded{v: Variant{Suffix: "-" + hash + "-" + strconv.Itoa(w) + ext, Width: w, Height: h}, data: data}
	}
	if og {
		c := ogCrop(largest)
		data, err := encode(c, true)
		if err != nil {
			return nil, err
		}
		cb := c.Bounds()
		outs = append(outs, encoded{v: Variant{Suffix: fmt.Sprintf("-%s-%dx%d.jpg", hash, cb.Dx(), cb.Dy()), Width: cb.Dx(), Height: cb.Dy()}, data: data, og: true})
	}
	return outs, nil
}

// encode writes JPEG (photos; alpha is dropped onto black, which opaque
// photos never have) or PNG at best compression.
func encode(img *image.RGBA, photo bool) ([]byte, error) {
	var buf bytes.Buffer
	if photo {
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: Quality}); err != nil {
			return nil, fmt.Errorf("mã hóa JPEG: %w", err)
		}
		return buf.Bytes(), nil
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("mã hóa PNG: %w", err)
	}
	return buf.Bytes(), nil
}
