package bench

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/quangngai/danvan/internal/site"
	"github.com/quangngai/danvan/internal/vi"
)

// The relevance benchmark asks known-item questions made from a corpus's
// own articles, as a citizen would type them, and judges each ranked list
// by its k-th result: does that article answer the question? Every engine
// gets the same queries on the same corpus.
//
// Forms of a query, made from one article (its source):
//
//   - FormTitle: the 3 or 4 rarest distinct syllables of its title (by the
//     number of articles holding them), in title order, as written;
//   - FormFolded: the same without diacritics ("tinh khe" for "Tịnh Khê");
//   - FormModel: its model name (the `model` field) as written;
//   - FormTypo: FormFolded with one letter of its longest word (5 letters
//     or more) deleted, inserted, replaced or swapped with the next;
//   - FormWardModel: the name of its locality and two adjacent syllables of
//     its model, when its title holds both ("tinh khe camera an");
//   - FormName, FormNameFolded: a name made of two very common syllables
//     that are never adjacent in the corpus, planted in an article's title
//     (PlantNames), with and without diacritics.
//
// A result answers a query when its folded title holds the query's words
// in order (other words may come between): the source's words, before the
// typo. For FormModel its model name counts as well as the title, a
// leading "mô hình" left out of both (editors write "Mô hình X" and "X"
// for one model); for
// FormWardModel both the locality's words and the model's words must be in
// the title; for the planted names only the planted article answers.
const (
	FormTitle      = "title words"
	FormFolded     = "title words, no diacritics"
	FormModel      = "model name"
	FormTypo       = "one-letter typo"
	FormWardModel  = "ward + 2 words of the model"
	FormName       = "planted name"
	FormNameFolded = "planted name, no diacritics"
)

// Forms lists the forms in the order reports show them.
var Forms = []string{FormTitle, FormFolded, FormModel, FormTypo, FormWardModel, FormName, FormNameFolded}

// KnownItem is one query with what answers it.
type KnownItem struct {
	Form   string
	Query  string     // as typed
	Source string     // URL of the article it was made from
	Want   [][]string // folded word sequences the title must hold in order (all of them)
	Model  []string   // FormModel: the folded model, which answers as well as the title
	URL    string     // planted names: the one article that answers
}

// Answers reports whether article a answers the query.
func (k *KnownItem) Answers(a *site.Article) bool {
	if k.URL != "" {
		return a.URL == k.URL
	}
	title := foldedWords(a.Title)
	if k.Model != nil && inOrder(withoutMoHinh(foldedWords(a.Model)), withoutMoHinh(k.Model)) {
		return true
	}
	for _, w := range k.Want {
		if !inOrder(title, w) {
			return false
		}
	}
	return true
}

// withoutMoHinh drops a leading "mo hinh" from folded words.
func withoutMoHinh(ws []string) []string {
	if len(ws) > 2 && ws[0] == "mo" && ws[1] == "hinh" {
		return ws[2:]
	}
	return ws
}

// foldedWords returns the folded syllables of s.
func foldedWords(s string) []string {
	ws := vi.Words(vi.NFC(s))
	for i, w := range ws {
		ws[i] = vi.Fold(w)
	}
	return ws
}

// inOrder reports whether want is a subsequence of have.
func inOrder(have, want []string) bool {
	i := 0
	for _, w := range have {
		if i < len(want) && w == want[i] {
			i++
		}
	}
	return i == len(want)
}

