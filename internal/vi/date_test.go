package vi

import (
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	tests := []struct {
		t                                time.Time
		long, official, short, monthYear string
		weekday                          string
	}{
		{day(2019, 6, 14), "ngày 14 tháng 6 năm 2019", "ngày 14 tháng 6 năm 2019", "14/6/2019", "tháng 6 năm 2019", "Thứ Sáu"},
		{day(2018, 1, 1), "ngày 1 tháng 1 năm 2018", "ngày 01 tháng 01 năm 2018", "1/1/2018", "tháng 1 năm 2018", "Thứ Hai"},
		{day(2020, 10, 5), "ngày 5 tháng 10 năm 2020", "ngày 05 tháng 10 năm 2020", "5/10/2020", "tháng 10 năm 2020", "Thứ Hai"},
		{day(2017, 11, 16), "ngày 16 tháng 11 năm 2017", "ngày 16 tháng 11 năm 2017", "16/11/2017", "tháng 11 năm 2017", "Thứ Năm"},
		{day(2024, 2, 29), "ngày 29 tháng 2 năm 2024", "ngày 29 tháng 02 năm 2024", "29/2/2024", "tháng 2 năm 2024", "Thứ Năm"},
		{day(2025, 3, 9), "ngày 9 tháng 3 năm 2025", "ngày 09 tháng 3 năm 2025", "9/3/2025", "tháng 3 năm 2025", "Chủ nhật"},
		{day(2025, 7, 1), "ngày 1 tháng 7 năm 2025", "ngày 01 tháng 7 năm 2025", "1/7/2025", "tháng 7 năm 2025", "Thứ Ba"},
		{day(2025, 12, 31), "ngày 31 tháng 12 năm 2025", "ngày 31 tháng 12 năm 2025", "31/12/2025", "tháng 12 năm 2025", "Thứ Tư"},
		{day(2025, 7, 5), "ngày 5 tháng 7 năm 2025", "ngày 05 tháng 7 năm 2025", "5/7/2025", "tháng 7 năm 2025", "Thứ Bảy"},
	}
	for _, tt := range tests {
		if got := LongDate(tt.t); got != tt.long {
			t.Errorf("LongDate(%v) = %q, want %q", tt.t, got, tt.long)
		}
		if got := OfficialDate(tt.t); got != tt.official {
			t.Errorf("OfficialDate(%v) = %q, want %q", tt.t, got, tt.official)
		}
		if got := ShortDate(tt.t); got != tt.short {
			t.Errorf("ShortDate(%v) = %q, want %q", tt.t, got, tt.short)
		}
		if got := MonthYear(tt.t); got != tt.monthYear {
			t.Errorf("MonthYear(%v) = %q, want %q", tt.t, got, tt.monthYear)
		}
		if got := Weekday(tt.t); got != tt.weekday {
			t.Errorf("Weekday(%v) = %q, want %q", tt.t, got, tt.weekday)
		}
	}
}

// TestDatesLocation checks that the date is taken in t's own location.
func TestDatesLocation(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	tm := time.Date(2019, 6, 14, 23, 30, 0, 0, time.UTC).In(ict) // 15 June in Vietnam
	if got, want := LongDate(tm), "ngày 15 tháng 6 năm 2019"; got != want {
		t.Errorf("LongDate = %q, want %q", got, want)
	}
	if got, want := Weekday(tm), "Thứ Bảy"; got != want {
		t.Errorf("Weekday = %q, want %q", got, want)
	}
}

// TestRangesAndDurations: the range and month forms of docs/STYLE.md, and
// running times in words.
func TestRangesAndDurations(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	if got, want := DateRange(day(2019, 1, 1), day(2019, 10, 31)), "1/1/2019 – 31/10/2019"; got != want {
		t.Errorf("DateRange = %q, want %q", got, want)
	}
	if got, want := ShortMonth(day(2025, 7, 1)), "7/2025"; got != want {
		t.Errorf("ShortMonth = %q, want %q", got, want)
	}
	if got, want := MonthRange(day(2024, 12, 1), day(2025, 6, 30)), "12/2024 – 6/2025"; got != want {
		t.Errorf("MonthRange = %q, want %q", got, want)
	}
	for in, want := range map[string]string{
		"12:30": "12 phút 30 giây", "1:05:00": "1 giờ 5 phút", "0:45": "45 giây", "3:00": "3 phút",
		"0:00": "0 giây", "1:00:07": "1 giờ 7 giây", "abc": "abc", "1:2:3:4": "1:2:3:4", "": "",
	} {
		if got := Duration(in); got != want {
			t.Errorf("Duration(%q) = %q, want %q", in, got, want)
		}
	}
}
