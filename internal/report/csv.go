package report

import (
	"bytes"
	"encoding/csv"
	"io"
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
// noise).
func writeCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.WriteAll(records); err != nil {
		return err
	}
	return cw.Error()
}
