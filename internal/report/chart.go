package report

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Chart is a horizontal bar chart drawn as inline SVG at build time: no
// script (the CSP forbids inline scripts and the report must print), no
// style attributes (presentation goes in SVG attributes, which the CSP
// allows). The table beside it holds the same numbers.
type Chart struct {
	ID     string   // element id prefix, unique on the page
	Title  string   // accessible name (<title>)
	Labels []string // one per bar group
	Series []Series // one or two series
}

// Series is one set of bars.
type Series struct {
	Name   string // legend text
	Values []int  // one per label
}

// Geometry, in SVG user units (CSS pixels at 100 %).
const (
	chartWidth  = 680
	labelWidth  = 240 // room for "phường Trương Quang Trọng" at 13px
	valueRoom   = 44  // room for the number after the longest bar
	barHeight   = 18
	groupGap    = 10
	legendSpace = 28
)

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

const inkFill = "#1d2125"

// Desc is the long description: every number of the chart in words, for
// screen readers (the table repeats them for everyone).
func (c *Chart) Desc() string {
	var b strings.Builder
	b.WriteString("Biểu đồ thanh ngang. ")
	for i, l := range c.Labels {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(l + ": ")
		for j, s := range c.Series {
			if j > 0 {
				b.WriteString(", ")
			}
			if len(c.Series) > 1 {
				b.WriteString(s.Name + " ")
			}
			fmt.Fprintf(&b, "%d", s.Values[i])
		}
	}
	b.WriteString(".")
	return b.String()
}

// SVG draws the chart.
func (c *Chart) SVG() template.HTML {
	maxV := 1
	for _, s := range c.Series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	top := 4
	if len(c.Series) > 1 {
		top = legendSpace
	}
	group := len(c.Series)*barHeight + groupGap
	height := top + len(c.Labels)*group + 4
	span := chartWidth - labelWidth - valueRoom
	esc := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="%[1]s-tieu-de %[1]s-mo-ta" viewBox="0 0 %[2]d %[3]d" width="%[2]d" height="%[3]d" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="13">`, esc(c.ID), chartWidth, height)
	fmt.Fprintf(&b, `<title id="%s-tieu-de">%s</title><desc id="%s-mo-ta">%s</desc>`, esc(c.ID), esc(c.Title), esc(c.ID), esc(c.Desc()))
	if len(c.Series) > 1 {
		x := labelWidth
		for j, s := range c.Series {
			fmt.Fprintf(&b, `<rect x="%d" y="6" width="14" height="14" fill="%s"/><text x="%d" y="18" fill="%s">%s</text>`, x, fill(j, len(c.Series)), x+20, inkFill, esc(s.Name))
			x += 20 + 9*len([]rune(s.Name)) + 24
		}
	}
	for i, l := range c.Labels {
		y := top + i*group
		mid := y + len(c.Series)*barHeight/2
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" dominant-baseline="middle" fill="%s">%s</text>`, labelWidth-8, mid, inkFill, esc(l))
		for j, s := range c.Series {
			v := s.Values[i]
			w := v * span / maxV
			if v > 0 {
				w = max(w, 2)
			}
			by := y + j*barHeight
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>`, labelWidth, by+1, w, barHeight-2, fill(j, len(c.Series)))
			fmt.Fprintf(&b, `<text x="%d" y="%d" dominant-baseline="middle" font-size="12" fill="%s">%d</text>`, labelWidth+w+6, by+barHeight/2, inkFill, v)
		}
	}
	// The axis: a line at zero so empty bars still read as "0".
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="1"/>`, labelWidth, top, labelWidth, height-4, inkFill)
	b.WriteString(`</svg>`)
	// Every text in it went through html.EscapeString.
	return template.HTML(b.String())
}
