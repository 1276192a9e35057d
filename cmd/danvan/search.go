package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/search/store"
)

// runSearch is `danvan search -s ROOT [--area A] [--locality L] [--json] "query"`:
// the site search from the terminal, over the same bleve index.
func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := newFlagSet("search", "Tìm bài viết trong trang web (cùng chỉ mục với ô tìm kiếm): in kết quả theo thứ hạng, kèm đường dẫn.", &f, false, stderr)
	area := fs.String("area", "", "chỉ tìm trong lĩnh vực này (slug, ví dụ kinh-te)")
	locality := fs.String("locality", "", "chỉ tìm ở địa bàn này (slug), kể cả các đơn vị đã sáp nhập vào nó")
	year := fs.String("year", "", "chỉ tìm bài có năm đăng ký mô hình này")
	subject := fs.String("subject", "", "chỉ tìm loại này: tap-the hoặc ca-nhan")
	asJSON := fs.Bool("json", false, "in kết quả dạng JSON")
	limit := fs.Int("n", 10, "số kết quả tối đa")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fmt.Fprintln(stderr, "danvan search: thiếu từ khóa, ví dụ: danvan search -s . \"dồn điền đổi thửa\"")
		return exitUsage
	}
	res, err := build.Prepare(os.DirFS(f.source), build.Options{Source: f.source, Drafts: f.drafts})
	if err != nil {
		return report(stderr, "search", err)
	}
	ix, err := store.NewIndex(analysis.AnalyzeSite(res.Site))
	if err != nil {
		return report(stderr, "search", err)
	}
	defer ix.Close()
	hits, err := ix.Search(ctx, q, static.Filters{"area": *area, "locality": *locality, "year": *year, "subject": *subject}, *limit)
	if err != nil {
		return report(stderr, "search", err)
	}
	if *asJSON {
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
			return report(stderr, "search", err)
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
