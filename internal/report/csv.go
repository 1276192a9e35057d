package report

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// bom is the UTF-8 byte order mark. Excel on Windows opens a CSV file
// without it in the ANSI code page and turns "Nghĩa Dũng" into mojibake;
// with it, Excel reads UTF-8.
const bom = "\ufeff"

// CSV encodes records as a file for download: UTF-8 with a BOM, RFC 4180
// quoting and CRLF line ends, as Excel expects.
func CSV(records [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	// Writing into a bytes.Buffer cannot fail.
	_ = writeCSV(&b, records)
	return b.Bytes()
}

// writeCSV writes records without a BOM (for the terminal, where a BOM is
// noise). Every cell goes through Neutralise.
func writeCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	row := []string(nil)
	for _, rec := range records {
		row = row[:0]
		for _, cell := range rec {
			row = append(row, Neutralise(cell))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Neutralise keeps a spreadsheet from reading a cell as a formula: a cell
// that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, as OWASP advises for CSV injection ("=HYPERLINK(…)" in a
// title would otherwise run in the jury's Excel). A cell that is only a
// number ("+2", "-1", "12%", "3.5") is left as it is: it calls nothing,
// and the report's change column must stay numeric.
func Neutralise(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) || plainNumber(cell) {
		return cell
	}
	return "'" + cell
}

// plainNumber reports whether s is a signed decimal number, possibly a
// percentage.
func plainNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	s = strings.TrimSuffix(s, "%")
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
		case s[i] == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return true
}
