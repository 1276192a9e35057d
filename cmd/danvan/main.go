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
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/build"
	"github.com/quangngai/danvan/internal/content"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // content or layout errors, or a failed build
	exitUsage   = 2 // bad command line
)

type command struct {
	name    string
	short   string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	options func() *options // the command's options, for its help; nil for help itself
}

func commands() []command {
	return []command{
		{"build", "dựng trang web vào thư mục đầu ra (mặc định public/)", runBuild, func() *options { return buildOptions(new(siteFlags)) }},
		{"check", "kiểm tra nội dung và giao diện, không ghi tệp nào", runCheck, func() *options { return checkOptions(new(checkFlags)) }},
		{"report", "in báo cáo mô hình, tấm gương của một năm (Markdown hoặc CSV)", runReport, func() *options { return reportOptions(new(reportFlags)) }},
		{"search", "tìm bài viết từ dòng lệnh (cùng chỉ mục với ô tìm kiếm)", runSearch, func() *options { return searchOptions(new(searchFlags)) }},
		{"new", "tạo bài viết mới với đủ các trường", runNew, func() *options { return newArticleOptions(new(newFlags)) }},
		{"serve", "dựng trang và mở máy chủ xem thử tại http://127.0.0.1:1313/", runServe, func() *options { return serveOptions(new(serveFlags)) }},
		{"help", "hướng dẫn sử dụng một lệnh", nil, nil},
	}
}

func main() {
	// Go samples allocations for heap profiles unless told not to: a
	// record per sampled stack, kept off the heap for the whole run (500
	// page faults, 7 % of those left in a warm 10,000-article build). Only
	// --memprofile reads them (startMemProfile turns sampling back on).
	runtime.MemProfileRate = 0
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
			if c, ok := lookup(rest[0], stderr); ok {
				c.options().help(stdout)
				return exitOK
			}
			return exitUsage
		}
		usage(stdout)
		return exitOK
	}
	if c, ok := lookup(name, stderr); ok {
		return c.run(ctx, rest, stdout, stderr)
	}
	return exitUsage
}

// lookup finds a command by name, or says there is none, with the command
// that was probably meant.
func lookup(name string, stderr io.Writer) (command, bool) {
	var names []string
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c, true
		}
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("danvan: không có lệnh %q", name)
	if c := content.Closest(name, names); c != "" {
		msg += fmt.Sprintf(" — có phải ý bạn là `%s`?", c)
	}
	fmt.Fprintf(stderr, "%s\nCác lệnh: %s. Xem hướng dẫn: danvan help\n", msg, strings.Join(names, ", "))
	return command{}, false
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
	fmt.Fprintln(w, "Xem tùy chọn của một lệnh: danvan help <lệnh> (hoặc danvan <lệnh> --help).")
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
	memprof string // file for a heap profile at the build's peak, or ""
	trace   string // file for an execution trace of the build, or ""
}

