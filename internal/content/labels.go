package content

// fieldLabels are the Vietnamese names of frontmatter and _site.yaml keys,
// for messages (Problem.Error) and the web editor's form: an editor reads
// "địa bàn", not "locality".
var fieldLabels = map[string]string{
	"title":            "tiêu đề",
	"date":             "ngày đăng",
	"lastmod":          "ngày cập nhật",
	"area":             "lĩnh vực",
	"locality":         "địa bàn",
	"model":            "tên mô hình",
	"unit":             "đơn vị thực hiện",
	"subject":          "loại mô hình",
	"year":             "năm đăng ký mô hình",
	"summary":          "tóm tắt",
	"author":           "tác giả",
	"cover":            "ảnh bìa",
	"cover_alt":        "mô tả ảnh bìa",
	"tags":             "từ khóa",
	"award":            "khen thưởng",
	"contest":          "dự thi báo chí",
	"contest.round":    "đợt thi",
	"contest.outlet":   "cơ quan báo chí",
	"contest.media":    "loại hình báo chí",
	"contest.genre":    "thể loại",
	"contest.url":      "địa chỉ bản gốc",
	"contest.aired":    "ngày đăng, phát lần đầu",
	"contest.duration": "thời lượng",
	"contest.prizes":   "giải đã đạt",
	"slug":             "đường dẫn",
	"aliases":          "đường dẫn cũ",
	"draft":            "bài nháp",
	"weight":           "thứ tự",
	"menu":             "trình đơn",
	"link":             "liên kết",
	"image":            "ảnh",
	"body":             "nội dung",

	// content/_site.yaml
	"areas":                  "lĩnh vực",
	"areas.slug":             "mã lĩnh vực",
	"areas.name":             "tên lĩnh vực",
	"localities":             "địa bàn",
	"localities.slug":        "mã địa bàn",
	"localities.kind":        "loại đơn vị",
	"localities.name":        "tên địa bàn",
	"localities.aliases":     "mã khác của địa bàn",
	"localities.valid_from":  "ngày thành lập",
	"localities.valid_to":    "ngày kết thúc",
	"localities.merged_into": "sáp nhập vào",
	"contest.rounds":         "các đợt thi",
	"contest.rounds.round":   "số đợt",
	"contest.rounds.from":    "ngày bắt đầu đợt",
	"contest.rounds.to":      "ngày kết thúc đợt",
	"publisher":              "cơ quan chủ quản",
	"editor.repo":            "kho GitHub của trình soạn bài",
	"base_url":               "địa chỉ trang web",
}

// FieldLabel returns the Vietnamese name of a key ("locality" → "địa
// bàn"). A key without one (a typo such as "locallity") comes back as
// written, which is what the editor sees in the file.
func FieldLabel(key string) string {
	if l, ok := fieldLabels[key]; ok {
		return l
	}
	return key
}
