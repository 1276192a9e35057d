// Node driver for the Go tests: runs static/js/search.js outside a browser.
//   node run.js fold CASES.json            → JSON list of mismatches
//   node run.js search DIR QUERIES.json    → JSON list of top-10 doc ids
'use strict';
const fs = require('fs');
const path = require('path');
const S = require(path.resolve(__dirname, '../../../static/js/search.js'));
const [mode, a, b] = process.argv.slice(2);

async function main() {
  if (mode === 'fold') {
    const bad = [];
    for (const c of JSON.parse(fs.readFileSync(a, 'utf8'))) {
      const f = S.fold(c.in), x = S.exactKey(c.in), w = S.words(c.in);
      if (f !== c.fold) bad.push({ in: c.in, what: 'fold', want: c.fold, got: f });
      if (c.exact !== undefined && x !== c.exact) bad.push({ in: c.in, what: 'exact', want: c.exact, got: x });
      if (c.words !== undefined && JSON.stringify(w) !== JSON.stringify(c.words)) bad.push({ in: c.in, what: 'words', want: c.words, got: w });
    }
    process.stdout.write(JSON.stringify(bad));
    return;
  }
  const idx = new S.Index(a + '/tim-kiem/', (p) => Promise.resolve(JSON.parse(fs.readFileSync(p, 'utf8'))));
  await idx.open();
  const out = [];
  for (const q of JSON.parse(fs.readFileSync(b, 'utf8'))) {
    let filter = null;
    const keys = Object.keys(q.filters || {}).filter((k) => q.filters[k]);
    if (keys.length) {
      const fc = await idx.facets();
      filter = (d) => keys.every((k) => S.has(fc.f[k], d, q.filters[k]));
    }
    const rs = await idx.search(q.q, !!q.typing, filter);
    out.push(rs.slice(0, 10).map((r) => [r.doc, r.score, r.matched]));
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
