package content

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// MaxSitePath is the longest old address (alias) accepted, in bytes.
const MaxSitePath = 512

// sitePathPunct are the punctuation marks an old address may hold besides
// letters, digits and "/": nothing Netlify's _redirects file gives a
// meaning (`*` splat, `:` placeholder, `!` force, `#` comment, spaces
// between fields) and nothing that ends a path (`?`, `#`).
const sitePathPunct = "-._~%+,()'@&=$;"

// CheckSitePath returns why p cannot be an old address of the site (an
// alias, written as one line of _redirects), or "" when it can: a path of
// this site starting with "/", made of letters, digits, "/" and
// sitePathPunct, without empty, "." or ".." segments. This is the one rule
// for every value that goes into a generated config line; the writer of
// _redirects checks it again.
func CheckSitePath(p string) string {
	switch {
	case p == "":
		return "đường dẫn trống"
	case len(p) > MaxSitePath:
		return fmt.Sprintf("dài %d byte, quá giới hạn %d", len(p), MaxSitePath)
	case strings.HasPrefix(p, "//") || !strings.HasPrefix(p, "/") && strings.Contains(p, "://"):
		return "là địa chỉ của một trang web khác; đường dẫn cũ phải là đường dẫn trong chính trang này"
	case !strings.HasPrefix(p, "/"):
		return "không bắt đầu bằng dấu /"
	}
	for i, r := range p {
		switch {
		case r == '\n' || r == '\r':
			return fmt.Sprintf("có dấu xuống dòng ở vị trí %d", i)
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			return fmt.Sprintf("có khoảng trắng %q ở vị trí %d (kể cả khoảng trắng không ngắt dòng)", r, i)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return fmt.Sprintf("có ký tự điều khiển hoặc ký tự ẩn %q ở vị trí %d", r, i)
		case r == '/' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		case r < unicode.MaxASCII && strings.ContainsRune(sitePathPunct, r):
			if r == '%' && !percentEscape(p[i:]) {
				return fmt.Sprintf("dấu %% ở vị trí %d không theo sau bởi hai chữ số thập lục phân", i)
			}
		default:
			return fmt.Sprintf("có ký tự %q ở vị trí %d, không dùng được trong đường dẫn cũ", r, i)
		}
	}
	for _, seg := range strings.Split(p[1:], "/") {
		switch seg {
		case ".", "..":
			return fmt.Sprintf("có đoạn %q (đường dẫn phải viết thẳng, không dùng . hay ..)", seg)
		}
	}
	if strings.Contains(p, "//") {
		return "có hai dấu / liền nhau"
	}
	return ""
}

// percentEscape reports whether s starts with "%" and two hex digits.
func percentEscape(s string) bool {
	hex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	return len(s) >= 3 && s[0] == '%' && hex(s[1]) && hex(s[2])
}

// SitePathKey is the form two site paths are compared in, so that every
// pair that could reach the same page is caught: a trailing slash is
// optional on Netlify, and letter case is ignored (stricter than needed
// where a host tells case apart, never looser).
func SitePathKey(p string) string {
	return strings.ToLower(strings.TrimSuffix(p, "/"))
}

// CheckBaseURL returns why u cannot be the site's address (base_url in
// content/_site.yaml, or --base-url), or "" when it can: an absolute http
// or https address, which robots.txt, feeds and canonical links repeat,
// so it must be one plain line.
func CheckBaseURL(u string) string {
	for i, r := range u {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Zs, r) {
			return fmt.Sprintf("có khoảng trắng hoặc ký tự điều khiển %q ở vị trí %d", r, i)
		}
	}
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" || pu.User != nil || pu.RawQuery != "" || pu.Fragment != "" {
		return "không phải địa chỉ trang web đầy đủ dạng https://ten-mien/ (không có ?, # hay tên đăng nhập)"
	}
	return ""
}
