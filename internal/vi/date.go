package vi

import (
	"strconv"
	"strings"
	"time"
)

// The date functions format the calendar date of t in t's own location; they
// never convert time zones. The site writes dates in these forms only
// (docs/STYLE.md, "Ngày tháng"):
//
//   - in running text and bylines, LongDate: "ngày 14 tháng 6 năm 2019";
//   - on cards, in tables and lists, ShortDate: "14/6/2019", never padded;
//   - a range, DateRange: "1/1/2019 – 31/10/2019" (en dash between spaces);
//   - a month, ShortMonth: "6/2025", and a range of months, MonthRange:
//     "12/2024 – 6/2025" (the period of an administrative unit).

// LongDate returns the running-text date "ngày 14 tháng 6 năm 2019", without
// zero padding.
func LongDate(t time.Time) string {
	return "ngày " + strconv.Itoa(t.Day()) + " " + MonthYear(t)
}

// OfficialDate returns the date as administrative documents write it: the
// day is padded to two digits below 10 and so are the months 1 and 2
// (Vietnamese documents write "tháng 01", "tháng 02" so that no digit can be
// added in front of them), other months are not:
// "ngày 01 tháng 01 năm 2018", "ngày 05 tháng 10 năm 2020",
// "ngày 14 tháng 6 năm 2019".
func OfficialDate(t time.Time) string {
	day := strconv.Itoa(t.Day())
	if t.Day() < 10 {
		day = "0" + day
	}
	month := strconv.Itoa(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return "ngày " + day + " tháng " + month + " năm " + strconv.Itoa(t.Year())
}

// ShortDate returns the numeric date "14/6/2019", day/month/year without
// zero padding.
func ShortDate(t time.Time) string {
	return strconv.Itoa(t.Day()) + "/" + strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Year())
}

// RangeDash separates the two ends of a range: an en dash between spaces,
// since each end is itself written with slashes.
const RangeDash = " – "

// DateRange returns the range of days "1/1/2019 – 31/10/2019".
func DateRange(from, to time.Time) string { return ShortDate(from) + RangeDash + ShortDate(to) }

// ShortMonth returns the month "6/2025", without zero padding.
func ShortMonth(t time.Time) string {
	return strconv.Itoa(int(t.Month())) + "/" + strconv.Itoa(t.Year())
}

// MonthRange returns the range of months "12/2024 – 6/2025".
func MonthRange(from, to time.Time) string { return ShortMonth(from) + RangeDash + ShortMonth(to) }

// MonthYear returns "tháng 6 năm 2019", for archive headings.
func MonthYear(t time.Time) string {
	return "tháng " + strconv.Itoa(int(t.Month())) + " năm " + strconv.Itoa(t.Year())
}

// weekdays holds the Vietnamese day names indexed by time.Weekday.
var weekdays = [...]string{
	time.Sunday:    "Chủ nhật",
	time.Monday:    "Thứ Hai",
	time.Tuesday:   "Thứ Ba",
	time.Wednesday: "Thứ Tư",
	time.Thursday:  "Thứ Năm",
	time.Friday:    "Thứ Sáu",
	time.Saturday:  "Thứ Bảy",
}

// Weekday returns the Vietnamese name of t's day of the week: "Thứ Hai"
// (Monday) … "Thứ Bảy" (Saturday), "Chủ nhật" (Sunday).
func Weekday(t time.Time) string {
	return weekdays[t.Weekday()]
}

// Duration words a running time written "12:30" (minutes:seconds) or
// "1:05:00" (hours:minutes:seconds), as the contest's frontmatter has it:
// "12 phút 30 giây", "1 giờ 5 phút". A bare "12:30" would read as a time
// of day. Anything else is returned unchanged.
func Duration(s string) string {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return s
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return s
		}
		n[i] = v
	}
	if len(n) == 2 {
		n = append([]int{0}, n...)
	}
	var out []string
	for i, unit := range []string{"giờ", "phút", "giây"} {
		if n[i] > 0 {
			out = append(out, strconv.Itoa(n[i])+" "+unit)
		}
	}
	if len(out) == 0 {
		return "0 giây"
	}
	return strings.Join(out, " ")
}
