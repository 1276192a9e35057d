package build

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
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
		// Each alias below passed the check before aliases were site
		// paths (it refused only ASCII spaces, tabs, ?, # and ..).
		{
			name:  "alias with a line break (a catch-all rule of its own in _redirects)",
			apply: frontmatter("aliases: [\"/cu/\\n/*\"]\n"),
			at:    bundle + "/index.md:2", says: "xuống dòng",
		},
		{
			name:  "alias with no-break spaces (Netlify reads /cu/ https://evil… 301!)",
			apply: frontmatter("aliases: [\"/cu/\u00a0https://evil.example/\u00a0301!\"]\n"),
			at:    bundle + "/index.md:2", says: "khoảng trắng",
		},
		{
			name:  "alias with a line break and no-break spaces (Netlify reads /* https://evil… 301!)",
			apply: frontmatter("aliases: [\"/cu/\\n/*\u00a0https://evil.example/\u00a0301!\"]\n"),
			at:    bundle + "/index.md:2", says: "xuống dòng",
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
	cases = append(cases, boundCases(t, good)...)
	cases = append(cases, linkCases(t)...)
	cases = append(cases, bundleCases(t, good)...)
	cases = append(cases, hostile{
		name:  "one 900 KB word (under the size limit)",
		apply: func(t *testing.T, site string) { appendBody(t, site, "\n"+strings.Repeat("x", 900<<10)+"\n") },
		safe: func(t *testing.T, site, dest string) {
			// Analysis cuts it at 40 runes: the search files grow by a
			// term, not by the word (uncut it cost 5.8 GB in bleve).
			if grew := dirBytes(t, filepath.Join(dest, "tim-kiem")) - dirBytes(t, filepath.Join(base, "tim-kiem")); grew > 64<<10 {
				t.Errorf("the search files grew by %d bytes", grew)
			}
		},
	})
	cases = append(cases, hostile{
		name: "contest entry whose title, author and outlet are spreadsheet formulas",
		apply: func(t *testing.T, site string) {
			f := bundle + "/index.md"
			replaceIn(t, site, f, `title: "Dồn điền, đổi thửa ở xã Nghĩa Dũng"`, `title: "=HYPERLINK(\"https://evil.example/\",\"Bấm vào đây\")"`)
			replaceIn(t, site, f, `author: "Nguyễn Thị Hoa"`, `author: "@SUM(1+1)*cmd|' /C calc'!A0"`)
			replaceIn(t, site, f, `outlet: "Đài Truyền thanh - Truyền hình thành phố Quảng Ngãi"`, `outlet: "+1+cmd|' /C calc'!A0"`)
		},
		safe: func(t *testing.T, site, dest string) {
			// Every CSV the site publishes, read back with encoding/csv:
			// no cell a spreadsheet would run, the entry still listed.
			number := regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?%?$`) // calls nothing
			seen := 0
			filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
				if err != nil || !strings.HasSuffix(p, ".csv") {
					return err
				}
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				for _, rec := range recs {
					for _, cell := range rec {
						if strings.Contains(cell, "HYPERLINK") || strings.Contains(cell, "calc") {
							seen++
						}
						if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !number.MatchString(cell) {
							t.Errorf("%s: cell %q would run as a formula", p, cell)
						}
					}
				}
				return nil
			})
			if seen < 3 {
				t.Errorf("the entry's title, author and outlet were not found in the CSV files (%d cells)", seen)
			}
		},
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := sitetest.Copy(t)
			c.apply(t, site)
			dest := filepath.Join(t.TempDir(), "public")
			sitetest.CopyTree(t, base, dest) // each case starts from the same output
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

// aliasBomb is YAML whose aliases expand to 10¹⁰ values: levels l0…l9
// on the lines that follow each other.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("l0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 10), ", "))
	}
	return b.String()
}

// appendBody adds text at the end of the bundle article and returns the
// file line where it starts.
func appendBody(t *testing.T, site, text string) int {
	t.Helper()
	p := filepath.Join(site, bundle, "index.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, text...), 0o644); err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(data), "\n") + 1
}

// boundCases are inputs that make work grow without bound unless capped.
// site is a copy of the sample, to count the bundle article's lines.
func boundCases(t *testing.T, site string) []hostile {
	src, err := os.ReadFile(filepath.Join(site, bundle, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	listAt := strings.Count(string(src), "\n") + 2 // after a blank line
	// 2,000 lists opened on one line, held open by 200 indented lines:
	// 800 KB, under the size limit, 24 s of goldmark without the bound.
	nested := strings.Repeat("- ", 2000) + "x\n" + strings.Repeat(strings.Repeat(" ", 4000)+"y\n", 200)
	return []hostile{
		{
			name:  "YAML alias bomb in an article",
			apply: frontmatter(aliasBomb()),
			at:    bundle + "/index.md:5", says: "tham chiếu YAML",
		},
		{
			name:  "YAML alias that contains itself",
			apply: frontmatter("vong: &v [1, *v]\n"),
			at:    bundle + "/index.md:2", says: "vòng lặp",
		},
		{
			name: "YAML alias bomb in _site.yaml",
			apply: func(t *testing.T, site string) {
				replaceIn(t, site, "content/_site.yaml", "title:", aliasBomb()+"title:")
			},
			at: "content/_site.yaml:4", says: "tham chiếu YAML",
		},
		{
			name:  "lists nested 2,000 levels",
			apply: func(t *testing.T, site string) { appendBody(t, site, "\n"+nested) },
			at:    bundle + "/index.md:" + fmt.Sprint(listAt), says: "lồng nhau",
		},
		{
			name: "article over the size limit",
			apply: func(t *testing.T, site string) {
				appendBody(t, site, strings.Repeat("Một đoạn văn rất dài.\n\n", 50_000))
			},
			at: bundle + "/index.md:1", says: "giới hạn của một bài",
		},
	}
}

// linkCases are symbolic links that lead out of the site root, to a file
// of the build machine (here a stand-in for /etc/passwd).
func linkCases(t *testing.T) []hostile {
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(outside, "bai.md")
	if err := os.WriteFile(article, []byte("---\ntitle: \"Bài ngoài\"\ndate: 2019-06-14\narea: kinh-te\nlocality: nghia-dung\n---\nBí mật.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	symlink := func(target, name string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			if err := os.Symlink(target, filepath.Join(site, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return []hostile{
		{
			name: "bundle file linked to a file of the machine, and linked from the body",
			apply: func(t *testing.T, site string) {
				symlink(secret, bundle+"/tai-lieu.txt")(t, site)
				appendBody(t, site, "\n[Tài liệu](tai-lieu.txt)\n")
			},
			at: bundle + "/tai-lieu.txt", says: "ra ngoài thư mục trang web",
		},
		{
			name:  "static file linked to a file of the machine",
			apply: symlink(secret, "static/passwd.txt"),
			at:    "static/passwd.txt", says: "ra ngoài thư mục trang web",
		},
		{
			name:  "static folder linked to a folder of the machine",
			apply: symlink(outside, "static/ngoai"),
			at:    "static/ngoai", says: "ra ngoài thư mục trang web",
		},
		{
			name:  "article that is a link to an article outside the site",
			apply: symlink(article, "content/bai-viet/bai-ngoai.md"),
			at:    "content/bai-viet/bai-ngoai.md", says: "ra ngoài thư mục trang web",
		},
		{
			name:  "layout linked to a file of the machine",
			apply: symlink(secret, "layouts/ngoai.html"),
			at:    "layouts/ngoai.html", says: "ra ngoài thư mục trang web",
		},
		{
			name:  "relative link climbing out of the site",
			apply: symlink("../../../../../../../../../../"+strings.TrimPrefix(secret, "/"), "static/leo.txt"),
			at:    "static/leo.txt", says: "ra ngoài thư mục trang web",
		},
	}
}

// bundleCases are files beside an article that a browser would run as
// part of the site.
func bundleCases(t *testing.T, site string) []hostile {
	src, err := os.ReadFile(filepath.Join(site, bundle, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	linkAt := strings.Count(string(src), "\n") + 2 // after a blank line
	file := func(name, data, link string) func(t *testing.T, site string) {
		return func(t *testing.T, site string) {
			p := filepath.Join(site, bundle, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if link != "" {
				appendBody(t, site, "\n"+link+"\n")
			}
		}
	}
	return []hostile{
		{
			name:  "HTML page beside an article, linked",
			apply: file("trang.html", "<script>fetch('/quan-tri/')</script>", "[Xem](trang.html)"),
			at:    bundle + "/trang.html", says: "không được đặt cạnh bài",
		},
		{
			name:  "script beside an article, not even linked",
			apply: file("ma.js", "alert(document.cookie)", ""),
			at:    bundle + "/ma.js", says: "không được đặt cạnh bài",
		},
		{
			name:  "HTML page in a subfolder of the bundle, linked",
			apply: file("tep/trang.htm", "<script>alert(1)</script>", "[Xem](tep/trang.htm)"),
			at:    bundle + "/tep/trang.htm", says: "không được đặt cạnh bài",
		},
		{
			name:  "program linked from the body",
			apply: file("cai-dat.exe", "MZ", "[Tải](cai-dat.exe)"),
			at:    bundle + "/index.md:" + fmt.Sprint(linkAt), says: "loại tệp này không được đăng",
		},
		{
			name:  "SVG with a script, linked",
			apply: file("so-do.svg", scriptedSVG, "[Sơ đồ](so-do.svg)"),
			safe: func(t *testing.T, site, dest string) {
				// Published as it is; TestSVGScriptDoesNotRun shows in
				// Chromium that under SVGPolicy it runs nothing, and
				// TestNetlifyConfig that Netlify sends that policy for it.
				got, err := os.ReadFile(filepath.Join(dest, "bai-viet/don-dien-doi-thua-nghia-dung/so-do.svg"))
				if err != nil || string(got) != scriptedSVG {
					t.Errorf("the drawing is not published as it is: %v", err)
				}
			},
		},
	}
}

// dirBytes is the size of the files under dir.
func dirBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		n += fi.Size()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
