package cms_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/cms"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/sitetest"
	"github.com/quangngai/danvan/internal/testenv"
)

// editorSite is a copy of the sample site in a temporary git repository,
// its web editor served over HTTP, and decap-server (Decap's local
// backend) in git mode, where the editorial workflow works as on GitHub: a
// save is a commit on a branch cms/<collection>/<slug>, not on main.
type editorSite struct {
	t    *testing.T
	dir  string          // the repository, which is the site root
	url  string          // the built site; the editor is at /quan-tri/
	main string          // main's commit before the browser touched anything
	tab  context.Context // the browser tab
	cfg  *content.Config
}

func startEditor(t *testing.T) *editorSite {
	testenv.NotShort(t, "browser test")
	chrome, err := qa.ChromiumPath()
	testenv.Need(t, err)
	node := testenv.NeedCommand(t, "node", "apt-get install nodejs")
	testenv.NeedCommand(t, "git", "apt-get install git")
	root := sitetest.RepoRoot(t)
	server := filepath.Join(root, ".ci", "node_modules", "decap-server", "dist", "index.js")
	if _, err := os.Stat(server); err != nil {
		testenv.Need(t, fmt.Errorf("decap-server not installed (cd .ci && npm ci --ignore-scripts): %w", err))
	}

	e := &editorSite{t: t, dir: sitetest.Copy(t)}
	e.git("init", "-q", "-b", "main")
	e.git("config", "user.name", "Kiểm thử")
	e.git("config", "user.email", "kiem-thu@example.org")
	e.git("add", "-A")
	e.git("commit", "-qm", "sample site")
	e.main = e.git("rev-parse", "main")

	// decap-server on a free port (PORT), in the repository, git mode.
	port := freePort(t)
	api := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, node, server)
	cmd.Dir = e.dir
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "BIND_HOST=127.0.0.1", "MODE=git", "GIT_REPO_DIRECTORY="+e.dir, "LOG_LEVEL=info")
	var serverLog bytes.Buffer
	cmd.Stdout, cmd.Stderr = &serverLog, &serverLog
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("decap-server log:\n%s", serverLog.String())
		}
	})
	waitFor(t, api, 60*time.Second)

	// The site, built from the repository, with config.yml pointing at
	// that server.
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), build.Options{Source: e.dir, Dest: out, CacheDir: t.TempDir()}); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(e.dir, content.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	cfg, probs := content.ParseConfig(src)
	if cfg == nil || probs.HasErrors() {
		t.Fatalf("_site.yaml: %v", probs)
	}
	e.cfg = cfg
	conf, err := cms.ConfigWith(cfg, cms.Options{LocalBackend: api})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, cms.Dir, "config.yml"), conf, 0o644); err != nil {
		t.Fatal(err)
	}
	csp := adminCSP(t, root, strings.TrimSuffix(api, "/api/v1"))
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/"+cms.Dir+"/") {
			w.Header().Set("Content-Security-Policy", csp)
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	e.url = srv.URL

	b, err := qa.StartBrowser(chrome)
	testenv.Need(t, err)
	t.Cleanup(func() { _ = b.Close() })
	tab, closeTab, err := b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeTab)
	tab, stop := context.WithTimeout(tab, 4*time.Minute)
	t.Cleanup(stop)
	e.tab = tab
	// The page's console, shown when the test fails.
	var console safeLog
	go func() {
		for m, err := range chromedp.Console(tab) {
			if err != nil {
				return
			}
			console.add(m)
		}
	}()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("console:\n%s", console.String())
		}
	})
	e.do("log in",
		chromedp.Navigate(e.url+"/"+cms.Dir+"/"),
		// The local backend shows one log-in button.
		chromedp.WaitVisible(chromedp.CSS(`button`)),
		chromedp.Click(chromedp.CSS(`button`)),
		waitText("Bài viết"),
	)
	return e
}

