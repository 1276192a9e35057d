package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
)

// Body length bounds, in words as countWords counts them.
const (
	minWords = 500
	maxWords = 1500
)

// writer generates the text of one article. It is used by one goroutine.
type writer struct {
	lx  *lexicon
	r   *rand.Rand
	a   *plan
	all []*plan
}

// fill replaces the {slots} of a sentence frame.
func (w *writer) fill(frame string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(frame, '{')
		if i < 0 {
			b.WriteString(frame)
			break
		}
		j := strings.IndexByte(frame[i:], '}')
		if j < 0 {
			b.WriteString(frame)
			break
		}
		b.WriteString(frame[:i])
		b.WriteString(w.slot(frame[i+1 : i+j]))
		frame = frame[i+j+1:]
	}
	return b.String()
}

func (w *writer) slot(name string) string {
	r := w.r
	switch name {
	case "loc":
		return w.a.loc.fullName()
	case "model":
		return "“" + w.a.modelBase + "”"
	case "unit":
		return w.a.unit
	case "person":
		n, f := w.lx.person(r)
		return honorific(f) + " " + n + ", " + pick(r, w.lx.roles)
	case "name":
		n, f := w.lx.person(r)
		return honorific(f) + " " + n
	case "village":
		return w.a.village
	case "n":
		return strconv.Itoa(2 + r.IntN(59))
	case "N":
		return thousands(120 + r.IntN(9800))
	case "pct":
		return strconv.Itoa(60 + r.IntN(40))
	case "small":
		return strconv.Itoa(1+r.IntN(5)) + "," + strconv.Itoa(r.IntN(10))
	case "money":
		if r.IntN(3) == 0 {
			return strconv.Itoa(1+r.IntN(9)) + "," + strconv.Itoa(1+r.IntN(9)) + " tỷ đồng"
		}
		return strconv.Itoa(5+r.IntN(495)) + " triệu đồng"
	case "year":
		lo := max(2014, w.a.year-6)
		return strconv.Itoa(lo + r.IntN(w.a.year-lo+1))
	case "salad":
		return upperFirst(w.clause(6, 14))
	case "phrase":
		return w.phrase()
	}
	return name
}

func honorific(female bool) string {
	if female {
		return "bà"
	}
	return "ông"
}

// thousands formats n the Vietnamese way: 12.500.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// phrase returns a place name or set phrase: half of the time the
// article's own locality, so that place names correlate with the
// locality facet as in real reporting.
func (w *writer) phrase() string {
	switch w.r.IntN(4) {
	case 0:
		return w.a.loc.Name
	case 1:
		return w.a.loc.fullName()
	}
	return pick(w.r, w.lx.phrases)
}

// clause draws lo..hi words from the vocabulary, sometimes with a place
// name or a model name in it, sometimes a comma. It has no final period
// and is not capitalised.
func (w *writer) clause(lo, hi int) string {
	r := w.r
	n := lo + r.IntN(hi-lo+1)
	toks := make([]string, 0, n+2)
	for range n {
		toks = append(toks, w.lx.word(r))
	}
	if r.IntN(4) == 0 {
		toks[r.IntN(len(toks))] = w.phrase()
	}
	for i := 1; i < len(toks)-1; i++ {
		if r.IntN(14) == 0 {
			toks[i] += ","
		}
	}
	return strings.Join(toks, " ")
}

// sentence returns one capitalised sentence ending with a period.
func (w *writer) sentence() string {
	r := w.r
	if r.IntN(10) < 4 {
		return upperFirst(w.fill(pick(r, w.lx.sentences)))
	}
	n := 6 + r.IntN(15)
	toks := make([]string, 0, n)
	for range n {
		toks = append(toks, w.lx.word(r))
	}
	if r.IntN(3) == 0 {
		toks[r.IntN(n)] = w.phrase()
	}
	if r.IntN(10) == 0 {
		toks[r.IntN(n)] = "“" + w.a.modelBase + "”"
	}
	toks[0] = upperFirst(toks[0])
	for i := 2; i < n-2; i++ {
		if r.IntN(12) == 0 {
			toks[i] += ","
		}
	}
	// Occasional emphasis on a run of words, never across a comma.
	if r.IntN(16) == 0 {
		i := 1 + r.IntN(n-2)
		j := min(n-1, i+r.IntN(3))
		for k := i; k < j; k++ {
			if strings.HasSuffix(toks[k], ",") {
				j = k
				break
			}
		}
		mark := "**"
		if r.IntN(2) == 0 {
			mark = "_"
		}
		toks[i] = mark + toks[i]
		toks[j] = strings.TrimSuffix(toks[j], ",") + mark
	}
	s := strings.Join(toks, " ")
	return s + "."
}

