package render

import (
	"github.com/quangngai/danvan/internal/site"
)

// The sections of the site. A section has one name, the same in the menu,
// the footer, the breadcrumbs and the <title> of its index (docs/STYLE.md,
// "Tên các mục"); pages refer to these values instead of spelling the name
// again.
var (
	Home              = Crumb{"Trang chủ", "/"}
	SectionAreas      = Crumb{"Lĩnh vực", "/linh-vuc/"}
	SectionLocalities = Crumb{"Địa bàn", "/dia-ban/"}
	SectionYears      = Crumb{"Theo năm", "/nam/"}
	SectionContest    = Crumb{"Cuộc thi báo chí", "/cuoc-thi/"}
	SectionReport     = Crumb{"Thống kê", site.ReportURL}
	SectionSearch     = Crumb{"Tìm kiếm", "/tim-kiem/"}
)

// sections are the sections of the main menu and the footer, in order
// (the layouts' `sections`).
func sections() []Crumb {
	return []Crumb{SectionAreas, SectionLocalities, SectionYears, SectionContest, SectionReport}
}
