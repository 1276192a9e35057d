package vi

import (
	"strconv"
	"time"
)

// The date functions format the calendar date of t in t's own location; they
// never convert time zones.

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
