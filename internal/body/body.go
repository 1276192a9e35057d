// Package body is the contract between the Markdown renderer and the page
// model: what a rendered document body is (HTML, text, outline, the
// problems found) and how the renderer asks the page model where a link or
// an image goes (Resolver). internal/markdown produces it; internal/site
// takes it from whatever renderer the pipeline hands it, without importing
// the renderer.
package body

import (
	"crypto/sha256"
	"unsafe"
)

// Resolver maps what an author wrote to what the page links to. The site
// implements it per document, since relative paths depend on the file.
type Resolver interface {
	// Link returns the URL for a link destination, or an error (in
	// Vietnamese) when it points nowhere.
	Link(dest string) (string, error)
	// Image returns the URL and size of an image source, or an error.
	Image(src string) (Image, error)
}

// Image is a resolved image.
type Image struct {
	URL    string // URL to emit
	Width  int    // intrinsic width in pixels, 0 if unknown
	Height int    // intrinsic height in pixels, 0 if unknown
	Srcset string // responsive candidates ("a-480.jpg 480w, …"), or ""
	Sizes  string // the sizes attribute that goes with Srcset
}

// Issue is a problem found while rendering, located by body line.
type Issue struct {
	Line  int    // 1-based line within the Markdown source
	Field string // "link", "image"…
	Msg   string // Vietnamese message
}

// Heading is one entry of a document's outline.
type Heading struct {
	Level int    // 2..6
	ID    string // the element id
	Text  string // plain text
}

// Result is a rendered document.
type Result struct {
	HTML     string    // safe HTML fragment
	Text     string    // plain text of the blocks, one block a line
	Words    int       // syllable count, for reading time
	Headings []Heading // h2..h6 in order
	Images   int       // number of images
	Issues   []Issue   // broken links, missing alt text, unsafe URLs
	HTMLSum  [32]byte  // SHA-256 of HTML (Seal)
	TextSum  [32]byte  // SHA-256 of Text (Seal)
}

// Seal sets HTMLSum and TextSum. A render is sealed once, when it is
// made, and its sums travel with it (the Markdown cache keeps them): a
// warm build then compares 10,000 bodies by their sums, in page keys and
// in the search index's change check, instead of hashing 100 MB of HTML
// and text again.
func (r *Result) Seal() {
	r.HTMLSum = sha256.Sum256(unsafe.Slice(unsafe.StringData(r.HTML), len(r.HTML))) // read, not kept: no copy needed
	r.TextSum = sha256.Sum256(unsafe.Slice(unsafe.StringData(r.Text), len(r.Text)))
}
