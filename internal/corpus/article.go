package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/quangngai/danvan/internal/vi"
)

const (
	articleRoot = "content/bai-viet"
	perFolder   = 1000
	firstDay    = "2018-01-01"
	lastDay     = "2026-10-31"
	contestRate = 0.03 // share of all articles that are contest entries
	awardRate   = 0.10
	summaryRate = 0.80
	collective  = 0.60 // share of subject tap-the
)

// plan is the frontmatter of one article, decided before any body is
// written so that bodies can link to any other article.
type plan struct {
	n         int    // 1-based number, unique
	dir       string // folder, slash-separated, relative to the site root
	file      string // file name, "<slug>.md"
	title     string
	date      string // YYYY-MM-DD
	year      int
	area      string
	loc       locality
	modelBase string // the model's base name, used in the text
	model     string // the model field (a variant of the base)
	unit      string
	village   string
	subject   string
	summary   string
	author    string
	tags      []string
	award     string
	contest   *entry
}

type entry struct {
	round                int
	outlet, media, genre string
	url, aired, duration string
	prizes               []string
}

func (p *plan) path() string { return p.dir + "/" + p.file }

// genres allowed for each media, in a fixed order.
func genresFor(media string) []string {
	switch media {
	case "phat-thanh":
		return []string{"phong-su", "ky-su", "ghi-chep", "phan-anh", "binh-luan", "tin"}
	case "truyen-hinh":
		return []string{"phong-su", "phim-tai-lieu", "phan-anh", "ky-su", "tin"}
	}
	return []string{"phong-su", "ky-su", "ghi-chep", "phan-anh", "binh-luan", "tin", "anh"}
}

// planner decides the frontmatter of every article from one random stream.
type planner struct {
	lx       *lexicon
	sc       *siteConf
	r        *rand.Rand
	days     []string // every day of the period
	contestP float64  // chance that an article inside a round window enters
}

func newPlanner(lx *lexicon, sc *siteConf, r *rand.Rand) *planner {
	p := &planner{lx: lx, sc: sc, r: r}
	start, _ := time.Parse("2006-01-02", firstDay)
	end, _ := time.Parse("2006-01-02", lastDay)
	inRound := 0
	for t := start; !t.After(end); t = t.AddDate(0, 0, 1) {
		d := t.Format("2006-01-02")
		p.days = append(p.days, d)
		for _, rd := range sc.Rounds {
			if rd.contains(d) {
				inRound++
				break
			}
		}
	}
	if inRound > 0 {
		p.contestP = min(1, contestRate*float64(len(p.days))/float64(inRound))
	}
	return p
}

// plan decides article number n (1-based) out of total.
func (pl *planner) plan(n, total int) (*plan, error) {
	r, lx := pl.r, pl.lx
	a := &plan{n: n}
	a.date = pick(r, pl.days)
	a.year, _ = strconv.Atoi(a.date[:4])
	a.area = pick(r, pl.sc.Areas)
	var valid []locality
	for _, l := range pl.sc.Localities {
		if l.validOn(a.date) {
			valid = append(valid, l)
		}
	}
	if len(valid) == 0 {
		return nil, fmt.Errorf("no locality of content/_site.yaml is valid on %s", a.date)
	}
	a.loc = pick(r, valid)
	a.village = pick(r, lx.villages)
	a.modelBase = pick(r, lx.modelsFor(a.area))
	switch x := r.IntN(20); {
	case x < 10:
		a.model = a.modelBase
	case x < 14:
		a.model = a.modelBase + " ở " + a.village
	case x < 17:
		a.model = a.modelBase + " " + a.loc.fullName()
	default:
		a.model = "Mô hình " + lowerFirst(a.modelBase)
	}
	a.unit = pick(r, lx.unitsFor(a.area)) + " " + a.loc.fullName()
	a.subject = "ca-nhan"
	if r.Float64() < collective {
		a.subject = "tap-the"
	}
	a.title = pl.title(a)
	slug := vi.Slug(a.title)
	if len(slug) > 80 {
		slug = strings.TrimRight(slug[:80], "-")
	}
	a.file = slug + "-" + strconv.Itoa(n) + ".md"
	a.dir = articleRoot
	if total > perFolder {
		a.dir += fmt.Sprintf("/%03d", (n-1)/perFolder)
	}
	a.author, _ = lx.person(r)
	tags := lx.tagsFor(a.area)
	r.Shuffle(len(tags), func(i, j int) { tags[i], tags[j] = tags[j], tags[i] })
	a.tags = tags[:1+r.IntN(min(4, len(tags)))]
	if r.Float64() < awardRate {
		a.award = "giay-khen"
		if r.IntN(10) < 3 {
			a.award = "bang-khen"
		}
	}
	w := &writer{lx: lx, r: r, a: a}
	if r.Float64() < summaryRate {
		a.summary = upperFirst(w.fill(pick(r, lx.summaries)))
	}
	for _, rd := range pl.sc.Rounds {
		if rd.contains(a.date) && r.Float64() < pl.contestP {
			a.contest = pl.entry(a, rd)
			break
		}
	}
	return a, nil
}

