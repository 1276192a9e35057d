package content

import "sort"

// ArticleKeys returns the frontmatter keys an article may use, in
// documentation order; ContestKeys those of its contest entry. Tools that
// write frontmatter (the web editor's generated config) check against them.
func ArticleKeys() []string { return append([]string(nil), articleKeys...) }

// ContestKeys returns the keys of an article's contest entry.
func ContestKeys() []string { return append([]string(nil), contestKeys...) }

// EnumValues returns the slugs a closed-list field accepts, sorted:
// "subject", "award", "contest.media" or "contest.genre". Nil for any other
// field. Labels come from SubjectName, AwardName, MediaName and GenreName.
func EnumValues(field string) []string {
	var m map[string]string
	switch field {
	case "subject":
		m = subjectNames
	case "award":
		m = awardNames
	case "contest.media":
		m = mediaNames
	case "contest.genre":
		m = genreNames
	default:
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
