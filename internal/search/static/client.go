package static

import (
	"errors"
	"fmt"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/parse/v2"
)

// ClientSource is the browser client's path under static/.
const ClientSource = "js/search.js"

// ShipClient returns the bytes of static/js/search.js as shipped:
// minified (comments and spaces gone, local names shortened; the names of
// the top level, which the tests call, stay). The source stays commented
// for people; the phone downloads the code. The minifier is the one Hugo
// uses for --minify; the parity and browser tests run the shipped bytes.
func ShipClient(src []byte) ([]byte, error) {
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	out, err := m.Bytes("application/javascript", src)
	if err != nil {
		where := ""
		var perr *parse.Error
		if errors.As(err, &perr) {
			where, err = fmt.Sprintf(" ở dòng %d, cột %d", perr.Line, perr.Column), errors.New(perr.Message)
		}
		return nil, fmt.Errorf("mã JavaScript của ô tìm kiếm (static/%s) có lỗi cú pháp%s (%v): hãy sửa chỗ đó, hoặc lấy lại tệp này từ bản gốc của danvan", ClientSource, where, err)
	}
	return out, nil
}
