package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"don dien doi thua"}, "/bai-viet/don-dien-doi-thua-nghia-dung/"},
		{[]string{"tinh", "khe"}, "/bai-viet/tinh-khe-camera-an-ninh/"},
		{[]string{"DA\u0302N VA\u0302\u0323N KHE\u0301O"}, "/bai-viet/dan-van-kheo-tu-phong-trao-den-nep-lam-viec/"},
		// History rule: Nghĩa An merged into An Phú.
		{[]string{"--locality", "an-phu", "hien dat lam duong"}, "/bai-viet/hien-dat-lam-duong-nghia-an/"},
	} {
		var out, errb bytes.Buffer
		args := append([]string{"search", "-s", "../..", "--json"}, c.args...)
		if code := run(context.Background(), args, &out, &errb); code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, errb.String())
		}
		var rows []struct{ URL string }
		if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
			t.Fatalf("%v: %v\n%s", c.args, err, out.String())
		}
		if len(rows) == 0 || rows[0].URL != c.want {
			t.Errorf("%v: got %+v, want %s first", c.args, rows, c.want)
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"search", "-s", "../.."}, &out, &errb); code != exitUsage {
		t.Errorf("no query: exit %d, want %d", code, exitUsage)
	}
}
