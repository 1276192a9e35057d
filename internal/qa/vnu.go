package qa

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// HTMLError is one error that the Nu HTML Checker reported.
type HTMLError struct {
	File    string // as given to ValidateHTML
	Line    int    // 1-based; 0 when the checker gave none
	Column  int
	Type    string // "error", or "non-document-error" for I/O problems
	Message string
	Extract string // the source around the error
}

func (e HTMLError) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	if e.Extract != "" {
		s += "\n\t" + strings.ReplaceAll(strings.TrimSpace(e.Extract), "\n", "⏎")
	}
	return s
}

// VnuJar returns the path of .ci/node_modules/vnu-jar/build/dist/vnu.jar.
func VnuJar() (string, error) {
	return ciModule("vnu-jar/build/dist/vnu.jar")
}

// JavaPath returns the java binary to run vnu.jar with.
func JavaPath() (string, error) {
	p, err := exec.LookPath("java")
	if err != nil {
		return "", fmt.Errorf("java not found on PATH (install a JRE 17, e.g. apt-get install openjdk-17-jre-headless): %w", err)
	}
	return p, nil
}

// HTMLFiles returns every .html file under root, sorted.
func HTMLFiles(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isHTML(p) {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// vnuBatch bounds the command line of one java process; a few thousand paths
// stay far below the kernel's limit and the JVM starts only once per batch.
const vnuBatch = 2000

// ValidateHTML runs the Nu HTML Checker (java -jar vnu.jar --errors-only
// --format json) over the files, a few thousand per java process, and returns
// every error. An error return means the checker itself could not run.
func ValidateHTML(ctx context.Context, java, jar string, files []string) ([]HTMLError, error) {
	var all []HTMLError
	for start := 0; start < len(files); start += vnuBatch {
		end := min(start+vnuBatch, len(files))
		errs, err := runVnu(ctx, java, jar, files[start:end])
		if err != nil {
			return nil, err
		}
		all = append(all, errs...)
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return all, nil
}

type vnuReport struct {
	Messages []struct {
		Type        string `json:"type"`
		SubType     string `json:"subType"`
		URL         string `json:"url"`
		LastLine    int    `json:"lastLine"`
		FirstLine   int    `json:"firstLine"`
		FirstColumn int    `json:"firstColumn"`
		Message     string `json:"message"`
		Extract     string `json:"extract"`
	} `json:"messages"`
}

func runVnu(ctx context.Context, java, jar string, files []string) ([]HTMLError, error) {
	// vnu reports file:/abs/path URLs; map them back to the names given.
	byAbs := map[string]string{}
	args := []string{"-Xss1m", "-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		byAbs[filepath.Clean(abs)] = f
		args = append(args, abs)
	}
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()

	// The JSON report goes to stderr; Java may print other lines before it.
	out := stderr.Bytes()
	if i := bytes.Index(out, []byte(`{"`)); i >= 0 {
		out = out[i:]
	}
	var rep vnuReport
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&rep); err != nil {
		if runErr == nil {
			runErr = err
		}
		return nil, fmt.Errorf("vnu.jar: %w\nstdout: %s\nstderr: %s", runErr, stdout.String(), stderr.String())
	}
	if runErr != nil && !errors.As(runErr, new(*exec.ExitError)) {
		return nil, fmt.Errorf("vnu.jar: %w", runErr)
	}
	var errs []HTMLError
	for _, m := range rep.Messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			if name, ok := byAbs[filepath.Clean(u.Path)]; ok {
				file = name
			} else {
				file = u.Path
			}
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		errs = append(errs, HTMLError{File: file, Line: line, Column: m.FirstColumn, Type: m.Type, Message: m.Message, Extract: m.Extract})
	}
	return errs, nil
}
