package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/quangngai/danvan/internal/content"
)

// options is one command's command line. Package flag parses it; the help
// and the errors are danvan's own, in Vietnamese and spelled as the README
// writes them (--base-url, -s), with the defaults in words, because the
// flag package prints English ("string", `(default "public")`, "Usage")
// and one dash before every name.
type options struct {
	cmd     string // "build"
	args    string // what follows in the usage line: `"Tiêu đề"`; "" for nothing
	summary string // what the command does
	fs      *flag.FlagSet
	docs    []flagDoc // in the order of the help
}

// flagDoc is one option as the help shows it.
type flagDoc struct {
	short, long string // "s", "source": either may be empty
	arg         string // the value's name, "THƯ-MỤC"; "" for a switch
	help        string
	def         string // the default, in words; "" for none
}

func newOptions(cmd, args, summary string) *options {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // its English: errors are translated in parse
	fs.Usage = func() {}
	return &options{cmd: cmd, args: args, summary: summary, fs: fs}
}

// text declares a text option under a short and/or long name; def is its
// value when absent, defDoc how the help says it ("" for no default).
func (o *options) text(p *string, short, long, arg, def, defDoc, help string) {
	for _, n := range []string{short, long} {
		if n != "" {
			o.fs.StringVar(p, n, def, help)
		}
	}
	o.docs = append(o.docs, flagDoc{short: short, long: long, arg: arg, help: help, def: defDoc})
}

// number declares a whole-number option.
func (o *options) number(p *int, short, long, arg string, def int, help string) {
	for _, n := range []string{short, long} {
		if n != "" {
			o.fs.IntVar(p, n, def, help)
		}
	}
	d := ""
	if def != 0 {
		d = strconv.Itoa(def)
	}
	o.docs = append(o.docs, flagDoc{short: short, long: long, arg: arg, help: help, def: d})
}

// onOff declares a switch; on by default when def.
func (o *options) onOff(p *bool, long string, def bool, help string) {
	o.fs.BoolVar(p, long, def, help)
	d := ""
	if def {
		d = "bật; tắt bằng --" + long + "=false"
	}
	o.docs = append(o.docs, flagDoc{long: long, help: help, def: d})
}

// source declares -s/--source, which every command takes.
func (o *options) source(p *string) {
	o.text(p, "s", "source", "THƯ-MỤC", ".", "thư mục hiện tại", "thư mục gốc của trang web, nơi có content/, layouts/, static/")
}

// drafts declares --drafts.
func (o *options) drafts(p *bool, def bool) {
	o.onOff(p, "drafts", def, "đưa cả bài nháp (draft: true) vào trang")
}

// parse reads args. It prints the help for -h and --help, or a Vietnamese
// error, and then returns false with the exit code.
func (o *options) parse(args []string, stdout, stderr io.Writer) (bool, int) {
	err := o.fs.Parse(args)
	if err == nil {
		return true, exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		o.help(stdout)
		return false, exitOK
	}
	fmt.Fprintf(stderr, "danvan %s: %s\n", o.cmd, o.explain(err))
	fmt.Fprintf(stderr, "Xem các tùy chọn: danvan help %s\n", o.cmd)
	return false, exitUsage
}

// noArgs refuses words after the options, for commands that take none.
func (o *options) noArgs(stderr io.Writer) bool {
	if o.fs.NArg() == 0 {
		return true
	}
	fmt.Fprintf(stderr, "danvan %s: không nhận %q (lệnh này chỉ nhận các tùy chọn; xem danvan help %s)\n", o.cmd, strings.Join(o.fs.Args(), " "), o.cmd)
	return false
}

var (
	errUndefinedRE = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	errNeedsArgRE  = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	errValueRE     = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*)`)
)

// explain translates an error of package flag.
func (o *options) explain(err error) string {
	msg := err.Error()
	if m := errUndefinedRE.FindStringSubmatch(msg); m != nil {
		s := fmt.Sprintf("không có tùy chọn %s", o.spell(m[1]))
		if c := content.Closest(m[1], o.names()); c != "" {
			s += fmt.Sprintf(" — có phải ý bạn là %s?", o.spell(c))
		}
		return s
	}
	if m := errNeedsArgRE.FindStringSubmatch(msg); m != nil {
		d := o.doc(m[1])
		return fmt.Sprintf("tùy chọn %s cần một giá trị, ví dụ: %s %s", o.spell(m[1]), o.spell(m[1]), d.arg)
	}
	if m := errValueRE.FindStringSubmatch(msg); m != nil {
		d := o.doc(m[2])
		if d.arg == "" {
			return fmt.Sprintf("%s là công tắc: viết %s để bật, hoặc %s=false để tắt, không nhận %q", o.spell(m[2]), o.spell(m[2]), o.spell(m[2]), m[1])
		}
		return fmt.Sprintf("giá trị %q của %s không hợp lệ: cần %s", m[1], o.spell(m[2]), strings.ToLower(d.arg))
	}
	return "dòng lệnh không hợp lệ"
}

// spell writes an option as the README does: -s, --source.
func (o *options) spell(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

func (o *options) names() []string {
	var out []string
	for _, d := range o.docs {
		for _, n := range []string{d.short, d.long} {
			if n != "" {
				out = append(out, n)
			}
		}
	}
	return out
}

func (o *options) doc(name string) flagDoc {
	for _, d := range o.docs {
		if d.short == name || d.long == name {
			return d
		}
	}
	return flagDoc{}
}

// isSwitch reports whether name is an option without a value.
func (o *options) isSwitch(name string) bool {
	f := o.fs.Lookup(name)
	if f == nil {
		return name == "h" || name == "help"
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// help prints the command's usage.
func (o *options) help(w io.Writer) {
	line := "danvan " + o.cmd + " [tùy chọn]"
	if o.args != "" {
		line += " " + o.args
	}
	fmt.Fprintf(w, "Cách dùng: %s\n\n%s\n\nTùy chọn:\n", line, o.summary)
	docs := append(o.docs, flagDoc{short: "h", long: "help", help: "in hướng dẫn này"})
	left := make([]string, len(docs))
	width := 0
	for i, d := range docs {
		var b strings.Builder
		if d.short != "" {
			b.WriteString("-" + d.short)
			if d.long != "" {
				b.WriteString(", ")
			}
		} else {
			b.WriteString("    ")
		}
		if d.long != "" {
			b.WriteString("--" + d.long)
		}
		if d.arg != "" {
			b.WriteString(" " + d.arg)
		}
		left[i] = b.String()
		width = max(width, len([]rune(left[i])))
	}
	for i, d := range docs {
		help := d.help
		if d.def != "" {
			help += " (mặc định: " + d.def + ")"
		}
		fmt.Fprintf(w, "  %s%s  %s\n", left[i], strings.Repeat(" ", width-len([]rune(left[i]))), help)
	}
}
