package content

import (
	"path"
	"strings"
)

// A file beside an article's index.md is published, under the article's
// address, when the body links to it or shows it. Published that way it
// is a file of the site's own origin: an HTML page or a script there would
// pass the site's Content-Security-Policy ('self') and could act as the
// site. So only passive types are published, and active ones may not sit
// in a bundle at all.

// passiveTypes are the extensions a bundle file may be published with.
// SVG is a drawing that can hold a script: it is published, and every
// .svg is sent with a policy that runs nothing (netlify.toml, "/*.svg";
// host.SVGPolicy for the preview).
var passiveTypes = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true,
	".pdf": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true,
	".mp3": true, ".m4a": true, ".aac": true, ".ogg": true, ".oga": true, ".opus": true, ".wav": true, ".flac": true,
	".mp4": true, ".m4v": true, ".webm": true, ".ogv": true, ".mov": true,
	".txt": true, ".csv": true,
}

// activeTypes are extensions a browser runs or renders as a page (or that
// hide one: compressed SVG, XML with a stylesheet): an error in a bundle,
// linked or not.
var activeTypes = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".shtml": true,
	".js": true, ".mjs": true, ".cjs": true, ".wasm": true,
	".xml": true, ".xsl": true, ".xslt": true, ".svgz": true,
	".swf": true, ".php": true, ".css": true,
}

// PassiveTypes words the allowed types for messages.
const PassiveTypes = "ảnh .jpg .png .gif .webp .avif .svg, tài liệu .pdf .docx .xlsx .pptx .odt .ods .odp (và .doc .xls .ppt), âm thanh .mp3 .m4a .ogg .wav, video .mp4 .webm .mov, văn bản .txt .csv"

// Publishable reports whether a bundle file of this name may be published.
func Publishable(name string) bool { return passiveTypes[strings.ToLower(path.Ext(name))] }

// checkBundle reports the active files of a bundle, each on its own path.
func checkBundle(f articleFile, probs *Problems) {
	for _, name := range f.resources {
		if ext := strings.ToLower(path.Ext(name)); activeTypes[ext] {
			reporter{file: path.Join(f.bundle, name), list: probs}.errorf(0, "", "tệp %s không được đặt cạnh bài: trang web hay mã (%s) nằm ở đây sẽ chạy như một phần của trang; hãy xóa tệp này (được phép cạnh bài: %s)", name, ext, PassiveTypes)
		}
	}
}
