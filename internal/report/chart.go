package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Chart is a horizontal bar chart of the numbers of a table, drawn at build
// time: no script (the CSP forbids inline scripts and the report must
// print) and no style attribute (the CSP forbids them too).
//
// Labels, numbers and the legend are HTML text, so they wrap on a phone
// and keep the page's text size (a whole chart drawn as one scaled SVG
// shrank its text to 6 px at 390 px and clipped long labels); each bar is
// a small SVG whose rectangle has the value's length. The table beside the
// chart holds the same numbers, so the chart is hidden from screen readers,
// which read the table instead.
type Chart struct {
	ID     string   // element id prefix, unique on the page
	Title  string   // what the chart shows, for its caption
	Labels []string // one per bar group
	Series []Series // one or two series
}

// Series is one set of bars.
type Series struct {
	Name   string // legend text
	Values []int  // one per label
}

// barScale is the length of the longest bar in SVG user units; the SVG is
// stretched to the width of its column.
const barScale = 1000

// Colours: the site's accent for the last series (the year reported) and a
// dark grey for the one before it (the previous year); both have a
// contrast above 4.5:1 on white, so the bars meet WCAG 1.4.11.
const (
	accentFill = "#9b1c1c"
	greyFill   = "#5f6670"
)

// fill is the colour of series j of n.
func fill(j, n int) string {
	if j == n-1 {
		return accentFill
	}
	return greyFill
}

// HTML draws the chart.
func (c *Chart) HTML() template.HTML {
	maxV := 1
	for _, s := range c.Series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="bar-chart" id="%s" aria-hidden="true">`, esc(c.ID))
	fmt.Fprintf(&b, `<figcaption>%s</figcaption>`, esc(c.Title))
	if len(c.Series) > 1 {
		b.WriteString(`<ul class="bar-legend">`)
		for j, s := range c.Series {
			fmt.Fprintf(&b, `<li>%s%s</li>`, swatch(fill(j, len(c.Series))), esc(s.Name))
		}
		b.WriteString(`</ul>`)
	}
	if len(c.Series) > 1 {
		b.WriteString(`<ol class="bar-rows two">`)
	} else {
		b.WriteString(`<ol class="bar-rows">`)
	}
	for i, l := range c.Labels {
		fmt.Fprintf(&b, `<li><span class="bar-label">%s</span>`, esc(l))
		for j, s := range c.Series {
			v := s.Values[i]
			w := v * barScale / maxV
			if v > 0 {
				w = max(w, barScale/200) // a value of 1 among hundreds still shows
			}
			name := ""
			if len(c.Series) > 1 {
				name = `<span class="bar-series">` + esc(s.Name) + `: </span>`
			}
			fmt.Fprintf(&b, `<span class="bar"><svg viewBox="0 0 %d 10" preserveAspectRatio="none" focusable="false"><rect width="%d" height="10" fill="%s"/><rect width="2" height="10" fill="#1d2125"/></svg><span class="bar-value">%s%d</span></span>`,
				barScale, w, fill(j, len(c.Series)), name, v)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ol></figure>`)
	// Every text in it went through html.EscapeString.
	return template.HTML(b.String())
}

// swatch is the coloured square of a legend entry.
func swatch(colour string) string {
	return `<svg class="bar-swatch" viewBox="0 0 10 10" width="14" height="14" focusable="false"><rect width="10" height="10" fill="` + colour + `"/></svg>`
}
