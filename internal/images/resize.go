package images

import (
	"image"

	"golang.org/x/image/draw"
)

// scaler resamples. Catmull-Rom (bicubic) keeps photos sharp when they
// shrink 2–8×; ApproxBiLinear is about twice as fast but samples only 2×2
// source pixels per output pixel, so large reductions alias (moiré on
// roofs, fences, text on banners). Each width is scaled from the next
// larger one, which keeps the cost close to that of the first reduction.
var scaler = draw.CatmullRom

// variantWidths returns the widths to make for an oriented width w: the
// standard widths below w, and w itself when it is under the largest.
func variantWidths(w int) []int {
	var out []int
	for _, sw := range Widths {
		if sw < w {
			out = append(out, sw)
		}
	}
	if w < Widths[len(Widths)-1] {
		out = append(out, w)
	} else if len(out) < len(Widths) {
		out = append(out, Widths[len(Widths)-1])
	}
	return out
}

// scaled returns src resampled to w×h as RGBA (a plain copy when the size
// does not change).
func scaled(src image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	b := src.Bounds()
	if b.Dx() == w && b.Dy() == h {
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
		return dst
	}
	scaler.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst
}

// ogCrop cuts the centre of an upright image to the 1200:630 shape and
// scales it to 1200×630 (smaller, never upscaled, when the image is).
func ogCrop(img *image.RGBA) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	cw, ch := w, w*OGHeight/OGWidth
	if ch > h {
		cw, ch = h*OGWidth/OGHeight, h
	}
	x0 := b.Min.X + (w-cw)/2
	y0 := b.Min.Y + (h-ch)/2
	crop := img.SubImage(image.Rect(x0, y0, x0+cw, y0+ch))
	tw := min(OGWidth, cw)
	th := max(1, tw*OGHeight/OGWidth)
	return scaled(crop, tw, th)
}

// rounded is a*b/c rounded to the nearest integer, at least 1.
func rounded(a, b, c int) int {
	return max(1, (a*b+c/2)/c)
}
