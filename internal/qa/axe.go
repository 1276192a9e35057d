package qa

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/chromedp/chromedp"
)

// AxeSource returns axe-core's browser bundle,
// .ci/node_modules/axe-core/axe.min.js, installed by `npm ci` in .ci/.
func AxeSource() (string, error) {
	p, err := ciModule("axe-core/axe.min.js")
	if err != nil {
		return "", err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// AxeViolation is one axe-core rule that failed, with the elements that
// failed it.
type AxeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []AxeNode `json:"nodes"`
}

// AxeNode is one element that failed a rule.
type AxeNode struct {
	Target  []any  `json:"target"` // CSS selectors; nested arrays for shadow DOM and iframes
	HTML    string `json:"html"`
	Summary string `json:"summary"`
}

func (v AxeViolation) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (%s): %s [%d element(s)] %s", v.ID, v.Impact, v.Help, len(v.Nodes), v.HelpURL)
	for i, n := range v.Nodes {
		if i == 10 {
			fmt.Fprintf(&sb, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&sb, "\n    %v %s", n.Target, oneLine(n.HTML, 160))
		if n.Summary != "" {
			fmt.Fprintf(&sb, "\n      %s", oneLine(n.Summary, 300))
		}
	}
	return sb.String()
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}

// axeRunJS runs every axe rule that is on by default (WCAG 2.x A and AA and
// the best practices, such as one main landmark and a level-one heading)
// and keeps only what a failure message needs.
const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
  nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary || ''})),
})))`

// RunAxe injects axe-core (src, from [AxeSource]) into the page of the
// chromedp context ctx and returns the violations of any impact.
func RunAxe(ctx context.Context, src string) ([]AxeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %w", err)
	}
	return v, nil
}