// paragraph returns 3–7 sentences.
func (w *writer) paragraph() string {
	n := 3 + w.r.IntN(5)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = w.sentence()
	}
	return strings.Join(parts, " ")
}

// list returns a bulleted or numbered list of 3–6 items.
func (w *writer) list() string {
	r := w.r
	n := 3 + r.IntN(4)
	numbered := r.IntN(3) == 0
	semicolons := r.IntN(2) == 0
	var b strings.Builder
	for i := range n {
		if numbered {
			b.WriteString(strconv.Itoa(i+1) + ". ")
		} else {
			b.WriteString("- ")
		}
		var item string
		if r.IntN(3) == 0 {
			item = strings.TrimSuffix(w.fill(pick(r, w.lx.sentences)), ".")
		} else {
			item = w.clause(4, 11)
		}
		b.WriteString(upperFirst(strings.TrimSuffix(item, ",")))
		if semicolons && i < n-1 {
			b.WriteString(";")
		} else {
			b.WriteString(".")
		}
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// table returns a GFM table of 2–4 columns with numbers.
func (w *writer) table() (intro, table string) {
	r := w.r
	numeric := []string{"Số hộ tham gia", "Số hộ thoát nghèo", "Kinh phí (triệu đồng)", "Ngày công", "Diện tích (ha)", "Số vụ việc", "Tỷ lệ (%)", "Số hồ sơ"}
	r.Shuffle(len(numeric), func(i, j int) { numeric[i], numeric[j] = numeric[j], numeric[i] })
	cols := 1 + r.IntN(3)
	rows := 3 + r.IntN(4)
	var first string
	var labels []string
	switch r.IntN(3) {
	case 0:
		first = "Năm"
		start := w.a.year - rows + 1
		for i := range rows {
			labels = append(labels, strconv.Itoa(start+i))
		}
		intro = "Kết quả thực hiện mô hình qua các năm được tổng hợp trong bảng dưới đây."
	case 1:
		first = "Thôn, tổ dân phố"
		vs := append([]string(nil), w.lx.villages...)
		r.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
		for i := range rows {
			labels = append(labels, upperFirst(vs[i]))
		}
		intro = "Số liệu của từng địa bàn trong " + w.a.loc.fullName() + " như sau."
	default:
		first = "Đợt"
		for i := range rows {
			labels = append(labels, "Đợt "+strconv.Itoa(i+1))
		}
		intro = "Bảng sau tóm tắt kết quả các đợt ra quân."
	}
	var b strings.Builder
	b.WriteString("| " + first)
	for _, c := range numeric[:cols] {
		b.WriteString(" | " + c)
	}
	b.WriteString(" |\n| ---")
	for range cols {
		b.WriteString(" | ---:")
	}
	b.WriteString(" |\n")
	for _, l := range labels {
		b.WriteString("| " + l)
		for _, c := range numeric[:cols] {
			b.WriteString(" | " + cell(r, c))
		}
		b.WriteString(" |\n")
	}
	return intro, strings.TrimSuffix(b.String(), "\n")
}

func cell(r *rand.Rand, col string) string {
	switch col {
	case "Diện tích (ha)":
		return strconv.Itoa(1+r.IntN(80)) + "," + strconv.Itoa(r.IntN(10))
	case "Tỷ lệ (%)":
		return strconv.Itoa(50 + r.IntN(51))
	case "Kinh phí (triệu đồng)", "Ngày công", "Số hồ sơ":
		return thousands(20 + r.IntN(4000))
	}
	return strconv.Itoa(1 + r.IntN(150))
}

// linkSentence mentions another article with a relative link.
func (w *writer) linkSentence(t *plan) string {
	l := "[" + t.title + "](" + relLink(w.a.dir, t.dir, t.file) + ")"
	switch w.r.IntN(4) {
	case 0:
		return "Xem thêm bài " + l + "."
	case 1:
		return "Cách làm này cũng tương tự mô hình được giới thiệu trong bài " + l + "."
	case 2:
		return "Bạn đọc có thể tham khảo thêm bài " + l + " để thấy rõ hơn cách làm của các địa phương khác."
	}
	return "Trước đó, trang đã giới thiệu bài " + l + "."
}

// relLink is the relative path from an article in folder from to the file
// name in folder to (both under content/bai-viet).
func relLink(from, to, name string) string {
	if from == to {
		return name
	}
	up := strings.Count(strings.TrimPrefix(from, articleRoot), "/")
	rel := strings.TrimPrefix(strings.TrimPrefix(to, articleRoot), "/")
	p := strings.Repeat("../", up)
	if rel != "" {
		p += rel + "/"
	}
	return p + name
}

// countWords counts the words of Markdown prose: fields with a letter,
// leaving out headings and table rows. It does not allocate.
func countWords(md string) int {
	n := 0
	for len(md) > 0 {
		line := md
		if i := strings.IndexByte(md, '\n'); i >= 0 {
			line, md = md[:i], md[i+1:]
		} else {
			md = ""
		}
		t := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|") {
			continue
		}
		inWord, letter := false, false
		for _, c := range t {
			if c == ' ' || c == '\t' {
				if inWord && letter {
					n++
				}
				inWord, letter = false, false
				continue
			}
			inWord = true
			if !letter && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 && unicode.IsLetter(c)) {
				letter = true
			}
		}
		if inWord && letter {
			n++
		}
	}
	return n
}

