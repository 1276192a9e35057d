package vi

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var update = flag.Bool("update", false, "rewrite testdata/fold.json from the Go golden table")

// foldVector is one golden vector; the JSON form is read by the browser
// search client's tests too.
type foldVector struct {
	In   string `json:"in"`
	Fold string `json:"fold"`
	Slug string `json:"slug"`
}

const foldJSON = "testdata/fold.json"

var nfd = norm.NFD.String

// foldVectors are the golden Fold/Slug vectors. Keep testdata/fold.json in
// step with `go test ./internal/vi -run TestFoldJSON -update`.
var foldVectors = []foldVector{
	{"Đà Nẵng", "da nang", "da-nang"},
	{nfd("Đà Nẵng"), "da nang", "da-nang"},
	{"đ", "d", "d"},
	{"Đ", "d", "d"},
	{"ĐƯỜNG ĐÊ", "duong de", "duong-de"},
	{"hoà", "hoa", "hoa"},
	{"hòa", "hoa", "hoa"},
	{nfd("hoà"), "hoa", "hoa"},
	{nfd("hòa"), "hoa", "hoa"},
	{"thuỷ", "thuy", "thuy"},
	{"thủy", "thuy", "thuy"},
	{"THUỶ", "thuy", "thuy"},
	{nfd("THỦY"), "thuy", "thuy"},
	{"Quảng Ngãi", "quang ngai", "quang-ngai"},
	{nfd("Quảng Ngãi"), "quang ngai", "quang-ngai"},
	{"Tịnh Ấn Tây", "tinh an tay", "tinh-an-tay"},
	{nfd("Tịnh Ấn Tây"), "tinh an tay", "tinh-an-tay"},
	{"Dồn điền, đổi thửa ở xã Nghĩa Dũng", "don dien, doi thua o xa nghia dung", "don-dien-doi-thua-o-xa-nghia-dung"},
	{nfd("Dồn điền, đổi thửa ở xã Nghĩa Dũng"), "don dien, doi thua o xa nghia dung", "don-dien-doi-thua-o-xa-nghia-dung"},
	{"Dân vận khéo", "dan van kheo", "dan-van-kheo"},
	{"Ban Tuyên giáo và Dân vận", "ban tuyen giao va dan van", "ban-tuyen-giao-va-dan-van"},
	{"Kế hoạch số 01/KH-UBND", "ke hoach so 01/kh-ubnd", "ke-hoach-so-01-kh-ubnd"},
	{"ngày 14 tháng 6 năm 2019", "ngay 14 thang 6 nam 2019", "ngay-14-thang-6-nam-2019"},
	{"Bò giống giảm nghèo", "bo giong giam ngheo", "bo-giong-giam-ngheo"},
	{"Tự phân loại rác thải tại gia đình", "tu phan loai rac thai tai gia dinh", "tu-phan-loai-rac-thai-tai-gia-dinh"},
	{"aàảãáạ ăằẳẵắặ âầẩẫấậ", "aaaaaa aaaaaa aaaaaa", "aaaaaa-aaaaaa-aaaaaa"},
	{"AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ", "aaaaaa aaaaaa aaaaaa", "aaaaaa-aaaaaa-aaaaaa"},
	{"eèẻẽéẹ êềểễếệ EÈẺẼÉẸ ÊỀỂỄẾỆ", "eeeeee eeeeee eeeeee eeeeee", "eeeeee-eeeeee-eeeeee-eeeeee"},
	{"iìỉĩíị IÌỈĨÍỊ yỳỷỹýỵ YỲỶỸÝỴ", "iiiiii iiiiii yyyyyy yyyyyy", "iiiiii-iiiiii-yyyyyy-yyyyyy"},
	{"oòỏõóọ ôồổỗốộ ơờởỡớợ", "oooooo oooooo oooooo", "oooooo-oooooo-oooooo"},
	{"OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ", "oooooo oooooo oooooo", "oooooo-oooooo-oooooo"},
	{"uùủũúụ ưừửữứự UÙỦŨÚỤ ƯỪỬỮỨỰ", "uuuuuu uuuuuu uuuuuu uuuuuu", "uuuuuu-uuuuuu-uuuuuu-uuuuuu"},
	{nfd("ăâêôơưđ ĂÂÊÔƠƯĐ"), "aaeooud aaeooud", "aaeooud-aaeooud"},
	// Marks in non-canonical order: NFC reorders them first.
	{"A\u0302\u0323", "a", "a"},
	{"a\u0323\u0302", "a", "a"},
	// A mark with no precomposed letter is dropped.
	{"q\u0301", "q", "q"},
	// Icelandic Ð, a common stand-in for Đ in legacy-converted text.
	{"ÐÀ NẴNG", "da nang", "da-nang"},
	{"Café Crème, Ångström, naïve", "cafe creme, angstrom, naive", "cafe-creme-angstrom-naive"},
	{"İstanbul", "istanbul", "istanbul"},
	{"Straße", "straße", "stra-e"},
	{"Hà Nội – 東京", "ha noi – 東京", "ha-noi"},
	{"  --Xin chào, THẾ GIỚI!--  ", "  --xin chao, the gioi!--  ", "xin-chao-the-gioi"},
	{"Đ-đ__Đ", "d-d__d", "d-d-d"},
	{"", "", ""},
	{"!!! …", "!!! …", ""},
	{"東京", "東京", ""},
}