// KnownItems makes up to per queries of each article form (FormTitle to
// FormWardModel) from the articles of s, drawn in an order fixed by seed.
func KnownItems(s *site.Site, per int, seed uint64) []KnownItem {
	df := map[string]int{}
	for _, a := range s.Articles {
		seen := map[string]bool{}
		for _, f := range [][]string{foldedWords(a.Title), foldedWords(a.Model), foldedWords(a.Unit), foldedWords(a.Summary), foldedWords(bodyText(a))} {
			for _, w := range f {
				if !seen[w] {
					seen[w] = true
					df[w]++
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	order := r.Perm(len(s.Articles))
	count := map[string]int{}
	var out []KnownItem
	add := func(k KnownItem, ok bool) {
		if ok && count[k.Form] < per {
			count[k.Form]++
			out = append(out, k)
		}
	}
	for n, i := range order {
		a := s.Articles[i]
		words, folded, ok := rarestTitleWords(a.Title, df, 3+n%2)
		add(KnownItem{Form: FormTitle, Query: strings.Join(words, " "), Source: a.URL, Want: [][]string{folded}}, ok)
		add(KnownItem{Form: FormFolded, Query: strings.Join(folded, " "), Source: a.URL, Want: [][]string{folded}}, ok)
		if ok {
			typo, tok := withTypo(folded, r)
			add(KnownItem{Form: FormTypo, Query: strings.Join(typo, " "), Source: a.URL, Want: [][]string{folded}}, tok)
		}
		if m := strings.TrimSpace(a.Model); m != "" {
			add(KnownItem{Form: FormModel, Query: m, Source: a.URL, Want: [][]string{foldedWords(m)}, Model: foldedWords(m)}, true)
		}
		add(wardModel(a, df))
		if len(count) == 5 && count[FormTitle] == per && count[FormFolded] == per && count[FormTypo] == per && count[FormModel] == per && count[FormWardModel] == per {
			break
		}
	}
	return out
}

// rarestTitleWords returns the k rarest distinct syllables of title (ties
// to the earlier one), in title order, as written and folded.
func rarestTitleWords(title string, df map[string]int, k int) (words, folded []string, ok bool) {
	type w struct {
		pos        int
		word, fold string
		df         int
	}
	var ws []w
	seen := map[string]bool{}
	for i, x := range vi.Words(vi.NFC(title)) {
		f := vi.Fold(x)
		if seen[f] {
			continue
		}
		seen[f] = true
		ws = append(ws, w{i, x, f, df[f]})
	}
	if len(ws) < k {
		return nil, nil, false
	}
	slices.SortStableFunc(ws, func(a, b w) int { return cmp.Compare(a.df, b.df) })
	ws = ws[:k]
	slices.SortFunc(ws, func(a, b w) int { return cmp.Compare(a.pos, b.pos) })
	for _, x := range ws {
		words = append(words, x.word)
		folded = append(folded, x.fold)
	}
	return words, folded, true
}

// withTypo returns words with one letter of the longest word of 5 letters
// or more changed (ties to the first): deleted, inserted, replaced, or
// swapped with the next letter.
func withTypo(words []string, r *rand.Rand) ([]string, bool) {
	best := -1
	for i, w := range words {
		if len(w) >= 5 && (best < 0 || len(w) > len(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil, false
	}
	w := []byte(words[best])
	const letters = "abcdefghiklmnopqrstuvxy"
	// Not the first letter: people seldom get it wrong, and every
	// engine's prefix lookup depends on it.
	p := 1 + r.IntN(len(w)-1)
	var t []byte
	for {
		switch r.IntN(4) {
		case 0:
			t = slices.Concat(w[:p], w[p+1:])
		case 1:
			t = slices.Concat(w[:p], []byte{letters[r.IntN(len(letters))]}, w[p:])
		case 2:
			t = slices.Concat(w[:p], []byte{letters[r.IntN(len(letters))]}, w[p+1:])
		default:
			if p+1 >= len(w) {
				continue
			}
			t = slices.Concat(w[:p], []byte{w[p+1], w[p]}, w[p+2:])
		}
		if string(t) != string(w) {
			break
		}
	}
	out := slices.Clone(words)
	out[best] = string(t)
	return out, true
}

// wardModel makes the FormWardModel query of a: its locality's name and
// the rarest pair of adjacent model syllables that its title holds.
func wardModel(a *site.Article, df map[string]int) (KnownItem, bool) {
	if a.LocalityRef == nil {
		return KnownItem{}, false
	}
	ward := foldedWords(a.LocalityRef.Name)
	title, model := foldedWords(a.Title), foldedWords(a.Model)
	if len(ward) == 0 || !inOrder(title, ward) {
		return KnownItem{}, false
	}
	best, bestDF := -1, 0
	for i := 0; i+1 < len(model); i++ {
		pair := model[i : i+2]
		if slices.Contains(ward, pair[0]) || slices.Contains(ward, pair[1]) || !adjacent(title, pair) {
			continue
		}
		if d := df[pair[0]] + df[pair[1]]; best < 0 || d < bestDF {
			best, bestDF = i, d
		}
	}
	if best < 0 {
		return KnownItem{}, false
	}
	pair := model[best : best+2]
	q := strings.Join(append(slices.Clone(ward), pair...), " ")
	return KnownItem{Form: FormWardModel, Query: q, Source: a.URL, Want: [][]string{ward, pair}}, true
}

// adjacent reports whether pair occurs as two adjacent words of ws.
func adjacent(ws, pair []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == pair[0] && ws[i+1] == pair[1] {
			return true
		}
	}
	return false
}

// PlantedName is an article to add to a corpus under a name made of two
// common syllables, with its two queries.
type PlantedName struct {
	Name  string // "Dân Hội"
	File  string // path under the site root
	Data  []byte // the Markdown file
	URL   string // its URL once built
	Items []KnownItem
}

// PlantNames makes k articles whose titles carry a name of two syllables
// that are each in a third of the articles of s or more but never adjacent
// in that order (a hamlet or a person nobody else writes about): the case
// where a capped list of a very common word can drop the one article that
// holds the exact pair. Each is a copy of an article of s (its body,
// area, locality) with the name in the title and once in the text, so it
// is as long as the others and no more about its name than a real one.
// srcFile returns the Markdown source of an article of s.
func PlantNames(s *site.Site, k int, seed uint64, srcFile func(*site.Article) ([]byte, error)) ([]PlantedName, error) {
	n := len(s.Articles)
	df := map[string]int{}
	forms := map[string]map[string]int{} // folded → written form (lowercase) → count
	pairs := map[[2]string]bool{}
	for _, a := range s.Articles {
		seen := map[string]bool{}
		for _, text := range []string{a.Title, a.Model, a.Unit, a.Summary, bodyText(a)} {
			ws := vi.Words(vi.NFC(text))
			prev := ""
			for _, w := range ws {
				f := vi.Fold(w)
				if !seen[f] {
					seen[f] = true
					df[f]++
				}
				if forms[f] == nil {
					forms[f] = map[string]int{}
				}
				forms[f][vi.Lower(w)]++
				if prev != "" {
					pairs[[2]string{prev, f}] = true
				}
				prev = f
			}
		}
	}
	var common []string
	for f, d := range df {
		if d*3 >= n && utf8.RuneCountInString(f) >= 2 && strings.Trim(f, "abcdefghijklmnopqrstuvwxyz") == "" {
			common = append(common, f)
		}
	}
	slices.Sort(common)
	r := rand.New(rand.NewPCG(seed, 0x9a3e))
	r.Shuffle(len(common), func(i, j int) { common[i], common[j] = common[j], common[i] })
	written := func(f string) string {
		best, bc := f, -1
		for w, c := range forms[f] {
			if c > bc || c == bc && w < best {
				best, bc = w, c
			}
		}
		r, size := utf8.DecodeRuneInString(best)
		return strings.ToUpper(string(r)) + best[size:]
	}
	var out []PlantedName
	used := map[string]bool{}
	for i := 0; i < len(common) && len(out) < k; i++ {
		for j := 0; j < len(common) && len(out) < k; j++ {
			a, b := common[i], common[j]
			if a == b || used[a] || used[b] || pairs[[2]string{a, b}] {
				continue
			}
			used[a], used[b] = true, true
			src := s.Articles[r.IntN(n)]
			data, err := srcFile(src)
			if err != nil {
				return nil, err
			}
			name := written(a) + " " + written(b)
			slug := fmt.Sprintf("ten-rieng-%s-%s-%d", a, b, len(out)+1)
			// Beside its source: its links are relative to its folder.
			p := PlantedName{Name: name, File: path.Dir(src.Path) + "/" + slug + ".md", URL: "/bai-viet/" + slug + "/"}
			if p.Data, err = plantInto(data, "Chuyện ở thôn "+name, slug, "Người dân thôn "+name+" kể lại câu chuyện này."); err != nil {
				return nil, fmt.Errorf("%s: %w", src.URL, err)
			}
			p.Items = []KnownItem{
				{Form: FormName, Query: name, Source: p.URL, URL: p.URL},
				{Form: FormNameFolded, Query: vi.Fold(vi.Lower(name)), Source: p.URL, URL: p.URL},
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// plantInto rewrites a Markdown article: the title, the slug and the
// aliases replaced, the draft flag dropped, and a first paragraph added.
func plantInto(src []byte, title, slug, para string) ([]byte, error) {
	s := string(src)
	if !strings.HasPrefix(s, "---\n") {
		return nil, fmt.Errorf("no frontmatter")
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		return nil, fmt.Errorf("no end of frontmatter")
	}
	fm, body := s[4:4+end], s[4+end+5:]
	var lines []string
	for _, l := range strings.Split(fm, "\n") {
		key, _, _ := strings.Cut(l, ":")
		switch key {
		case "title", "slug", "aliases", "draft":
			continue
		}
		lines = append(lines, l)
	}
	lines = append([]string{fmt.Sprintf("title: %q", title), "slug: " + slug}, lines...)
	return []byte("---\n" + strings.Join(lines, "\n") + "\n---\n\n" + para + "\n\n" + body), nil
}

// Judged is one query's ranked list, judged.
type Judged struct {
	Item KnownItem
	Rank int      // 1-based rank of the first result that answers it, 0 if none in the list
	Top  []string // URLs of the results, best first
}

// FormScore sums up one form of query for one engine.
type FormScore struct {
	Form            string
	N               int
	At1, At5, MRR10 float64
	Misses          []Judged // queries not answered first
}

// Judge ranks each item with rank (URLs, best first) and judges the lists
// with the articles of s.
func Judge(s *site.Site, items []KnownItem, rank func(q string) ([]string, error)) ([]Judged, error) {
	byURL := map[string]*site.Article{}
	for _, a := range s.Articles {
		byURL[URLKey(a.URL)] = a
	}
	out := make([]Judged, len(items))
	for i, k := range items {
		top, err := rank(k.Query)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", k.Query, err)
		}
		out[i] = Judged{Item: k, Top: top}
		for r, u := range top {
			if a := byURL[URLKey(u)]; a != nil && k.Answers(a) {
				out[i].Rank = r + 1
				break
			}
		}
	}
	return out, nil
}

// pathKey is the last segment of a URL path: danvan's /bai-viet/<slug>/ and
// Hugo's /bai-viet/<folder>/<slug>/ name an article alike.
func URLKey(u string) string {
	u = strings.TrimSuffix(u, "/")
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		u = u[i+1:]
	}
	return strings.TrimSuffix(u, ".html")
}

// Score sums judged lists up by form, in the order of Forms.
func Score(js []Judged) []FormScore {
	by := map[string]*FormScore{}
	for _, j := range js {
		f := by[j.Item.Form]
		if f == nil {
			f = &FormScore{Form: j.Item.Form}
			by[j.Item.Form] = f
		}
		f.N++
		if j.Rank == 1 {
			f.At1++
		} else {
			f.Misses = append(f.Misses, j)
		}
		if j.Rank >= 1 && j.Rank <= 5 {
			f.At5++
		}
		if j.Rank >= 1 && j.Rank <= 10 {
			f.MRR10 += 1 / float64(j.Rank)
		}
	}
	var out []FormScore
	for _, form := range Forms {
		if f := by[form]; f != nil {
			f.At1 /= float64(f.N)
			f.At5 /= float64(f.N)
			f.MRR10 /= float64(f.N)
			out = append(out, *f)
		}
	}
	return out
}

// bodyText is an article's text for the queries' statistics; a body the
// Markdown cache damaged counts as empty (the build reports it).
func bodyText(a *site.Article) string {
	text, err := a.Text()
	if err != nil {
		return ""
	}
	return text
}
