// Package imageset is the contract between the image processor and the
// page model: the published variants made from one source image.
// internal/images makes them; internal/site names and links them, taking
// them from whatever processor the pipeline hands it, without importing
// the processor.
package imageset

import "strings"

// Variant is one published file made from a source image.
type Variant struct {
	Suffix string   // appended to the source name without extension: "-3f2a9c1d-960.jpg"
	Width  int      // pixels
	Height int      // pixels
	File   string   // the file in the cache directory
	Sum    [32]byte // SHA-256 of File's bytes as encoded: checked when published
}

// Hash and Tail split the suffix at its content hash: for
// "-3f2a9c1d-960.jpg" (the form images' encoder writes) they are
// "3f2a9c1d" and "-960.jpg", so the site can publish a variant
// content-addressed (/anh/3f2a9c1d/anh-bia-960.jpg).
func (v Variant) Hash() string {
	h, _, _ := strings.Cut(strings.TrimPrefix(v.Suffix, "-"), "-")
	return h
}

// Tail is the suffix after its hash: "-960.jpg". See Hash.
func (v Variant) Tail() string {
	return strings.TrimPrefix(strings.TrimPrefix(v.Suffix, "-"), v.Hash())
}

// Set is everything made from one source image.
type Set struct {
	Width    int       // the largest variant's width
	Height   int       // the largest variant's height
	Variants []Variant // ascending width; at least one
	OG       *Variant  // the 1200×630 crop, when asked for
}

// Pick returns the widest variant not wider than w, or the narrowest.
func (s *Set) Pick(w int) Variant {
	best := s.Variants[0]
	for _, v := range s.Variants {
		if v.Width <= w {
			best = v
		}
	}
	return best
}
