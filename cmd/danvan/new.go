package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/vi"
)

// newCmd holds what `danvan new` needs from outside, so tests can drive
// the interactive prompts.
type newCmd struct {
	stdin       io.Reader
	interactive bool
	today       time.Time
}

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	n := newCmd{stdin: os.Stdin, interactive: isTerminal(os.Stdin), today: time.Now()}
	return n.run(args, stdout, stderr)
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// newFlags are the options of new.
type newFlags struct {
	source, area, locality string
	bundle                 bool
}

func newArticleOptions(f *newFlags) *options {
	o := newOptions("new", `"Tiêu đề bài viết"`, "Tạo bài viết mới: tệp có đủ các trường, mỗi trường một dòng giải thích, là bài nháp ghi ngày hôm nay; in đường dẫn của tệp. Thiếu lĩnh vực, địa bàn thì hỏi (khi chạy trong cửa sổ dòng lệnh).")
	o.source(&f.source)
	o.text(&f.area, "", "area", "MÃ", "", "", "mã lĩnh vực, ví dụ kinh-te")
	o.text(&f.locality, "", "locality", "MÃ", "", "", "mã địa bàn, ví dụ nghia-dung")
	o.onOff(&f.bundle, "bundle", false, "tạo thư mục <đường-dẫn>/index.md để đặt ảnh cạnh bài")
	return o
}

func (n newCmd) run(args []string, stdout, stderr io.Writer) int {
	var f newFlags
	o := newArticleOptions(&f)
	if ok, code := o.parse(o.reorder(args), stdout, stderr); !ok {
		return code
	}
	source, area, locality, bundle := f.source, f.area, f.locality, f.bundle
	title := strings.TrimSpace(vi.NFC(strings.Join(o.fs.Args(), " ")))
	if title == "" {
		fmt.Fprintln(stderr, "danvan new: cần tiêu đề, ví dụ: danvan new \"Dồn điền, đổi thửa ở xã Nghĩa Dũng\"")
		return exitUsage
	}
	slug := vi.Slug(title)
	if slug == "" {
		fmt.Fprintf(stderr, "danvan new: không tạo được đường dẫn từ tiêu đề %q\n", title)
		return exitUsage
	}
	src, err := os.ReadFile(filepath.Join(source, content.ConfigFile))
	if err != nil {
		fmt.Fprintf(stderr, "danvan new: %v\n", err)
		return exitContent
	}
	cfg, probs := content.ParseConfig(src)
	if probs.HasErrors() {
		fmt.Fprintln(stderr, probs.Errors().Error())
		return exitContent
	}
	in := bufio.NewReader(n.stdin)
	var areaOpts, locOpts []option
	for _, a := range cfg.Areas {
		areaOpts = append(areaOpts, option{a.Slug, a.Name})
	}
	for _, l := range cfg.Localities {
		if l.ValidOn(n.today) {
			locOpts = append(locOpts, option{l.Slug, l.FullName()})
		}
	}
	if area, err = n.pick(in, stdout, "Lĩnh vực", area, areaOpts, func(s string) bool { _, ok := cfg.Area(s); return ok }); err != nil {
		fmt.Fprintf(stderr, "danvan new: %v\n", err)
		return exitUsage
	}
	if locality, err = n.pick(in, stdout, "Địa bàn", locality, locOpts, func(s string) bool { _, ok := cfg.Locality(s); return ok }); err != nil {
		fmt.Fprintf(stderr, "danvan new: %v\n", err)
		return exitUsage
	}
	rel := filepath.Join("content", "bai-viet", slug+".md")
	if bundle {
		rel = filepath.Join("content", "bai-viet", slug, "index.md")
	}
	full := filepath.Join(source, rel)
	for _, other := range []string{filepath.Join(source, "content", "bai-viet", slug+".md"), filepath.Join(source, "content", "bai-viet", slug)} {
		if _, err := os.Stat(other); err == nil {
			fmt.Fprintf(stderr, "danvan new: %s đã có, không ghi đè; hãy đổi tiêu đề hoặc sửa tệp đó\n", other)
			return exitContent
		}
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		fmt.Fprintf(stderr, "danvan new: %v\n", err)
		return exitContent
	}
	file, err := os.OpenFile(full, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		fmt.Fprintf(stderr, "danvan new: %v\n", err)
		return exitContent
	}
	_, err = file.Write(content.Scaffold(cfg, title, area, locality, n.today))
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "danvan new: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, filepath.ToSlash(rel))
	return exitOK
}

type option struct{ slug, name string }

// pick validates a given value, or asks for one with a numbered list
// when on a terminal.
func (n newCmd) pick(in *bufio.Reader, out io.Writer, label, given string, opts []option, valid func(string) bool) (string, error) {
	if given != "" {
		if !valid(given) {
			var slugs []string
			for _, o := range opts {
				slugs = append(slugs, o.slug)
			}
			return "", fmt.Errorf("%s %q không có trong content/_site.yaml (được phép: %s)", strings.ToLower(label), given, strings.Join(slugs, ", "))
		}
		return given, nil
	}
	if !n.interactive {
		return "", fmt.Errorf("thiếu --%s (không hỏi được vì không chạy trong cửa sổ dòng lệnh)", map[string]string{"Lĩnh vực": "area", "Địa bàn": "locality"}[label])
	}
	fmt.Fprintf(out, "%s:\n", label)
	for i, o := range opts {
		fmt.Fprintf(out, "  %2d. %s (%s)\n", i+1, o.name, o.slug)
	}
	for tries := 0; tries < 5; tries++ {
		fmt.Fprintf(out, "Chọn số 1–%d hoặc gõ mã: ", len(opts))
		line, err := in.ReadString('\n')
		line = strings.TrimSpace(line)
		if k, e := strconv.Atoi(line); e == nil && k >= 1 && k <= len(opts) {
			return opts[k-1].slug, nil
		}
		if line != "" && valid(line) {
			return line, nil
		}
		if err != nil {
			return "", fmt.Errorf("chưa chọn %s", strings.ToLower(label))
		}
		fmt.Fprintln(out, "Không hợp lệ, chọn lại.")
	}
	return "", fmt.Errorf("chưa chọn %s", strings.ToLower(label))
}

// reorder moves options before the title so `new "Tiêu đề" --area x`
// works like `new --area x "Tiêu đề"` (package flag stops at the first
// word that is not an option).
func (o *options) reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && !o.isSwitch(name) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, rest...)
}
