package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quangngai/danvan/internal/sitetest"
)

// The sample site with one hostile input each — what an attacker or a
// careless editor may commit. Every case ends one of two ways, and says
// which:
//
//   - refused: the build fails with a content error located at file:line,
//     and the previous public/ is byte for byte what it was;
//   - safe: the build succeeds and the test proves the output harmless.

// bundle is the sample article that is a folder with images.
const bundle = "content/bai-viet/don-dien-doi-thua-nghia-dung"

// frontmatter inserts lines right after the opening "---" of file: the
// first inserted line is line 2.
func frontmatter(lines string) func(t *testing.T, site string) {
	return func(t *testing.T, site string) {
		t.Helper()
		replaceIn(t, site, bundle+"/index.md", "---\n", "---\n"+lines)
	}
}

// hostile is one input, and how its build must end.
type hostile struct {
	name  string
	apply func(t *testing.T, site string)
	// refused: the file:line (and a word of the message) the error must
	// name; the output must stay as it was.
	at, says string
	// safe: checks the output of the successful build.
	safe func(t *testing.T, site, dest string)
}

func TestHostileInputs(t *testing.T) {
	good := sitetest.Copy(t)
	base := filepath.Join(t.TempDir(), "public")
	buildInto(t, good, base, t.TempDir(), nil)
	before := treeHash(t, base)

	cases := []hostile{
		{
			name:  "alias with a line break (a rule of its own in _redirects)",
			apply: frontmatter("aliases: [\"/cu/\\n/* https://evil.example/ 301!\"]\n"),
			at:    bundle + "/index.md:2", says: "xuống dòng",
		},
		{
			name:  "alias with a no-break space (Netlify reads /* https://evil… 301!)",
			apply: frontmatter("aliases: [\"/cu/\u00a0/* https://evil.example/ 301!\"]\n"),
			at:    bundle + "/index.md:2", says: "khoảng trắng",
		},
		{
			name:  "alias equal to another article's address",
			apply: frontmatter("aliases:\n  - /bai-viet/tinh-khe-camera-an-ninh/\n"),
			at:    bundle + "/index.md:3", says: "tinh-khe-camera-an-ninh",
		},
		{
			name:  "alias equal to the article's own address",
			apply: frontmatter("aliases: [/bai-viet/don-dien-doi-thua-nghia-dung]\n"),
			at:    bundle + "/index.md:2", says: "chính bài này",
		},
		{
			name: "alias given by two articles",
			apply: func(t *testing.T, site string) {
				frontmatter("aliases: [/cu/]\n")(t, site)
				replaceIn(t, site, "content/bai-viet/tinh-khe-camera-an-ninh.md", "---\n", "---\naliases: [/cu/]\n")
			},
			says: "cũng ghi đường dẫn cũ này",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := sitetest.Copy(t)
			c.apply(t, site)
			dest := filepath.Join(t.TempDir(), "public")
			copyTree(t, base, dest)
			_, err := Run(context.Background(), Options{Source: site, Dest: dest, CacheDir: t.TempDir()})
			if c.safe != nil {
				if err != nil {
					t.Fatalf("want a build whose output is proven safe, got: %v", err)
				}
				c.safe(t, site, dest)
				return
			}
			var ce *ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("want the build refused with a content error, got: %v", err)
			}
			msg := ce.Error()
			if (c.at != "" && !strings.Contains(msg, c.at+":")) || !strings.Contains(msg, c.says) {
				t.Errorf("the error does not name %s with %q:\n%s", c.at, c.says, msg)
			}
			if treeHash(t, dest) != before {
				t.Error("a refused build changed public/")
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.tmp-*")); len(left) > 0 {
				t.Errorf("temporary folders left: %v", left)
			}
		})
	}
}

// copyTree copies a built output, so each case starts from the same one.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
