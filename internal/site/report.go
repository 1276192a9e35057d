package site

import (
	"sort"
	"strconv"
)

// ReportURL is the URL of the yearly report index; ReportYearURL of one year.
const ReportURL = "/thong-ke/"

// ReportYearURL is the URL of the yearly report of year y.
func ReportYearURL(y int) string { return ReportURL + strconv.Itoa(y) + "/" }

// ModelYear is the year an article counts for in the yearly report: the
// year its model was registered, or its publication year when the
// frontmatter leaves `year` out. It lives here, not in the report package,
// because URLs (and so the sitemap) must know which report pages exist.
func (a *Article) ModelYear() int {
	if a.Year != 0 {
		return a.Year
	}
	return a.Date.Year()
}

// ReportYears lists the years that have models, newest first: each has a
// page /thong-ke/<year>/.
func (s *Site) ReportYears() []int {
	seen := map[int]bool{}
	var ys []int
	for _, a := range s.Articles {
		if y := a.ModelYear(); !seen[y] {
			seen[y] = true
			ys = append(ys, y)
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ys)))
	return ys
}