func TestFoldGolden(t *testing.T) {
	for _, v := range foldVectors {
		if got := Fold(v.In); got != v.Fold {
			t.Errorf("Fold(%+q) = %q, want %q", v.In, got, v.Fold)
		}
		if got := Slug(v.In); got != v.Slug {
			t.Errorf("Slug(%+q) = %q, want %q", v.In, got, v.Slug)
		}
	}
}

// TestFoldEquivalences checks spellings that must fold alike.
func TestFoldEquivalences(t *testing.T) {
	groups := [][]string{
		{"hoà", "hòa", "HOÀ", "Hòa", nfd("hoà"), nfd("HÒA"), "hoa"},
		{"thuỷ", "thủy", "THUỶ", nfd("thủy"), "thuy"},
		{"Đà Nẵng", "đà nẵng", "Da Nang", "ÐÀ NẴNG", nfd("Đà Nẵng"), "da nang"},
		{"Tịnh Ấn Tây", "tinh an tay", nfd("TỊNH ẤN TÂY")},
	}
	for _, g := range groups {
		want := Fold(g[0])
		for _, s := range g[1:] {
			if got := Fold(s); got != want {
				t.Errorf("Fold(%+q) = %q, want %q (as Fold(%q))", s, got, want, g[0])
			}
		}
	}
}

// TestFoldRuneTable checks every rune of the Vietnamese alphabet and the
// properties of the whole lookup table.
func TestFoldRuneTable(t *testing.T) {
	want := map[rune]string{
		'a': "aàảãáạăằẳẵắặâầẩẫấậAÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬ",
		'd': "dđDĐÐðƉɖ",
		'e': "eèẻẽéẹêềểễếệEÈẺẼÉẸÊỀỂỄẾỆ",
		'i': "iìỉĩíịIÌỈĨÍỊ",
		'o': "oòỏõóọôồổỗốộơờởỡớợOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ",
		'u': "uùủũúụưừửữứựUÙỦŨÚỤƯỪỬỮỨỰ",
		'y': "yỳỷỹýỵYỲỶỸÝỴ",
	}
	for base, rs := range want {
		for _, r := range rs {
			if got := FoldRune(r); got != base {
				t.Errorf("FoldRune(%q) = %q, want %q", r, got, base)
			}
		}
	}
	for r := rune(0); r <= 0x2FFF; r++ {
		f := FoldRune(r)
		if ff := FoldRune(f); ff != f {
			t.Errorf("FoldRune not idempotent at %U: %U then %U", r, f, ff)
		}
		if r >= 0x80 && r < foldLo && f != r {
			t.Errorf("FoldRune(%U) = %U, want unchanged", r, f)
		}
		// Fold hands FoldRune NFC text only.
		if norm.NFC.IsNormalString(string(r)) && !isStripMark(f) && !norm.NFC.IsNormalString(string(f)) {
			t.Errorf("FoldRune(%U) = %U is not NFC", r, f)
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		if got := FoldRune(c); got != c+32 {
			t.Errorf("FoldRune(%q) = %q", c, got)
		}
	}
	if got := FoldRune('Ἀ'); got != 'ἀ' { // outside the table: lowercase only
		t.Errorf("FoldRune(Ἀ) = %q", got)
	}
}

func TestFoldNoAllocASCII(t *testing.T) {
	s := "already folded ascii text 123"
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of lowercase ASCII allocates %v times", n)
	}
	v := "Tịnh Ấn Tây"
	if n := testing.AllocsPerRun(100, func() { _ = NFC(v) }); n != 0 {
		t.Errorf("NFC of NFC text allocates %v times", n)
	}
	// NFCBytes hands NFC text back as it is: no copy of a whole file.
	b := []byte(v)
	if got := NFCBytes(b); &got[0] != &b[0] || len(got) != len(b) {
		t.Error("NFCBytes of NFC text returned a copy")
	}
}

