// Package content reads a site's content/ folder: the site configuration
// (content/_site.yaml), articles under content/bai-viet/ and standalone
// pages under content/trang/. It validates everything strictly and reports
// every problem with the file and line where it happened. It knows nothing
// of HTML.
package content

import "time"

// Config is content/_site.yaml: the site's metadata and its two taxonomies.
type Config struct {
	Title       string    // site title
	Description string    // one-sentence description for meta tags and feeds
	BaseURL     string    // absolute base URL with a trailing slash
	Notice      string    // short notice shown on every page (e.g. sample content)
	Publisher   Publisher // who is legally responsible for the site
	Editor      Editor    // the web editor's repository
	Areas       []Area    // the five areas of the plan, in display order
	Localities  []Locality
	Contest     Contest // press-contest settings
	File        string  // path of the config file, for messages
}

// Publisher identifies the agency behind the site (Nghị định 42/2022/NĐ-CP).
type Publisher struct {
	Name        string // agency name
	Address     string // postal address
	Phone       string // contact phone
	Email       string // contact e-mail
	Responsible string // person responsible for content
	License     string // licence or permit line, if any
}

// Editor is where the web editor (/quan-tri/) saves: a GitHub repository
// and its published branch.
type Editor struct {
	Repo   string // owner/name on GitHub; "" until the site's admin sets it
	Branch string // the branch Netlify publishes, "main" by default
}

// Area is a field of work (lĩnh vực) from plan 01/KH-UBND.
type Area struct {
	Slug        string // URL segment, e.g. "kinh-te"
	Name        string // full name, e.g. "Kinh tế"
	Short       string // short label for tables
	Description string // one paragraph for the area page
}

// Locality kinds.
const (
	KindPhuong   = "phuong"
	KindXa       = "xa"
	KindThanhPho = "thanh-pho"
)

// MaxMergeChain is the longest merge history a unit may have, the unit
// itself included (Nghĩa An → An Phú → … ). Validation rejects a longer
// chain and a cycle, so every walk up a history stops at this bound without
// losing a unit: site.Locality.Chain, the static search index's locality
// filter (search.StaticIndex) and its mirror in static/js/search.js.
const MaxMergeChain = 16

// Locality is a ward, commune or the city level (địa bàn), with its history.
type Locality struct {
	Slug       string     // URL segment, e.g. "nghia-dung"
	Kind       string     // phuong | xa | thanh-pho
	Name       string     // bare name, e.g. "Nghĩa Dũng"
	Aliases    []string   // other slugs an article may use
	ValidFrom  *time.Time // first day the unit existed, if known
	ValidTo    *time.Time // last day the unit existed, if it was merged
	MergedInto string     // slug of the successor unit
	Note       string     // editorial note shown on the locality page
	Line       int        // line in _site.yaml, for messages
	Lines      FieldLines // line of each key in _site.yaml
}

// Contest holds the press-contest rounds.
type Contest struct {
	Name   string  // name of the contest
	Rounds []Round // rounds, oldest first
}

// Round is one yearly round of the press contest.
type Round struct {
	Round int       // round number, usually the year
	Name  string    // display name
	From  time.Time // first publication date accepted
	To    time.Time // last publication date accepted
	Line  int       // line in _site.yaml
}

// Subjects of an article.
const (
	SubjectCollective = "tap-the" // mô hình tập thể
	SubjectIndividual = "ca-nhan" // tấm gương cá nhân
)

// Awards.
const (
	AwardCity     = "giay-khen" // Giấy khen of the city
	AwardProvince = "bang-khen" // Bằng khen of the province
)

