package content

import (
	"strings"
	"testing"
)

// Pages and scripts may not sit in a bundle, at any depth and in any
// letter case, linked or not; passive files may, and files in a bundle's
// subfolders are the bundle's resources.
func TestBundleActiveFiles(t *testing.T) {
	c, probs := load(t, map[string]string{
		"content/bai-viet/don-dien/index.md":        goodArticle,
		"content/bai-viet/don-dien/anh.JPG":         "x",
		"content/bai-viet/don-dien/so-do.svg":       "<svg/>",
		"content/bai-viet/don-dien/tai-lieu.pdf":    "%PDF",
		"content/bai-viet/don-dien/trang.HTML":      "<script>",
		"content/bai-viet/don-dien/tep/ma.js":       "alert(1)",
		"content/bai-viet/don-dien/tep/bang.xlsx":   "x",
		"content/bai-viet/don-dien/tep/khung.xhtml": "x",
	})
	var bad []string
	for _, p := range probs.Errors() {
		if !strings.Contains(p.Msg, "không được đặt cạnh bài") || p.Line != 0 {
			t.Errorf("unexpected: %s", p.Error())
		}
		bad = append(bad, p.File)
	}
	want := "content/bai-viet/don-dien/tep/khung.xhtml content/bai-viet/don-dien/tep/ma.js content/bai-viet/don-dien/trang.HTML"
	if strings.Join(bad, " ") != want {
		t.Errorf("refused %v, want %s", bad, want)
	}
	if got := strings.Join(c.Articles[0].Resources, " "); got != "anh.JPG so-do.svg tai-lieu.pdf tep/bang.xlsx tep/khung.xhtml tep/ma.js trang.HTML" {
		t.Errorf("resources %q", got)
	}
	for name, want := range map[string]bool{"a.jpg": true, "A.PDF": true, "b.svg": true, "c.docx": true, "d.mp4": true, "e.txt": true, "f.html": false, "g.js": false, "h.exe": false, "i": false, "j.zip": false} {
		if Publishable(name) != want {
			t.Errorf("Publishable(%q) = %v", name, !want)
		}
	}
}
