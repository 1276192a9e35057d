// Package report computes what the site's data is asked for outside its
// web pages: the press-contest jury export of each round (Jury) and the
// yearly report of models (Build, and BuildIndex across years), as tables
// with their charts. A table comes out as CSV, as Markdown for `danvan
// report`, and its chart as inline SVG. The pages and files that show them
// (/thong-ke/, /cuoc-thi/<round>/bai-du-thi.csv and .json) are written by
// render (render/report.go); this package knows nothing of page templates.
// It reads the site model and computes nothing the site already knows.
package report
