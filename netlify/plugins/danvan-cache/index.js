// danvan-cache keeps, between Netlify builds, what makes the next build
// warm: danvan's cache (.danvan-cache: parsed content, rendered Markdown,
// page keys, processed images, the bleve search index and export, the
// danvan program itself) and the previous output (public), whose unchanged
// files danvan links instead of writing once it has checked their bytes.
// utils.cache restores into a fresh clone before the build command and
// saves after a successful build; a failed build leaves the cache as it was.

'use strict'

// Folders kept between builds, relative to the repository.
const PATHS = ['.danvan-cache', 'public']

module.exports = {
  async onPreBuild({ utils }) {
    for (const path of PATHS) {
      if (await utils.cache.restore(path)) {
        console.log(`danvan-cache: đã lấy lại ${path} từ bộ đệm của lần dựng trước`)
      } else {
        console.log(`danvan-cache: chưa có ${path} trong bộ đệm (lần dựng đầu, hoặc bộ đệm đã được xóa)`)
      }
    }
  },

  async onPostBuild({ utils }) {
    // The cache folder is not published: move it (fast). The output is
    // deployed after this step: copy it.
    await utils.cache.save('.danvan-cache', { move: true })
    await utils.cache.save('public')
    console.log(`danvan-cache: đã lưu ${PATHS.join(', ')} cho lần dựng sau`)
  },
}
