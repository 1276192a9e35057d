package corpus

import (
	"math/rand/v2"
	"sort"
	"strings"
)

// lexicon holds the split word lists. It is built once per Generate and
// only read afterwards, so workers share it.
type lexicon struct {
	vocab    []string  // ranked vocabulary
	cum      []float64 // cumulative Zipf weights of vocab
	phrases  []string  // place names and set phrases
	headings []string
	models   map[string][]string // area slug → model base names
	tags     map[string][]string // area slug → tags ("*" for all areas)
	units    map[string][]string // area slug → organisation prefixes

	surnames, maleMiddle, femaleMiddle, maleNames, femaleNames []string
	sentences, summaries                                       []string
	villages, roles                                            []string
	outlets                                                    map[string][]string // media → outlets
}

// splitList splits comma- or newline-separated text, trimming blanks.
func splitList(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for _, w := range strings.Split(line, ",") {
			if w = strings.TrimSpace(w); w != "" {
				out = append(out, w)
			}
		}
	}
	return out
}

// splitLines splits newline-separated text (entries may contain commas).
func splitLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// splitKeyed reads "key: a, b, c" lines.
func splitKeyed(s string) map[string][]string {
	m := map[string][]string{}
	for _, line := range splitLines(s) {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		m[strings.TrimSpace(k)] = splitList(v)
	}
	return m
}

func newLexicon() *lexicon {
	lx := &lexicon{
		phrases:      splitList(phrasesText),
		headings:     splitLines(headingsText),
		tags:         splitKeyed(tagsText),
		units:        splitKeyed(unitsText),
		surnames:     splitList(surnamesText),
		maleMiddle:   splitList(maleMiddleText),
		femaleMiddle: splitList(femaleMiddleText),
		maleNames:    splitList(maleNamesText),
		femaleNames:  splitList(femaleNamesText),
		sentences:    splitLines(sentencesText),
		summaries:    splitLines(summariesText),
		villages:     splitList(villagesText),
		roles:        splitList(rolesText),
		outlets:      splitKeyed(outletsText),
		models: map[string][]string{
			"kinh-te":            splitLines(modelsKinhTe),
			"van-hoa-xa-hoi":     splitLines(modelsVanHoa),
			"quoc-phong-an-ninh": splitLines(modelsAnNinh),
			"he-thong-chinh-tri": splitLines(modelsChinhTri),
			"co-quan-nha-nuoc":   splitLines(modelsNhaNuoc),
		},
	}
	seen := map[string]bool{}
	for _, w := range splitList(vocabText + "\n" + vocabText2 + "\n" + vocabText3) {
		if !seen[w] {
			seen[w] = true
			lx.vocab = append(lx.vocab, w)
		}
	}
	// Zipf–Mandelbrot weights 1/(r+q): rank-frequency ~1/r in the tail,
	// with the head flattened so the top word is ~4% of running text (as
	// "của" or "và" are in real Vietnamese) rather than 13%.
	lx.cum = make([]float64, len(lx.vocab))
	total := 0.0
	for i := range lx.vocab {
		total += 1 / (float64(i+1) + zipfShift)
		lx.cum[i] = total
	}
	return lx
}

// zipfShift is q in the Zipf–Mandelbrot law 1/(rank+q).
const zipfShift = 2.7

// word draws one vocabulary entry with a Zipf (1/rank) distribution.
func (lx *lexicon) word(r *rand.Rand) string {
	x := r.Float64() * lx.cum[len(lx.cum)-1]
	i := sort.SearchFloat64s(lx.cum, x)
	if i >= len(lx.vocab) {
		i = len(lx.vocab) - 1
	}
	return lx.vocab[i]
}

// modelsFor returns the model names of an area, or all of them for an
// area the generator does not know (a site with its own areas).
func (lx *lexicon) modelsFor(area string) []string {
	if m := lx.models[area]; len(m) > 0 {
		return m
	}
	var all []string
	for _, k := range []string{"kinh-te", "van-hoa-xa-hoi", "quoc-phong-an-ninh", "he-thong-chinh-tri", "co-quan-nha-nuoc"} {
		all = append(all, lx.models[k]...)
	}
	return all
}

func (lx *lexicon) unitsFor(area string) []string {
	if u := lx.units[area]; len(u) > 0 {
		return u
	}
	return []string{"Ủy ban nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam"}
}

func (lx *lexicon) tagsFor(area string) []string {
	return append(append([]string(nil), lx.tags[area]...), lx.tags["*"]...)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// person returns a generated name and whether it is a woman's.
func (lx *lexicon) person(r *rand.Rand) (string, bool) {
	// Family names are skewed: Nguyễn, Trần, Lê first.
	sur := lx.surnames[min(r.IntN(len(lx.surnames)), r.IntN(len(lx.surnames)))]
	if r.IntN(2) == 0 {
		return sur + " " + pick(r, lx.femaleMiddle) + " " + pick(r, lx.femaleNames), true
	}
	return sur + " " + pick(r, lx.maleMiddle) + " " + pick(r, lx.maleNames), false
}