func buildOptions(f *siteFlags) *options {
	o := newOptions("build", "", "Dựng trang web: đọc content/, kiểm tra, dựng trang HTML, nguồn tin, sơ đồ trang vào thư mục đầu ra. Có lỗi thì thư mục đầu ra cũ giữ nguyên.")
	o.source(&f.source)
	o.text(&f.dest, "d", "destination", "THƯ-MỤC", "public", "public", "thư mục đầu ra; được thay trọn vẹn khi dựng xong, giữ nguyên nếu có lỗi")
	o.text(&f.baseURL, "", "base-url", "ĐỊA-CHỈ", "", "base_url trong content/_site.yaml", "địa chỉ gốc của trang, ví dụ https://danvan.example.vn/")
	o.drafts(&f.drafts, false)
	o.onOff(&f.noindex, "noindex", false, "bản xem trước: yêu cầu máy tìm kiếm không lập chỉ mục (thẻ meta, robots.txt, tiêu đề X-Robots-Tag)")
	o.text(&f.cache, "", "cache-dir", "THƯ-MỤC", "", "<thư mục trang>/.danvan-cache", "thư mục lưu kết quả giữa các lần dựng (ảnh đã xử lý, bài đã đọc, chỉ mục tìm kiếm); trên Netlify đặt trong thư mục được giữ lại giữa các lần dựng")
	o.text(&f.profile, "", "cpuprofile", "TỆP", "", "", "ghi hồ sơ CPU của lần dựng vào tệp này (cho người phát triển: go tool pprof)")
	o.text(&f.memprof, "", "memprofile", "TỆP", "", "", "ghi hồ sơ bộ nhớ của lần dựng, lúc dùng nhiều bộ nhớ nhất, vào tệp này (cho người phát triển: go tool pprof)")
	o.text(&f.trace, "", "trace", "TỆP", "", "", "ghi diễn biến của lần dựng (việc nào chạy lúc nào, trên lõi nào) vào tệp này (cho người phát triển: go tool trace)")
	return o
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	o := buildOptions(&f)
	if ok, code := o.parse(args, stdout, stderr); !ok {
		return code
	}
	if !o.noArgs(stderr) {
		return exitUsage
	}
	stop, err := startProfile(f.profile, f.trace)
	if err != nil {
		fmt.Fprintf(stderr, "danvan build: %v\n", err)
		return exitUsage
	}
	stopMem, err := startMemProfile(f.memprof)
	if err != nil {
		stop()
		fmt.Fprintf(stderr, "danvan build: %v\n", err)
		return exitUsage
	}
	// The heap a build expects gets huge pages, where asking helps: the
	// first part now, the rest once the articles are counted.
	heap := newHugeHeap(firstHugeHeap)
	sized := func(articles int) {
		setMemoryLimit(articles)
		heap.grow(hugeHeapFor(articles))
	}
	st, err := build.Run(ctx, build.Options{Source: f.source, Dest: f.dest, BaseURL: f.baseURL, Drafts: f.drafts, NoIndex: f.noindex, CacheDir: f.cache, Log: stderr, Sized: sized})
	stop()
	if merr := stopMem(); merr != nil {
		fmt.Fprintf(stderr, "danvan build: %v\n", merr) // the build itself is done
	}
	if err != nil {
		return printFailure(stderr, "build", err)
	}
	fmt.Fprintf(stdout, "Đã dựng %d trang (%d bài viết, %d tệp, %d tệp không đổi) vào %s trong %s.\n", st.Pages, st.Articles, st.Files, st.Reused, f.dest, st.Duration.Round(time.Millisecond))
	return exitOK
}

// checkFlags are the options of check.
type checkFlags struct {
	siteFlags
	format string
}

func checkOptions(f *checkFlags) *options {
	o := newOptions("check", "", "Kiểm tra toàn bộ nội dung và mẫu giao diện như khi dựng, nhưng không ghi tệp nào: trường sai, liên kết và ảnh hỏng, ảnh thiếu lời mô tả, bài nháp có ngày đã qua, bài có ngày ở tương lai. Mỗi lỗi một dòng: tệp:dòng: trường: vấn đề; cách sửa.")
	o.source(&f.source)
	o.drafts(&f.drafts, false)
	o.text(&f.format, "", "format", "DẠNG", "text", "text", "dạng kết quả: text (tệp:dòng: lỗi), json (cho công cụ), github (chú thích trên pull request của GitHub Actions)")
	return o
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f checkFlags
	o := checkOptions(&f)
	if ok, code := o.parse(args, stdout, stderr); !ok {
		return code
	}
	if !o.noArgs(stderr) {
		return exitUsage
	}
	format := f.format
	if !slices.Contains(checkFormats, format) {
		fmt.Fprintf(stderr, "danvan check: --format %q không hợp lệ (được phép: %s)\n", format, strings.Join(checkFormats, ", "))
		return exitUsage
	}
	res, err := build.Check(build.Options{Source: f.source, Drafts: f.drafts})
	if res == nil {
		return printFailure(stderr, "check", err)
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
func printFailure(stderr io.Writer, cmd string, err error) int {
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
