package store

import (
	"github.com/quangngai/danvan/internal/search/analysis"
	"github.com/quangngai/danvan/internal/search/static"
	"github.com/quangngai/danvan/internal/site"
)

// ExportDocs writes the static index of docs (analysed articles of s, in
// site order), going through a bleve index in memory as builds do.
func ExportDocs(s *site.Site, docs []*analysis.Doc, out static.Writer) (*static.Stats, error) {
	st, err := NewMem(nil)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := st.add(docs); err != nil {
		return nil, err
	}
	return st.Export(s, out)
}
