package vi

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// benchParagraph is about 1 KB of NFC Vietnamese prose.
var benchParagraph = func() string {
	p := "Thực hiện Công văn số 7086/UBND-KGVX ngày 16/11/2017 của Ủy ban nhân dân tỉnh, " +
		"Ủy ban nhân dân thành phố Quảng Ngãi ban hành Kế hoạch tổ chức cuộc thi viết về " +
		"gương điển hình \"Dân vận khéo\" giai đoạn 2017–2020. Các tác phẩm phản ánh, ghi chép, " +
		"phóng sự về những mô hình như \"Bò giống giảm nghèo\", \"Tự phân loại rác thải tại gia đình\" " +
		"ở các phường Trần Hưng Đạo, Nghĩa Chánh, Chánh Lộ và các xã Tịnh Ấn Tây, Nghĩa Dũng. "
	var b strings.Builder
	for b.Len() < 1024 {
		b.WriteString(p)
	}
	s := b.String()
	n := 1024
	for !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}()

// benchOn measures f on s: bytes a second and allocations.
func benchOn[T any](b *testing.B, s string, f func(string) T) {
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		_ = f(s)
	}
}

func BenchmarkFold(b *testing.B) { benchOn(b, benchParagraph, Fold) }

func BenchmarkSlug(b *testing.B) {
	benchOn(b, "Dồn điền, đổi thửa ở xã Nghĩa Dũng", Slug)
}

func BenchmarkNormalizeTone(b *testing.B) { benchOn(b, benchParagraph, NormalizeTone) }

func BenchmarkWords(b *testing.B) { benchOn(b, benchParagraph, Words) }
