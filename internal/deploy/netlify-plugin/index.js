// danvan-cache keeps, between Netlify builds, what makes the next build
// warm: danvan's cache (.danvan-cache: parsed content, rendered Markdown,
// page keys, processed images, the bleve search index and its export),
// the previous output (public), whose unchanged files danvan links instead
// of writing, once it has checked their bytes against its manifest, and
// the output before it (.public.prev), the folder danvan builds into.
//
// Before the build command, utils.cache puts both back into the fresh
// clone; after the build (and its deploy, or its failure) it takes them
// back. Both are moved, not copied: nothing reads them after the deploy,
// and a failed build leaves them valid (danvan's caches are checked and
// keyed by content; a failed build never replaces public/).
//
// netlify.toml declares this folder as a local plugin: nothing to install.

'use strict'

// Folders kept between builds, relative to the repository. The third is
// danvan's spare (.public.prev, the output before the previous one, which
// a build reuses as its work folder instead of making the output's 13,000
// folders afresh; its files are hard links to the output's where they did
// not change). A deploy of one edited article at 10,000 articles took
// 3.1–4.6 s without it and 1.8–1.9 s with it (a local warm build: 1.6 s).
const PATHS = ['.danvan-cache', 'public', '.public.prev']

module.exports = {
  async onPreBuild({ utils }) {
    for (const path of PATHS) {
      if (await utils.cache.restore(path, { move: true })) {
        console.log(`danvan-cache: đã lấy lại ${path} từ bộ đệm của lần dựng trước`)
      } else {
        console.log(`danvan-cache: chưa có ${path} trong bộ đệm (lần dựng đầu, bộ đệm đã được xóa, hoặc lần dựng trước không tạo ra nó)`)
      }
    }
  },

  async onEnd({ utils }) {
    for (const path of PATHS) {
      if (await utils.cache.save(path, { move: true })) {
        console.log(`danvan-cache: đã lưu ${path} cho lần dựng sau`)
      }
    }
  },
}
