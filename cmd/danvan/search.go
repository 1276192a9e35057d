package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
)

// searchFlags are the options of search.
type searchFlags struct {
	siteFlags
	area, locality, year, subject string
	json, fresh                   bool
	limit                         int
}

func searchOptions(f *searchFlags) *options {
	o := newOptions("search", `"từ khóa"`, "Tìm bài viết như ô tìm kiếm của trang web (cùng chỉ mục, cùng thứ hạng, có dấu hay không dấu đều được): đọc chỉ mục của lần dựng gần nhất, in kết quả theo thứ hạng, kèm đường dẫn.")
	o.source(&f.source)
	o.text(&f.dest, "d", "destination", "THƯ-MỤC", "", "thư mục của lần dựng gần nhất", "thư mục đầu ra của lần dựng để đọc chỉ mục")
	o.text(&f.cache, "", "cache-dir", "THƯ-MỤC", "", "<thư mục trang>/.danvan-cache", "thư mục bộ đệm của lần dựng")
	o.drafts(&f.drafts, false)
	o.text(&f.area, "", "area", "MÃ", "", "", "chỉ tìm trong lĩnh vực này, ví dụ kinh-te")
	o.text(&f.locality, "", "locality", "MÃ", "", "", "chỉ tìm ở địa bàn này, kể cả các đơn vị đã sáp nhập vào nó")
	o.text(&f.year, "", "year", "NĂM", "", "", "chỉ tìm bài có năm đăng ký mô hình này")
	o.text(&f.subject, "", "subject", "LOẠI", "", "", "chỉ tìm loại này: tap-the (mô hình tập thể) hoặc ca-nhan (tấm gương cá nhân)")
	o.onOff(&f.json, "json", false, "in kết quả dạng JSON")
	o.number(&f.limit, "n", "", "SỐ", 10, "số kết quả tối đa")
	o.onOff(&f.fresh, "moi", false, "lập chỉ mục lại từ nội dung hiện tại thay vì đọc lần dựng gần nhất (chậm hơn)")
	return o
}

// runSearch is `danvan search [-s ROOT] [-d OUT] [filters] [--json] "query"`:
// the site search from the terminal. It ranks with the static index the
// last build exported (the files the search page downloads, with the
// scorer the page mirrors), so it lists what a reader of the site sees,
// in the same order. It says when content changed after that build, and
// indexes the current content instead with --moi, or when there is no
// build to read.
func runSearch(_ context.Context, args []string, stdout, stderr io.Writer) int {
	var f searchFlags
	o := searchOptions(&f)
	if ok, code := o.parse(o.reorder(args), stdout, stderr); !ok {
		return code
	}
	q := strings.Join(o.fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fmt.Fprintln(stderr, "danvan search: thiếu từ khóa, ví dụ: danvan search -s . \"dồn điền đổi thửa\"")
		return exitUsage
	}
	ix, note, err := openSearchIndex(f.siteFlags, f.fresh)
	if err != nil {
		return printFailure(stderr, "search", err)
	}
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	res, err := ix.Search(q, false, static.Filters{"area": f.area, "locality": f.locality, "year": f.year, "subject": f.subject})
	if err != nil {
		return printFailure(stderr, "search", err)
	}
	shown := res.Visible()
	top := shown[:min(max(f.limit, 0), len(shown))]
	if err := ix.Describe(top); err != nil {
		return printFailure(stderr, "search", err)
	}
	if f.json {
		type row struct {
			Rank  int    `json:"rank"`
			Title string `json:"title"`
			URL   string `json:"url"`
			Score int64  `json:"score"`
			Words int    `json:"matched"`
			Full  bool   `json:"full"`
		}
		rows := []row{}
		for i, r := range top {
			rows = append(rows, row{i + 1, r.Title, r.URL, r.Score, r.Matched, r.Full})
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return printFailure(stderr, "search", err)
		}
		return exitOK
	}
	fmt.Fprintln(stdout, countLine(q, shown, res.AtLeast))
	for i, r := range top {
		fmt.Fprintf(stdout, "%2d. %s\n    %s\n", i+1, r.Title, r.URL)
	}
	return exitOK
}

