package main

import (
	"context"
	"io"

	"github.com/quangngai/danvan/internal/serve"
)

// serveFlags are the options of serve.
type serveFlags struct {
	source, addr string
	drafts       bool
}

func serveOptions(f *serveFlags) *options {
	o := newOptions("serve", "", "Dựng trang web trong bộ nhớ, mở máy chủ xem thử trên máy này, theo dõi content/, layouts/, static/: sửa tệp là trang tự dựng lại và trình duyệt tự tải lại; lỗi hiện ngay trên trình duyệt.")
	o.source(&f.source)
	o.text(&f.addr, "", "addr", "ĐỊA-CHỈ:CỔNG", "127.0.0.1:1313", "127.0.0.1:1313, chỉ máy này truy cập được", "địa chỉ và cổng của máy chủ xem thử")
	o.drafts(&f.drafts, true)
	return o
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f serveFlags
	o := serveOptions(&f)
	if ok, code := o.parse(args, stdout, stderr); !ok {
		return code
	}
	if !o.noArgs(stderr) {
		return exitUsage
	}
	if err := serve.Run(ctx, serve.Options{Source: f.source, Addr: f.addr, Drafts: f.drafts, Log: stdout}); err != nil {
		return printFailure(stderr, "serve", err)
	}
	return exitOK
}