func TestNFCAndLower(t *testing.T) {
	tests := []struct{ in, nfc, lower string }{
		{"", "", ""},
		{"ABC", "ABC", "abc"},
		{nfd("Đà Nẵng"), "Đà Nẵng", "đà nẵng"},
		{"Tịnh Ấn Tây", "Tịnh Ấn Tây", "tịnh ấn tây"},
		{"THUỶ", "THUỶ", "thuỷ"},
		// J + caron has no precomposed capital, but ǰ (U+01F0) exists.
		{"J\u030C", "J\u030C", "\u01F0"},
		{"A\u0302\u0323", "Ậ", "ậ"},
	}
	for _, tt := range tests {
		if got := NFC(tt.in); got != tt.nfc {
			t.Errorf("NFC(%+q) = %+q, want %+q", tt.in, got, tt.nfc)
		}
		if got := NFCBytes([]byte(tt.in)); string(got) != tt.nfc {
			t.Errorf("NFCBytes(%+q) = %+q, want %+q", tt.in, got, tt.nfc)
		}
		if got := Lower(tt.in); got != tt.lower {
			t.Errorf("Lower(%+q) = %+q, want %+q", tt.in, got, tt.lower)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,.; ", nil},
		{"Đà Nẵng, 14/6/2019", []string{"Đà", "Nẵng", "14", "6", "2019"}},
		{nfd("Đà Nẵng"), []string{nfd("Đà"), nfd("Nẵng")}},
		{"Kế hoạch 01/KH-UBND (2018)", []string{"Kế", "hoạch", "01", "KH", "UBND", "2018"}},
		{"\u0301 lẻ", []string{"lẻ"}}, // a mark with no letter before it is no word
		{"xã—phường…thôn", []string{"xã", "phường", "thôn"}},
		{"東京 ok", []string{"東京", "ok"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%+q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := CountWords(tt.in); got != len(tt.want) {
			t.Errorf("CountWords(%+q) = %d, want %d", tt.in, got, len(tt.want))
		}
		if got := slices.Collect(EachWord(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("EachWord(%+q) yields %q, want %q", tt.in, got, tt.want)
		}
		for w := range EachWord(tt.in) { // stopping early stops it
			if w != tt.want[0] {
				t.Errorf("EachWord(%+q) yields %q first, want %q", tt.in, w, tt.want[0])
			}
			break
		}
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct{ words, want int }{
		{-3, 1}, {0, 1}, {1, 1}, {199, 1}, {200, 1}, {201, 2}, {400, 2}, {401, 3}, {1000, 5},
	}
	for _, tt := range tests {
		if got := ReadingMinutes(tt.words); got != tt.want {
			t.Errorf("ReadingMinutes(%d) = %d, want %d", tt.words, got, tt.want)
		}
	}
}

// marshalFoldJSON renders the vectors one per line, with combining marks
// written as \u escapes so that no editor can normalise the NFD inputs away.
func marshalFoldJSON(vs []foldVector) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[\n")
	for i, v := range vs {
		line, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		for _, r := range string(line) {
			if isMark(r) && r <= 0xFFFF {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
		if i < len(vs)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]\n")
	return b.Bytes(), nil
}

// TestFoldJSON keeps testdata/fold.json, shared with the browser search
// client's tests, equal to foldVectors.
func TestFoldJSON(t *testing.T) {
	want, err := marshalFoldJSON(foldVectors)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(foldJSON), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(foldJSON, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(foldJSON)
	if err != nil {
		t.Fatal(err)
	}
	var vs []foldVector
	if err := json.Unmarshal(got, &vs); err != nil {
		t.Fatalf("%s: %v", foldJSON, err)
	}
	if !slices.Equal(vs, foldVectors) {
		t.Fatalf("%s is out of date: run go test ./internal/vi -run TestFoldJSON -update", foldJSON)
	}
	nfdInputs := 0
	for _, v := range vs {
		if !utf8.ValidString(v.In) {
			t.Errorf("%s: invalid UTF-8 in %+q", foldJSON, v.In)
		}
		if !norm.NFC.IsNormalString(v.In) {
			nfdInputs++
		}
	}
	if nfdInputs < 5 {
		t.Errorf("%s has %d non-NFC inputs, want at least 5", foldJSON, nfdInputs)
	}
}

// Invalid UTF-8 (a truncated upload, a Latin-1 file) never panics: NFC
// keeps bytes it cannot read (no data lost), and every function whose result
// is indexed or compared gives a definite, valid result.
func TestInvalidUTF8(t *testing.T) {
	in := "Đà\xff Nẵng\xc3"
	if got := NFC(in); got != in {
		t.Errorf("NFC(%+q) = %+q, want it unchanged", in, got)
	}
	if got, want := Fold(in), "da\uFFFD nang\uFFFD"; got != want {
		t.Errorf("Fold(%+q) = %+q, want %+q", in, got, want)
	}
	if got, want := Slug(in), "da-nang"; got != want {
		t.Errorf("Slug(%+q) = %q, want %q", in, got, want)
	}
	// Each invalid byte becomes U+FFFD; Words splits there.
	if got, want := Lower(in), "đà\uFFFD nẵng\uFFFD"; got != want {
		t.Errorf("Lower(%+q) = %+q, want %+q", in, got, want)
	}
	if got, want := NormalizeTone(in), "đà\uFFFD nẵng\uFFFD"; got != want {
		t.Errorf("NormalizeTone(%+q) = %+q, want %+q", in, got, want)
	}
	if got, want := strings.Join(Words(in), "|"), "Đà|Nẵng"; got != want {
		t.Errorf("Words(%+q) = %q, want %q", in, got, want)
	}
}
