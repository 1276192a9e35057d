package render

import (
	"bytes"
	"testing"
)

// bufOutput keeps the one file written to it.
type bufOutput struct{ data []byte }

func (o *bufOutput) WriteFile(_ string, data []byte) error {
	o.data = bytes.Clone(data)
	return nil
}

// TestURLSetIsWriteXML: appendURLSet writes the sitemap byte for byte as
// encoding/xml (writeXML) writes the same urlset, for entries with and
// without a date, values needing escapes (&, <, quotes, a newline, a
// byte that is not UTF-8), and none at all.
func TestURLSetIsWriteXML(t *testing.T) {
	for _, entries := range [][]sitemapURL{
		nil,
		{{Loc: "https://example.org/"}},
		{
			{Loc: "https://example.org/", LastMod: "2019-06-14"},
			{Loc: "https://example.org/bai-viet/a&b<c>/", LastMod: "2020-01-02"},
			{Loc: "https://example.org/'q'/\"d\"/"},
			{Loc: "https://example.org/x\ny\t\r/", LastMod: "2021-12-31"},
			{Loc: "https://example.org/\xff/", LastMod: "x&y"},
			{Loc: "https://example.org/dân-vận/"},
		},
	} {
		var want bufOutput
		if err := writeXML(&want, "/sitemap.xml", urlset{URLs: entries}); err != nil {
			t.Fatal(err)
		}
		if got := appendURLSet(nil, entries); !bytes.Equal(got, want.data) {
			t.Errorf("%d entries:\ngot\n%s\nwant (encoding/xml)\n%s", len(entries), got, want.data)
		}
	}
}