// git runs git in the repository and returns its output, trimmed.
func (e *editorSite) git(args ...string) string {
	e.t.Helper()
	out, err := exec.Command("git", append([]string{"-C", e.dir}, args...)...).CombinedOutput()
	if err != nil {
		e.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// do runs browser actions; on failure it keeps a screenshot and the page.
func (e *editorSite) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	if err := chromedp.Do(e.tab, actions...); err != nil {
		e.dump(what)
		e.t.Fatalf("%s: %v", what, err)
	}
}

func (e *editorSite) dump(what string) {
	ctx, cancel := context.WithTimeout(e.tab, 10*time.Second)
	defer cancel()
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		p := filepath.Join(os.TempDir(), "danvan-decap-"+strings.ReplaceAll(what, " ", "-")+".png")
		if os.WriteFile(p, png, 0o644) == nil {
			e.t.Logf("screenshot: %s", p)
		}
	}
	if text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`)); err == nil {
		e.t.Logf("page text:\n%s", text)
	}
	if os.Getenv("DANVAN_DECAP_DOM") != "" {
		if html, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("body"))); err == nil {
			p := filepath.Join(os.TempDir(), "danvan-decap-"+strings.ReplaceAll(what, " ", "-")+".html")
			_ = os.WriteFile(p, []byte(html), 0o644)
			e.t.Logf("page: %s", p)
		}
	}
}

// safeLog collects console messages from the listener goroutine.
type safeLog struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *safeLog) add(m any) {
	l.mu.Lock()
	fmt.Fprintf(&l.buf, "%+v\n", m)
	l.mu.Unlock()
}

func (l *safeLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// branches returns the editorial workflow's branches.
func (e *editorSite) branches() []string {
	out := e.git("branch", "--list", "--format=%(refname:short)", "cms/*")
	if out == "" {
		return nil
	}
	return strings.Split(out, "\n")
}

// checkBranch runs `danvan check` on a checkout of branch and returns the
// article file at rel.
func (e *editorSite) checkBranch(branch, rel string) []byte {
	e.t.Helper()
	wt := filepath.Join(e.t.TempDir(), "wt")
	// Detached at the branch's tip: decap-server switches the branch of
	// its own working copy for every request (checkout, work, checkout
	// back), and two requests that overlap can leave it on a cms/ branch,
	// which git will not check out a second time.
	e.git("worktree", "add", "-q", "--detach", wt, branch)
	res, err := build.Check(build.Options{Source: wt, CacheDir: e.t.TempDir()})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, p := range res.Problems {
		if p.Warning {
			e.t.Logf("danvan check %s: %v", branch, p)
		} else {
			e.t.Errorf("danvan check %s: %v", branch, p)
		}
	}
	src, err := os.ReadFile(filepath.Join(wt, filepath.FromSlash(rel)))
	if err != nil {
		e.t.Fatal(err)
	}
	return src
}

// The web editor in Chromium against decap-server: it lists page-bundle
// and single-file articles, edits a bundle's text and cover image, and
// saves through the editorial workflow: a branch, not a commit on main,
// whose files pass `danvan check`. A new article with a cover and no
// description of it is refused, and saved once described.
func TestDecapEditor(t *testing.T) {
	t0 := time.Now()
	e := startEditor(t)
	t.Logf("set-up %.1f s", time.Since(t0).Seconds())
	photo := writeJPEG(t, "anh-moi.jpg")

	// Every article is listed: a page bundle and a single file; pages too.
	e.do("pages", chromedp.Navigate(e.url+"/"+cms.Dir+"/#/collections/trang"), waitText("Giới thiệu"))
	e.do("list", chromedp.Navigate(e.url+"/"+cms.Dir+"/#/collections/bai-viet"),
		waitText("Dồn điền, đổi thửa ở xã Nghĩa Dũng"),
		waitText("Tịnh Khê: “mắt thần” giữ bình yên thôn xóm"),
	)
	e.shot("danh-sach", "h1")

	// A single-file article is edited and saved in place.
	e.do("edit a single file",
		clickLink("Tịnh Khê: “mắt thần” giữ bình yên thôn xóm — "),
		chromedp.WaitVisible(chromedp.CSS(`input[id^="model-field"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[id^="model-field"]`), kb.End+" (bản sửa)"),
		waitValue(`input[id^="model-field"]`, " (bản sửa)"),
		clickText(`button, [role=button]`, "Lưu"),
		waitText("Thay đổi đã được lưu"),
	)
	src := e.checkBranch("cms/bai-viet/tinh-khe-camera-an-ninh", "content/bai-viet/tinh-khe-camera-an-ninh.md")
	if !bytes.Contains(src, []byte("(bản sửa)")) {
		t.Errorf("the single-file article was not saved in place:\n%s", src)
	}

	// Open the bundle, edit its title and replace its cover.
	bundle := "content/bai-viet/don-dien-doi-thua-nghia-dung"
	e.do("open the bundle",
		chromedp.Navigate(e.url+"/"+cms.Dir+"/#/collections/bai-viet"),
		clickLink("Dồn điền, đổi thửa ở xã Nghĩa Dũng — "),
		chromedp.WaitVisible(chromedp.CSS(`input[id^="title-field"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[id^="title-field"]`), kb.End+" (có ảnh mới)"),
		waitValue(`input[id^="title-field"]`, " (có ảnh mới)"),
	)
	e.chooseImage("cover", photo)
	e.do("save the bundle", clickText(`button, [role=button]`, "Lưu"), waitText("Thay đổi đã được lưu"))
	branch := "cms/bai-viet/don-dien-doi-thua-nghia-dung/index"
	if got := e.branches(); !slices.Equal(got, []string{branch, "cms/bai-viet/tinh-khe-camera-an-ninh"}) {
		t.Fatalf("branches after saving: %q, want %s and the single file's", got, branch)
	}
	if head := e.git("rev-parse", "main"); head != e.main {
		t.Errorf("main moved: %s, was %s (a save must not commit on main)", head, e.main)
	}
	src = e.checkBranch(branch, bundle+"/index.md")
	for _, want := range []string{`title: Dồn điền, đổi thửa ở xã Nghĩa Dũng (có ảnh mới)`, "cover: anh-moi.jpg", "cover_alt:"} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("saved %s/index.md lacks %q:\n%s", bundle, want, src)
		}
	}
	if out := e.git("ls-tree", "--name-only", branch, bundle+"/"); !strings.Contains(out, "anh-moi.jpg") {
		t.Errorf("the new cover is not beside the article on %s:\n%s", branch, out)
	}

	// A new article with a cover but no description of it is refused.
	e.do("new article",
		chromedp.Navigate(e.url+"/"+cms.Dir+"/#/collections/bai-viet"),
		clickText(`a, button`, "+ Thêm bài viết"),
		chromedp.Poll[chromedp.Void](`(() => { const i = document.querySelector('input[id^="title-field"]'); return i && i.value === ""; })()`, chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.SendKeys(chromedp.CSS(`input[id^="title-field"]`), "Đường làng sạch đẹp ở Nghĩa Dũng"),
		waitValue(`input[id^="title-field"]`, "Đường làng sạch đẹp ở Nghĩa Dũng"),
		chromedp.SendKeys(chromedp.CSS(`input[id^="area-field"]`), "Kinh tế\r"),
	)
	var loc content.Locality
	for _, l := range e.cfg.Localities {
		if l.ValidOn(time.Now()) && l.Kind != content.KindThanhPho {
			loc = l
			break
		}
	}
	e.do("locality", chromedp.SendKeys(chromedp.CSS(`input[id^="locality-field"]`), cms.LocalityLabel(loc)+"\r"))
	e.chooseImage("cover", photo)
	e.do("save without a description",
		clickText(`button, [role=button]`, "Lưu"),
		waitText("Có ảnh bìa thì cần mô tả ảnh bìa"),
	)
	e.shot("tu-choi", `input[id^="cover_alt-field"]`)
	if got := e.branches(); len(got) != 2 {
		t.Fatalf("a refused save made a branch: %q", got)
	}
	e.do("describe and save",
		chromedp.SendKeys(chromedp.CSS(`input[id^="cover_alt-field"]`), "Con đường bê tông giữa hai hàng cây"),
		waitValue(`input[id^="cover_alt-field"]`, "Con đường bê tông giữa hai hàng cây"),
		clickText(`button, [role=button]`, "Lưu"),
		waitText("Thay đổi đã được lưu"),
	)
	newBranch := "cms/bai-viet/duong-lang-sach-dep-o-nghia-dung/index"
	found := false
	for _, b := range e.branches() {
		found = found || b == newBranch
	}
	if !found {
		t.Fatalf("branches: %q, want %s", e.branches(), newBranch)
	}
	src = e.checkBranch(newBranch, "content/bai-viet/duong-lang-sach-dep-o-nghia-dung/index.md")
	for _, want := range []string{"cover: anh-moi.jpg", "cover_alt: Con đường bê tông giữa hai hàng cây", "locality: " + loc.Slug} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("new article lacks %q:\n%s", want, src)
		}
	}
	for _, k := range []string{"model:", "year:", "contest:", "tags:", "lastmod:"} {
		if bytes.Contains(src, []byte("\n"+k)) {
			t.Errorf("an empty optional field was written: %s\n%s", k, src)
		}
	}
	if head := e.git("rev-parse", "main"); head != e.main {
		t.Errorf("main moved: %s, was %s", head, e.main)
	}
	t.Logf("total %.1f s", time.Since(t0).Seconds())
}

// shot saves screenshots of the editor, scrolled to the element scrollTo,
// at a phone's and a laptop's size, into $DANVAN_SCREENSHOTS (for a person to look at; no
// check). Nothing without the variable.
func (e *editorSite) shot(name, scrollTo string) {
	dir := os.Getenv("DANVAN_SCREENSHOTS")
	if dir == "" {
		return
	}
	for _, vp := range []qa.Viewport{qa.Phone, qa.Desktop} {
		var png []byte
		err := chromedp.Do(e.tab,
			chromedp.EmulateViewport(vp.Width, vp.Height),
			chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (el) el.scrollIntoView({block: "center"}); })()`, scrollTo)),
			chromedp.Func(func(ctx context.Context, _ *chromedp.Target) (err error) {
				png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
				return err
			}),
		)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "quan-tri-"+name+"-"+vp.Name+".png"), png, 0o644)
		}
		if err != nil {
			e.t.Logf("screenshot %s: %v", name, err)
		}
	}
	_ = chromedp.Do(e.tab, chromedp.EmulateViewport(qa.Desktop.Width, qa.Desktop.Height))
}

