// Command danvan builds the "Dân vận khéo" showcase site from Markdown.
//
//	danvan build   build the site into public/ (replaced only when the build succeeds)
//	danvan check   check content and layouts as a build would, writing nothing
//	danvan report  print one year's models, tấm gương and awards (Markdown or CSV)
//	danvan search  search the articles from the command line
//	danvan new     write a new draft article with every field
//	danvan serve   preview server on 127.0.0.1 that rebuilds on every save
//	danvan help    each command's options (`danvan help build`)
//
// Every command takes -s ROOT, the site root (default: the current folder).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/build"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // content or layout errors, or a failed build
	exitUsage   = 2 // bad command line
)

type command struct {
	name  string
	short string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "dựng trang web vào thư mục đầu ra (mặc định public/)", runBuild},
		{"check", "kiểm tra nội dung và giao diện, không ghi tệp nào", runCheck},
		{"report", "in báo cáo mô hình, tấm gương của một năm (Markdown hoặc CSV)", runReport},
		{"search", "tìm bài viết từ dòng lệnh (cùng chỉ mục với ô tìm kiếm)", runSearch},
		{"new", "tạo bài viết mới với đủ các trường", runNew},
		{"serve", "dựng trang và mở máy chủ xem thử tại http://127.0.0.1:1313/", runServe},
		{"help", "hướng dẫn sử dụng một lệnh", nil},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "--help" {
		if len(rest) > 0 {
			for _, c := range commands() {
				if c.name == rest[0] && c.run != nil {
					return c.run(ctx, []string{"-h"}, stdout, stdout)
				}
			}
			fmt.Fprintf(stderr, "danvan: không có lệnh %q\n", rest[0])
			return exitUsage
		}
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, rest, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "danvan: không có lệnh %q\n\n", name)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "danvan — dựng trang web giới thiệu mô hình, tấm gương “Dân vận khéo” từ các bài viết Markdown.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Cách dùng: danvan <lệnh> [tùy chọn]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Các lệnh:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Xem tùy chọn của một lệnh: danvan help <lệnh> (hoặc danvan <lệnh> -h).")
	fmt.Fprintln(w, "Mã thoát: 0 thành công, 1 nội dung có lỗi, 2 dùng sai lệnh.")
}

// siteFlags are the flags shared by build and check.
type siteFlags struct {
	source  string
	dest    string
	baseURL string
	drafts  bool
	noindex bool
	cache   string // cache root (processed images, parsed content, output manifest)
	profile string // file for a CPU profile of the build, or ""
}

func newFlagSet(name, summary string, f *siteFlags, withDest bool, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.source, "s", ".", "thư mục gốc của trang web (chứa content/, layouts/, static/)")
	fs.StringVar(&f.source, "source", ".", "như -s")
	if withDest {
		fs.StringVar(&f.dest, "d", "public", "thư mục đầu ra; được thay trọn vẹn khi dựng xong, giữ nguyên nếu có lỗi")
		fs.StringVar(&f.dest, "destination", "public", "như -d")
		fs.StringVar(&f.baseURL, "base-url", "", "địa chỉ gốc của trang (ví dụ https://danvan.example.vn/); mặc định lấy base_url trong content/_site.yaml")
		fs.StringVar(&f.cache, "cache-dir", "", "thư mục lưu kết quả giữa các lần dựng — ảnh đã xử lý… (mặc định <thư mục trang>/.danvan-cache); trên Netlify đặt trong thư mục được giữ lại giữa các lần dựng")
		fs.StringVar(&f.profile, "cpuprofile", "", "ghi hồ sơ CPU của lần dựng vào tệp này (cho người phát triển: go tool pprof)")
		fs.BoolVar(&f.noindex, "noindex", false, "bản xem trước: yêu cầu máy tìm kiếm không lập chỉ mục (thẻ meta, robots.txt, tiêu đề X-Robots-Tag)")
	}
	fs.BoolVar(&f.drafts, "drafts", f.drafts, "đưa cả bài nháp (draft: true) vào trang")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Cách dùng: danvan %s [tùy chọn]\n\n%s\n\nTùy chọn:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	fs := newFlagSet("build", "Dựng trang web: đọc content/, kiểm tra, dựng trang HTML, nguồn tin, sơ đồ trang vào thư mục đầu ra.", &f, true, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "danvan build: không nhận đối số %q\n", strings.Join(fs.Args(), " "))
		return exitUsage
	}
	setMemoryLimit(f.source)
	stop, err := startProfile(f.profile)
	if err != nil {
		fmt.Fprintf(stderr, "danvan build: %v\n", err)
		return exitUsage
	}
	st, err := build.Run(ctx, build.Options{Source: f.source, Dest: f.dest, BaseURL: f.baseURL, Drafts: f.drafts, NoIndex: f.noindex, CacheDir: f.cache, Log: stderr})
	stop()
	if err != nil {
		return report(stderr, "build", err)
	}
	fmt.Fprintf(stdout, "Đã dựng %d trang (%d bài viết, %d tệp, %d tệp không đổi) vào %s trong %s.\n", st.Pages, st.Articles, st.Files, st.Reused, f.dest, st.Duration.Round(time.Millisecond))
	return exitOK
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	var format string
	fs := newFlagSet("check", "Kiểm tra toàn bộ nội dung và mẫu giao diện như khi dựng, nhưng không ghi tệp nào: trường sai, liên kết và ảnh hỏng, ảnh thiếu lời mô tả, bài nháp có ngày đã qua, bài có ngày ở tương lai.", &f, false, stderr)
	fs.StringVar(&format, "format", "text", "dạng kết quả: text (tệp:dòng: lỗi), json (cho công cụ), github (chú thích trên pull request của GitHub Actions)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "danvan check: không nhận đối số %q\n", strings.Join(fs.Args(), " "))
		return exitUsage
	}
	if !slices.Contains(checkFormats, format) {
		fmt.Fprintf(stderr, "danvan check: --format %q không hợp lệ (được phép: %s)\n", format, strings.Join(checkFormats, ", "))
		return exitUsage
	}
	res, err := build.Check(build.Options{Source: f.source, Drafts: f.drafts})
	if res == nil {
		return report(stderr, "check", err)
	}
	out := stdout
	if format == "text" {
		out = stderr
	}
	if err := writeProblems(out, format, res.Problems); err != nil {
		fmt.Fprintf(stderr, "danvan check: %v\n", err)
		return exitContent
	}
	if res.Problems.HasErrors() {
		if format == "text" {
			fmt.Fprintf(stderr, "danvan check: %d lỗi, %d cảnh báo.\n", len(res.Problems.Errors()), len(res.Problems.Warnings()))
		}
		return exitContent
	}
	if format == "text" {
		fmt.Fprintf(stdout, "Nội dung hợp lệ: %d bài viết, %d cảnh báo.\n", len(res.Site.Articles), len(res.Problems.Warnings()))
	}
	return exitOK
}

// report prints every content problem, one per line, then a summary.
func report(stderr io.Writer, cmd string, err error) int {
	var ce *build.ContentError
	if errors.As(err, &ce) {
		errs := ce.Problems.Errors()
		for _, p := range errs {
			fmt.Fprintln(stderr, p.Error())
		}
		fmt.Fprintf(stderr, "danvan %s: %d lỗi; trang web không được cập nhật.\n", cmd, len(errs))
		return exitContent
	}
	fmt.Fprintf(stderr, "danvan %s: %v\n", cmd, err)
	return exitContent
}
