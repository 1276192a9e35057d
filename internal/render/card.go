package render

import (
	"fmt"

	"github.com/quangngai/danvan/internal/site"
)

// Card is an article as layouts/partials/card.html draws it.
type Card struct {
	*site.Article
	Layout string // "lead", "grid" or "row": the CSS layout of the card
	Sizes  string // the sizes attribute of its picture, for that layout
}

// cardSizes mirror static/css/app.css: a lead card is full width on a
// phone; other grid cards and list rows show a 7rem picture beside the
// text on a phone; from 48rem the grid has two columns, from 64rem three
// of about 22rem; list rows show a 12rem picture.
var cardSizes = map[string]string{
	"lead": "(min-width: 64rem) 22rem, (min-width: 48rem) 45vw, 100vw",
	"grid": "(min-width: 64rem) 22rem, (min-width: 48rem) 45vw, 7rem",
	"row":  "(min-width: 48rem) 12rem, 7rem",
}

// card is the template function that makes a Card.
func card(a *site.Article, layout string) (Card, error) {
	sizes, ok := cardSizes[layout]
	if !ok {
		return Card{}, fmt.Errorf("card: no layout %q (want lead, grid or row)", layout)
	}
	return Card{Article: a, Layout: layout, Sizes: sizes}, nil
}
