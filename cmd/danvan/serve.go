package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/quangngai/danvan/internal/serve"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f siteFlags
	var addr string
	f.drafts = true
	fs := newFlagSet("serve", "Dựng trang web trong bộ nhớ, mở máy chủ xem thử trên máy này, theo dõi content/, layouts/, static/: sửa tệp là trang tự dựng lại và trình duyệt tự tải lại; lỗi hiện ngay trên trình duyệt.", &f, false, stderr)
	fs.StringVar(&addr, "addr", "127.0.0.1:1313", "địa chỉ và cổng lắng nghe; mặc định chỉ máy này truy cập được")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "danvan serve: không nhận đối số %q\n", fs.Args())
		return exitUsage
	}
	if err := serve.Run(ctx, serve.Options{Source: f.source, Addr: addr, Drafts: f.drafts, Log: stdout}); err != nil {
		return printFailure(stderr, "serve", err)
	}
	return exitOK
}
