package static

import (
	"bytes"
	"strings"
)

// ClientSource is the browser client's path under static/.
const ClientSource = "js/search.js"

// ShipClient returns the bytes of static/js/search.js as shipped: without
// the lines that are only a comment, without blank lines and indentation.
// The source stays commented for people; the phone downloads the code.
// It relies on what the client never uses: a string or template literal
// spanning lines, a line inside one starting with // or /*. The parity
// and browser tests run the shipped bytes.
func ShipClient(src []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(src))
	inBlock := false
	for line := range strings.SplitSeq(string(src), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case inBlock:
			inBlock = !strings.Contains(t, "*/")
			continue
		case strings.HasPrefix(t, "/*"):
			inBlock = !strings.Contains(t, "*/")
			continue
		case t == "" || strings.HasPrefix(t, "//"):
			continue
		}
		out.WriteString(t)
		out.WriteByte('\n')
	}
	return out.Bytes()
}
