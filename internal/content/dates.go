package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/vi"
)

// dateLayouts are the forms a date may take: a day, or a day with a time
// (with or without an offset, as ISO 8601 writes it).
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
}

const (
	minYear = 1900
	maxYear = 2100
)

var (
	// isoLikeRE is a year first, whatever the padding: 2019-6-14, 2024-13-01.
	isoLikeRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})([T ].*)?$`)
	// dayFirstRE is the way Vietnamese write a date: 08/05/2020, 8-5-2020, 8.5.2020.
	dayFirstRE = regexp.MustCompile(`^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$`)
	// longRE is "ngày 14 tháng 6 năm 2019", folded.
	longRE = regexp.MustCompile(`^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:nam|,)?\s*(\d{4})$`)
)

// dateAllowed ends every date message: what the editor may write.
const dateAllowed = "(được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)"

// parseDate reads a date as the build accepts it. When it cannot, it says
// why in Vietnamese, after the quoted value, with "{key}" standing for the
// key the editor should write in the fix: a day-first date gets "ý bạn là
// 2020-05-08?", an impossible one says which part is wrong.
func parseDate(s string) (time.Time, string) {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < minYear || t.Year() > maxYear {
				return time.Time{}, fmt.Sprintf("có năm %d nằm ngoài khoảng %d–%d: kiểm tra lại năm %s", t.Year(), minYear, maxYear, dateAllowed)
			}
			return t, ""
		}
	}
	if m := isoLikeRE.FindStringSubmatch(s); m != nil {
		y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if why := impossible(y, mo, d); why != "" {
			if mo > 12 && d >= 1 && d <= 12 && impossible(y, d, mo) == "" {
				// 2024-13-01: day and month swapped?
				return time.Time{}, fmt.Sprintf("không có thật: %s — nếu là %s, sửa thành: {key}: %s %s", why, vi.LongDate(day(y, d, mo)), iso(y, d, mo), dateAllowed)
			}
			return time.Time{}, fmt.Sprintf("không có thật: %s %s", why, dateAllowed)
		}
		if m[4] == "" {
			// 2019-6-14: every part is right, the zeros are missing.
			return time.Time{}, fmt.Sprintf("cần đủ hai chữ số cho tháng và ngày — ý bạn là %s? Sửa thành: {key}: %s %s", iso(y, mo, d), iso(y, mo, d), dateAllowed)
		}
		return time.Time{}, "có giờ viết sai; bỏ phần giờ, chỉ ghi ngày " + dateAllowed
	}
	m := dayFirstRE.FindStringSubmatch(s)
	if m == nil {
		m = longRE.FindStringSubmatch(vi.Fold(strings.TrimSpace(s)))
	}
	if m != nil {
		d, mo, y := atoi(m[1]), atoi(m[2]), atoi(m[3])
		if why := impossible(y, mo, d); why != "" {
			return time.Time{}, fmt.Sprintf("viết theo kiểu ngày/tháng/năm nhưng không có thật: %s %s", why, dateAllowed)
		}
		return time.Time{}, fmt.Sprintf("viết theo kiểu ngày/tháng/năm (%s) — ý bạn là %s? Sửa thành: {key}: %s %s", vi.LongDate(day(y, mo, d)), iso(y, mo, d), iso(y, mo, d), dateAllowed)
	}
	return time.Time{}, "không đọc được " + dateAllowed
}

// impossible says which part of a year-month-day is wrong, or "".
func impossible(y, mo, d int) string {
	switch {
	case y < minYear || y > maxYear:
		return fmt.Sprintf("năm %d nằm ngoài khoảng %d–%d", y, minYear, maxYear)
	case mo < 1 || mo > 12:
		return fmt.Sprintf("không có tháng %d (tháng từ 1 đến 12)", mo)
	case d < 1:
		return fmt.Sprintf("không có ngày %d", d)
	}
	if n := daysIn(y, mo); d > n {
		if mo == 2 {
			return fmt.Sprintf("tháng 2 năm %d chỉ có %d ngày", y, n)
		}
		return fmt.Sprintf("tháng %d chỉ có %d ngày", mo, n)
	}
	return ""
}

func daysIn(y, mo int) int {
	return time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func day(y, mo, d int) time.Time { return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC) }

func iso(y, mo, d int) string { return day(y, mo, d).Format("2006-01-02") }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// showDate is a date as messages write it in prose: 14/06/2019.
func showDate(t time.Time) string { return t.Format("02/01/2006") }
