package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
)

// searchFlags are the options of search.
type searchFlags struct {
	source, area, locality, year, subject string
	drafts, json                          bool
	limit                                 int
}

func searchOptions(f *searchFlags) *options {
	o := newOptions("search", `"từ khóa"`, "Tìm bài viết trong trang web (cùng chỉ mục với ô tìm kiếm, có dấu hay không dấu đều được): in kết quả theo thứ hạng, kèm đường dẫn.")
	o.source(&f.source)
	o.drafts(&f.drafts, false)
	o.text(&f.area, "", "area", "MÃ", "", "", "chỉ tìm trong lĩnh vực này, ví dụ kinh-te")
	o.text(&f.locality, "", "locality", "MÃ", "", "", "chỉ tìm ở địa bàn này, kể cả các đơn vị đã sáp nhập vào nó")
	o.text(&f.year, "", "year", "NĂM", "", "", "chỉ tìm bài có năm đăng ký mô hình này")
	o.text(&f.subject, "", "subject", "LOẠI", "", "", "chỉ tìm loại này: tap-the (mô hình tập thể) hoặc ca-nhan (tấm gương cá nhân)")
	o.onOff(&f.json, "json", false, "in kết quả dạng JSON")
	o.number(&f.limit, "n", "", "SỐ", 10, "số kết quả tối đa")
	return o
}

// runSearch is `danvan search -s ROOT [--area A] [--locality L] [--json] "query"`:
// the site search from the terminal, over the same bleve index.
func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
	res, err := build.Prepare(os.DirFS(f.source), build.Options{Source: f.source, Drafts: f.drafts})
	if err != nil {
		return printFailure(stderr, "search", err)
	}
	ix, err := store.NewIndex(analysis.AnalyzeSite(res.Site))
	if err != nil {
		return printFailure(stderr, "search", err)
	}
	defer ix.Close()
	hits, err := ix.Search(ctx, q, static.Filters{"area": f.area, "locality": f.locality, "year": f.year, "subject": f.subject}, f.limit)
	if err != nil {
		return printFailure(stderr, "search", err)
	}
	if f.json {
		type row struct {
			Rank  int     `json:"rank"`
			Title string  `json:"title"`
			URL   string  `json:"url"`
			Score float64 `json:"score"`
		}
		rows := []row{}
		for i, h := range hits {
			rows = append(rows, row{i + 1, h.Article.Title, h.Article.URL, h.Score})
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return printFailure(stderr, "search", err)
		}
		return exitOK
	}
	if len(hits) == 0 {
		fmt.Fprintf(stdout, "Không tìm thấy bài nào cho %q.\n", q)
		return exitOK
	}
	for i, h := range hits {
		fmt.Fprintf(stdout, "%2d. %s\n    %s\n", i+1, h.Article.Title, h.Article.URL)
	}
	return exitOK
}
