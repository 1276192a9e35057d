// Node driver for the Go tests: runs static/js/search.js outside a browser.
//   node run.js fold CASES.json            → JSON list of mismatches
//   node run.js search DIR QUERIES.json    → per query, {top, atLeast}: the visible
//                                            top 10 as [doc, score, matched, pairs,
//                                            tier, order, full], and whether the count is
//                                            a lower bound
//   node run.js format IDF.json            → FORMAT, CHAIN, idf, pair buckets, file paths
//   node run.js snippet CASES.json         → the snippet of each case
'use strict';
const fs = require('fs');
const path = require('path');
// DANVAN_CLIENT: the client as shipped (the tests set it); else the source.
const S = require(process.env.DANVAN_CLIENT || path.resolve(__dirname, '../../../static/js/search.js'));
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
  if (mode === 'format') {
    const c = JSON.parse(fs.readFileSync(a, 'utf8'));
    const idf = c.n.map((n) => Array.from({ length: n + 1 }, (_, df) => S.idf(n, df)));
    const buckets = c.pairs.map((p) => S.pairBucket(p, c.buckets));
    const hashes = c.pairs.map((p) => S.titleHash(p));
    const queries = c.queries.map((q) => S.parseQuery(q.q, q.typing));
    const paths = [], ix = new S.Index('', (p) => { paths.push(p); return Promise.resolve(null); });
    ix.m = c.manifest;
    c.paths.forEach((p) => ix.get(p.k, p.i));
    process.stdout.write(JSON.stringify({ format: S.FORMAT, chain: S.CHAIN, files: S.FILES, idf, buckets, hashes, queries, paths }));
    return;
  }
  if (mode === 'snippet') {
    const out = JSON.parse(fs.readFileSync(a, 'utf8')).map((c) => S.snippet(c.rec, c.terms, c.prefix));
    process.stdout.write(JSON.stringify(out));
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
    const all = await idx.search(q.q, !!q.typing, filter);
    out.push({ top: S.visible(all).slice(0, 10).map((r) => [r.doc, r.score, r.matched, r.pairs, r.tier, r.order, r.full ? 1 : 0]), atLeast: !!all.atLeast });
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
