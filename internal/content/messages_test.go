package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// messagesConfig has two units that share a name (the old and the new
// phường Nghĩa Lộ), as the real _site.yaml does.
const messagesConfig = `title: "Dân vận khéo"
areas:
  - {slug: kinh-te, name: "Kinh tế"}
  - {slug: van-hoa-xa-hoi, name: "Văn hóa - xã hội"}
localities:
  - {slug: nghia-lo, kind: phuong, name: "Nghĩa Lộ", valid_to: 2025-06-30, merged_into: nghia-lo-2025}
  - {slug: nghia-dung, kind: xa, name: "Nghĩa Dũng", valid_to: 2025-06-30, merged_into: nghia-lo-2025}
  - {slug: nghia-lo-2025, kind: phuong, name: "Nghĩa Lộ", valid_from: 2025-07-01}
contest:
  rounds:
    - {round: 2019, from: 2019-01-01, to: 2019-10-31}
`

// article is a valid article with lines replaced: line 2 title, 3 date,
// 4 area, 5 locality, 6 subject, 7 draft.
func article(replace ...string) string {
	src := "---\ntitle: \"Tổ hòa giải\"\ndate: 2019-06-14\narea: kinh-te\nlocality: nghia-lo\nsubject: tap-the\ndraft: false\n---\nNội dung.\n"
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(src, replace[i]) {
			panic("no " + replace[i])
		}
		src = strings.Replace(src, replace[i], replace[i+1], 1)
	}
	return src
}