// chooseImage uploads file through the media library of the image field
// name and inserts it.
func (e *editorSite) chooseImage(name, file string) {
	e.t.Helper()
	e.do("choose an image for "+name,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const label = [...document.querySelectorAll('label')].find(l => (l.getAttribute('for') || '').startsWith(%q));
			const box = label && label.closest('[aria-label$="field"]');
			const b = box && [...box.querySelectorAll('button')].find(b => /Chọn/.test(b.textContent));
			if (!b) throw new Error('no choose button for %s');
			b.click();
		})()`, name+"-field", name)),
		chromedp.WaitReady(chromedp.CSS(`input[type=file]`)),
		chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{file}),
		waitText(filepath.Base(file)),
		clickText(`button`, "Lấy những cái đã chọn"),
		// The library is a react-modal: when it is gone it has given the
		// focus back to the field that had it before (late under load), so
		// typing starts only after that.
		chromedp.Poll[chromedp.Void](`!document.querySelector('.ReactModal__Overlay') && !document.body.classList.contains('ReactModal__Body--open')`, chromedp.WithPollingTimeout(60*time.Second)),
	)
}

// waitText waits until the page shows text (in any case: labels are
// upper-cased by CSS, which innerText follows).
func waitText(text string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`document.body.innerText.toLowerCase().includes(%q.toLowerCase())`, text)
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(60*time.Second))
}

// waitValue waits until the input matching sel shows a value ending with
// suffix: keys are sent one by one, and a save clicked before the editor has
// taken the last of them writes a cut value (seen under load: "Con đ").
func waitValue(sel, suffix string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const i = document.querySelector(%q); return !!i && i.value.endsWith(%q); })()`, sel, suffix)
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(60*time.Second))
}

