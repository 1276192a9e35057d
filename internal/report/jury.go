package report

import (
	"encoding/json"
	"strings"

	"github.com/quangngai/danvan/internal/content"
	"github.com/quangngai/danvan/internal/site"
)

// JuryFile is the name of the jury export beside each round page; the
// JSON file has the same stem.
const JuryFile = "bai-du-thi"

// juryHeader is the header row of the jury CSV, in the order of the entry
// form. The last column (the original publication) is what the jury opens
// to check the entry; it is empty when the site itself is the original.
var juryHeader = []string{"Số thứ tự", "Tiêu đề", "Tác giả", "Cơ quan báo chí", "Loại hình", "Thể loại", "Ngày đăng/phát", "Thời lượng", "Lĩnh vực", "Địa bàn", "URL", "Số chữ", "URL bản gốc"}

// JuryEntry is one entry of the export. The JSON keys are ASCII and stable
// (struct order), so scripts of the jury secretariat can rely on them.
type JuryEntry struct {
	N           int      `json:"so_thu_tu"`
	Title       string   `json:"tieu_de"`
	Author      string   `json:"tac_gia"`
	Outlet      string   `json:"co_quan"`
	Media       string   `json:"loai_hinh"`
	MediaSlug   string   `json:"loai_hinh_ma"`
	Genre       string   `json:"the_loai"`
	GenreSlug   string   `json:"the_loai_ma"`
	Date        string   `json:"ngay"` // YYYY-MM-DD: aired, or published on the site
	Duration    string   `json:"thoi_luong,omitempty"`
	Area        string   `json:"linh_vuc"`
	Locality    string   `json:"dia_ban"`
	URL         string   `json:"url"`
	Words       int      `json:"so_chu"`
	OriginalURL string   `json:"url_ban_goc,omitempty"`
	Prizes      []string `json:"giai_da_dat,omitempty"`
}

// JuryRound is the JSON export of a round.
type JuryRound struct {
	Contest string      `json:"cuoc_thi"`
	Round   int         `json:"dot"`
	Name    string      `json:"ten_dot"`
	From    string      `json:"tu_ngay"`
	To      string      `json:"den_ngay"`
	Count   int         `json:"so_tac_pham"`
	Entries []JuryEntry `json:"tac_pham"`
}

// Jury lists a round's entries in the order and with the numbers of the
// round page.
func Jury(s *site.Site, rd *site.Round) JuryRound {
	out := JuryRound{Contest: s.Config.Contest.Name, Round: rd.Round.Round, Name: rd.Name,
		From: rd.From.Format("2006-01-02"), To: rd.To.Format("2006-01-02"), Entries: []JuryEntry{}}
	base := strings.TrimSuffix(s.BaseURL, "/")
	for _, m := range site.GroupEntries(rd.Entries) {
		for _, g := range m.Genres {
			for _, e := range g.Entries {
				c := e.Contest
				day := e.Date
				if c.Aired != nil {
					day = *c.Aired
				}
				out.Entries = append(out.Entries, JuryEntry{
					N: e.N, Title: e.Title, Author: e.Author, Outlet: c.Outlet,
					Media: content.MediaName(c.Media), MediaSlug: c.Media,
					Genre: content.GenreName(c.Genre), GenreSlug: c.Genre,
					Date: day.Format("2006-01-02"), Duration: c.Duration,
					Area: e.AreaRef.Name, Locality: e.LocalityRef.FullName(),
					URL: base + e.URL, Words: e.Words, OriginalURL: c.URL, Prizes: c.Prizes,
				})
			}
		}
	}
	out.Count = len(out.Entries)
	return out
}

// Records is the round as CSV records, header first. Dates are written
// dd/mm/yyyy, as the jury reads and Excel set to Vietnamese parses them.
func (j JuryRound) Records() [][]string {
	recs := [][]string{juryHeader}
	for _, e := range j.Entries {
		day := e.Date
		if len(day) == 10 {
			day = day[8:10] + "/" + day[5:7] + "/" + day[0:4]
		}
		recs = append(recs, []string{itoa(e.N), e.Title, e.Author, e.Outlet, e.Media, e.Genre, day, e.Duration, e.Area, e.Locality, e.URL, itoa(e.Words), e.OriginalURL})
	}
	return recs
}

// JSON is the indented JSON export, ending with a newline.
func (j JuryRound) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