// Every class of message an editor can meet in an article, with its input
// and the exact text `danvan check` prints. A new message gets a row here.
func TestMessages(t *testing.T) {
	for _, tc := range []struct {
		class string
		src   string
		want  string
	}{
		// Dates: the usual Vietnamese forms get the date to write.
		{"date written day first", article("date: 2019-06-14", "date: 08/05/2020"),
			`a.md:3: ngày đăng: ngày "08/05/2020" viết theo kiểu ngày/tháng/năm (ngày 8 tháng 5 năm 2020) — ý bạn là 2020-05-08? Sửa thành: date: 2020-05-08 (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},
		{"date written in words", article("date: 2019-06-14", "date: ngày 14 tháng 6 năm 2019"),
			`a.md:3: ngày đăng: ngày "ngày 14 tháng 6 năm 2019" viết theo kiểu ngày/tháng/năm (ngày 14 tháng 6 năm 2019) — ý bạn là 2019-06-14? Sửa thành: date: 2019-06-14 (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},
		{"date without zeros", article("date: 2019-06-14", "date: 2019-6-4"),
			`a.md:3: ngày đăng: ngày "2019-6-4" cần đủ hai chữ số cho tháng và ngày — ý bạn là 2019-06-04? Sửa thành: date: 2019-06-04 (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},
		{"month 13", article("date: 2019-06-14", "date: 2024-13-01"),
			`a.md:3: ngày đăng: ngày "2024-13-01" không có thật: không có tháng 13 (tháng từ 1 đến 12) — nếu là ngày 13 tháng 1 năm 2024, sửa thành: date: 2024-01-13 (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},
		{"day past the month's end", article("date: 2019-06-14", "date: 2019-02-30"),
			`a.md:3: ngày đăng: ngày "2019-02-30" không có thật: tháng 2 năm 2019 chỉ có 28 ngày (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},
		{"impossible day-first date", article("date: 2019-06-14", "date: 31/06/2019"),
			`a.md:3: ngày đăng: ngày "31/06/2019" viết theo kiểu ngày/tháng/năm nhưng không có thật: tháng 6 chỉ có 30 ngày (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},
		{"year out of range", article("date: 2019-06-14", "date: 2190-06-14"),
			`a.md:3: ngày đăng: ngày "2190-06-14" có năm 2190 nằm ngoài khoảng 1900–2100: kiểm tra lại năm (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},
		{"unreadable date", article("date: 2019-06-14", "date: hôm qua"),
			`a.md:3: ngày đăng: ngày "hôm qua" không đọc được (được phép: NĂM-THÁNG-NGÀY, ví dụ 2019-06-14)`},

		// Codes of _site.yaml written as names, or mistyped.
		{"locality by name, old unit on the article's date", article("locality: nghia-lo", "locality: Nghĩa Lộ"),
			`a.md:5: địa bàn: "Nghĩa Lộ" là tên địa bàn; ở đây cần mã — ý bạn là nghia-lo (phường Nghĩa Lộ, đến 30/06/2025)? Sửa thành: locality: nghia-lo; cùng tên còn có nghia-lo-2025 (phường Nghĩa Lộ, từ 01/07/2025) (được phép: mã của một phường, xã trong content/_site.yaml, ví dụ nghia-dung)`},
		{"locality by name, new unit on the article's date", article("date: 2019-06-14", "date: 2025-08-01", "locality: nghia-lo", "locality: phuong nghia lo"),
			`a.md:5: địa bàn: "phuong nghia lo" là tên địa bàn; ở đây cần mã — ý bạn là nghia-lo-2025 (phường Nghĩa Lộ, từ 01/07/2025)? Sửa thành: locality: nghia-lo-2025; cùng tên còn có nghia-lo (phường Nghĩa Lộ, đến 30/06/2025) (được phép: mã của một phường, xã trong content/_site.yaml, ví dụ nghia-dung)`},
		{"locality code mistyped", article("locality: nghia-lo", "locality: nghia-dungg"),
			`a.md:5: địa bàn: "nghia-dungg" không có trong danh sách địa bàn của content/_site.yaml — ý bạn là nghia-dung (xã Nghĩa Dũng, đến 30/06/2025)? Sửa thành: locality: nghia-dung (được phép: mã của một phường, xã trong content/_site.yaml, ví dụ nghia-dung)`},
		{"area by name", article("area: kinh-te", "area: Kinh tế"),
			`a.md:4: lĩnh vực: "Kinh tế" là tên lĩnh vực; ở đây cần mã — ý bạn là kinh-te (Kinh tế)? Sửa thành: area: kinh-te (được phép: kinh-te (Kinh tế), van-hoa-xa-hoi (Văn hóa - xã hội))`},
		{"area unknown", article("area: kinh-te", "area: y-te"),
			`a.md:4: lĩnh vực: "y-te" không có trong danh sách lĩnh vực của content/_site.yaml (được phép: kinh-te (Kinh tế), van-hoa-xa-hoi (Văn hóa - xã hội))`},
		{"closed list by name", article("subject: tap-the", "subject: tập thể"),
			`a.md:6: loại mô hình: "tập thể" không có trong danh sách — ý bạn là tap-the (Mô hình tập thể)? Sửa thành: subject: tap-the (được phép: ca-nhan (Tấm gương cá nhân), tap-the (Mô hình tập thể))`},

		// Keys and values of the wrong kind.
		{"missing key", article("date: 2019-06-14\n", ""),
			`a.md:2: ngày đăng: thiếu ngày đăng (bắt buộc); thêm dòng: date: 2019-06-14`},
		{"mistyped key", article("subject: tap-the", "locallity: nghia-lo"),
			`a.md:6: locallity: trường này không có trong mẫu — có phải ý bạn là locality (địa bàn)? Sửa tên trường thành locality (được phép: title, date, lastmod, area, locality, model, unit, subject, year, summary, author, cover, cover_alt, tags, award, contest, slug, aliases, draft)`},
		{"unknown key", article("subject: tap-the", "ghi-chu: x"),
			`a.md:6: ghi-chu: trường này không có trong mẫu; xóa dòng này hoặc sửa tên trường (được phép: title, date, lastmod, area, locality, model, unit, subject, year, summary, author, cover, cover_alt, tags, award, contest, slug, aliases, draft)`},
		{"yes for a boolean", article("draft: false", "draft: có"),
			`a.md:7: bài nháp: "có" không hợp lệ — ý bạn là true? Sửa thành: draft: true (được phép: true hoặc false)`},
		{"number with words", article("subject: tap-the", "year: năm 2019"),
			`a.md:6: năm đăng ký mô hình: "năm 2019" không phải một số — ý bạn là 2019? Sửa thành: year: 2019 (được phép: số nguyên từ 1990 đến 2100)`},
		{"number out of range", article("subject: tap-the", "year: 20199"),
			`a.md:6: năm đăng ký mô hình: "20199" không hợp lệ (được phép: số nguyên từ 1990 đến 2100, ví dụ: year: 2019)`},
		{"list where text goes", article(`title: "Tổ hòa giải"`, `title: [Tổ hòa giải]`),
			`a.md:2: tiêu đề: phải là một đoạn chữ viết trên cùng dòng, không phải một danh sách, ví dụ: title: "Dồn điền, đổi thửa ở xã Nghĩa Dũng"`},
		{"pattern", article("subject: tap-the", "slug: Tổ-Hòa-Giải"),
			`a.md:6: đường dẫn: "Tổ-Hòa-Giải" không hợp lệ (được phép: chữ thường không dấu, số và dấu gạch ngang, ví dụ: slug: don-dien-doi-thua)`},
		{"cover without its description", article("subject: tap-the", "cover: /images/a.jpg"),
			`a.md:6: mô tả ảnh bìa: có ảnh bìa thì cần mô tả ảnh bìa cho người khiếm thị (tả điều ảnh cho thấy, một câu); thêm dòng: cover_alt: "Cánh đồng sau dồn điền"`},
		{"lastmod before date", article("subject: tap-the", "lastmod: 2019-01-02"),
			`a.md:6: ngày cập nhật: ngày cập nhật 02/01/2019 trước ngày đăng 14/06/2019: ngày cập nhật là ngày sửa bài sau khi đăng; sửa lại hoặc xóa dòng lastmod`},
		{"contest date outside its round", article("date: 2019-06-14", "date: 2019-11-14", "draft: false", "draft: false\ncontest:\n  round: 2019\n  outlet: \"Đài\"\n  media: phat-thanh\n  genre: phong-su"),
			`a.md:3: ngày đăng: bài dự thi đợt 2019 phải đăng trong thời gian của đợt, từ 01/01/2019 đến 31/10/2019, nhưng ngày đăng là 14/11/2019: sửa ngày đăng, hoặc chọn đúng đợt thi`},

		// YAML syntax, in the editor's words, on the line of the mistake.
		{"colon in a value", article(`title: "Tổ hòa giải"`, `title: Dân vận khéo: tổ hòa giải`),
			`a.md:2: giá trị có dấu hai chấm (:) mà không nằm trong ngoặc kép; đặt cả giá trị trong ngoặc kép, sửa thành: title: "Dân vận khéo: tổ hòa giải"`},
		{"missing closing quote", article(`title: "Tổ hòa giải"`, `title: "Tổ hòa giải`),
			`a.md:2: thiếu dấu ngoặc kép đóng ở cuối giá trị; sửa thành: title: "Tổ hòa giải"`},
		{"quotes inside quotes", article(`title: "Tổ hòa giải"`, `title: "Tổ "hòa giải" giỏi"`),
			`a.md:2: giá trị có dấu ngoặc kép ở giữa nên bị cắt ngang sau "Tổ "; trong giá trị, dùng ngoặc kép cong “ ” — sửa thành: title: "Tổ “hòa giải” giỏi"`},
		{"tab", article("draft: false", "contest:\n\tround: 2019"),
			`a.md:8: dòng này thụt lề bằng phím tab; YAML chỉ nhận dấu cách: xóa tab, thụt lề bằng dấu cách (hai dấu cách cho mỗi mức, như các dòng trong nhóm contest)`},
		{"no space after the colon", article("date: 2019-06-14", "date:2019-06-14"),
			`a.md:3: thiếu dấu cách sau dấu hai chấm; sửa thành: date: 2019-06-14`},
		{"list not closed", article("subject: tap-the", `tags: ["a", "b"`),
			`a.md:6: danh sách mở bằng [ nhưng thiếu dấu ] đóng; sửa thành: tags: ["a", "b"]`},
		{"key written twice", article("subject: tap-the", "title: B"),
			`a.md:6: tiêu đề (title) được viết hai lần, ở dòng 2 và dòng này: giữ một dòng, xóa dòng kia`},
		{"frontmatter not closed", strings.Replace(article(), "---\nNội", "\nNội", 1),
			"a.md:1: phần đầu mở bằng dòng `---` nhưng không có dòng `---` đóng lại: thêm một dòng `---` sau trường cuối cùng, trước nội dung bài"},
	} {
		t.Run(tc.class, func(t *testing.T) {
			fsys := fstest.MapFS{
				"content/_site.yaml":    {Data: []byte(messagesConfig)},
				"content/bai-viet/a.md": {Data: []byte(tc.src)},
				"static/images/a.jpg":   {Data: []byte("jpeg")},
			}
			_, probs, err := Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range probs.Errors() {
				got = append(got, strings.TrimPrefix(p.Error(), "content/bai-viet/"))
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", tc.src, strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// Warnings follow the same style.
func TestWarningMessages(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_site.yaml":    {Data: []byte(messagesConfig)},
		"content/bai-viet/a.md": {Data: []byte(article("date: 2019-06-14", "date: 2025-08-01"))},
	}
	_, probs, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := "content/bai-viet/a.md:5: cảnh báo: địa bàn: phường Nghĩa Lộ không còn hoặc chưa tồn tại vào ngày đăng 01/08/2025; đến hết ngày 30/06/2025; sau đó thuộc phường Nghĩa Lộ (nghia-lo-2025)"
	if probs.Error() != want {
		t.Errorf("got:\n%s\nwant:\n%s", probs.Error(), want)
	}
}

// No message carries the YAML library's English or programmers' jargon.
func TestMessagesHaveNoJargon(t *testing.T) {
	inputs := []string{
		article(`title: "Tổ hòa giải"`, `title: a: b`),
		article(`title: "Tổ hòa giải"`, `title: {a`),
		article(`title: "Tổ hòa giải"`, "title: *x"),
		article(`title: "Tổ hòa giải"`, "title: >\nfoo: [x"),
		"+++\ntitle = \"a\nx\n+++\n",
		article("date: 2019-06-14", "date: [1]"),
	}
	for _, src := range inputs {
		fsys := fstest.MapFS{
			"content/_site.yaml":    {Data: []byte(messagesConfig)},
			"content/bai-viet/a.md": {Data: []byte(src)},
		}
		_, probs, _ := Load(fsys)
		if !probs.HasErrors() {
			t.Errorf("no error for:\n%s", src)
		}
		for _, p := range probs {
			for _, bad := range []string{"yaml:", "mapping", "found", "expected", "RFC", "localities", "trường year", "slug:", "line ", "toml:"} {
				if strings.Contains(strings.ToLower(p.Msg), strings.ToLower(bad)) && !strings.Contains(p.Msg, "thêm dòng slug:") {
					t.Errorf("%q in %q (input %q)", bad, p.Msg, src)
				}
			}
		}
	}
}
