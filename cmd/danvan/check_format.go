package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/quangngai/danvan/internal/content"
)

// checkFormats are the output formats of `danvan check`.
var checkFormats = []string{"text", "json", "github"}

// writeProblems prints problems in the chosen format:
//   - text: "file:line: field: message", one per line;
//   - json: an array of objects, for tools;
//   - github: workflow commands, so GitHub Actions annotates the pull
//     request on the exact line.
func writeProblems(w io.Writer, format string, ps content.Problems) error {
	switch format {
	case "json":
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Field    string `json:"field,omitempty"`
			Message  string `json:"message"`
			Severity string `json:"severity"`
		}
		items := make([]item, 0, len(ps))
		for _, p := range ps {
			sev := "error"
			if p.Warning {
				sev = "warning"
			}
			items = append(items, item{p.File, p.Line, p.Field, p.Msg, sev})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(items)
	case "github":
		for _, p := range ps {
			kind := "error"
			if p.Warning {
				kind = "warning"
			}
			props := "file=" + ghProperty(p.File)
			if p.Line > 0 {
				props += fmt.Sprintf(",line=%d", p.Line)
			}
			if p.Field != "" {
				props += ",title=" + ghProperty(content.FieldLabel(p.Field))
			}
			fmt.Fprintf(w, "::%s %s::%s\n", kind, props, ghData(p.Msg))
		}
		return nil
	default:
		for _, p := range ps {
			fmt.Fprintln(w, p.Error())
		}
		return nil
	}
}

// ghData escapes a workflow command message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