// Article is one Markdown article with validated frontmatter.
type Article struct {
	Slug       string    // URL segment, from the file name or `slug:`
	Title      string    // required
	Date       time.Time // required publication date
	Area       string    // area slug (validated)
	Locality   string    // canonical locality slug (aliases resolved)
	Model      string    // name of the model (tên mô hình)
	Unit       string    // unit that built it
	Subject    string    // tap-the | ca-nhan, or empty
	Year       int       // year the model was registered, 0 if unknown
	Summary    string    // given or derived from the body
	Author     string    // author's name
	Cover      string    // cover image path as written
	CoverAlt   string    // alt text of the cover
	Tags       []string  // free tags
	Award      string    // giay-khen | bang-khen, or empty
	Contest    *Entry    // press-contest entry, or nil
	Aliases    []string  // old URLs that redirect here, each a safe site path (CheckSitePath)
	AliasLines []int     // line of each alias in the file
	Draft      bool      // drafts are built only with --drafts
	LastMod    time.Time // lastmod: the day the editor says it was updated, or zero
	Modified   time.Time // "last updated" (SetModified): after publication only, else zero
	Invalid    bool      // the file has errors of its own: kept so links to it resolve, never published
	Body       []byte    // Markdown body, NFC, LF line endings; nil when Unread, or once build has rendered it (releaseSources)
	Unread     *Unread   // set instead of Body when the load did not read the file (Cache.KnownSums)
	BodyLine   int       // file line where the body starts
	Path       string    // path relative to the site root, slash-separated
	Dir        string    // folder of a page bundle, or "" for a single file
	Resources  []string  // files of a bundle besides index.md (subfolders too), relative names
	Lines      FieldLines
}

// FieldLines maps a frontmatter key to its line in the file, for messages
// reported after loading (unknown links, images…).
type FieldLines map[string]int

// Entry is a press-contest entry.
type Entry struct {
	Round    int        // contest round (year)
	Outlet   string     // where it was published or aired
	Media    string     // bao-in | bao-dien-tu | phat-thanh | truyen-hinh
	Genre    string     // phong-su | ky-su | ghi-chep | ...
	URL      string     // original publication, if elsewhere
	Aired    *time.Time // first publication or broadcast date
	Duration string     // radio/TV duration, e.g. "12:30"
	Prizes   []string   // prizes already won elsewhere
}

// Page is a standalone page under content/trang/.
type Page struct {
	Slug     string    // URL segment
	Title    string    // required
	Summary  string    // meta description
	Date     time.Time // optional
	Draft    bool      // built only with --drafts
	Weight   int       // order in menus
	Menu     bool      // listed in the main menu
	Body     []byte    // Markdown
	BodyLine int       // first body line in the file
	Path     string    // relative path
	Lines    FieldLines
}

// Media kinds of a contest entry.
var mediaNames = map[string]string{
	"bao-in":      "Báo in",
	"bao-dien-tu": "Báo điện tử",
	"phat-thanh":  "Phát thanh",
	"truyen-hinh": "Truyền hình",
}

// Genres of a contest entry.
var genreNames = map[string]string{
	"phong-su":      "Phóng sự",
	"ky-su":         "Ký sự",
	"ghi-chep":      "Ghi chép",
	"phan-anh":      "Phản ánh",
	"binh-luan":     "Bình luận",
	"tin":           "Tin",
	"phim-tai-lieu": "Phim tài liệu",
	"anh":           "Ảnh",
}

var subjectNames = map[string]string{
	SubjectCollective: "Mô hình tập thể",
	SubjectIndividual: "Tấm gương cá nhân",
}

var awardNames = map[string]string{
	AwardCity:     "Giấy khen của UBND thành phố",
	AwardProvince: "Bằng khen của UBND tỉnh",
}

var kindNames = map[string]string{
	KindPhuong:   "phường",
	KindXa:       "xã",
	KindThanhPho: "thành phố",
}

// MediaName returns the Vietnamese label of a media slug.
func MediaName(s string) string { return mediaNames[s] }

// GenreName returns the Vietnamese label of a genre slug.
func GenreName(s string) string { return genreNames[s] }

// SubjectName returns the Vietnamese label of a subject slug.
func SubjectName(s string) string { return subjectNames[s] }

// AwardName returns the Vietnamese label of an award slug.
func AwardName(s string) string { return awardNames[s] }

// KindName returns "phường", "xã" or "thành phố".
func KindName(s string) string { return kindNames[s] }

// FullName is the unit's name with its kind, e.g. "xã Nghĩa Dũng".
func (l Locality) FullName() string {
	if l.Kind == KindThanhPho {
		return l.Name
	}
	return kindNames[l.Kind] + " " + l.Name
}