// title makes a capitalised title of 6–12 words.
func (pl *planner) title(a *plan) string {
	r := pl.r
	loc := a.loc.fullName()
	m := a.modelBase
	for range 20 {
		var t string
		if a.subject == "ca-nhan" && r.IntN(2) == 0 {
			name, f := pl.lx.person(r)
			who := upperFirst(honorific(f)) + " " + name
			switch r.IntN(4) {
			case 0:
				t = who + " và mô hình " + lowerFirst(m)
			case 1:
				t = who + ": người giữ lửa " + lowerFirst(m) + " ở " + loc
			case 2:
				t = who + ", người dân vận khéo của " + loc
			default:
				t = "Chuyện " + lowerFirst(who) + " với " + lowerFirst(m)
			}
		} else {
			switch r.IntN(9) {
			case 0:
				t = m + " ở " + loc
			case 1:
				t = m + ": cách làm hay ở " + loc
			case 2:
				t = "Hiệu quả từ mô hình " + lowerFirst(m) + " tại " + loc
			case 3:
				t = loc + " nhân rộng mô hình " + lowerFirst(m)
			case 4:
				t = "Dân vận khéo với mô hình " + lowerFirst(m)
			case 5:
				t = "Lan tỏa mô hình " + lowerFirst(m) + " ở " + loc
			case 6:
				t = "Chuyện " + lowerFirst(m) + " ở " + a.village + ", " + loc
			case 7:
				t = m + " – điểm sáng dân vận khéo của " + loc
			default:
				t = "Khi người dân " + a.village + " cùng làm " + lowerFirst(m)
			}
		}
		if n := countWords(t); n >= 6 && n <= 12 {
			return upperFirst(t)
		}
	}
	return upperFirst("Mô hình dân vận khéo ở " + loc)
}

func (pl *planner) entry(a *plan, rd round) *entry {
	r := pl.r
	medias := []string{"bao-in", "bao-dien-tu", "phat-thanh", "truyen-hinh"}
	e := &entry{round: rd.Round, media: pick(r, medias)}
	outlets := pl.lx.outlets[e.media]
	if len(outlets) == 0 {
		outlets = []string{"Đài Truyền thanh - Truyền hình thành phố Quảng Ngãi"}
	}
	e.outlet = pick(r, outlets)
	e.genre = pick(r, genresFor(e.media))
	e.url = "https://example.org/bai/" + strconv.Itoa(a.n)
	if r.IntN(10) < 7 {
		t, _ := time.Parse("2006-01-02", a.date)
		e.aired = t.AddDate(0, 0, -r.IntN(21)).Format("2006-01-02")
	}
	if e.media == "phat-thanh" || e.media == "truyen-hinh" {
		e.duration = fmt.Sprintf("%d:%02d", 3+r.IntN(23), r.IntN(60))
	}
	if r.IntN(6) == 0 {
		e.prizes = []string{fmt.Sprintf("Giải %s Giải báo chí tỉnh Quảng Ngãi năm %d", pick(r, []string{"A", "B", "C", "Khuyến khích"}), rd.Round-1)}
	}
	return e
}

// frontmatter renders the YAML frontmatter with every string
// double-quoted.
func (a *plan) frontmatter() string {
	var b strings.Builder
	b.WriteString("---\n")
	kv := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	kv("title", quote(a.title))
	kv("date", a.date)
	kv("area", a.area)
	kv("locality", a.loc.Slug)
	kv("model", quote(a.model))
	kv("unit", quote(a.unit))
	kv("subject", a.subject)
	kv("year", strconv.Itoa(a.year))
	if a.summary != "" {
		kv("summary", quote(a.summary))
	}
	kv("author", quote(a.author))
	kv("tags", quoteList(a.tags))
	if a.award != "" {
		kv("award", a.award)
	}
	if e := a.contest; e != nil {
		b.WriteString("contest:\n")
		kv("  round", strconv.Itoa(e.round))
		kv("  outlet", quote(e.outlet))
		kv("  media", e.media)
		kv("  genre", e.genre)
		kv("  url", quote(e.url))
		if e.aired != "" {
			kv("  aired", e.aired)
		}
		if e.duration != "" {
			kv("  duration", quote(e.duration))
		}
		if len(e.prizes) > 0 {
			kv("  prizes", quoteList(e.prizes))
		}
	}
	kv("draft", "false")
	b.WriteString("---\n\n")
	return b.String()
}

// quote writes s as a YAML double-quoted scalar.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quote(x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
