package site

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/quangngai/danvan/internal/imageset"
)

// ImageProcessor makes the published variants of an image (resized,
// upright, re-encoded); *images.Processor implements it, and the pipeline
// hands one to New. The site only names and links the variants.
type ImageProcessor interface {
	Process(fsys fs.FS, file string, og bool) (*imageset.Set, error)
}

// Img is one image file of the output.
type Img struct {
	URL    string
	Width  int
	Height int
}

// ProseSizes is the sizes attribute of images in an article body: the
// text column is 42rem wide from 48rem up, the viewport below.
const ProseSizes = "(min-width: 48rem) 42rem, 100vw"

// CoverSizes is the sizes attribute of an article's cover: the page
// column (72rem less its padding), the viewport below.
const CoverSizes = "(min-width: 72rem) 70rem, 100vw"

// variants is an image turned into output files.
type variants struct {
	src    Img    // the default: the 960 variant (or the nearest)
	large  Img    // the widest, whose size the <img> carries
	thumb  Img    // the narrowest
	srcset string // every variant with its width
	og     Img    // the Open Graph crop, when asked for
	files  []Resource
}

// ImageDir is where image variants are published, content-addressed:
// /anh/<hash>/<name>-<width>.jpg. Every file under it is named by its
// content and never changes, so netlify.toml caches the folder for a year
// with one exact rule; nothing else is published there ("anh" is reserved).
const ImageDir = "/anh/"

// processImage makes the variants of file, whose URL would be url (the
// original is not published itself: originals are 4–8 MB and carry the
// camera's EXIF data, GPS position included); the variants keep its name,
// under ImageDir.
func (s *Site) processImage(file, url string, og bool) (*variants, error) {
	set, err := s.images.Process(s.fsys, file, og)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(path.Base(url), path.Ext(url))
	out := &variants{}
	add := func(v imageset.Variant) Img {
		img := Img{URL: ImageDir + v.Hash() + "/" + name + v.Tail(), Width: v.Width, Height: v.Height}
		out.files = append(out.files, Resource{Path: v.File, URL: img.URL, Sum: v.Sum, Image: file, Crop: og})
		return img
	}
	var parts []string
	mid := set.Pick(960)
	for i, v := range set.Variants {
		img := add(v)
		parts = append(parts, img.URL+" "+strconv.Itoa(v.Width)+"w")
		if i == 0 {
			out.thumb = img
		}
		if v == mid {
			out.src = img
		}
		out.large = img
	}
	out.srcset = strings.Join(parts, ", ")
	if og && set.OG != nil {
		out.og = add(*set.OG)
	}
	return out, nil
}

// imageError words a processing error with the image's name.
func imageError(what, src, file string, err error) error {
	return fmt.Errorf("%s %q (%s): %v", what, src, file, err)
}
