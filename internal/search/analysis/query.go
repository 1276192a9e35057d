package analysis

// QueryWords analyses a query: words deduplicated by folded form (the
// first exact form kept), plus the folded sequence for bigrams.
func QueryWords(q string) (words []Word, seq []string) {
	seen := map[string]bool{}
	for _, w := range Analyze(q) {
		seq = append(seq, w.Fold)
		if !seen[w.Fold] {
			seen[w.Fold] = true
			words = append(words, w)
		}
	}
	return words, seq
}