// body writes the Markdown body: a lead, then ## sections of paragraphs,
// sometimes a list, a table and links to other articles, for a length of
// minWords..maxWords words.
func (w *writer) body() string {
	r := w.r
	target := minWords + 20 + r.IntN(maxWords-minWords-170)
	var blocks []string
	words := 0
	add := func(s string) {
		blocks = append(blocks, s)
		words += countWords(s)
	}

	// Links: 0 in most articles, else 1–3 distinct others.
	var links []*plan
	if len(w.all) > 1 && r.IntN(10) < 3 {
		k := 1 + r.IntN(3)
		for range k {
			t := w.all[r.IntN(len(w.all))]
			if t != w.a && !containsPlan(links, t) {
				links = append(links, t)
			}
		}
	}
	linkWords := 0
	for _, t := range links {
		linkWords += countWords(w.linkSentence(t)) + 2
	}
	limit := maxWords - linkWords - 10

	// fit keeps whole sentences of p while the body stays under limit.
	fit := func(p string) string {
		if words+countWords(p) <= limit {
			return p
		}
		sents := strings.SplitAfter(p, ". ")
		out := ""
		for _, s := range sents {
			if words+countWords(out+s) > limit {
				break
			}
			out += s
		}
		return strings.TrimSpace(out)
	}

	lead := w.paragraph()
	if r.IntN(8) == 0 {
		lead = "**" + lead + "**"
	}
	add(lead)

	heads := append([]string(nil), w.lx.headings...)
	r.Shuffle(len(heads), func(i, j int) { heads[i], heads[j] = heads[j], heads[i] })
	tableAt := -1
	if r.IntN(4) == 0 {
		tableAt = r.IntN(3)
	}
	for sec := 0; words < target; sec++ {
		h := heads[sec%len(heads)]
		if strings.Contains(h, "%s") {
			h = strings.ReplaceAll(h, "%s", w.a.loc.fullName())
		}
		if sec >= len(heads) {
			h += " (tiếp theo)"
		}
		blocks = append(blocks, "## "+h)
		paras := 1 + r.IntN(3)
		for p := 0; p < paras && words < target; p++ {
			text := w.paragraph()
			if len(links) > 0 && r.IntN(3) == 0 {
				text += " " + w.linkSentence(links[0])
				links = links[1:]
			}
			text = fit(text)
			if text == "" {
				break
			}
			add(text)
			if p == 0 && r.IntN(5) == 0 {
				if l := w.list(); words+countWords(l) <= limit {
					add(l)
				}
			}
		}
		if sec == tableAt {
			intro, t := w.table()
			add(intro)
			blocks = append(blocks, t)
		}
		if words >= limit {
			break
		}
	}
	if len(links) > 0 {
		parts := make([]string, len(links))
		for i, t := range links {
			parts[i] = w.linkSentence(t)
		}
		add(strings.Join(parts, " "))
	}
	return strings.Join(blocks, "\n\n") + "\n"
}

func containsPlan(ps []*plan, p *plan) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
