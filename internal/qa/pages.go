package qa

// SamplePage is a page of the repo's sample site that the browser gates
// visit and docs/screenshots/ shows.
type SamplePage struct {
	Name   string // short name, used in test and file names
	Path   string // URL path (with query, for search)
	Status int64  // expected HTTP status; 0 means 200
	// FirstScreen are selectors, besides the h1 that every page must show
	// first, whose first match must lie within the first screen (see
	// PageOptions.FirstScreen).
	FirstScreen []string
	// Ready is what a script draws after the load, once it is done (the
	// search page marks its list aria-busy="false"), to wait for before the
	// checks (see PageOptions.Ready).
	Ready string
}

// SamplePages are the pages a citizen meets (issue #15): home, an article
// with a cover, an area, a unit merged twice (xã Nghĩa An → xã An Phú of
// 2024 → xã An Phú of 2025) and the unit it belongs to today, the two
// indexes (area × locality), the contest and one round, the yearly report
// and one year, a search and the 404 page. On every page the h1 must be in
// the first screen, at both sizes; on the home page, the first article
// card too.
var SamplePages = []SamplePage{
	{Name: "home", Path: "/", FirstScreen: []string{".card .card-title"}},
	{Name: "article", Path: "/bai-viet/don-dien-doi-thua-nghia-dung/"},
	{Name: "area", Path: "/linh-vuc/kinh-te/"},
	{Name: "locality-merged", Path: "/dia-ban/nghia-an/"},
	{Name: "locality-today", Path: "/dia-ban/an-phu-2025/"},
	{Name: "matrix", Path: "/dia-ban/"},
	{Name: "areas", Path: "/linh-vuc/"},
	{Name: "contest", Path: "/cuoc-thi/"},
	{Name: "round", Path: "/cuoc-thi/2019/"},
	{Name: "report", Path: "/thong-ke/"},
	{Name: "report-year", Path: "/thong-ke/2019/"},
	{Name: "search", Path: "/tim-kiem/?q=don+dien", Ready: `#search-results[aria-busy="false"] li`},
	{Name: "404", Path: "/khong-co-trang-nay/", Status: 404},
}