// countLine is the status line of the search page (search.js: message):
// how many results (a lower bound when a capped list was read), and
// whether they hold every word of the query.
func countLine(q string, shown []static.Result, atLeast bool) string {
	x := static.ParseQuery(q, false)
	found := fmt.Sprintf("Tìm thấy %d bài", len(shown))
	if atLeast {
		found = fmt.Sprintf("Tìm thấy ít nhất %d bài", len(shown))
	}
	switch {
	case len(shown) == 0:
		return fmt.Sprintf("Không tìm thấy bài nào cho %q.", q)
	case len(x.Words) < 2:
		return found + "."
	case shown[0].Full:
		return found + " có đủ các từ."
	}
	return "Không bài nào có đủ các từ. " + found + " có một phần các từ."
}

// openSearchIndex opens the export of the last build, and says (note)
// when content changed since that build; with fresh, or without a build to
// read, it indexes the current content in memory.
func openSearchIndex(f siteFlags, fresh bool) (ix *static.Index, note string, err error) {
	cacheDir := build.SearchCacheDir(build.Options{Source: f.source, CacheDir: f.cache})
	stamp, serr := store.ReadStamp(cacheDir)
	dest := f.dest
	if dest == "" && stamp != nil {
		dest = stamp.Dest
	}
	if !fresh {
		if dest == "" {
			note = "Chưa có lần dựng nào để đọc chỉ mục (chạy danvan build): tìm trên nội dung hiện tại."
		} else if ix, err = static.Open(os.DirFS(dest)); err != nil {
			note = fmt.Sprintf("Không đọc được chỉ mục tìm kiếm trong %s (%v): tìm trên nội dung hiện tại.", dest, err)
		} else {
			return ix, staleness(f.source, dest, stamp, serr, ix.Manifest.Version), nil
		}
	}
	fsys, err := build.OpenSite(f.source)
	if err != nil {
		return nil, "", err
	}
	defer fsys.Close()
	res, err := build.Prepare(fsys, build.Options{Source: f.source, Drafts: f.drafts})
	if err != nil {
		return nil, "", err
	}
	files := static.Files{}
	docs, err := analysis.AnalyzeSite(res.Site)
	if err != nil {
		return nil, "", err
	}
	if _, err := store.ExportDocs(res.Site, docs, files); err != nil {
		return nil, "", err
	}
	ix, err = static.OpenFiles(files)
	return ix, note, err
}

// staleness says whether the export in dest may be behind the content:
// "" when the stamp of its build vouches for it and content is unchanged.
func staleness(source, dest string, stamp *store.Stamp, serr error, version string) string {
	abs, _ := filepath.Abs(dest)
	if stamp == nil || serr != nil || stamp.Dest != abs || stamp.Version != version {
		return fmt.Sprintf("Lưu ý: không rõ chỉ mục trong %s có khớp nội dung hiện tại không (không có dấu của lần dựng ra nó); chạy danvan build để chắc chắn, hoặc thêm --moi.", dest)
	}
	sum, err := build.ContentSum(source)
	if err != nil {
		return fmt.Sprintf("Lưu ý: %v; kết quả theo lần dựng lúc %s.", err, stamp.Built.Local().Format("15:04 02/01/2006"))
	}
	if sum != stamp.Content {
		return fmt.Sprintf("Lưu ý: nội dung trong content/ đã thay đổi sau lần dựng lúc %s; kết quả theo lần dựng đó. Chạy danvan build để cập nhật, hoặc thêm --moi để tìm trên nội dung hiện tại.",
			stamp.Built.Local().Format("15:04 02/01/2006"))
	}
	return ""
}
