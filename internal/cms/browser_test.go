package cms_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chromedp/chromedp"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/cms"
	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/qa"
	"github.com/quangngai/danvan/internal/testenv"
)

// TestDecapRoundTrip creates an article through Decap CMS in Chromium,
// against decap-server (Decap's local backend) running in a copy of the
// site, and checks the file it writes with danvan's own loader.
func TestDecapRoundTrip(t *testing.T) {
	testenv.NotShort(t, "the Decap CMS round trip in Chromium")
	t0 := time.Now()
	chrome, err := qa.ChromiumPath()
	testenv.Need(t, err)
	node := testenv.NeedCommand(t, "node", "apt-get install nodejs")
	root, err := qa.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	server := filepath.Join(root, ".ci", "node_modules", "decap-server", "dist", "index.js")
	if _, err := os.Stat(server); err != nil {
		testenv.Need(t, fmt.Errorf("decap-server not installed (run `cd .ci && npm ci`): %w", err))
	}

	// The site decap-server edits: a copy of content/ and layouts/.
	site := t.TempDir()
	for _, d := range []string{"content", "layouts"} {
		if err := os.CopyFS(filepath.Join(site, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "static"), filepath.Join(site, "static")); err != nil {
		t.Fatal(err)
	}
	before, _ := filepath.Glob(filepath.Join(site, "content", "bai-viet", "*"))

	// decap-server on a free port, writing into the copy.
	port := freePort(t)
	api := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, node, server)
	cmd.Dir = site
	cmd.Env = append(os.Environ(), fmt.Sprintf("PORT=%d", port), "BIND_HOST=127.0.0.1", "MODE=fs", "GIT_REPO_DIRECTORY="+site, "LOG_LEVEL=info")
	var serverLog bytes.Buffer
	cmd.Stdout, cmd.Stderr = &serverLog, &serverLog
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("decap-server log:\n%s", serverLog.String())
		}
	}()
	waitFor(t, api, 20*time.Second)

	// The site, built from the repo, with config.yml pointing at that server.
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), build.Options{Source: root, Dest: out}); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(root, content.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	cfg, probs := content.ParseConfig(src)
	if cfg == nil || probs.HasErrors() {
		t.Fatalf("_site.yaml: %v", probs)
	}
	conf, err := cms.ConfigWith(cfg, cms.Options{LocalBackend: api})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, cms.Dir, "config.yml"), conf, 0o644); err != nil {
		t.Fatal(err)
	}
	csp := adminCSP(t, root) + "; connect-src 'self' " + strings.TrimSuffix(api, "/api/v1")
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/"+cms.Dir+"/") {
			w.Header().Set("Content-Security-Policy", csp)
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	t.Logf("setup %.1f s", time.Since(t0).Seconds())

	b, err := qa.StartBrowser(chrome)
	testenv.Need(t, err)
	defer b.Close()
	tab, closeTab, err := b.NewTab()
	if err != nil {
		t.Fatal(err)
	}
	defer closeTab()
	tab, stop := context.WithTimeout(tab, 90*time.Second)
	defer stop()

	// A locality that exists today (the form's default date), so that the
	// article draws no warning whatever the clock says.
	var loc content.Locality
	for _, l := range cfg.Localities {
		if l.ValidOn(time.Now()) && l.Kind != content.KindThanhPho {
			loc = l
			break
		}
	}
	title := "Đường làng sạch đẹp ở Nghĩa Dũng"
	body := "Người dân tự góp công, góp đất làm đường."
	err = chromedp.Do(tab,
		chromedp.Navigate(srv.URL+"/"+cms.Dir+"/"),
		// The local backend shows one log-in button.
		chromedp.WaitVisible(chromedp.CSS(`button`)),
		chromedp.Click(chromedp.CSS(`button`)),
		chromedp.Navigate(srv.URL+"/"+cms.Dir+"/#/collections/bai-viet/new"),
		chromedp.WaitVisible(chromedp.CSS(`input[id^="title-field"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[id^="title-field"]`), title),
		chromedp.SendKeys(chromedp.CSS(`input[id^="area-field"]`), "Kinh tế\r"),
		chromedp.SendKeys(chromedp.CSS(`input[id^="locality-field"]`), cms.LocalityLabel(loc)+"\r"),
		// Typed and erased: Decap keeps "" (and NaN for a number); admin.js
		// must drop them before the save.
		chromedp.SendKeys(chromedp.CSS(`input[id^="model-field"]`), "x\b"),
		chromedp.SendKeys(chromedp.CSS(`input[id^="year-field"]`), "7\b"),
	)
	if err != nil {
		dump(t, tab)
		t.Fatalf("filling the form: %v", err)
	}
	err = chromedp.Do(tab,
		chromedp.Click(chromedp.CSS(`[data-slate-editor="true"]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-slate-editor="true"]`), body),
		clickText(`[role=button]`, "Công bố"),
		clickText(`[role=menuitem]`, "Công bố ngay"),
	)
	if err != nil {
		dump(t, tab)
		t.Fatalf("publishing: %v", err)
	}

	// The file decap-server wrote.
	var written string
	for deadline := time.Now().Add(30 * time.Second); written == ""; {
		after, _ := filepath.Glob(filepath.Join(site, "content", "bai-viet", "*"))
		for _, f := range after {
			if !slices.Contains(before, f) {
				written = f
			}
		}
		if written == "" {
			if time.Now().After(deadline) {
				dump(t, tab)
				t.Fatal("no new file in content/bai-viet/ after publishing")
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	time.Sleep(300 * time.Millisecond) // let the write finish
	src, err = os.ReadFile(written)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", filepath.Base(written), src)
	if got, want := filepath.Base(written), "duong-lang-sach-dep-o-nghia-dung.md"; got != want {
		t.Errorf("file name %q, want %q (đ must become d)", got, want)
	}

	res, err := build.Check(build.Options{Source: site})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		if p.Warning {
			t.Logf("danvan check: %v", p)
		} else {
			t.Errorf("danvan check: %v", p)
		}
	}
	for _, k := range []string{"model:", "year:", "contest:", "tags:", "cover:"} {
		if bytes.Contains(src, []byte("\n"+k)) {
			t.Errorf("an empty optional field was written: %s", k)
		}
	}
	if res.Site == nil {
		t.Fatal("the site did not load")
	}
	var art *content.Article
	for _, a := range res.Site.Articles {
		if a.Path == "content/bai-viet/"+filepath.Base(written) {
			art = a.Article
		}
	}
	if art == nil {
		t.Fatalf("%s is not among the loaded articles", written)
	}
	if art.Title != title || art.Area != "kinh-te" || art.Locality != loc.Slug || !strings.Contains(string(art.Body), body) {
		t.Errorf("loaded article: title %q area %q locality %q body %q", art.Title, art.Area, art.Locality, art.Body)
	}
	if today := time.Now().Format("2006-01-02"); art.Date.Format("2006-01-02") != today {
		t.Errorf("date %s, want today %s", art.Date.Format("2006-01-02"), today)
	}
	t.Logf("total %.1f s", time.Since(t0).Seconds())
}

// clickText clicks the first element matching sel whose text is text,
// waiting for it to appear.
func clickText(sel, text string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => { const el = [...document.querySelectorAll(%q)].find(e => e.textContent.trim() === %q); if (!el) return false; el.click(); return true; })()`, sel, text)
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(20*time.Second))
}

func dump(t *testing.T, tab context.Context) {
	var html string
	ctx, cancel := context.WithTimeout(tab, 5*time.Second)
	defer cancel()
	html, _ = chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("body")))
	t.Logf("page:\n%s", html)
}

// adminCSP is the Content-Security-Policy netlify.toml sends for /quan-tri/*,
// without its connect-src (the test adds decap-server's origin).
func adminCSP(t *testing.T, root string) string {
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
				if d = strings.TrimSpace(d); d != "" && !strings.HasPrefix(d, "connect-src") && !strings.HasPrefix(d, "upgrade-insecure-requests") {
					keep = append(keep, d)
				}
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
