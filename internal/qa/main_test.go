package qa

import (
	"context"
	"fmt"
	"github.com/quangngai/danvan/internal/host"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/quangngai/danvan/internal/testenv"
)

// One Chromium serves every browser test of this binary.
var shared struct {
	once    sync.Once
	browser *Browser
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.browser != nil {
		if err := shared.browser.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "qa: closing Chromium:", err)
		}
	}
	cleanupSample()
	os.Exit(code)
}

// testBrowser returns the shared browser, starting it on first use. A
// missing Chromium skips the test loudly, or fails it with CI=true.
func testBrowser(t *testing.T) *Browser {
	t.Helper()
	path, err := ChromiumPath()
	testenv.Need(t, err)
	shared.once.Do(func() {
		start := time.Now()
		shared.browser, shared.err = StartBrowser(path)
		t.Logf("started %s in %v", path, time.Since(start).Round(time.Millisecond))
	})
	if shared.err != nil {
		t.Fatalf("Chromium at %s did not start: %v", path, shared.err)
	}
	return shared.browser
}

func testAxe(t *testing.T) string {
	t.Helper()
	src, err := AxeSource()
	testenv.Need(t, err)
	return src
}

func testVnu(t *testing.T) (java, jar string) {
	t.Helper()
	java, err := JavaPath()
	testenv.Need(t, err)
	jar, err = VnuJar()
	testenv.Need(t, err)
	return java, jar
}

// serve serves a site directory on 127.0.0.1 for the length of the test.
func serve(t *testing.T, dir string) string {
	t.Helper()
	srv := httptest.NewServer(host.Dir(dir))
	t.Cleanup(srv.Close)
	return srv.URL
}

// check runs CheckPage and fails the test on a browser error.
func check(t *testing.T, b *Browser, url string, vp Viewport, opts PageOptions) *PageReport {
	t.Helper()
	rep, err := b.CheckPage(context.Background(), url, vp, opts)
	if err != nil {
		t.Fatalf("%s at %s: %v", url, vp.Name, err)
	}
	return rep
}
