// Runs one event of a Netlify build plugin as Netlify Build does, with a
// utils.cache that behaves like @netlify/cache-utils on a cache folder
// (restore replaces the local copy, save replaces the cached one; both
// copy, or move with {move: true}; copies get new inodes and times). Used
// by the simulated deploys of deploy_test.go; Netlify itself cannot run in
// a test.
//
//   node netlify-plugin.js <plugin folder> <event> <cache folder>
// (run in the repository folder, as Netlify Build does)

'use strict'

const fs = require('node:fs')
const path = require('node:path')

const [pluginDir, event, cacheDir] = process.argv.slice(2)

function each(paths, one) {
  return Array.isArray(paths) ? paths.map(one).some(Boolean) : one(paths)
}

const cache = {
  async restore(paths, opts = {}) {
    return each(paths, (p) => {
      const cached = path.join(cacheDir, p)
      if (!fs.existsSync(cached)) return false
      fs.rmSync(p, { recursive: true, force: true })
      if (opts.move) {
        fs.renameSync(cached, p)
      } else {
        fs.cpSync(cached, p, { recursive: true })
      }
      return true
    })
  },
  async save(paths, opts = {}) {
    return each(paths, (p) => {
      if (!fs.existsSync(p)) return false
      const cached = path.join(cacheDir, p)
      fs.rmSync(cached, { recursive: true, force: true })
      fs.mkdirSync(path.dirname(cached), { recursive: true })
      if (opts.move) {
        fs.renameSync(p, cached)
      } else {
        fs.cpSync(p, cached, { recursive: true })
      }
      return true
    })
  },
}

const plugin = require(path.resolve(pluginDir, 'index.js'))
if (typeof plugin[event] !== 'function') {
  console.error(`plugin has no ${event}`)
  process.exit(2)
}
plugin[event]({ utils: { cache } }).catch((err) => {
  console.error(err)
  process.exit(1)
})
