package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Scaffold returns the source of a new article: every frontmatter key of
// the contract, each with a comment, valid as it stands (a draft dated
// today), so `danvan check` passes before the editor writes a word.
func Scaffold(cfg *Config, title, area, locality string, today time.Time) []byte {
	q := func(s string) string { return strconv.Quote(s) }
	var areas, rounds []string
	for _, a := range cfg.Areas {
		areas = append(areas, a.Slug)
	}
	for _, r := range cfg.Contest.Rounds {
		rounds = append(rounds, strconv.Itoa(r.Round))
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	w("---")
	w("title: %s", q(title))
	w("date: %s            # ngày đăng (NĂM-THÁNG-NGÀY)", today.Format("2006-01-02"))
	w("# lastmod: %s       # ngày cập nhật: bỏ dấu # chỉ khi sửa nội dung sau khi đã đăng", today.Format("2006-01-02"))
	w("area: %s            # lĩnh vực: %s", area, strings.Join(areas, " | "))
	w("locality: %s        # địa bàn: mã phường/xã trong content/_site.yaml", locality)
	w(`model: ""                 # tên mô hình`)
	w(`unit: ""                  # đơn vị thực hiện`)
	w(`subject: ""               # tap-the (mô hình tập thể) | ca-nhan (tấm gương cá nhân)`)
	w("year: %d                # năm đăng ký mô hình", today.Year())
	w(`summary: ""               # một, hai câu tóm tắt; bỏ trống thì lấy đoạn đầu`)
	w(`author: ""                # tác giả`)
	w(`cover: ""                 # ảnh bìa: tên tệp cạnh index.md, hoặc /images/... trong static/`)
	w(`cover_alt: ""             # mô tả ảnh bìa cho người khiếm thị (bắt buộc khi có ảnh bìa)`)
	w(`tags: []                  # từ khóa, ví dụ ["nông nghiệp", "dồn điền"]`)
	w(`award: ""                 # giay-khen (UBND thành phố) | bang-khen (UBND tỉnh)`)
	w(`# contest:                # bỏ dấu # ở các dòng dưới nếu là bài dự thi báo chí`)
	w(`#   round: %s             # đợt: %s`, firstOr(rounds, strconv.Itoa(today.Year())), strings.Join(rounds, " | "))
	w(`#   outlet: ""            # cơ quan báo chí đã đăng, phát`)
	w(`#   media: phat-thanh     # bao-in | bao-dien-tu | phat-thanh | truyen-hinh`)
	w(`#   genre: phong-su       # phong-su | ky-su | ghi-chep | phan-anh | binh-luan | tin | phim-tai-lieu | anh`)
	w(`#   aired: %s     # ngày đăng, phát lần đầu`, today.Format("2006-01-02"))
	w(`#   duration: ""          # thời lượng phát thanh, truyền hình, ví dụ "12:30"`)
	w(`#   url: ""               # địa chỉ bản gốc, nếu đăng ở nơi khác`)
	w(`#   prizes: []            # giải đã đạt ở nơi khác`)
	w(`aliases: []               # đường dẫn cũ chuyển về bài này, ví dụ [/bai-viet/ten-cu/]`)
	w(`draft: true               # bài nháp: đổi thành false khi xuất bản`)
	w("---")
	w("")
	w("Đoạn mở đầu: mô hình là gì, ở đâu, ai làm.")
	w("")
	w("## Cách làm")
	w("")
	w("Viết nội dung ở đây. Liên kết tới bài khác bằng tên tệp, ví dụ `[bài khác](ten-bai-khac.md)`.")
	return []byte(b.String())
}

func firstOr(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[len(xs)-1]
	}
	return def
}
