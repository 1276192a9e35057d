package render

import (
	"strings"

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

// Sections are the sections of the main menu and the footer, in order.
func (p *Page) Sections() []Crumb {
	return []Crumb{SectionAreas, SectionLocalities, SectionYears, SectionContest, SectionReport}
}

// InSection reports whether the page is the section's index or lies
// under it (a year of the report, an area of the index).
func (p *Page) InSection(url string) bool { return strings.HasPrefix(p.URL, url) }