// clickText clicks the first element matching sel whose text is text,
// waiting for it to appear.
func clickText(sel, text string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const el = [...document.querySelectorAll(%q)].find(e => e.textContent.trim() === %q); if (!el) return false; el.click(); return true; })()`, sel, text)
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(60*time.Second))
}

// clickLink clicks the first link whose text starts with prefix.
func clickLink(prefix string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const el = [...document.querySelectorAll('a')].find(e => e.innerText.trim().startsWith(%q)); if (!el) return false; el.click(); return true; })()`, prefix)
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(60*time.Second))
}

// writeJPEG writes a small photo-like JPEG.
func writeJPEG(t *testing.T, name string) string {
	img := image.NewRGBA(image.Rect(0, 0, 640, 400))
	for y := 0; y < 400; y++ {
		for x := 0; x < 640; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 3), uint8(y / 2), 120, 255})
		}
	}
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return p
}

// adminCSP is the Content-Security-Policy netlify.toml sends for /quan-tri/*,
// with origin (decap-server's) added to its connect-src, and without
// upgrade-insecure-requests (the test serves plain HTTP).
func adminCSP(t *testing.T, root, origin string) string {
	var cfg struct {
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(root, "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	for _, h := range cfg.Headers {
		if h.For == "/"+cms.Dir+"/*" {
			var keep []string
			for _, d := range strings.Split(h.Values["Content-Security-Policy"], ";") {
				d = strings.TrimSpace(d)
				switch {
				case d == "" || strings.HasPrefix(d, "upgrade-insecure-requests"):
					continue
				case strings.HasPrefix(d, "connect-src"):
					d += " " + origin
				}
				keep = append(keep, d)
			}
			return strings.Join(keep, "; ")
		}
	}
	t.Fatal("netlify.toml has no headers for /quan-tri/*")
	return ""
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitFor polls decap-server's info action until it answers.
func waitFor(t *testing.T, api string, d time.Duration) {
	deadline := time.Now().Add(d)
	for {
		resp, err := http.Post(api, "application/json", strings.NewReader(`{"action":"info","params":{"branch":"main"}}`))
		if err == nil {
			var v map[string]any
			_ = json.NewDecoder(resp.Body).Decode(&v)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("decap-server did not answer at %s: %v", api, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
