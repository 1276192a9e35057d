#!/bin/sh
# Netlify's build command (netlify.toml): `sh netlify/build.sh [danvan build flags]`.
#
# It runs `danvan build` with the flags given, from a danvan program kept in
# the deploy cache (.danvan-cache/bin, restored by netlify/plugins/danvan-cache)
# when that program was built from exactly these sources with this Go, and
# checked byte for byte; otherwise it builds danvan, keeps it there, and runs
# it. An unchanged danvan is not compiled again on every deploy.
set -eu

bin_dir=.danvan-cache/bin
bin=$bin_dir/danvan

# The key of the sources: Go's version and target, the module files, every
# file under cmd/ and internal/ (Go code and embedded files; a change to a
# test also rebuilds, which costs time, never correctness).
source_key() {
	{
		go version
		go env GOOS GOARCH CGO_ENABLED
		find go.mod go.sum cmd internal -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
	} | sha256sum | cut -d ' ' -f 1
}

key=$(source_key)
if [ -f "$bin" ] && [ "$(cat "$bin_dir/key" 2>/dev/null)" = "$key" ] &&
	(cd "$bin_dir" && sha256sum --status -c danvan.sha256 2>/dev/null); then
	echo "danvan: dùng chương trình đã dựng sẵn trong bộ đệm ($bin, cùng mã nguồn)"
else
	echo "danvan: dựng chương trình từ mã nguồn (lần đầu, hoặc mã nguồn đã đổi)…"
	mkdir -p "$bin_dir"
	rm -f "$bin" "$bin_dir/key" "$bin_dir/danvan.sha256"
	go build -o "$bin.tmp" ./cmd/danvan
	mv "$bin.tmp" "$bin"
	(cd "$bin_dir" && sha256sum danvan > danvan.sha256)
	echo "$key" > "$bin_dir/key"
fi
exec "$bin" build "$@"
